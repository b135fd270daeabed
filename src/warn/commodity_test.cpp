#include "warn/commodity.h"

#include <gtest/gtest.h>

namespace ballast::warn {
namespace {

Rule DefaultRule(const std::string& id) {
  const std::vector<Rule> rules = DefaultRules().value();
  for (const auto& r : rules) {
    if (r.id == id) return r;
  }
  return {};
}

TEST(CommodityTest, ParsesTablesAndReportsRowProblems) {
  auto ok = ParseCommodityTable(
      "code,name,unit,date,price,stock_days\n"
      "iron_ore,铁矿石,元/吨,2025-09-01,800,20\n"
      "urea,尿素,元/吨,2025-09-01,2100,\n",
      "c.csv");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_TRUE(ok->errors.empty());
  ASSERT_EQ(ok->points.size(), 2u);
  EXPECT_TRUE(ok->points[0].has_stock_days);
  EXPECT_FALSE(ok->points[1].has_stock_days);
  auto zh = ParseCommodityTable("代码,名称,单位,日期,价格\ncoal,动力煤,元/吨,2025-09-01,750\n", "c.csv");
  ASSERT_TRUE(zh.ok());
  EXPECT_EQ(zh->points.size(), 1u);
  auto bad = ParseCommodityTable(
      "code,name,unit,date,price\n"
      "coal,动力煤,元/吨,2025-02-30,750\n"
      "coal,动力煤,元/吨,2025-03-01,-1\n"
      "coal,动力煤,元/吨,2025-03-02,700\n"
      "coal,动力煤,元/吨,2025-03-02,710\n",
      "c.csv");
  ASSERT_TRUE(bad.ok());
  ASSERT_EQ(bad->errors.size(), 3u);
  EXPECT_EQ(bad->errors[0].line, 2);
  EXPECT_EQ(bad->errors[0].column, "date");
  EXPECT_EQ(bad->errors[2].line, 5);
  EXPECT_FALSE(ParseCommodityTable("code,name,price\n", "c.csv").ok());
  EXPECT_FALSE(ParseCommodityTable("code,name,unit,date,price,colour\n", "c.csv").ok());
}

TEST(CommodityTest, SeriesAndRedYellowBlueWarnings) {
  std::vector<CommodityPointRecord> pts = {
      {"iron_ore", "铁矿石", "元/吨", "2024-09-02", 600, 0, false, "", "", ""},
      {"iron_ore", "铁矿石", "元/吨", "2025-08-01", 700, 20, true, "", "", ""},
      {"iron_ore", "铁矿石", "元/吨", "2025-09-01", 875, 8, true, "", "", ""},  // +25 %, 8 days
      {"urea", "尿素", "元/吨", "2025-08-01", 2000, 30, true, "", "", ""},
      {"urea", "尿素", "元/吨", "2025-09-01", 2060, 30, true, "", "", ""},  // +3 %
  };
  auto subjects = CommoditySubjects(pts);
  ASSERT_EQ(subjects.size(), 2u);
  std::vector<Rule> rules = {DefaultRule("commodity_price_change"), DefaultRule("commodity_price_yoy"),
                             DefaultRule("commodity_supply_days")};
  auto res = Evaluate(rules, {nullptr, nullptr, subjects});
  std::map<std::string, Finding> by_rule;
  for (const auto& f : res.findings) by_rule[rules[f.rule].id + "/" + f.subject_key] = f;
  ASSERT_EQ(by_rule.size(), 2u);
  EXPECT_EQ(by_rule["commodity_price_change/iron_ore"].level, Level::kRed);
  EXPECT_NEAR(by_rule["commodity_price_change/iron_ore"].value, 25, 1e-9);
  // 875 against 600 on 2024-09-02 (364 days earlier is not a year: the 2024-09-02 point is 364
  // days before 2025-09-01, so no year-ago point qualifies).
  EXPECT_EQ(by_rule.count("commodity_price_yoy/iron_ore"), 0u);
  EXPECT_EQ(by_rule["commodity_supply_days/iron_ore"].level, Level::kYellow);
  EXPECT_EQ(by_rule["commodity_supply_days/iron_ore"].period, "2025-09-01");
  EXPECT_EQ(by_rule.count("commodity_price_change/urea"), 0u);
  // A falling price is a swing too.
  pts.push_back({"urea", "尿素", "元/吨", "2025-10-01", 1500, 30, true, "", "", ""});
  pts.push_back({"iron_ore", "铁矿石", "元/吨", "2025-10-01", 880, 8, true, "", "", ""});
  res = Evaluate(rules, {nullptr, nullptr, CommoditySubjects(pts)});
  bool urea = false;
  for (const auto& f : res.findings) urea |= f.subject_key == "urea" && f.level == Level::kRed;
  EXPECT_TRUE(urea);
}

TEST(CommodityTest, YearOnYearNeedsAPointAboutAYearEarlier) {
  std::vector<CommodityPointRecord> pts = {
      {"coal", "动力煤", "元/吨", "2024-08-20", 1000, 0, false, "", "", ""},
      {"coal", "动力煤", "元/吨", "2025-09-01", 550, 0, false, "", "", ""}};
  auto s = CommoditySubjects(pts);
  const std::vector<SeriesPoint>* yoy = nullptr;
  for (const auto& [name, v] : s[0].series) {
    if (name == "yoy_pct") yoy = &v;
  }
  ASSERT_NE(yoy, nullptr);
  ASSERT_EQ(yoy->size(), 1u);
  EXPECT_NEAR(yoy->back().value, -45, 1e-9);
  EXPECT_EQ(DaysFromDate("1970-01-02"), 1);
  EXPECT_FALSE(DaysFromDate("2025-13-01"));
}

}  // namespace
}  // namespace ballast::warn
