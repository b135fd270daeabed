#include "engine/query.h"

#include <gtest/gtest.h>

#include <map>

#include "engine/test_panel_util.h"

namespace ballast {
namespace {

using testing_util::PanelMaker;

// Four enterprises: A, B in 郑州 (410102), C in 济源 (419001, directly under 河南), D in 洛阳
// (410302). Output value (万元) March 2024 → March 2025:
//   A 1311 (division 13) 100 → 110;  B 3311 (33) 200 → 190;  C 3311 (33) 50 → 60;
//   D 0610 (06, mining) —   → 40 (entrant, no base).
class QueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    PanelMaker m;
    m.Enterprise("A", "410102", "1311");
    m.Enterprise("B", "410102", "3311");
    m.Enterprise("C", "419001", "3311");
    m.Enterprise("D", "410302", "0610");
    m.Batch({{"A", "output_value", "2024-03", 100}, {"B", "output_value", "2024-03", 200},
             {"C", "output_value", "2024-03", 50},  {"A", "output_value", "2025-03", 110},
             {"B", "output_value", "2025-03", 190}, {"C", "output_value", "2025-03", 60},
             {"D", "output_value", "2025-03", 40},
             // Profit from 1-2月 only: February cumulative, no January.
             {"A", "profit", "2024-02", kMissing, 20}, {"B", "profit", "2024-02", kMissing, 10},
             {"A", "profit", "2025-02", kMissing, 30}, {"B", "profit", "2025-02", kMissing, 5},
             // Electricity: A reports January, B does not.
             {"A", "electricity", "2024-01", 10, 10}, {"A", "electricity", "2024-02", 10, 20},
             {"A", "electricity", "2025-01", 12, 12}, {"A", "electricity", "2025-02", 9, 21},
             {"B", "electricity", "2024-02", kMissing, 30}, {"B", "electricity", "2025-02", kMissing, 33}});
    panel_ = m.Make();
    ASSERT_NE(panel_, nullptr);
    query_ = std::make_unique<Query>(*panel_);
  }
  CellRef Ref(const char* ind, const char* period, const char* region = "100000", const char* industry = "BCD") {
    const Catalog& c = panel_->catalog();
    return {c.FindIndicator(ind), *ParsePeriod(period), c.regions().Find(region), c.FindIndustry(industry)};
  }
  std::optional<double> One(const CellRef& r, Measure m, Dimension of = Dimension::kIndustry) {
    auto row = query_->Cell(r, {m}, of);
    EXPECT_TRUE(row.ok()) << row.status().ToString();
    return row->values[0];
  }
  std::unique_ptr<Panel> panel_;
  std::unique_ptr<Query> query_;
};

TEST_F(QueryTest, SameSampleGrowthExcludesEntrantsWithoutBase) {
  auto henan = Ref("output_value", "2025-03", "410000");
  EXPECT_DOUBLE_EQ(*One(henan, Measure::kValue), 400);
  EXPECT_NEAR(*One(henan, Measure::kYoy), (360.0 / 350 - 1) * 100, 1e-12);  // D has no base
  EXPECT_EQ(*One(henan, Measure::kN), 4);
  EXPECT_NEAR(*One(henan, Measure::kGrowthBreadth), 200.0 / 3, 1e-12);  // A and C grew
}

TEST_F(QueryTest, JiyuanIsInHenanButNotInAnyPrefecture) {
  EXPECT_DOUBLE_EQ(*One(Ref("output_value", "2025-03", "419001"), Measure::kValue), 60);
  EXPECT_DOUBLE_EQ(*One(Ref("output_value", "2025-03", "410100"), Measure::kValue), 300);
  // Region contributions: 济源's pull on Henan = (60-50)/350 × 100 pp; its contribution rate
  // = 10 / (360-350) × 100 = 100 %; 郑州 pulls 0.
  auto jiyuan = Ref("output_value", "2025-03", "419001");
  EXPECT_NEAR(*One(jiyuan, Measure::kContribPp, Dimension::kRegion), 10.0 / 350 * 100, 1e-12);
  EXPECT_NEAR(*One(jiyuan, Measure::kContribShare, Dimension::kRegion), 100.0, 1e-12);
  EXPECT_NEAR(*One(Ref("output_value", "2025-03", "410100"), Measure::kShare, Dimension::kRegion),
              75.0, 1e-12);
}

TEST_F(QueryTest, ChildrenPullsAddUpToParentGrowth) {
  auto rows = query_->Children(Ref("output_value", "2025-03", "410000"), Dimension::kRegion,
                               {Measure::kContribPp, Measure::kContribShare, Measure::kShare});
  ASSERT_TRUE(rows.ok());
  double pp = 0, share = 0, contrib = 0;
  for (const auto& r : *rows) {
    pp += r.row.values[0].value_or(0);
    contrib += r.row.values[1].value_or(0);
    share += r.row.values[2].value_or(0);
  }
  EXPECT_NEAR(pp, (360.0 / 350 - 1) * 100, 1e-12);
  EXPECT_NEAR(contrib, 100, 1e-9);
  EXPECT_NEAR(share, 100, 1e-9);
  // 18 prefectures and 济源 are children of Henan.
  EXPECT_EQ(rows->size(), panel_->catalog().regions().node(panel_->catalog().regions().Find("410000")).children.size());
}

