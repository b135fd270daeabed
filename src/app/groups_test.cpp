#include "app/groups.h"

#include <gtest/gtest.h>

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
  EXPECT_EQ(sizes["@hightech"], 84u);
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
