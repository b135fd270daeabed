#include "warn/rule.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace ballast::warn {
namespace {

TEST(RuleTest, DefaultRulesParseAndCoverEverySubjectKind) {
  auto rules = DefaultRules();
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  std::set<SubjectKind> kinds;
  std::set<std::string> ids;
  for (const auto& r : *rules) {
    kinds.insert(r.subject);
    ids.insert(r.id);
    EXPECT_FALSE(r.message_zh.empty()) << r.id;
    EXPECT_FALSE(r.message_en.empty()) << r.id;
    EXPECT_FALSE(r.why.empty()) << r.id;
  }
  EXPECT_EQ(kinds.size(), 6u);
  for (const char* id : {"ent_output_drop", "ent_electricity_drop", "ent_output_stoppage",
                         "ent_electricity_stoppage", "ent_output_decline_3m", "ent_turn_to_loss",
                         "ent_below_scale_risk", "ent_missing_report", "region_growth_below_target",
                         "industry_growth_below_target", "commodity_price_change",
                         "commodity_supply_days", "target_behind_path", "project_behind_plan",
                         "project_no_investment", "project_blocker_overdue"}) {
    EXPECT_TRUE(ids.count(id)) << id;
  }
}

// Project rules read the series of the project cards (app::ProjectSubjects) and nothing else.
TEST(RuleTest, ProjectRulesNameACardSeries) {
  const char* ok =
      R"({"id":"p","family":"project","subject":"project","measure":"idle_months","op":">=",
          "levels":{"red":6,"yellow":3}})";
  ASSERT_TRUE(ParseRuleJson(ok).ok()) << ParseRuleJson(ok).status().ToString();
  EXPECT_EQ(ParseRuleJson(ok)->subject, SubjectKind::kProject);
  EXPECT_TRUE(IsExternal(SubjectKind::kProject));
  const char* bad =
      R"({"id":"p","family":"project","subject":"project","measure":"behind_pct","op":">=",
          "levels":{"red":6}})";
  auto r = ParseRuleJson(bad);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("behind_months"), std::string::npos);
}

TEST(RuleTest, RoundTripsThroughJson) {
  auto rules = DefaultRules();
  ASSERT_TRUE(rules.ok());
  for (const auto& r : *rules) {
    auto back = ParseRuleJson(RuleToJson(r));
    ASSERT_TRUE(back.ok()) << r.id << ": " << back.status().ToString();
    EXPECT_EQ(RuleToJson(*back), RuleToJson(r));
  }
}

TEST(RuleTest, ThresholdsMustBeOrderedBySeverity) {
  const char* bad =
      R"({"id":"x","family":"f","subject":"enterprise","indicator":"output_value","measure":"yoy",
                       "op":"<","levels":{"red":-10,"yellow":-30}})";
  auto r = ParseRuleJson(bad);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("red"), std::string::npos);
  const char* good =
      R"({"id":"x","family":"f","subject":"enterprise","indicator":"output_value","measure":"yoy",
                        "op":"<","levels":{"yellow":-30,"orange":-40,"red":-50,"blue":-20}})";
  auto g = ParseRuleJson(good);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  ASSERT_EQ(g->thresholds.size(), 4u);
  EXPECT_EQ(g->thresholds[0].level, Level::kRed);
  EXPECT_EQ(Classify(*g, -45)->level, Level::kOrange);
  EXPECT_EQ(Classify(*g, -25)->level, Level::kBlue);
  EXPECT_FALSE(Classify(*g, -5));
}

TEST(RuleTest, RefusesUnknownFieldsKindsAndBadFiles) {
  EXPECT_FALSE(
      ParseRuleJson(R"({"id":"x","family":"f","subject":"planet","levels":{"red":1}})").ok());
  EXPECT_FALSE(
      ParseRuleJson(
          R"({"id":"x","family":"f","subject":"commodity","measure":"price","levels":{"red":1},"colour":1})")
          .ok());
  EXPECT_FALSE(
      ParseRuleJson(
          R"({"id":"x","family":"f","subject":"commodity","measure":"price","levels":{"purple":1}})")
          .ok());
  EXPECT_FALSE(
      ParseRuleJson(
          R"({"id":"x y","family":"f","subject":"commodity","measure":"price","levels":{"red":1}})")
          .ok());
  EXPECT_FALSE(ParseRuleJson("not json").ok());
  EXPECT_FALSE(ParseRuleFile(R"({"version":2,"rules":[]})").ok());
  EXPECT_FALSE(
      ParseRuleJson(
          R"({"id":"x","family":"f","subject":"region","check":"stoppage","indicator":"output_value","levels":{"red":0}})")
          .ok());
}

