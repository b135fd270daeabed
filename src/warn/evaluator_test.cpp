#include "warn/evaluator.h"

#include <gtest/gtest.h>

#include <map>

#include "engine/test_panel_util.h"

namespace ballast::warn {
namespace {

using testing_util::Months;
using testing_util::PanelMaker;
using testing_util::Row;

Rule DefaultRule(const std::string& id) {
  const std::vector<Rule> rules = DefaultRules().value();
  for (const auto& r : rules) {
    if (r.id == id) return r;
  }
  ADD_FAILURE() << "no default rule " << id;
  return {};
}

// Findings of one rule by subject key.
std::map<std::string, Finding> RunRule(const Rule& rule, const Panel& panel) {
  Query query(panel);
  EvaluationInput in{&panel, &query, {}};
  auto res = Evaluate({rule}, in);
  EXPECT_TRUE(res.problems.empty()) << res.problems[0];
  std::map<std::string, Finding> out;
  for (auto& f : res.findings) out[f.subject_key] = f;
  return out;
}

TEST(EvaluatorTest, OutputDownSharplyByLevelWithMinimumBase) {
  PanelMaker m;
  for (const char* e : {"A", "B", "C", "D"}) m.Enterprise(e, "410102", "1311");
  // Base (2024-09) and current (2025-09): A −60 % red, B −25 % blue, C −10 % none, D base 50 < 100.
  m.Batch({{"A", "output_value", "2024-09", 1000},
           {"A", "output_value", "2025-09", 400},
           {"B", "output_value", "2024-09", 1000},
           {"B", "output_value", "2025-09", 750},
           {"C", "output_value", "2024-09", 1000},
           {"C", "output_value", "2025-09", 900},
           {"D", "output_value", "2024-09", 50},
           {"D", "output_value", "2025-09", 5}});
  auto f = RunRule(DefaultRule("ent_output_drop"), *m.Make());
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f["A"].level, Level::kRed);
  EXPECT_DOUBLE_EQ(f["A"].value, -60);
  EXPECT_DOUBLE_EQ(f["A"].threshold, -50);
  EXPECT_TRUE(f["A"].firing);
  EXPECT_EQ(f["A"].period, "2025-09");
  EXPECT_EQ(f["A"].region, "410102");
  EXPECT_EQ(f["B"].level, Level::kBlue);
}

TEST(EvaluatorTest, ElectricityDownUsesReportedPrior) {
  PanelMaker m;
  m.Enterprise("A", "410102", "1311");
  m.Enterprise("B", "410102", "1311");
  // Only the current month, with 上年同期 reported on the form: A −35 % yellow; B +10 %.
  m.Batch({{"A", "electricity", "2025-09", 65, kMissing, 100},
           {"B", "electricity", "2025-09", 110, kMissing, 100}});
  auto f = RunRule(DefaultRule("ent_electricity_drop"), *m.Make());
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f["A"].level, Level::kYellow);
  EXPECT_NEAR(f["A"].value, -35, 1e-9);
}

