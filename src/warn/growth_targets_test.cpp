#include "warn/growth_targets.h"

#include <gtest/gtest.h>

namespace ballast::warn {
namespace {

TEST(GrowthTargetsTest, ParsesRowsAndDefaults) {
  auto t = ParseGrowthTargets(
      "subject,code,name,target_pct,source\n"
      "region,*,default,6.0,x\n"
      "region,410100,郑州市,7.5,city plan\r\n"
      "industry,*,default,5,x\n",
      "growth.csv");
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_DOUBLE_EQ((*t)["region"]["410100"], 7.5);
  EXPECT_DOUBLE_EQ((*t)["region"]["*"], 6.0);
  EXPECT_DOUBLE_EQ((*t)["industry"]["*"], 5.0);
}

TEST(GrowthTargetsTest, BadRowsNameFileLineAndField) {
  auto bad = ParseGrowthTargets("subject,code,name,target_pct,source\nregion,410100,郑州,abc,x\n",
                                "g.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("g.csv line 2, field target_pct"), std::string::npos)
      << bad.status().message();
  auto kind =
      ParseGrowthTargets("subject,code,name,target_pct,source\ncity,410100,郑州,6,x\n", "g.csv");
  EXPECT_NE(kind.status().message().find("field subject"), std::string::npos);
  auto dup = ParseGrowthTargets(
      "subject,code,name,target_pct,source\nregion,1,a,6,x\nregion,1,a,7,x\n", "g.csv");
  EXPECT_NE(dup.status().message().find("line 3"), std::string::npos);
  EXPECT_FALSE(ParseGrowthTargets("", "g.csv").ok());
}

// The rule's own targets win over the file; the file's code row over its default.
TEST(GrowthTargetsTest, TargetLookupOrder) {
  Rule r;
  r.subject = SubjectKind::kRegion;
  r.targets_file = "growth";
  std::vector<Rule> rules{r};
  ApplyGrowthTargets({{"region", {{"*", 6.0}, {"410100", 7.5}}}}, &rules);
  EXPECT_DOUBLE_EQ(*TargetFor(rules[0], "410100"), 7.5);
  EXPECT_DOUBLE_EQ(*TargetFor(rules[0], "410300"), 6.0);
  rules[0].target = 5.0;
  EXPECT_DOUBLE_EQ(*TargetFor(rules[0], "410300"), 5.0);
  rules[0].targets["410100"] = 8.0;
  EXPECT_DOUBLE_EQ(*TargetFor(rules[0], "410100"), 8.0);
}

// The shipped rules no longer carry a 6.0 placeholder: their targets come from the file.
TEST(GrowthTargetsTest, ShippedRulesReadTheFile) {
  auto rules = DefaultRules();
  ASSERT_TRUE(rules.ok());
  auto file = DefaultGrowthTargets();
  ASSERT_TRUE(file.ok()) << file.status().message();
  int found = 0;
  for (const auto& r : *rules) {
    if (r.id != "region_growth_below_target" && r.id != "industry_growth_below_target") continue;
    ++found;
    EXPECT_FALSE(r.target.has_value()) << r.id;
    EXPECT_EQ(r.targets_file, "growth");
    EXPECT_TRUE(TargetFor(r, "*").has_value());
  }
  EXPECT_EQ(found, 2);
}

}  // namespace
}  // namespace ballast::warn