TEST_F(QueryTest, IndustryFiltersWalkTheTree) {
  EXPECT_DOUBLE_EQ(*One(Ref("output_value", "2025-03", "100000", "C"), Measure::kValue), 360);
  EXPECT_DOUBLE_EQ(*One(Ref("output_value", "2025-03", "100000", "33"), Measure::kValue), 250);
  EXPECT_DOUBLE_EQ(*One(Ref("output_value", "2025-03", "100000", "331"), Measure::kValue), 250);
  EXPECT_DOUBLE_EQ(*One(Ref("output_value", "2025-03", "100000", "B"), Measure::kValue), 40);
  // Division 33 within C: same-sample change 0 → pull 0 pp; share 250/360.
  auto d33 = Ref("output_value", "2025-03", "100000", "33");
  EXPECT_NEAR(*One(d33, Measure::kContribPp), 0.0, 1e-12);
  EXPECT_NEAR(*One(d33, Measure::kShare), 250.0 / 360 * 100, 1e-12);
  // The root of a dimension has no parent.
  EXPECT_FALSE(One(Ref("output_value", "2025-03"), Measure::kShare).has_value());
}

// Issue #12 item 8: a child without a same-sample member adds nothing to its parent's change.
TEST_F(QueryTest, ContributionOfAChildWithoutSameSampleIsZero) {
  // Section B (mining) holds D only, an entrant without a base: pull 0 pp and contribution 0 %
  // of BCD's change 360 - 350 (not undefined).
  auto mining = Ref("output_value", "2025-03", "100000", "B");
  EXPECT_EQ(One(mining, Measure::kContribPp), 0.0);
  EXPECT_EQ(One(mining, Measure::kContribShare), 0.0);
  // 洛阳 (D alone) in Henan along the region dimension: the same.
  auto luoyang = Ref("output_value", "2025-03", "410300");
  EXPECT_EQ(One(luoyang, Measure::kContribPp, Dimension::kRegion), 0.0);
  EXPECT_EQ(One(luoyang, Measure::kContribShare, Dimension::kRegion), 0.0);
  // Still undefined at the root (no parent).
  EXPECT_FALSE(One(Ref("output_value", "2025-03"), Measure::kContribPp).has_value());
}

TEST_F(QueryTest, JanuaryFebruaryRule) {
  // Nobody reports January profit: February's yoy is the 1-2月 cumulative growth 35/30 - 1.
  auto feb = Ref("profit", "2025-02");
  EXPECT_NEAR(*One(feb, Measure::kYoy), (35.0 / 30 - 1) * 100, 1e-12);
  EXPECT_FALSE(One(feb, Measure::kValue).has_value());  // no monthly figure
  // A reported January electricity, so February's yoy stays monthly: A's 9 vs 10 only (B has no
  // February value).
  EXPECT_NEAR(*One(Ref("electricity", "2025-02"), Measure::kYoy), -10.0, 1e-12);
  EXPECT_NEAR(*One(Ref("electricity", "2025-02"), Measure::kYtdYoy), (54.0 / 50 - 1) * 100, 1e-12);
  // In B's own cell nobody reported January: cumulative growth 33/30 - 1.
  EXPECT_NEAR(*One(Ref("electricity", "2025-02", "100000", "33"), Measure::kYoy), 10.0, 1e-12);
}

TEST_F(QueryTest, UndefinedCases) {
  // Negative base sum (loss last year) → undefined growth.
  PanelMaker m;
  m.Enterprise("A", "410102", "1311");
  m.Batch({{"A", "profit", "2024-03", -5}, {"A", "profit", "2025-03", 5}});
  auto panel = m.Make();
  Query q(*panel);
  const Catalog& c = panel->catalog();
  CellRef r{c.FindIndicator("profit"), *ParsePeriod("2025-03"), c.country(), c.all_industry()};
  EXPECT_FALSE(q.Cell(r, {Measure::kYoy}, Dimension::kIndustry)->values[0].has_value());
  // A period without data: value undefined, n = 0.
  r.period = *ParsePeriod("2025-06");
  auto row = q.Cell(r, {Measure::kValue, Measure::kN}, Dimension::kIndustry);
  EXPECT_FALSE(row->values[0].has_value());
  EXPECT_EQ(*row->values[1], 0);
  // Growth of a derived ratio is refused, not guessed.
  r.indicator = c.FindIndicator("profit_margin");
  EXPECT_EQ(q.Cell(r, {Measure::kYoy}, Dimension::kIndustry).status().code(), StatusCode::kInvalidArgument);
}

