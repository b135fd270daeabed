// The factor-guarantee ledger (要素保障台账) on a real store: a report's blocker opens an item once
// per project and factor, the item walks the service loop on the working calendar, and the scope
// rules hold as an attacker would probe them. Runs on SQLite and PostgreSQL (store_neutral).
#include "app/project_factors.h"

#include <gtest/gtest.h>

#include "app/projects.h"
#include "app/users.h"
#include "core/clock.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast::app {
namespace {

using projects::Factor;
using projects::MonthlyReport;

// 郑州 (410100: 410102 中原区) and 洛阳 (410300: 410302 老城区).
constexpr const char* kRegister =
    "项目编号,项目名称,投资主体,所在地区,所属行业,总投资（万元）,年度计划投资（万元）,"
    "计划签约日期,计划开工日期,签约日期,开工日期,责任单位\n"
    "ZZ-1,郑州新材料,甲公司,410102,2611,150000,40000,2025-01-10,2025-03-15,2025-01-12,2025-03-20,"
    "郑州市发改委\n"
    "LY-1,洛阳轴承,丙公司,410302,3451,60000,10000,2025-01-05,2025-03-01,2025-01-06,2025-03-02,"
    "洛阳市发改委\n";

FactorFilter OpenOnly() {
  FactorFilter f;
  f.open_only = true;
  return f;
}
FactorFilter OverdueOnly() {
  FactorFilter f;
  f.overdue_only = true;
  return f;
}
FactorFilter InRegion(const std::string& region) {
  FactorFilter f;
  f.region = region;
  return f;
}

class ProjectFactorsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Friday 2025-06-20, noon in Beijing.
    clock_ = std::make_unique<FixedClock>(*ParseUtc("2025-06-20T04:00:00Z"));
    auto b = Ballast::Create(db_.locator(), OpenOptions{clock_.get(), ""});
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    b_ = std::move(b).value();
    ASSERT_OK(ImportProjects(*b_, province_, kRegister, "register.csv").status());
    auto all = ListProjects(*b_, province_, {});
    ASSERT_OK(all.status());
    for (const auto& p : *all) id_[p.code] = p.id;
  }
  // A May report of `code` naming a land blocker for `unit` due 2025-07-04.
  Result<MonthlyReport> ReportLand(const std::string& code, const Caller& c,
                                   const std::string& unit, int month = 5) {
    MonthlyReport r;
    r.project_id = id_[code];
    r.month = MakePeriod(2025, month);
    r.investment = 100;
    r.blockers = {{Factor::kLand, unit, "2025-07-04", "建设用地指标未下达"}};
    return ReportMonth(*b_, c, r);
  }
  Result<FactorRow> Step(const Caller& c, const FactorRow& row, const std::string& action,
                         const std::string& reason = "", const std::string& unit = "") {
    FactorStepRequest r;
    r.id = row.item.id;
    r.version = row.item.version;
    r.action = action;
    r.reason = reason;
    r.unit = unit;
    r.reply = "指标已下达";
    return StepFactorItem(*b_, c, r);
  }
  ::ballast::testing::TestStore db_;
  std::unique_ptr<FixedClock> clock_;
  std::unique_ptr<Ballast> b_;
  std::map<std::string, int64_t> id_;
  Caller province_{"prov", auth::Role::kDispatcher, "", "", "410000"};
  Caller zz_{"zz", auth::Role::kDispatcher, "", "", "410100"};
  Caller ly_{"ly", auth::Role::kDispatcher, "", "", "410300"};
  Caller zz_viewer_{"zzv", auth::Role::kViewer, "", "", "410100"};
  Caller land_{"zr", auth::Role::kHandler, "", "郑州市自然资源局", "410100"};
  Caller other_unit_{"fg", auth::Role::kHandler, "", "郑州市发改委", "410100"};
  Caller ly_land_{"lyzr", auth::Role::kHandler, "", "郑州市自然资源局", "410300"};
  Caller ent_{"ent", auth::Role::kEnterprise, "91310110666007217T", "", "410100"};
};