// The January–February rule applies enterprise by enterprise, as in the explorer's table of
// enterprises: A reports January, B only the 1–2月 cumulative figure. B's February growth is its
// cumulative growth, 400 / 1000 − 1 = −60 % (red); A's is monthly, 150 / 200 − 1 = −25 % (blue).
// (B used to get no growth at all because A's January made February monthly for everyone.)
TEST(EvaluatorTest, FebruaryGrowthIsCumulativeForAnEnterpriseWithoutJanuary) {
  PanelMaker m;
  m.Enterprise("A", "410102", "1311");
  m.Enterprise("B", "410102", "1311");
  m.Batch({{"A", "output_value", "2024-01", 100},
           {"A", "output_value", "2024-02", 200},
           {"A", "output_value", "2025-01", 100},
           {"A", "output_value", "2025-02", 150},
           {"B", "output_value", "2024-02", kMissing, 1000},
           {"B", "output_value", "2025-02", kMissing, 400}});
  auto panel = m.Make();
  auto f = RunRule(DefaultRule("ent_output_drop"), *panel);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f["A"].level, Level::kBlue);
  EXPECT_NEAR(f["A"].value, -25, 1e-9);
  EXPECT_EQ(f["B"].level, Level::kRed);
  EXPECT_NEAR(f["B"].value, -60, 1e-9);
  EXPECT_EQ(f["B"].period, "2025-02");
  // The same figure as B's row among the enterprises of the cell.
  Query query(*panel);
  const Catalog& cat = panel->catalog();
  auto rows = query.Enterprises({cat.FindIndicator("output_value"), *ParsePeriod("2025-02"),
                                 cat.country(), cat.all_industry()},
                                {Measure::kYoy});
  ASSERT_TRUE(rows.ok());
  for (const auto& r : *rows) {
    EXPECT_EQ(r.row.values[0], f[panel->enterprise(r.enterprise).uscc].value)
        << panel->enterprise(r.enterprise).uscc;
  }
}

TEST(EvaluatorTest, StoppageNeedsAReportedZeroAndMissingIsItsOwnWarning) {
  PanelMaker m;
  for (const char* e : {"ZERO", "GONE", "SMALL", "OK"}) m.Enterprise(e, "410102", "1311");
  std::vector<Row> rows;
  Months(&rows, "ZERO", "output_value", 2024, 9,
         {800, 800, 800, 800, 800, 800, 800, 800, 800, 800, 800, 800, 0});
  Months(&rows, "GONE", "output_value", 2024, 9,
         {800, 800, 800, 800, 800, 800, 800, 800, 800, 800, 800});  // to 2025-07
  Months(&rows, "SMALL", "output_value", 2024, 9,
         {100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 0});
  Months(&rows, "OK", "output_value", 2024, 9,
         {800, 800, 800, 800, 800, 800, 800, 800, 800, 800, 800, 800, 820});
  m.Batch(rows);
  auto panel = m.Make();
  auto stop = RunRule(DefaultRule("ent_output_stoppage"), *panel);
  ASSERT_EQ(stop.size(), 1u);  // GONE is missing, not stopped; SMALL's base is under 500
  EXPECT_EQ(stop["ZERO"].level, Level::kRed);
  auto missing = RunRule(DefaultRule("ent_missing_report"), *panel);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_DOUBLE_EQ(missing["GONE"].value, 2);  // 2025-08 and 2025-09
  EXPECT_EQ(missing["GONE"].level, Level::kYellow);
  EXPECT_EQ(missing["GONE"].period, "2025-09");
  // Months are whole numbers in the message: 已连续2个月, not 2.0个月.
  EXPECT_NE(FindingMessage(DefaultRule("ent_missing_report"), missing["GONE"], true, nullptr)
                .find("已连续2个月"),
            std::string::npos);
}

// Issue #12 item 3: an enterprise that left the roster is not expected to report; one that is
// on it is, from the month it entered.
TEST(EvaluatorTest, NoMissingReportOffTheRoster) {
  PanelMaker m;
  m.Enterprise("LEFT", "410102", "1311", {}, "", "2025-07");
  m.Enterprise("GONE", "410102", "1311");
  m.Enterprise("OK", "410102", "1311");
  std::vector<Row> rows;
  for (const char* e : {"LEFT", "GONE"}) {
    Months(&rows, e, "output_value", 2024, 9,
           {800, 800, 800, 800, 800, 800, 800, 800, 800, 800, 800});  // to 2025-07
  }
  Months(&rows, "OK", "output_value", 2024, 9,
         {800, 800, 800, 800, 800, 800, 800, 800, 800, 800, 800, 800, 820});
  m.Batch(rows);
  auto panel = m.Make();
  auto missing = RunRule(DefaultRule("ent_missing_report"), *panel);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing.count("LEFT"), 0u);  // exited 2025-07: off the roster from 2025-08
  EXPECT_DOUBLE_EQ(missing["GONE"].value, 2);
}

