// The project use cases on a real store (SQLite, and PostgreSQL in scripts/pg-test.sh): scope
// rules tested as an attacker would try them, the monthly loop and the rates over the store.
#include "app/projects.h"

#include <gtest/gtest.h>

#include "core/clock.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast::app {
namespace {

using projects::Factor;
using projects::MonthlyReport;
using projects::Project;
using projects::Stage;

// 郑州 (410100: 410102 中原区) and 洛阳 (410300: 410302 老城区).
constexpr const char* kRegister =
    "项目编号,项目名称,投资主体,投资主体统一社会信用代码,所在地区,所属行业,总投资（万元）,"
    "年度计划投资（万元）,"
    "计划签约日期,计划开工日期,签约日期,责任单位,市级分包领导\n"
    "ZZ-1,郑州新材料,甲公司,91310110666007217T,410102,2611,150000,40000,2025-01-10,2025-04-15,2025-"
    "01-12,"
    "郑州市发改委,王市长\n"
    "ZZ-2,郑州装备,乙公司,,410102,3311,8000,2000,2025-02-01,2025-05-20,2025-02-03,郑州市工信局,"
    "王市长\n"
    "LY-1,洛阳轴承,丙公司,,410302,3451,60000,10000,2025-01-05,2025-03-01,2025-01-06,洛阳市发改委,"
    "李市长\n";

class ProjectsAppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clock_ = std::make_unique<FixedClock>(*ParseUtc("2025-06-20T04:00:00Z"));
    auto b = Ballast::Create(db_.locator(), OpenOptions{clock_.get(), ""});
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    b_ = std::move(b).value();
    auto sum = ImportProjects(*b_, province_, kRegister, "register.csv");
    ASSERT_TRUE(sum.ok()) << sum.status().ToString();
    ASSERT_EQ(sum->created, 3);
    auto all = ListProjects(*b_, province_, {});
    ASSERT_TRUE(all.ok());
    for (const auto& p : *all) id_[p.code] = p.id;
  }
  MonthlyReport Report(const std::string& code, int month, double investment) {
    MonthlyReport r;
    r.project_id = id_[code];
    r.month = MakePeriod(2025, month);
    r.investment = investment;
    return r;
  }
  ::ballast::testing::TestStore db_;
  std::unique_ptr<FixedClock> clock_;
  std::unique_ptr<Ballast> b_;
  std::map<std::string, int64_t> id_;
  Caller province_{"prov", auth::Role::kDispatcher, "", "", "410000"};
  Caller zz_{"zz", auth::Role::kDispatcher, "", "", "410100"};
  Caller ly_{"ly", auth::Role::kDispatcher, "", "", "410300"};
  Caller zz_viewer_{"zzv", auth::Role::kViewer, "", "", "410100"};
  Caller zz_unit_{"zzu", auth::Role::kHandler, "", "郑州市发改委", "410100"};
  Caller ent_{"ent", auth::Role::kEnterprise, "91310110666007217T", "", "410100"};
};