TEST(RuleTest, TheMeasureIsParsedOnceWhenTheRuleIsLoaded) {
  auto region =
      ParseRuleJson(R"({"id":"x","family":"f","subject":"region","indicator":"output_value",
                                  "measure":"contrib_pp","level_of":"province","levels":{"red":-1}})");
  ASSERT_TRUE(region.ok()) << region.status().ToString();
  EXPECT_EQ(region->measure, Measure::kContribPp);
  EXPECT_TRUE(region->series.empty());
  EXPECT_NE(RuleToJson(*region).find(R"("measure":"contrib_pp")"), std::string::npos);
  // An unknown measure is refused when the rule is loaded, naming the rule and the measure.
  auto bad = ParseRuleJson(R"({"id":"x","family":"f","subject":"region","indicator":"output_value",
                               "measure":"growth","level_of":"province","levels":{"red":-1}})");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("rule 'x'"), std::string::npos);
  EXPECT_NE(bad.status().message().find("unknown measure 'growth'"), std::string::npos);
  // Enterprises have value, ytd, yoy and ytd_yoy only.
  EXPECT_FALSE(
      ParseRuleJson(R"({"id":"x","family":"f","subject":"enterprise","indicator":"output_value",
                                 "measure":"share","levels":{"red":-1}})")
          .ok());
  // Commodity and target rules name an outside series, not a measure of the engine.
  auto commodity = ParseRuleJson(
      R"({"id":"x","family":"f","subject":"commodity","measure":"price","levels":{"red":1}})");
  ASSERT_TRUE(commodity.ok()) << commodity.status().ToString();
  EXPECT_FALSE(commodity->measure.has_value());
  EXPECT_EQ(commodity->series, "price");
  EXPECT_NE(RuleToJson(*commodity).find(R"("measure":"price")"), std::string::npos);
}

TEST(RuleTest, AbsoluteComparisonAndMessages) {
  Rule r;
  r.op = Comparator::kAbsGreater;
  r.thresholds = {{Level::kRed, 20}, {Level::kBlue, 5}};
  EXPECT_EQ(Classify(r, -25)->level, Level::kRed);
  EXPECT_EQ(Classify(r, 6)->level, Level::kBlue);
  EXPECT_FALSE(Classify(r, -4));
  EXPECT_EQ(FormatMessage("{subject} {value}% {unknown}",
                          {{"subject", "甲"}, {"value", FormatNumber(-12.345)}}),
            "甲 -12.3% {unknown}");
  EXPECT_EQ(FormatNumber(-0.01), "0.0");
}

// Messages show numbers as printf's "%.1f" did (the stored alerts' messages must not change):
// the C library's own formatting is the reference, ties and large values included.
TEST(RuleTest, FormatNumberIsPrintfsOneDecimal) {
  std::vector<double> values = {0.25,   0.35,    -0.05,   2.5,     1e300, -1e300, 123456789.05,
                                0.0499, 99.9999, -12.345, 1.0 / 3, 1e-320, 5e15 + 0.5};
  std::mt19937_64 random(11);
  std::uniform_real_distribution<double> spread(-1e6, 1e6);
  for (int i = 0; i < 20000; ++i) values.push_back(spread(random));
  for (int i = -2000; i <= 2000; ++i) values.push_back(i / 20.0);  // every .x5 tie
  for (double v : values) {
    char buf[512];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    const std::string want = std::string(buf) == "-0.0" ? "0.0" : buf;
    ASSERT_EQ(FormatNumber(v), want) << v;
  }
}

// Region and industry rules may watch the seasonally adjusted 环比 (engine measure mom_sa).
TEST(RuleTest, RegionRulesMayUseMomSa) {
  auto r = ParseRuleJson(R"({"id":"x","family":"f","subject":"region","indicator":"output_value",
                              "measure":"mom_sa","level_of":"prefecture","op":"<",
                              "levels":{"red":-3,"yellow":-1.5,"blue":-0.5},"for":2})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->measure, Measure::kMomSa);
  EXPECT_NE(RuleToJson(*r).find(R"("measure":"mom_sa")"), std::string::npos);
}

}  // namespace
}  // namespace ballast::warn