TEST_F(ProjectFactorsTest, ABlockerOpensOneItemPerProjectAndFactorWhileOpen) {
  ASSERT_OK(ReportLand("ZZ-1", zz_, "郑州市自然资源局").status());
  auto items = ListFactorItems(*b_, zz_, {});
  ASSERT_OK(items.status());
  ASSERT_EQ(items->size(), 1u);
  const FactorRow& row = (*items)[0];
  EXPECT_EQ(row.item.state, "accepted");
  EXPECT_EQ(row.item.unit, "郑州市自然资源局");
  EXPECT_EQ(row.item.source, "report:2025-05");
  EXPECT_EQ(row.item.description, "建设用地指标未下达");
  // Working days after Fri 06-20 up to 07-04: 06-23…06-27 and 06-30…07-04 = 10.
  EXPECT_EQ(row.item.days, 10);
  EXPECT_EQ(row.project_code, "ZZ-1");
  EXPECT_EQ(row.actions, (std::vector<std::string>{"decline", "dispatch"}));
  // A correction of May and June's report name land again: still one item.
  ASSERT_OK(ReportLand("ZZ-1", zz_, "郑州市自然资源局").status());
  ASSERT_OK(ReportLand("ZZ-1", other_unit_, "郑州市自然资源局", 6).status());
  EXPECT_EQ(ListFactorItems(*b_, zz_, {})->size(), 1u);
  // By hand too: AlreadyExists while open.
  NewFactorItem n{id_["ZZ-1"], "用地", "再报一次", "郑州市自然资源局", 5};
  EXPECT_EQ(OpenFactorItem(*b_, zz_, n).status().code(), StatusCode::kAlreadyExists);
  n.factor = "energy";
  ASSERT_OK(OpenFactorItem(*b_, zz_, n).status());
  EXPECT_EQ(ListFactorItems(*b_, zz_, {})->size(), 2u);
}