TEST_F(ProjectsAppTest, EachCallerSeesItsOwnProjects) {
  auto zz = ListProjects(*b_, zz_, {});
  ASSERT_TRUE(zz.ok());
  ASSERT_EQ(zz->size(), 2u);
  EXPECT_EQ(ListProjects(*b_, zz_viewer_, {})->size(), 2u);
  auto unit = ListProjects(*b_, zz_unit_, {});
  ASSERT_EQ(unit->size(), 1u);
  EXPECT_EQ((*unit)[0].code, "ZZ-1");
  auto ent = ListProjects(*b_, ent_, {});
  ASSERT_EQ(ent->size(), 1u);
  EXPECT_EQ((*ent)[0].code, "ZZ-1");
  // An enterprise registered in 郑州 sees its project in 洛阳 too, and nobody else's there.
  Caller ly_investor{"ent2", auth::Role::kEnterprise, "91310115591693856A", "", "410100"};
  Project ly = *GetProject(*b_, province_, id_["LY-1"]);
  ly.investor_uscc = "91310115591693856A";
  ASSERT_TRUE(UpdateProject(*b_, province_, ly).ok());
  auto own = ListProjects(*b_, ly_investor, {});
  ASSERT_EQ(own->size(), 1u);
  EXPECT_EQ((*own)[0].code, "LY-1");
  EXPECT_EQ(ReportMonth(*b_, ly_investor, Report("LY-1", 5, 1)).status().code(),
            StatusCode::kPermissionDenied);
  // Another city's project reads as absent, and its region as outside the scope.
  EXPECT_EQ(GetProject(*b_, zz_, id_["LY-1"]).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(GetProject(*b_, zz_unit_, id_["ZZ-2"]).status().code(), StatusCode::kNotFound);
  ProjectFilter f;
  f.region = "410300";
  EXPECT_EQ(ListProjects(*b_, zz_, f).status().code(), StatusCode::kPermissionDenied);
  f.region = "";
  f.yi_level_only = true;
  EXPECT_EQ(ListProjects(*b_, province_, f)->size(), 2u);  // 150000 and 60000 万元
}

TEST_F(ProjectsAppTest, ACityCannotEditReportOrCaptureAnotherCitysProject) {
  Project ly = *GetProject(*b_, province_, id_["LY-1"]);
  // Editing another city's project: absent.
  Project stolen = ly;
  stolen.region = "410102";
  EXPECT_EQ(UpdateProject(*b_, zz_, stolen).status().code(), StatusCode::kNotFound);
  // Moving its own project out of its scope (into 洛阳): refused, nothing written.
  Project own = *GetProject(*b_, zz_, id_["ZZ-1"]);
  own.region = "410302";
  EXPECT_EQ(UpdateProject(*b_, zz_, own).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(GetProject(*b_, province_, id_["ZZ-1"])->region, "410102");
  // An import naming another city's project code cannot take it over, nor add rows outside.
  auto take = ImportProjects(*b_, zz_, "code,name,region,investor_name\nLY-1,被改名,410102,x\n",
                             "take.csv");
  EXPECT_FALSE(take.ok());
  EXPECT_NE(take.status().message().find("take.csv:2: code:"), std::string::npos)
      << take.status().message();
  auto outside =
      ImportProjects(*b_, zz_, "code,name,region,investor_name\nNEW,新,410302,x\n", "out.csv");
  EXPECT_NE(outside.status().message().find("out.csv:2: region: 410302 is outside"),
            std::string::npos);
  EXPECT_EQ(GetProject(*b_, province_, id_["LY-1"])->name, "洛阳轴承");
  // Reports: another city's project is absent; viewers and enterprises may not report.
  EXPECT_EQ(ReportMonth(*b_, zz_, Report("LY-1", 5, 10)).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(ReportMonth(*b_, zz_viewer_, Report("ZZ-1", 5, 10)).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(ReportMonth(*b_, ent_, Report("ZZ-1", 5, 10)).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(ReportMonth(*b_, zz_unit_, Report("ZZ-2", 5, 10)).status().code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(ReportMonth(*b_, zz_unit_, Report("ZZ-1", 5, 10)).ok());
  // A stale edit is refused.
  Project a = *GetProject(*b_, zz_, id_["ZZ-2"]);
  a.name = "一";
  ASSERT_TRUE(UpdateProject(*b_, zz_, a).ok());
  a.name = "二";
  EXPECT_EQ(UpdateProject(*b_, zz_, a).status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(ProjectsAppTest, ReimportUpdatesByCodeAndBumpsTheVersion) {
  std::string again = kRegister;
  again.replace(again.find("郑州新材料"), std::string("郑州新材料").size(), "郑州新材料二期");
  auto sum = ImportProjects(*b_, province_, again, "register2.csv");
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  EXPECT_EQ(sum->created, 0);
  EXPECT_EQ(sum->updated, 3);
  auto p = GetProject(*b_, zz_, id_["ZZ-1"]);
  EXPECT_EQ(p->name, "郑州新材料二期");
  EXPECT_EQ(p->version, 2);
  EXPECT_EQ(p->updated_by, "prov");
  // A viewer may read but not import.
  EXPECT_EQ(ImportProjects(*b_, zz_viewer_, again, "v.csv").status().code(),
            StatusCode::kPermissionDenied);
}

TEST_F(ProjectsAppTest, MonthlyLoopKeepsVersionsAndMovesTheStage) {
  // Today is 2025-06-20 (Beijing): July is in the future.
  EXPECT_EQ(ReportMonth(*b_, zz_, Report("ZZ-1", 7, 1)).status().code(),
            StatusCode::kInvalidArgument);
  MonthlyReport apr = Report("ZZ-1", 4, 5000);
  apr.stage = Stage::kStarted;
  apr.stage_date = "2025-04-18";
  apr.blockers = {{Factor::kEnergy, "省发改委", "2025-05-31", "能耗指标"}};
  auto r1 = ReportMonth(*b_, zz_, apr);
  ASSERT_TRUE(r1.ok()) << r1.status().ToString();
  EXPECT_EQ(r1->version, 1);
  EXPECT_EQ(r1->reported_by, "zz");
  EXPECT_EQ(GetProject(*b_, zz_, id_["ZZ-1"])->actual[1], "2025-04-18");
  // Skipping a stage is refused.
  MonthlyReport may = Report("ZZ-1", 5, 3000);
  may.stage = Stage::kAtCapacity;
  may.stage_date = "2025-05-02";
  EXPECT_FALSE(ReportMonth(*b_, zz_, may).ok());
  may.stage.reset();
  may.stage_date.clear();
  ASSERT_TRUE(ReportMonth(*b_, zz_, may).ok());
  apr.investment = 6000;  // a correction of April
  auto r2 = ReportMonth(*b_, zz_, apr);
  ASSERT_TRUE(r2.ok()) << r2.status().ToString();
  EXPECT_EQ(r2->version, 2);
  auto history = ProjectReports(*b_, zz_, id_["ZZ-1"]);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 3u);
  EXPECT_DOUBLE_EQ((*history)[0].report.investment, 5000);
  EXPECT_FALSE((*history)[0].latest);
  EXPECT_TRUE((*history)[1].latest);
  EXPECT_DOUBLE_EQ((*history)[1].cumulative, 6000);
  EXPECT_DOUBLE_EQ((*history)[2].cumulative, 9000);  // 6000 + 3000
  // The energy block (deadline 05-31) is in April's report, but the latest month is May's,
  // which has none: no overdue card. ZZ-2 planned to start 05-20, not started: one whole month
  // behind on 06-20 (yellow).
  auto cards = ProjectCards(*b_, zz_, "");
  ASSERT_TRUE(cards.ok());
  ASSERT_EQ(cards->size(), 1u);
  EXPECT_EQ((*cards)[0].code, "ZZ-2");
  EXPECT_EQ((*cards)[0].card.level, "yellow");
  EXPECT_EQ((*cards)[0].card.months, 1);
  clock_->Set(*ParseUtc("2025-08-25T04:00:00Z"));
  cards = ProjectCards(*b_, zz_, "");
  ASSERT_EQ(cards->size(), 1u);  // ZZ-2: 3 whole months behind its start; ZZ-1 idle Jun, Jul: < 3
  EXPECT_EQ((*cards)[0].code, "ZZ-2");
  EXPECT_EQ((*cards)[0].card.level, "red");
}

TEST_F(ProjectsAppTest, RatesOverTheStoreAndByRegion) {
  MonthlyReport r = Report("ZZ-1", 4, 4000);
  r.stage = Stage::kStarted;
  r.stage_date = "2025-04-18";
  ASSERT_TRUE(ReportMonth(*b_, province_, r).ok());
  ASSERT_TRUE(ReportMonth(*b_, province_, Report("LY-1", 2, 1000)).ok());
  // 2025Q2: planned starts ZZ-1 (04-15), ZZ-2 (05-20) → 开工率 1/2 in 郑州; LY-1's (03-01) is Q1.
  // Investment Jan–Jun: 4000 + 1000 over plans 40000 + 2000 + 10000.
  auto t = ProjectRates(*b_, province_, "2025Q2", "region", "410000");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->total.started.num, 1);
  EXPECT_EQ(t->total.started.den, 2);
  EXPECT_DOUBLE_EQ(t->total.investment.num, 5000);
  EXPECT_DOUBLE_EQ(t->total.investment.den, 52000);
  ASSERT_EQ(t->groups.size(), 2u);
  EXPECT_EQ(t->groups[0].key, "410100");
  EXPECT_EQ(t->groups[1].key, "410300");
  EXPECT_EQ(t->groups[1].started.Display(), "—");
  // A city sees its own figures only, and may not ask for the province.
  auto zz = ProjectRates(*b_, zz_, "2025Q2", "leader_city", "");
  ASSERT_TRUE(zz.ok());
  EXPECT_EQ(zz->total.projects, 2);
  EXPECT_EQ(ProjectRates(*b_, zz_, "2025Q2", "region", "410000").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_FALSE(ProjectRates(*b_, zz_, "2025Q9", "region", "").ok());
}

}  // namespace
}  // namespace ballast::app
