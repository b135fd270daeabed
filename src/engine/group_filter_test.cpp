// Cells of named groups and tag filters (issue #12 item 5): hand-computed values.
#include <gtest/gtest.h>

#include "engine/query.h"
#include "engine/test_panel_util.h"

namespace ballast {
namespace {

using testing_util::PanelMaker;

// Output value (万元), March 2024 → March 2025:
//   A 410102 郑州 2710 (division 27) 外资        100.4 → 120.7
//   B 420102 武汉 3311 (33)                       200.2 → 190.1
//   C 110101 北京 3311 (33) 国有                   50.5 →  61.3
//   D 410102 郑州 1311 (13) 外资, 专精特新          80.0 →  88.8
//   E 410302 洛阳 0610 (06, mining)                30.0 →  33.0
//   F 110101 北京 2710 (27) 外资                   40.0 →  44.0
class GroupFilterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    PanelMaker m;
    m.Enterprise("A", "410102", "2710", {"外资"});
    m.Enterprise("B", "420102", "3311");
    m.Enterprise("C", "110101", "3311", {"国有"});
    m.Enterprise("D", "410102", "1311", {"外资", "专精特新"});
    m.Enterprise("E", "410302", "0610");
    m.Enterprise("F", "110101", "2710", {"外资"});
    m.Batch({{"A", "output_value", "2024-03", 100.4},
             {"A", "output_value", "2025-03", 120.7},
             {"B", "output_value", "2024-03", 200.2},
             {"B", "output_value", "2025-03", 190.1},
             {"C", "output_value", "2024-03", 50.5},
             {"C", "output_value", "2025-03", 61.3},
             {"D", "output_value", "2024-03", 80.0},
             {"D", "output_value", "2025-03", 88.8},
             {"E", "output_value", "2024-03", 30.0},
             {"E", "output_value", "2025-03", 33.0},
             {"F", "output_value", "2024-03", 40.0},
             {"F", "output_value", "2025-03", 44.0}});
    panel_ = m.Make();
    ASSERT_NE(panel_, nullptr);
    query_ = std::make_unique<Query>(*panel_);
  }
  const Catalog& cat() const { return panel_->catalog(); }
  CellRef Ref(const char* region, const char* industry, CellFilter f = {}) const {
    CellRef r{cat().FindIndicator("output_value"), *ParsePeriod("2025-03"),
              cat().regions().Find(region), cat().FindIndustry(industry)};
    if (!f.empty()) r.filter = std::make_shared<CellFilter>(std::move(f));
    return r;
  }
  std::vector<double> Values(const CellRef& r, const std::vector<Measure>& ms, Dimension of) const {
    auto row = query_->Cell(r, ms, of);
    EXPECT_TRUE(row.ok()) << row.status().ToString();
    std::vector<double> out;
    for (const auto& v : row->values) out.push_back(v.value_or(-9999));
    return out;
  }
  std::unique_ptr<Panel> panel_;
  std::unique_ptr<Query> query_;
};

const std::vector<Measure> kAll = {Measure::kValue,     Measure::kYoy,          Measure::kShare,
                                   Measure::kContribPp, Measure::kContribShare, Measure::kN};

TEST_F(GroupFilterTest, IndustryGroupOfTwoDivisionsAgainstAllIndustry) {
  CellFilter f;
  f.industry_group = "@two";
  f.industries = {cat().FindIndustry("27"), cat().FindIndustry("33")};
  // Members A, B, C, F; all industry (BCD) is every enterprise.
  const double x = 120.7 + 190.1 + 61.3 + 44.0, b = 100.4 + 200.2 + 50.5 + 40.0;
  const double X = x + 88.8 + 33.0, B = b + 80.0 + 30.0;
  auto v = Values(Ref("100000", "BCD", f), kAll, Dimension::kIndustry);
  EXPECT_NEAR(v[0], x, 1e-9);
  EXPECT_NEAR(v[1], (x / b - 1) * 100, 1e-9);  // 5.32…: from the unrounded sums
  EXPECT_NEAR(v[2], x / X * 100, 1e-9);
  EXPECT_NEAR(v[3], (x - b) / B * 100, 1e-9);
  EXPECT_NEAR(v[4], (x - b) / (X - B) * 100, 1e-9);
  EXPECT_EQ(v[5], 4);
  // The same group in 河南 only (A), its share against 河南's all industry (A, D, E).
  auto h =
      Values(Ref("410000", "BCD", f), {Measure::kValue, Measure::kShare}, Dimension::kIndustry);
  EXPECT_NEAR(h[0], 120.7, 1e-9);
  EXPECT_NEAR(h[1], 120.7 / (120.7 + 88.8 + 33.0) * 100, 1e-9);
  // Along the region dimension its parent is the group in the parent region (the country).
  auto r = Values(Ref("410000", "BCD", f), {Measure::kShare}, Dimension::kRegion);
  EXPECT_NEAR(r[0], 120.7 / x * 100, 1e-9);
}