TEST(EvaluatorTest, ThreeMonthsOfDeclineFirePendingBefore) {
  PanelMaker m;
  for (const char* e : {"THREE", "TWO", "BROKEN"}) m.Enterprise(e, "410102", "1311");
  std::vector<Row> rows;
  // Base year 2024-07..09 = 100 each; 2025: THREE −5,−12,−15; TWO +1,−2,−3; BROKEN −5,+1,−20.
  for (const char* e : {"THREE", "TWO", "BROKEN"})
    Months(&rows, e, "output_value", 2024, 7, {100, 100, 100});
  Months(&rows, "THREE", "output_value", 2025, 7, {95, 88, 85});
  Months(&rows, "TWO", "output_value", 2025, 7, {101, 98, 97});
  Months(&rows, "BROKEN", "output_value", 2025, 7, {95, 101, 80});
  m.Batch(rows);
  auto f = RunRule(DefaultRule("ent_output_decline_3m"), *m.Make());
  ASSERT_EQ(f.size(), 3u);
  EXPECT_TRUE(f["THREE"].firing);
  EXPECT_EQ(f["THREE"].streak, 3);
  EXPECT_EQ(f["THREE"].level, Level::kYellow);  // −15 % < −10 %
  EXPECT_FALSE(f["TWO"].firing);
  EXPECT_EQ(f["TWO"].streak, 2);
  EXPECT_EQ(f["TWO"].level, Level::kBlue);
  EXPECT_FALSE(f["BROKEN"].firing);
  EXPECT_EQ(f["BROKEN"].streak, 1);
}

// The streak is the true run, not capped at the rule's `for` (issue 13): four months of decline
// read 连续4个月 on a for: 3 rule, and a for: 1 rule shows its run too.
TEST(EvaluatorTest, StreakCountsPastThePersistence) {
  PanelMaker m;
  m.Enterprise("FOUR", "410102", "1311");
  std::vector<Row> rows;
  // Base 2024-06..09 = 100; 2025-06..09: 95, 90, 88, 85: four months below the base.
  Months(&rows, "FOUR", "output_value", 2024, 6, {100, 100, 100, 100});
  Months(&rows, "FOUR", "output_value", 2025, 6, {95, 90, 88, 85});
  m.Batch(rows);
  auto panel = m.Make();
  Rule decline = DefaultRule("ent_output_decline_3m");
  ASSERT_EQ(decline.for_periods, 3);
  auto f = RunRule(decline, *panel);
  EXPECT_TRUE(f["FOUR"].firing);
  EXPECT_EQ(f["FOUR"].streak, 4);
  EXPECT_NE(FindingMessage(decline, f["FOUR"], true, nullptr).find("连续4个月"), std::string::npos);
  Rule once = decline;
  once.for_periods = 1;
  auto g = RunRule(once, *panel);
  EXPECT_EQ(g["FOUR"].streak, 4);
  EXPECT_TRUE(g["FOUR"].firing);
}

TEST(EvaluatorTest, ProfitTurningToLoss) {
  PanelMaker m;
  for (const char* e : {"TURNED", "ALWAYS", "FINE"}) m.Enterprise(e, "410102", "1311");
  m.Batch({{"TURNED", "profit", "2025-06", kMissing, -200, kMissing, 300},
           {"ALWAYS", "profit", "2025-06", kMissing, -50, kMissing, -10},
           {"FINE", "profit", "2025-06", kMissing, 100, kMissing, 90}});
  auto f = RunRule(DefaultRule("ent_turn_to_loss"), *m.Make());
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f["TURNED"].level, Level::kYellow);
  EXPECT_DOUBLE_EQ(f["TURNED"].value, -200);
}

