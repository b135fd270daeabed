#include "app/groups.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "testing/testing.h"

namespace ballast::app {
namespace {

const Catalog& Cat() {
  static const Catalog c = std::move(Catalog::Embedded()).value();
  return c;
}

TEST(GroupsTest, ShippedGroupsLoadAndResolve) {
  ASSERT_OK_AND_ASSIGN(auto groups, LoadGroups(Cat()));
  std::map<std::string, size_t> sizes;
  for (const auto& g : groups) sizes[g.name] = g.codes.size();
  // Counts from the definitions (data/groups/README.md): 31 provinces in four regions.
  EXPECT_EQ(sizes["@hightech"], 85u);
  EXPECT_EQ(sizes["@equipment"], 8u);
  EXPECT_EQ(sizes["@energy6"], 6u);
  EXPECT_EQ(sizes["@east"] + sizes["@central"] + sizes["@west"] + sizes["@northeast"], 31u);
  for (const auto& g : groups) {
    if (g.name != "@hightech") continue;
    for (const auto& code : g.codes) {
      const NodeId n = Cat().FindIndustry(code);
      EXPECT_TRUE(Cat().industries().Contains(Cat().FindIndustry("C"), n))
          << code << " is not manufacturing";
      EXPECT_EQ(code.size(), 4u) << code;
    }
  }
}

// The NBS table by category (data/groups/README.md says what it was checked against): 医药 9,
// 航空航天 6 (with 4343 航空航天器修理, in division 43), 电子及通信 35 (396 智能消费设备 without
// 3964, which the 2017 table does not list), 计算机及办公 8, 医疗仪器及仪器仪表 25 (with 4029),
// 信息化学品 2.
TEST(GroupsTest, HightechFollowsTheNbsTableByCategory) {
  ASSERT_OK_AND_ASSIGN(auto groups, LoadGroups(Cat()));
  const Group* hightech = nullptr;
  for (const auto& g : groups) {
    if (g.name == "@hightech") hightech = &g;
  }
  ASSERT_NE(hightech, nullptr);
  const auto has = [&](const std::string& code) {
    return std::find(hightech->codes.begin(), hightech->codes.end(), code) != hightech->codes.end();
  };
  EXPECT_TRUE(has("4343"));
  EXPECT_TRUE(has("4029"));
  EXPECT_TRUE(has("2780"));
  EXPECT_TRUE(has("3586"));
  EXPECT_FALSE(has("3964"));
  std::map<std::string, int> by_division;
  for (const auto& code : hightech->codes) ++by_division[code.substr(0, 2)];
  EXPECT_EQ(by_division["27"], 9);
  EXPECT_EQ(by_division["26"], 2);
  EXPECT_EQ(by_division["37"] + by_division["43"], 6);
  // 39 holds 电子及通信 (29 of its classes) and 计算机 (6); 34 办公设备 2; 35 电子专用 3 and 医疗
  // 7; 38 光纤光缆锂电 3; 40 仪器仪表 18.
  EXPECT_EQ(by_division["39"], 35);
  EXPECT_EQ(by_division["34"], 2);
  EXPECT_EQ(by_division["35"], 10);
  EXPECT_EQ(by_division["38"], 3);
  EXPECT_EQ(by_division["40"], 18);
}

TEST(GroupsTest, ResolveSetsTheRootAndTheFilter) {
  CellRef ref;
  ASSERT_OK(ResolveCellScope(Cat(), "@central", "@energy6", {"外资,国有", " 外资", ""}, &ref));
  EXPECT_EQ(ref.region, Cat().country());
  EXPECT_EQ(ref.industry, Cat().all_industry());
  ASSERT_NE(ref.filter, nullptr);
  EXPECT_EQ(ref.filter->region_group_label, "中部地区");
  EXPECT_EQ(ref.filter->regions.size(), 6u);
  EXPECT_EQ(ref.filter->industries.size(), 6u);
  EXPECT_EQ(ref.filter->tags, (std::vector<std::string>{"外资", "国有"}));
  CellRef plain;
  ASSERT_OK(ResolveCellScope(Cat(), "410000", "", {}, &plain));
  EXPECT_EQ(plain.filter, nullptr);
  EXPECT_EQ(ResolveCellScope(Cat(), "@hightech", "", {}, &plain).message(),
            "region: '@hightech' is a group of industries");
}

TEST(GroupsTest, ParseErrorsNameFileLineAndField) {
  EXPECT_EQ(
      ParseGroup("# name_zh: x\n# dimension: regions\ncode\n1\n", "f.csv", "f").status().message(),
      "f.csv:2: dimension: 'regions' is not region or industry");
  EXPECT_EQ(
      ParseGroup("# name_zh: x\n# dimension: region\nname\n", "f.csv", "f").status().message(),
      "f.csv:3: the header must start with the column 'code'");
  EXPECT_EQ(ParseGroup("# name_zh: x\n# dimension: region\ncode\n410000\n410000\n", "f.csv", "f")
                .status()
                .message(),
            "f.csv:5: code: '410000' is listed twice");
  EXPECT_FALSE(ParseGroup("# dimension: region\ncode\n410000\n", "f.csv", "f").ok());  // no name_zh
  EXPECT_FALSE(
      ParseGroup("# name_zh: x\n# dimension: region\ncode\n", "f.csv", "f").ok());  // no member
  EXPECT_FALSE(
      ParseGroup("# name_zh: x\n# dimension: region\ncode\n1\n", "Bad Name.csv", "Bad Name").ok());
  ASSERT_OK_AND_ASSIGN(
      Group g,
      ParseGroup("# a comment\n# name_zh: 两市\n# dimension: region\ncode,name\n410100,郑州\n"
                 "410200,开封\n",
                 "two.csv", "two"));
  EXPECT_EQ(g.name, "@two");
  EXPECT_TRUE(g.region);
  EXPECT_EQ(g.codes, (std::vector<std::string>{"410100", "410200"}));
}

}  // namespace
}  // namespace ballast::app
