// The project store's contract, run on SQLite and again on PostgreSQL (scripts/pg-test.sh).
#include <gtest/gtest.h>

#include "store/open.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast {
namespace {

using projects::Blocker;
using projects::Factor;
using projects::MonthlyReport;
using projects::Project;
using projects::Stage;

class ProjectStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto main = CreateStore(db_.locator(), {"code,name\n", "code,name\n", "code\n"});
    ASSERT_TRUE(main.ok()) << main.status().ToString();
    main_ = std::move(main).value();
    auto s = OpenProjectStore(db_.locator());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }
  static Project Make(const std::string& code) {
    Project p;
    p.code = code;
    p.name = "项目" + code;
    p.region = "410102";
    p.investor_name = "甲";
    p.total_investment = 12345.5;
    p.annual_plan = 3000;
    p.planned = {"2025-01-01", "2025-03-01", "2025-12-01", "2026-06-01"};
    p.actual = {"2025-01-05", "", "", ""};
    p.leader_city = "张三";
    p.unit = "市发改委";
    p.wl_factors = true;
    p.main_bank = "中国银行";
    p.updated_by = "alice";
    p.updated_at = "2025-01-05T00:00:00Z";
    return p;
  }
  ::ballast::testing::TestStore db_;
  std::unique_ptr<Store> main_;
  std::unique_ptr<ProjectStore> store_;
};

TEST_F(ProjectStoreTest, SaveRoundTripsEveryField) {
  auto saved = store_->SaveProjects({Make("A"), Make("B")});
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  ASSERT_EQ(saved->size(), 2u);
  EXPECT_GT((*saved)[0].id, 0);
  EXPECT_EQ((*saved)[0].version, 1);
  auto got = store_->GetProject((*saved)[1].id);
  ASSERT_TRUE(got.ok() && got->has_value());
  const Project& p = **got;
  EXPECT_EQ(p.code, "B");
  EXPECT_EQ(p.name, "项目B");
  EXPECT_DOUBLE_EQ(p.total_investment, 12345.5);
  EXPECT_EQ(p.planned[3], "2026-06-01");
  EXPECT_EQ(p.actual[0], "2025-01-05");
  EXPECT_EQ(p.actual[1], "");
  EXPECT_TRUE(p.wl_factors);
  EXPECT_FALSE(p.wl_finance);
  EXPECT_EQ(p.main_bank, "中国银行");
  EXPECT_EQ(p.leader_city, "张三");
  EXPECT_EQ(store_->ListProjects()->size(), 2u);
  auto none = store_->GetProject(999);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TEST_F(ProjectStoreTest, DuplicateCodeWritesNothing) {
  auto r = store_->SaveProjects({Make("A"), Make("A")});
  EXPECT_EQ(r.status().code(), StatusCode::kAlreadyExists);
  EXPECT_TRUE(store_->ListProjects()->empty());
}

TEST_F(ProjectStoreTest, StaleVersionIsRefused) {
  auto saved = store_->SaveProjects({Make("A")});
  ASSERT_TRUE(saved.ok());
  Project p = (*saved)[0];
  p.name = "改名";
  auto v2 = store_->SaveProjects({p});
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ((*v2)[0].version, 2);
  p.name = "又改";  // still version 1
  auto stale = store_->SaveProjects({p});
  EXPECT_EQ(stale.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ((*store_->GetProject(p.id))->name, "改名");
}

TEST_F(ProjectStoreTest, ReportsAreVersionedAndKeepTheirHistory) {
  auto saved = store_->SaveProjects({Make("A")});
  ASSERT_TRUE(saved.ok());
  MonthlyReport r;
  r.project_id = (*saved)[0].id;
  r.month = MakePeriod(2025, 3);
  r.investment = 100;
  r.stage = Stage::kStarted;
  r.stage_date = "2025-03-08";
  r.documents = {"开工照片.jpg", "施工许可证.pdf"};
  r.blockers = {{Factor::kLand, "市自然资源局", "2025-04-30", "指标未到位"},
                {Factor::kFunds, "某银行", "2025-05-31", ""}};
  r.reported_by = "bob";
  r.reported_at = "2025-04-02T01:00:00Z";
  Project p = (*saved)[0];
  p.actual[1] = "2025-03-08";
  auto first = store_->AddReport(r, p);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->version, 1);
  EXPECT_EQ((*store_->GetProject(p.id))->actual[1], "2025-03-08");
  r.investment = 120;  // a correction
  auto second = store_->AddReport(r, std::nullopt);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->version, 2);
  auto all = store_->ListReports(p.id);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_DOUBLE_EQ((*all)[0].investment, 100);
  EXPECT_DOUBLE_EQ((*all)[1].investment, 120);
  const auto& back = (*all)[0];
  EXPECT_EQ(back.month, MakePeriod(2025, 3));
  EXPECT_EQ(back.stage, Stage::kStarted);
  EXPECT_EQ(back.documents.size(), 2u);
  ASSERT_EQ(back.blockers.size(), 2u);
  EXPECT_EQ(back.blockers[0].factor, Factor::kLand);
  EXPECT_EQ(back.blockers[0].note, "指标未到位");
  EXPECT_EQ(back.blockers[1].unit, "某银行");
  EXPECT_EQ(back.reported_by, "bob");
  // A report whose project update is stale writes neither.
  r.investment = 1;
  auto stale = store_->AddReport(r, p);  // p still holds version 1
  EXPECT_EQ(stale.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->ListReports(0)->size(), 2u);
}

}  // namespace
}  // namespace ballast