// Each enterprise goes to the child whose subtree holds it, and one registered at the node itself
// to none: the parent's figure, not a child's.
TEST_F(QueryTest, ChildrenPlaceEachEnterpriseInItsOwnChild) {
  PanelMaker m;
  m.Enterprise("A", "410102", "1311");  // 郑州, division 13
  m.Enterprise("B", "410102", "3311");  // 郑州, division 33
  m.Enterprise("C", "419001", "3311");  // 济源 (a child of Henan, after the prefectures)
  m.Enterprise("D", "410302", "0610");  // 洛阳, division 06
  m.Enterprise("E", "410000", "3311");  // Henan itself
  m.Batch({{"A", "output_value", "2025-03", 110},
           {"B", "output_value", "2025-03", 190},
           {"C", "output_value", "2025-03", 60},
           {"D", "output_value", "2025-03", 40},
           {"E", "output_value", "2025-03", 7}});
  auto panel = m.Make();
  ASSERT_NE(panel, nullptr);
  Query q(*panel);
  const Catalog& c = panel->catalog();
  const CellRef henan{c.FindIndicator("output_value"), *ParsePeriod("2025-03"),
                      c.regions().Find("410000"), c.all_industry()};
  auto by_region = q.Children(henan, Dimension::kRegion, {Measure::kValue, Measure::kShare});
  ASSERT_TRUE(by_region.ok());
  std::map<std::string, double> value, share;
  for (const auto& r : *by_region) {
    if (!r.row.values[0]) continue;
    value[c.regions().node(r.node).code] = *r.row.values[0];
    share[c.regions().node(r.node).code] = *r.row.values[1];
  }
  EXPECT_EQ(value,
            (std::map<std::string, double>{{"410100", 300}, {"410300", 40}, {"419001", 60}}));
  EXPECT_NEAR(share["410100"], 300.0 / 407 * 100, 1e-12);  // of Henan's 407, E's 7 included
  // Along the industry dimension, within 郑州: divisions 13 and 33 of manufacturing (C).
  const CellRef zhengzhou_c{henan.indicator, henan.period, c.regions().Find("410100"),
                            c.FindIndustry("C")};
  auto by_industry = q.Children(zhengzhou_c, Dimension::kIndustry, {Measure::kValue});
  ASSERT_TRUE(by_industry.ok());
  value.clear();
  for (const auto& r : *by_industry) {
    if (r.row.values[0]) value[c.industries().node(r.node).code] = *r.row.values[0];
  }
  EXPECT_EQ(value, (std::map<std::string, double>{{"13", 110}, {"33", 190}}));
}

TEST_F(QueryTest, EnterprisesOfACell) {
  auto rows = query_->Enterprises(Ref("output_value", "2025-03", "410100"), {Measure::kValue, Measure::kYoy});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  double total = 0;
  for (const auto& r : *rows) total += *r.row.values[0];
  EXPECT_DOUBLE_EQ(total, 300);
}

}  // namespace
}  // namespace ballast

namespace ballast {
namespace {

// Query::Cells answers as Cell does, cell by cell, whatever the mix of depths asked at once.
TEST_F(QueryTest, CellsAgreeWithCell) {
  const std::vector<Measure> ms = {Measure::kValue,     Measure::kYoy,   Measure::kShare,
                                   Measure::kContribPp, Measure::kN,     Measure::kYtd,
                                   Measure::kYoy2y,     Measure::kRoster};
  std::vector<CellRef> cells;
  for (const char* r : {"100000", "410000", "410100", "410102", "419001", "410300", "410302"}) {
    for (const char* i : {"BCD", "B", "C", "13", "33", "06", "3311", "1311"}) {
      cells.push_back(Ref("output_value", "2025-03", r, i));
      cells.push_back(Ref("profit", "2025-02", r, i));
    }
  }
  cells.push_back(Ref("output_value", "2025-03", "999999"));  // unknown region: an error in place
  for (Dimension of : {Dimension::kRegion, Dimension::kIndustry}) {
    auto many = query_->Cells(cells, ms, of);
    ASSERT_EQ(many.size(), cells.size());
    EXPECT_FALSE(many.back().ok());
    for (size_t k = 0; k + 1 < cells.size(); ++k) {
      auto one = query_->Cell(cells[k], ms, of);
      ASSERT_TRUE(one.ok() && many[k].ok()) << k;
      EXPECT_EQ(many[k]->n, one->n) << k;
      for (size_t m = 0; m < ms.size(); ++m) {
        ASSERT_EQ(many[k]->values[m].has_value(), one->values[m].has_value()) << k << " " << m;
        if (one->values[m]) {
          EXPECT_NEAR(*many[k]->values[m], *one->values[m], 1e-9) << k;
        }
      }
    }
  }
  // By hand: 郑州 is 300 of 河南's 400 (share 75 %); in industry 33, 郑州's B (190) of 河南's
  // B + C (250) = 76 %.
  auto hand = query_->Cells({Ref("output_value", "2025-03", "410100"),
                             Ref("output_value", "2025-03", "410100", "33")},
                            {Measure::kShare}, Dimension::kRegion);
  EXPECT_NEAR(*hand[0]->values[0], 75.0, 1e-12);
  EXPECT_NEAR(*hand[1]->values[0], 76.0, 1e-12);
}

}  // namespace
}  // namespace ballast