TEST_F(ProjectFactorsTest, TheServiceLoopWithItsCalendar) {
  ASSERT_OK(ReportLand("ZZ-1", zz_, "郑州市自然资源局").status());
  FactorRow row = (*ListFactorItems(*b_, zz_, {}))[0];
  ASSERT_OK_AND_ASSIGN(row, Step(zz_, row, "dispatch"));
  EXPECT_EQ(row.item.state, "dispatched");
  EXPECT_EQ(row.item.due, "2025-07-04");           // 10 working days after Fri 06-20
  EXPECT_EQ(row.item.response_due, "2025-06-23");  // 1 working day: Monday
  EXPECT_FALSE(row.overdue);
  // The unit's handler answers; the item closes at once (no rating window).
  ASSERT_OK_AND_ASSIGN(row, Step(land_, row, "start"));
  EXPECT_EQ(Step(land_, row, "close").status().code(), StatusCode::kFailedPrecondition);
  ASSERT_OK_AND_ASSIGN(row, Step(land_, row, "reply"));
  EXPECT_EQ(row.item.state, "replied");
  EXPECT_EQ(Step(land_, row, "close").status().code(), StatusCode::kPermissionDenied);
  ASSERT_OK_AND_ASSIGN(row, Step(zz_, row, "close"));
  EXPECT_EQ(row.item.state, "closed");
  EXPECT_FALSE(row.item.open);
  ASSERT_OK_AND_ASSIGN(auto view, GetFactorItem(*b_, zz_, row.item.id));
  std::vector<std::string> steps;
  for (const auto& e : view.history) steps.push_back(e.action);
  EXPECT_EQ(steps, (std::vector<std::string>{"open", "dispatch", "start", "reply", "close"}));
  EXPECT_EQ(view.history[3].body, "指标已下达");
  EXPECT_EQ(view.history[3].actor, "zr");
  // Closed, the next report's land blocker opens a new item.
  ASSERT_OK(ReportLand("ZZ-1", zz_, "郑州市自然资源局", 6).status());
  EXPECT_EQ(ListFactorItems(*b_, zz_, {})->size(), 2u);
  EXPECT_EQ(ListFactorItems(*b_, zz_, OpenOnly())->size(), 1u);
  // A stale version is refused.
  EXPECT_EQ(Step(zz_, row, "close").status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(ProjectFactorsTest, AnItemPastItsDeadlineIsOverdue) {
  ASSERT_OK(ReportLand("ZZ-1", zz_, "郑州市自然资源局").status());
  FactorRow row = (*ListFactorItems(*b_, zz_, {}))[0];
  ASSERT_OK_AND_ASSIGN(row, Step(zz_, row, "dispatch"));
  clock_ = std::make_unique<FixedClock>(*ParseUtc("2025-07-07T04:00:00Z"));  // Mon after 07-04
  auto b = Ballast::Open(db_.locator(), OpenOptions{clock_.get(), ""});
  ASSERT_OK(b.status());
  auto items = ListFactorItems(**b, zz_, OverdueOnly());
  ASSERT_OK(items.status());
  ASSERT_EQ(items->size(), 1u);
  EXPECT_TRUE((*items)[0].overdue);
}

TEST_F(ProjectFactorsTest, AUnitActsOnlyOnItsOwnItemsAndACitySeesOnlyItsOwn) {
  ASSERT_OK(ReportLand("ZZ-1", zz_, "郑州市自然资源局").status());
  ASSERT_OK(ReportLand("LY-1", ly_, "洛阳市自然资源局").status());
  FactorRow zz_row = (*ListFactorItems(*b_, zz_, {}))[0];
  ASSERT_OK_AND_ASSIGN(zz_row, Step(zz_, zz_row, "dispatch"));
  // Another unit of the same city: neither sees nor acts (NotFound like an unknown id).
  EXPECT_TRUE(ListFactorItems(*b_, other_unit_, {})->empty());
  EXPECT_EQ(Step(other_unit_, zz_row, "start").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(GetFactorItem(*b_, other_unit_, zz_row.item.id).status().code(), StatusCode::kNotFound);
  // A handler of a unit of the same name in another city: its scope does not cover 郑州.
  EXPECT_EQ(Step(ly_land_, zz_row, "start").status().code(), StatusCode::kNotFound);
  // The unit acts, but not as the dispatcher.
  EXPECT_EQ(Step(land_, zz_row, "reassign", "不属本单位", "别的局").status().code(),
            StatusCode::kPermissionDenied);
  // 洛阳 sees its own item only; 郑州's answers NotFound, and a 郑州 list is refused.
  auto ly_items = ListFactorItems(*b_, ly_, {});
  ASSERT_EQ(ly_items->size(), 1u);
  EXPECT_EQ((*ly_items)[0].project_code, "LY-1");
  EXPECT_EQ(GetFactorItem(*b_, ly_, zz_row.item.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Step(ly_, zz_row, "reassign", "x", "y").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(ListFactorItems(*b_, ly_, InRegion("410100")).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(OpenFactorItem(*b_, ly_, {id_["ZZ-1"], "eia", "环评", "生态环境局", 5}).status().code(),
            StatusCode::kNotFound);
  // A viewer reads and may not act; an enterprise has no ledger.
  ASSERT_EQ(ListFactorItems(*b_, zz_viewer_, {})->size(), 1u);
  EXPECT_TRUE((*ListFactorItems(*b_, zz_viewer_, {}))[0].actions.empty());
  EXPECT_EQ(Step(zz_viewer_, zz_row, "start").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(ListFactorItems(*b_, ent_, {}).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(OpenFactorItem(*b_, zz_viewer_, {id_["ZZ-1"], "eia", "环评", "生态环境局", 5})
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  // The province sees both.
  EXPECT_EQ(ListFactorItems(*b_, province_, {})->size(), 2u);
}

TEST_F(ProjectFactorsTest, BadInputNamesTheField) {
  NewFactorItem n{id_["ZZ-1"], "water", "d", "u", 5};
  auto r = OpenFactorItem(*b_, zz_, n);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("factor"), std::string::npos);
  n.factor = "land";
  n.days = 0;
  EXPECT_NE(OpenFactorItem(*b_, zz_, n).status().message().find("days"), std::string::npos);
  n.days = 5;
  n.description = "";
  EXPECT_NE(OpenFactorItem(*b_, zz_, n).status().message().find("description"), std::string::npos);
  n.description = "d";
  ASSERT_OK_AND_ASSIGN(auto row, OpenFactorItem(*b_, zz_, n));
  EXPECT_EQ(Step(zz_, row, "rate").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Step(zz_, row, "fly").status().code(), StatusCode::kInvalidArgument);
}

// Project writes reach the audit chain (item 3), which still verifies.
TEST_F(ProjectFactorsTest, ProjectWritesAreAudited) {
  ASSERT_OK(ReportLand("ZZ-1", zz_, "郑州市自然资源局").status());
  FactorRow row = (*ListFactorItems(*b_, zz_, {}))[0];
  ASSERT_OK_AND_ASSIGN(row, Step(zz_, row, "dispatch"));
  auto p = *GetProject(*b_, zz_, id_["ZZ-1"]);
  p.name = "郑州新材料二期";
  ASSERT_OK(UpdateProject(*b_, zz_, p).status());
  ASSERT_OK_AND_ASSIGN(auto log, b_->auth().ListAudit(0, 1000));
  std::map<std::string, std::string> seen;  // action → actor
  for (const auto& e : log) seen[e.action] = e.actor + "|" + e.target + "|" + e.detail;
  ASSERT_TRUE(seen.count("project.import"));
  EXPECT_EQ(seen["project.import"], "prov|register.csv|2 created, 0 updated");
  ASSERT_TRUE(seen.count("project.report"));
  EXPECT_EQ(seen["project.report"], "zz|" + std::to_string(id_["ZZ-1"]) + "|2025-05 version 1; " +
                                        "opened factor item " + std::to_string(row.item.id) +
                                        " (land)");
  ASSERT_TRUE(seen.count("project.edit"));
  EXPECT_EQ(seen["project.edit"], "zz|" + std::to_string(id_["ZZ-1"]) + "|ZZ-1 version 2");
  ASSERT_TRUE(seen.count("project.factor.dispatch"));
  EXPECT_EQ(seen["project.factor.dispatch"],
            "zz|" + std::to_string(row.item.id) + "|accepted → dispatched (郑州市自然资源局)");
  EXPECT_OK(b_->auth().VerifyAudit());
}

}  // namespace
}  // namespace ballast::app