TEST_F(GroupFilterTest, RegionGroupAgainstTheWholeCountry) {
  CellFilter f;
  f.region_group = "@mid";
  f.regions = {cat().regions().Find("410000"), cat().regions().Find("420000")};
  const double x = 120.7 + 190.1 + 88.8 + 33.0, b = 100.4 + 200.2 + 80.0 + 30.0;  // A B D E
  const double X = x + 61.3 + 44.0, B = b + 50.5 + 40.0;
  auto v = Values(Ref("100000", "BCD", f), kAll, Dimension::kRegion);
  EXPECT_NEAR(v[0], x, 1e-9);
  EXPECT_NEAR(v[1], (x / b - 1) * 100, 1e-9);
  EXPECT_NEAR(v[2], x / X * 100, 1e-9);
  EXPECT_NEAR(v[3], (x - b) / B * 100, 1e-9);
  EXPECT_NEAR(v[4], (x - b) / (X - B) * 100, 1e-9);
  EXPECT_EQ(v[5], 4);
  // Its children along regions are the members, in the group's order.
  auto kids = query_->Children(Ref("100000", "BCD", f), Dimension::kRegion,
                               {Measure::kValue, Measure::kShare});
  ASSERT_TRUE(kids.ok());
  ASSERT_EQ(kids->size(), 2u);
  EXPECT_EQ((*kids)[0].node, cat().regions().Find("410000"));
  EXPECT_NEAR(*(*kids)[0].row.values[0], 120.7 + 88.8 + 33.0, 1e-9);
  EXPECT_NEAR(*(*kids)[1].row.values[1], 190.1 / x * 100, 1e-9);
}

TEST_F(GroupFilterTest, TagsFilterTheCellAndItsParentAlike) {
  CellFilter f;
  f.tags = {"外资"};  // A, D, F
  auto v = Values(Ref("410000", "BCD", f), kAll, Dimension::kRegion);
  const double x = 120.7 + 88.8, b = 100.4 + 80.0;  // A, D in 河南
  const double X = x + 44.0, B = b + 40.0;          // the country's 外资: + F
  EXPECT_NEAR(v[0], x, 1e-9);
  EXPECT_NEAR(v[1], (x / b - 1) * 100, 1e-9);
  EXPECT_NEAR(v[2], x / X * 100, 1e-9);
  EXPECT_NEAR(v[3], (x - b) / B * 100, 1e-9);
  EXPECT_NEAR(v[4], (x - b) / (X - B) * 100, 1e-9);
  EXPECT_EQ(v[5], 2);
  // Any of several tags: 国有 or 专精特新 = C, D.
  CellFilter g;
  g.tags = {"国有", "专精特新"};
  EXPECT_NEAR(Values(Ref("100000", "BCD", g), {Measure::kValue}, Dimension::kIndustry)[0],
              61.3 + 88.8, 1e-9);
  // Children and enterprises keep the filter.
  auto kids = query_->Children(Ref("410000", "BCD", f), Dimension::kIndustry, {Measure::kValue});
  ASSERT_TRUE(kids.ok());
  double c_value = -1;
  for (const auto& k : *kids) {
    if (k.node == cat().FindIndustry("C")) c_value = k.row.values[0].value_or(-1);
    if (k.node == cat().FindIndustry("B")) {
      EXPECT_FALSE(k.row.values[0].has_value());  // E is untagged
    }
  }
  EXPECT_NEAR(c_value, 120.7 + 88.8, 1e-9);
  auto ents = query_->Enterprises(Ref("100000", "BCD", f), {Measure::kValue});
  ASSERT_TRUE(ents.ok());
  EXPECT_EQ(ents->size(), 3u);
  // The complement (none of the tags) holds the others: B, C, E.
  f.exclude_tags = true;
  EXPECT_NEAR(Values(Ref("100000", "BCD", f), {Measure::kValue}, Dimension::kIndustry)[0],
              190.1 + 61.3 + 33.0, 1e-9);
}

TEST_F(GroupFilterTest, GroupsCombineWithTags) {
  CellFilter f;
  f.industry_group = "@two";
  f.industries = {cat().FindIndustry("27"), cat().FindIndustry("33")};
  f.tags = {"外资"};  // A, F; all industry's 外资: A, D, F
  auto v = Values(Ref("100000", "BCD", f), {Measure::kValue, Measure::kShare, Measure::kYoy},
                  Dimension::kIndustry);
  EXPECT_NEAR(v[0], 120.7 + 44.0, 1e-9);
  EXPECT_NEAR(v[1], (120.7 + 44.0) / (120.7 + 44.0 + 88.8) * 100, 1e-9);
  EXPECT_NEAR(v[2], ((120.7 + 44.0) / (100.4 + 40.0) - 1) * 100, 1e-9);
  EXPECT_EQ(f.Key(), "r=;i=@two;t=外资,");
  EXPECT_EQ(WithoutGroup(Ref("100000", "BCD", f), false).filter->Key(), "r=;i=;t=外资,");
}

}  // namespace
}  // namespace ballast