TEST(EvaluatorTest, RevenueRunRateBelowTheAboveScaleThreshold) {
  PanelMaker m;
  for (const char* e : {"A", "B", "C"}) m.Enterprise(e, "410102", "1311");
  // January–June cumulative revenue: ×2 to annualise. A 600 → 1200 yellow; B 1200 → 2400; C 400 →
  // 800 red.
  m.Batch({{"A", "revenue", "2025-06", kMissing, 600},
           {"B", "revenue", "2025-06", kMissing, 1200},
           {"C", "revenue", "2025-06", kMissing, 400}});
  auto f = RunRule(DefaultRule("ent_below_scale_risk"), *m.Make());
  ASSERT_EQ(f.size(), 2u);
  EXPECT_DOUBLE_EQ(f["A"].value, 1200);
  EXPECT_EQ(f["A"].level, Level::kYellow);
  EXPECT_EQ(f["C"].level, Level::kRed);
}

TEST(EvaluatorTest, TagFilterSelectsKeyEnterprises) {
  PanelMaker m;
  m.Enterprise("LEADER", "410102", "1311", {"链主"});
  m.Enterprise("PLAIN", "410102", "1311");
  m.Batch({{"LEADER", "output_value", "2024-09", 1000},
           {"LEADER", "output_value", "2025-09", 850},
           {"PLAIN", "output_value", "2024-09", 1000},
           {"PLAIN", "output_value", "2025-09", 850}});
  auto f = RunRule(DefaultRule("ent_key_output_drop"), *m.Make());
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f["LEADER"].level, Level::kBlue);  // −15 %: blue at −10 for key enterprises
}

class RegionRules : public ::testing::Test {
 protected:
  void SetUp() override {
    // 郑州 (410100) falls 20 % in 2025-09 and 2025 to date; 洛阳 (410300) grows 5 %.
    m_.Enterprise("ZZ", "410102", "1311");
    m_.Enterprise("LY", "410302", "2611");
    std::vector<Row> rows;
    Months(&rows, "ZZ", "output_value", 2024, 1, std::vector<double>(9, 100));
    Months(&rows, "LY", "output_value", 2024, 1, std::vector<double>(9, 100));
    Months(&rows, "ZZ", "output_value", 2025, 1, std::vector<double>(9, 80));
    Months(&rows, "LY", "output_value", 2025, 1, std::vector<double>(9, 105));
    m_.Batch(rows);
    panel_ = m_.Make();
  }
  PanelMaker m_;
  std::unique_ptr<Panel> panel_;
};

TEST_F(RegionRules, RegionOutputDecline) {
  auto f = RunRule(DefaultRule("region_output_decline"), *panel_);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f["410100"].level, Level::kRed);
  EXPECT_NEAR(f["410100"].value, -20, 1e-9);
  EXPECT_EQ(f["410100"].industry, "BCD");
}

TEST_F(RegionRules, CumulativeGrowthBelowTargetPath) {
  auto f = RunRule(DefaultRule("region_growth_below_target"), *panel_);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_NEAR(f["410300"].value, 5 - 6.0, 1e-9);  // 1 point below the 6 % target: blue
  EXPECT_EQ(f["410300"].level, Level::kBlue);
  EXPECT_NEAR(f["410100"].value, -20 - 6.0, 1e-9);
  EXPECT_EQ(f["410100"].level, Level::kRed);
  Rule r = DefaultRule("region_growth_below_target");
  r.targets["410300"] = 4.0;  // a city with its own target
  EXPECT_EQ(RunRule(r, *panel_).count("410300"), 0u);
}

TEST_F(RegionRules, IndustryCumulativeGrowthBelowTarget) {
  Rule r = DefaultRule("industry_growth_below_target");
  r.region_levels.clear();
  auto f = RunRule(r, *panel_);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f["13"].level, Level::kRed);
  EXPECT_EQ(f["26"].level, Level::kBlue);
  EXPECT_EQ(f["13"].region, "100000");
}

