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

projects::FactorItem Item(int64_t project_id, Factor f, const std::string& unit) {
  projects::FactorItem i;
  i.project_id = project_id;
  i.factor = f;
  i.description = "用地指标未到位";
  i.unit = unit;
  i.days = 10;
  i.source = "manual";
  i.opened_by = "alice";
  i.opened_at = "2025-04-01T01:00:00Z";
  i.state = "accepted";
  i.updated_at = i.opened_at;
  return i;
}

TEST_F(ProjectStoreTest, FactorItemsOneOpenPerProjectAndFactor) {
  auto saved = store_->SaveProjects({Make("A")});
  ASSERT_TRUE(saved.ok());
  const int64_t pid = (*saved)[0].id;
  auto first = Item(pid, Factor::kLand, "市自然资源局");
  auto opened = store_->OpenFactorItem(first, projects::OpenEvent(first));
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_GT(opened->id, 0);
  EXPECT_EQ(opened->version, 1);
  // A second open land item of the same project is refused; energy is another factor.
  auto again = Item(pid, Factor::kLand, "县自然资源局");
  EXPECT_EQ(store_->OpenFactorItem(again, projects::OpenEvent(again)).status().code(),
            StatusCode::kAlreadyExists);
  auto energy = Item(pid, Factor::kEnergy, "市发改委");
  ASSERT_TRUE(store_->OpenFactorItem(energy, projects::OpenEvent(energy)).ok());
  // Steps: a stale version writes nothing; a current one bumps it and logs the event.
  projects::FactorItem f = *opened;
  f.state = "dispatched";
  f.due = "2025-04-15";
  projects::FactorEvent e;
  e.at = "2025-04-01T02:00:00Z";
  e.actor = "bob";
  e.action = "dispatch";
  e.from_state = "accepted";
  e.to_state = "dispatched";
  auto stepped = store_->UpdateFactorItem(f, 1, e);
  ASSERT_TRUE(stepped.ok()) << stepped.status().ToString();
  EXPECT_EQ(stepped->version, 2);
  EXPECT_EQ(store_->UpdateFactorItem(f, 1, e).status().code(), StatusCode::kFailedPrecondition);
  auto back = store_->GetFactorItem(f.id);
  ASSERT_TRUE(back.ok() && back->has_value());
  EXPECT_EQ((*back)->state, "dispatched");
  EXPECT_EQ((*back)->due, "2025-04-15");
  EXPECT_EQ((*back)->factor, Factor::kLand);
  EXPECT_EQ((*back)->days, 10);
  auto events = store_->ListFactorEvents(f.id);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].action, "open");
  EXPECT_EQ((*events)[1].action, "dispatch");
  EXPECT_EQ((*events)[1].actor, "bob");
  // Closed, the item no longer blocks a new one of the same factor.
  f = **back;
  f.state = "closed";
  f.open = false;
  e.action = "close";
  ASSERT_TRUE(store_->UpdateFactorItem(f, 2, e).ok());
  EXPECT_TRUE(store_->OpenFactorItem(again, projects::OpenEvent(again)).ok());
  EXPECT_EQ(store_->ListFactorItems(pid)->size(), 3u);
  EXPECT_EQ(store_->ListFactorItems(0)->size(), 3u);
  EXPECT_EQ(store_->ListFactorItems(pid + 1)->size(), 0u);
}

TEST_F(ProjectStoreTest, AReportOpensItemsOncePerOpenFactor) {
  auto saved = store_->SaveProjects({Make("A")});
  ASSERT_TRUE(saved.ok());
  const int64_t pid = (*saved)[0].id;
  MonthlyReport r;
  r.project_id = pid;
  r.month = MakePeriod(2025, 3);
  r.reported_by = "bob";
  r.reported_at = "2025-04-02T01:00:00Z";
  std::vector<projects::FactorItem> items = {Item(pid, Factor::kLand, "市自然资源局"),
                                             Item(pid, Factor::kFunds, "某银行")};
  ASSERT_TRUE(store_->AddReport(r, std::nullopt, &items).ok());
  ASSERT_EQ(items.size(), 2u);
  EXPECT_GT(items[0].id, 0);
  // The next month names land again and labour: only labour is new.
  r.month = MakePeriod(2025, 4);
  items = {Item(pid, Factor::kLand, "市自然资源局"), Item(pid, Factor::kLabour, "人社局")};
  ASSERT_TRUE(store_->AddReport(r, std::nullopt, &items).ok());
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].factor, Factor::kLabour);
  EXPECT_EQ(store_->ListFactorItems(pid)->size(), 3u);
  // A report that fails (stale project) opens nothing.
  Project p = (*saved)[0];
  p.name = "x";
  ASSERT_TRUE(store_->SaveProjects({p}).ok());
  items = {Item(pid, Factor::kEia, "生态环境局")};
  EXPECT_FALSE(store_->AddReport(r, p, &items).ok());
  EXPECT_EQ(store_->ListFactorItems(pid)->size(), 3u);
}

}  // namespace
}  // namespace ballast
