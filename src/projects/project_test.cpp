#include "projects/project.h"

#include <gtest/gtest.h>

#include "core/catalog.h"
#include "ingest/reader/xlsx_test_util.h"
#include "projects/project_import.h"
#include "testing/testing.h"

namespace ballast::projects {
namespace {

Project Valid() {
  Project p;
  p.code = "P1";
  p.name = "项目";
  p.region = "410100";
  p.investor_name = "甲公司";
  p.planned = {"2025-01-10", "2025-04-01", "2026-01-01", "2026-06-01"};
  p.actual = {"2025-01-12", "2025-05-03", "", ""};
  return p;
}

TEST(ProjectTest, StageIsTheLastStageWithADate) {
  Project p = Valid();
  EXPECT_EQ(p.stage(), Stage::kStarted);
  p.actual = {"", "", "", ""};
  EXPECT_EQ(p.stage(), Stage::kSigned);
  EXPECT_EQ(ParseStage("投产"), Stage::kInProduction);
  EXPECT_EQ(ParseStage("at_capacity"), Stage::kAtCapacity);
  EXPECT_FALSE(ParseStage("done"));
}

TEST(ProjectTest, YiLevelFromTenThousandWan) {
  Project p = Valid();
  p.total_investment = 9999.9;
  EXPECT_FALSE(p.yi_level());
  p.total_investment = 10000;
  EXPECT_TRUE(p.yi_level());
}

TEST(ProjectTest, StageRulesRefuseGapsAndReversedDates) {
  EXPECT_OK(CheckProject(Valid()));
  Project gap = Valid();
  gap.actual = {"2025-01-12", "", "2025-06-01", ""};
  EXPECT_NE(CheckProject(gap).message().find("actual_in_production"), std::string::npos);
  Project back = Valid();
  back.actual[1] = "2025-01-01";
  EXPECT_NE(CheckProject(back).message().find("actual_started: before"), std::string::npos);
  Project bad = Valid();
  bad.planned[2] = "2025-02-30";
  EXPECT_NE(CheckProject(bad).message().find("planned_in_production"), std::string::npos);
  Project neg = Valid();
  neg.annual_plan = -1;
  EXPECT_FALSE(CheckProject(neg).ok());
}

TEST(ProjectTest, ReportChecks) {
  MonthlyReport r;
  r.month = MakePeriod(2025, 5);
  r.investment = 100;
  EXPECT_OK(CheckReport(r));
  r.stage = Stage::kStarted;
  r.stage_date = "2025-06-01";  // not in May
  EXPECT_FALSE(CheckReport(r).ok());
  r.stage_date = "2025-05-03";
  EXPECT_OK(CheckReport(r));
  r.blockers.push_back({Factor::kLand, "市自然资源局", "2025-06-30", ""});
  EXPECT_OK(CheckReport(r));
  r.blockers.push_back({Factor::kLand, "县自然资源局", "2025-06-30", ""});
  EXPECT_NE(CheckReport(r).message().find("land given twice"), std::string::npos);
  r.blockers.pop_back();
  r.blockers.push_back({Factor::kFunds, "", "2025-06-30", ""});
  EXPECT_FALSE(CheckReport(r).ok());
  EXPECT_EQ(ParseFactor("环评"), Factor::kEia);
}

TEST(ProjectTest, CumulativeUsesTheLatestVersionOfEachMonth) {
  const Period m4 = MakePeriod(2025, 4), m5 = MakePeriod(2025, 5);
  std::vector<MonthlyReport> h(4);
  h[0].project_id = 1, h[0].month = m4, h[0].version = 1, h[0].investment = 100;
  h[1].project_id = 1, h[1].month = m4, h[1].version = 2, h[1].investment = 120;  // correction
  h[2].project_id = 1, h[2].month = m5, h[2].version = 1, h[2].investment = 30;
  h[3].project_id = 2, h[3].month = m5, h[3].version = 1, h[3].investment = 999;
  auto latest = LatestVersions(h);
  ASSERT_EQ(latest.size(), 3u);
  EXPECT_DOUBLE_EQ(Cumulative(latest, 1, m4), 120);
  EXPECT_DOUBLE_EQ(Cumulative(latest, 1, m5), 150);  // 120 + 30
}

TEST(ProjectImportTest, ChineseHeadersAndErrorsWithLineAndField) {
  auto cat = Catalog::Embedded();
  ASSERT_TRUE(cat.ok());
  const std::string good =
      "项目编号,项目名称,投资主体,所在地区,所属行业,总投资（万元）,年度计划投资(万元),签约日期,"
      "施工白名单\n"
      "HN-1,年产10万吨新材料,甲公司,410100,26,120000,30000,2025-02-01,是\n";
  auto r = ParseProjects(*cat, good, "p.csv");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 1u);
  const Project& p = (*r)[0].project;
  EXPECT_EQ(p.code, "HN-1");
  EXPECT_DOUBLE_EQ(p.total_investment, 120000);
  EXPECT_TRUE(p.yi_level());
  EXPECT_TRUE(p.wl_construction);
  EXPECT_FALSE(p.wl_finance);

  auto bad = ParseProjects(
      *cat, "code,name,region,investor_name,total_investment\nA,a,410100,x,1\nB,b,410100,y,abc\n",
      "q.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().rfind("q.csv:3: total_investment: ", 0), 0u)
      << bad.status().message();
  auto region = ParseProjects(*cat, "code,name,region,investor_name\nA,a,999999,x\n", "r.csv");
  EXPECT_EQ(region.status().message().rfind("r.csv:2: region: ", 0), 0u)
      << region.status().message();
  auto unknown = ParseProjects(*cat, "code,name,region,colour\n", "u.csv");
  EXPECT_NE(unknown.status().message().find("u.csv:1: colour: unknown column"), std::string::npos);
  auto dup =
      ParseProjects(*cat, "code,name,region,investor_name\nA,a,410100,x\nA,b,410100,x\n", "d.csv");
  EXPECT_NE(dup.status().message().find("d.csv:3: code: 'A' appears twice"), std::string::npos);
  auto stage = ParseProjects(
      *cat, "code,name,region,investor_name,stage,signed\nA,a,410100,x,开工,2025-01-01\n", "s.csv");
  EXPECT_NE(stage.status().message().find("s.csv:2: stage: "), std::string::npos);
}

TEST(ProjectImportTest, XlsxWithChineseHeadersAndRowNumbersInErrors) {
  auto cat = Catalog::Embedded();
  ASSERT_TRUE(cat.ok());
  const std::string good = ingest::MakeWorkbook(
      ingest::InlineRow("1", {"项目编号", "项目名称", "投资主体", "所在地区", "总投资（万元）"}) +
      ingest::InlineRow("2", {"X-1", "洛阳轴承", "丙公司", "410302", "60000"}));
  auto r = ParseProjects(*cat, good, "p.xlsx");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].project.region, "410302");
  EXPECT_TRUE((*r)[0].project.yi_level());
  const std::string bad = ingest::MakeWorkbook(
      ingest::InlineRow("1", {"项目编号", "项目名称", "投资主体", "所在地区", "开工日期"}) +
      ingest::InlineRow("5", {"X-1", "洛阳轴承", "丙公司", "410302", "2025-13-01"}));
  auto e = ParseProjects(*cat, bad, "p.xlsx");
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().message().rfind("p.xlsx:5: actual_started: ", 0), 0u)
      << e.status().message();
}

}  // namespace
}  // namespace ballast::projects