// Issue 13: industry alerts only at the country node leave a province analyst none. With
// region_levels the rule also runs within 河南 (province) and each city: 13 (ZZ, −20 %) in 郑州
// and 河南, 26 (LY, +5 %, 1 point below the 6 % target) in 洛阳 and 河南.
TEST_F(RegionRules, IndustryAlertsAtEveryRegionLevel) {
  Rule r = DefaultRule("industry_growth_below_target");
  ASSERT_EQ(r.region_levels, (std::vector<std::string>{"province", "prefecture"}));
  auto f = RunRule(r, *panel_);
  ASSERT_EQ(f.size(), 6u);
  EXPECT_EQ(f["13@410000"].level, Level::kRed);
  EXPECT_EQ(f["13@410000"].region, "410000");
  EXPECT_EQ(f["13@410000"].industry, "13");
  EXPECT_NEAR(f["13@410100"].value, -26, 1e-9);
  EXPECT_EQ(f["13@410100"].region, "410100");
  EXPECT_NEAR(f["26@410300"].value, -1, 1e-9);
  EXPECT_EQ(f["26@410300"].level, Level::kBlue);
  EXPECT_EQ(f.count("13@410300"), 0u);  // 洛阳 has no enterprise of division 13
  EXPECT_EQ(f["26@410300"].subject_name.find("洛阳市"), 0u);
}

// A frame's cell is the sum of every city under it (one pass over the panel gives all frames):
// division 13 in 郑州 (−20 %) and 洛阳 (+10 %), and in 武汉 (flat). Year to date 2025-09, by
// hand: 河南 (720 + 990) / (900 + 900) − 1 = −5 %; the country (720 + 990 + 900) / 2700 − 1 =
// −3.33 %; 湖北 0 %; 洛阳 +10 %, which is above the 6 % target (no alert).
TEST(EvaluatorTest, IndustryCellsOfEveryFrameSumTheirCities) {
  PanelMaker m;
  m.Enterprise("ZZ", "410102", "1311");
  m.Enterprise("LY", "410302", "1312");
  m.Enterprise("WH", "420102", "1311");
  std::vector<Row> rows;
  for (const char* e : {"ZZ", "LY", "WH"})
    Months(&rows, e, "output_value", 2024, 1, std::vector<double>(9, 100));
  Months(&rows, "ZZ", "output_value", 2025, 1, std::vector<double>(9, 80));
  Months(&rows, "LY", "output_value", 2025, 1, std::vector<double>(9, 110));
  Months(&rows, "WH", "output_value", 2025, 1, std::vector<double>(9, 100));
  m.Batch(rows);
  auto panel = m.Make();
  auto f = RunRule(DefaultRule("industry_growth_below_target"), *panel);
  EXPECT_NEAR(f["13"].value, (2610.0 / 2700 - 1) * 100 - 6, 1e-9);
  EXPECT_NEAR(f["13@410000"].value, -5 - 6.0, 1e-9);
  EXPECT_NEAR(f["13@410100"].value, -20 - 6.0, 1e-9);
  EXPECT_NEAR(f["13@420000"].value, 0 - 6.0, 1e-9);
  EXPECT_NEAR(f["13@420100"].value, 0 - 6.0, 1e-9);
  EXPECT_EQ(f.count("13@410300"), 0u);
  EXPECT_EQ(f.size(), 5u);
  EXPECT_EQ(f["13@410000"].streak, 9);
}

// Rules run side by side; the findings are the same, in the same order, as on one thread.
TEST_F(RegionRules, RulesSideBySideFindWhatOneThreadFinds) {
  const std::vector<Rule> rules = DefaultRules().value();
  Query query(*panel_);
  EvaluationInput one{panel_.get(), &query, {}, 1};
  EvaluationInput many{panel_.get(), &query, {}, 4};
  const auto a = Evaluate(rules, one), b = Evaluate(rules, many);
  ASSERT_GT(a.findings.size(), 3u);
  ASSERT_EQ(a.findings.size(), b.findings.size());
  for (size_t i = 0; i < a.findings.size(); ++i) {
    EXPECT_EQ(a.findings[i].rule, b.findings[i].rule);
    EXPECT_EQ(a.findings[i].subject_key, b.findings[i].subject_key);
    EXPECT_EQ(a.findings[i].value, b.findings[i].value);
    EXPECT_EQ(a.findings[i].streak, b.findings[i].streak);
  }
  EXPECT_EQ(a.evaluated, b.evaluated);
  EXPECT_EQ(a.problems, b.problems);
}

TEST_F(RegionRules, ParentMeasuresCompareWithTheParentRegion) {
  Rule r = DefaultRule("region_output_decline");
  r.measure = Measure::kShare;
  r.thresholds = {{Level::kBlue, 50}};
  auto f = RunRule(r, *panel_);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NEAR(f["410100"].value, 80.0 / 185 * 100, 1e-9);  // 郑州's share of 河南 in 2025-09
}

TEST_F(RegionRules, RegionStreakCountsPastThePersistence) {
  // 郑州 is 20 % down in each of the nine months of 2025: the streak reads 9, for: 1 or not.
  auto f = RunRule(DefaultRule("region_output_decline"), *panel_);
  EXPECT_EQ(f["410100"].streak, 9);
}

TEST(EvaluatorTest, EmptyPanelAndBadRulesAreNotFatal) {
  PanelMaker m;
  m.Enterprise("A", "410102", "1311");
  auto panel = m.Make();
  Query query(*panel);
  Rule bad = DefaultRule("ent_output_drop");
  bad.indicator = "no_such";
  auto res = Evaluate({bad, DefaultRule("ent_output_drop")}, {panel.get(), &query, {}});
  EXPECT_EQ(res.problems.size(), 1u);
  EXPECT_TRUE(res.findings.empty());
  EXPECT_TRUE(res.evaluated.empty());  // no data: not evaluated, so alerts keep their state
}

TEST(EvaluatorTest, ARuleWithoutMeasureIsAProblemNotACrash) {
  PanelMaker m;
  m.Enterprise("A", "410102", "1311");
  m.Batch({{"A", "output_value", "2025-09", 100}});
  auto panel = m.Make();
  Query query(*panel);
  for (const char* id : {"ent_output_drop", "region_output_decline"}) {
    Rule r = DefaultRule(id);
    r.measure.reset();  // built in code, not loaded from a rule file
    auto res = Evaluate({r}, {panel.get(), &query, {}});
    ASSERT_EQ(res.problems.size(), 1u) << id;
    EXPECT_NE(res.problems[0].find("no measure"), std::string::npos);
    EXPECT_TRUE(res.findings.empty());
  }
}

TEST(EvaluatorTest, ExternalSeriesWithPersistence) {
  Rule r = DefaultRule("target_behind_path");
  r.for_periods = 2;
  ExternalSubject s{SubjectKind::kTarget, "t1",
                    "新增规上企业",       "",
                    "省工业和信息化厅",   {{"behind_pct", {{"2025-07", 5}, {"2025-08", 12}}}}};
  ExternalSubject ok{SubjectKind::kTarget, "t2", "x", "", "", {{"behind_pct", {{"2025-08", -3}}}}};
  auto res = Evaluate({r}, {nullptr, nullptr, {s, ok}});
  ASSERT_EQ(res.findings.size(), 1u);
  EXPECT_TRUE(res.findings[0].firing);
  EXPECT_EQ(res.findings[0].level, Level::kYellow);
  EXPECT_EQ(res.findings[0].units, "省工业和信息化厅");
  r.for_periods = 1;  // still the true run of two points behind
  EXPECT_EQ(Evaluate({r}, {nullptr, nullptr, {s, ok}}).findings[0].streak, 2);
  EXPECT_EQ(FindingMessage(r, res.findings[0], true, nullptr),
            "目标“新增规上企业”进度落后于时序进度12.0%（黄色预警）");
}

}  // namespace
}  // namespace ballast::warn
