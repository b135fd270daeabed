// Growth at comparable prices (issue #12 item 1), against hand calculations.
#include <gtest/gtest.h>

#include "engine/query.h"
#include "engine/test_panel_util.h"

namespace ballast {
namespace {

using testing_util::PanelMaker;

// A 1311 (division 13), B 3311 (division 33), C 0610 (mining) in 郑州. Output value:
//            2024-01..03 each   2025-01   2025-02          2025-03
//   A        100                110       120              105
//   B        200                210       200              220
//   C        50                 —         1–2月 ytd 120     60
// Indices (same month of 2024 = 100): division 13: 110; section C: 104; BCD: 100 in January and
// February only. Deflators: A 1.10 (13), B 1.04 (C, nearest ancestor with one), C 1.00 (BCD) in
// January and February, none in March.
class PricesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    PanelMaker m;
    m.Enterprise("A", "410102", "1311");
    m.Enterprise("B", "410102", "3311");
    m.Enterprise("C", "410102", "0610");
    std::vector<testing_util::Row> rows;
    for (const char* p : {"2024-01", "2024-02", "2024-03"}) {
      rows.push_back({"A", "output_value", p, 100});
      rows.push_back({"B", "output_value", p, 200});
      rows.push_back({"C", "output_value", p, 50});
    }
    rows.push_back({"A", "output_value", "2025-01", 110});
    rows.push_back({"B", "output_value", "2025-01", 210});
    rows.push_back({"A", "output_value", "2025-02", 120});
    rows.push_back({"B", "output_value", "2025-02", 200});
    rows.push_back({"C", "output_value", "2025-02", kMissing, 120});
    rows.push_back({"A", "output_value", "2025-03", 105});
    rows.push_back({"B", "output_value", "2025-03", 220});
    rows.push_back({"C", "output_value", "2025-03", 60});
    m.Batch(rows);
    std::vector<PriceRecord> prices;
    for (const char* p : {"2025-01", "2025-02", "2025-03"}) {
      prices.push_back({"13", *ParsePeriod(p), 110});
      prices.push_back({"C", *ParsePeriod(p), 104});
    }
    prices.push_back({"BCD", *ParsePeriod("2025-01"), 100});
    prices.push_back({"BCD", *ParsePeriod("2025-02"), 100});
    m.Prices(prices);
    panel_ = m.Make();
    ASSERT_NE(panel_, nullptr);
    query_ = std::make_unique<Query>(*panel_);
  }
  std::optional<double> One(const char* period, const char* industry, Measure m) {
    const Catalog& c = panel_->catalog();
    CellRef r{c.FindIndicator("output_value"), *ParsePeriod(period), c.country(),
              c.FindIndustry(industry)};
    auto row = query_->Cell(r, {m}, Dimension::kIndustry);
    EXPECT_TRUE(row.ok()) << row.status().ToString();
    return row->values[0];
  }
  std::unique_ptr<Panel> panel_;
  std::unique_ptr<Query> query_;
};

TEST_F(PricesTest, DeflatorIsTheNearestAncestorsIndexElseBcd) {
  const auto a = static_cast<uint32_t>(panel_->FindEnterprise("A"));
  const auto b = static_cast<uint32_t>(panel_->FindEnterprise("B"));
  const auto c = static_cast<uint32_t>(panel_->FindEnterprise("C"));
  EXPECT_DOUBLE_EQ(panel_->Deflator(a, *ParsePeriod("2025-03")), 1.10);
  EXPECT_DOUBLE_EQ(panel_->Deflator(b, *ParsePeriod("2025-03")), 1.04);
  EXPECT_DOUBLE_EQ(panel_->Deflator(c, *ParsePeriod("2025-02")), 1.00);
  EXPECT_TRUE(IsMissing(panel_->Deflator(c, *ParsePeriod("2025-03"))));
  EXPECT_TRUE(IsMissing(panel_->Deflator(a, *ParsePeriod("2024-03"))));
}

TEST_F(PricesTest, MonthlyGrowthAtComparablePrices) {
  // Manufacturing, March: (105/1.10 + 220/1.04) / (100 + 200) − 1.
  EXPECT_NEAR(*One("2025-03", "C", Measure::kYoyReal), ((105 / 1.10 + 220 / 1.04) / 300 - 1) * 100,
              1e-9);
  // Nominal: 325/300 − 1.
  EXPECT_NEAR(*One("2025-03", "C", Measure::kYoy), (325.0 / 300 - 1) * 100, 1e-9);
  // All industry in March: C is in the sample and has no index for March → undefined.
  EXPECT_FALSE(One("2025-03", "BCD", Measure::kYoyReal).has_value());
  EXPECT_TRUE(One("2025-03", "BCD", Measure::kYoy).has_value());
}

TEST_F(PricesTest, CumulativeGrowthDeflatesEachMonth) {
  // 1–2月, all industry: A (110 + 120)/1.10, B (210 + 200)/1.04, C's 1–2月 120 with February's
  // index 1.00; bases 200 + 400 + 100.
  EXPECT_NEAR(*One("2025-02", "BCD", Measure::kYtdYoyReal),
              ((230 / 1.10 + 410 / 1.04 + 120 / 1.00) / 700 - 1) * 100, 1e-9);
  // 1–3月, manufacturing: A 335/1.10, B 630/1.04 against 300 + 600.
  EXPECT_NEAR(*One("2025-03", "C", Measure::kYtdYoyReal),
              ((335 / 1.10 + 630 / 1.04) / 900 - 1) * 100, 1e-9);
  // 1–3月, all industry: C needs March's index, which it lacks.
  EXPECT_FALSE(One("2025-03", "BCD", Measure::kYtdYoyReal).has_value());
}

TEST_F(PricesTest, JanuaryFebruaryRuleAndStocks) {
  // Mining (C alone) reported no January: February's yoy_real is the 1–2月 growth 120/1.00/100 − 1.
  EXPECT_NEAR(*One("2025-02", "B", Measure::kYoyReal), 20.0, 1e-9);
  // Manufacturing reported January: February's monthly figures, (120/1.10 + 200/1.04)/300 − 1.
  EXPECT_NEAR(*One("2025-02", "C", Measure::kYoyReal), ((120 / 1.10 + 200 / 1.04) / 300 - 1) * 100,
              1e-9);
  // Real growth is for flows: refused for a stock.
  const Catalog& c = panel_->catalog();
  CellRef r{c.FindIndicator("employees"), *ParsePeriod("2025-03"), c.country(), c.all_industry()};
  EXPECT_EQ(query_->Cell(r, {Measure::kYoyReal}, Dimension::kIndustry).status().code(),
            StatusCode::kInvalidArgument);
}

// Value added = output × the value-added rate of the nearest ancestor industry with one, else
// BCD's (issue #12 item 2). A 1311 (division 13: 20 %), B 3311 (section C: 25 %), C 0610 (BCD:
// 30 %); output 100, 200, 50 in March 2024 and 110, 190, 60 in March 2025.
// The sums at comparable prices are made only for cells that ask for yoy_real or ytd_yoy_real
// (the deflation is most of a pass over the panel): the nominal measures are the same either
// way, and a cell asking for both still gets the real one.
TEST_F(PricesTest, RealSumsOnlyWhenAsked) {
  const Catalog& c = panel_->catalog();
  CellRef r{c.FindIndicator("output_value"), *ParsePeriod("2025-03"), c.country(),
            c.FindIndustry("C")};
  auto nominal =
      query_->Cell(r, {Measure::kYoy, Measure::kYtdYoy, Measure::kShare}, Dimension::kIndustry);
  auto both = query_->Cell(r, {Measure::kYoy, Measure::kYtdYoy, Measure::kShare, Measure::kYoyReal},
                           Dimension::kIndustry);
  ASSERT_TRUE(nominal.ok()) << nominal.status().ToString();
  ASSERT_TRUE(both.ok()) << both.status().ToString();
  EXPECT_NEAR(*nominal->values[0], (325.0 / 300 - 1) * 100, 1e-9);  // (105 + 220) / (100 + 200)
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(nominal->values[i], both->values[i]) << i;
  EXPECT_NEAR(*both->values[3], ((105 / 1.10 + 220 / 1.04) / 300 - 1) * 100, 1e-9);
}

TEST(ValueAddedTest, OutputTimesTheRateOfTheNearestAncestor) {
  PanelMaker m;
  m.Enterprise("A", "410102", "1311");
  m.Enterprise("B", "410102", "3311");
  m.Enterprise("C", "410102", "0610");
  m.Batch({{"A", "output_value", "2024-03", 100},
           {"B", "output_value", "2024-03", 200},
           {"C", "output_value", "2024-03", 50},
           {"A", "output_value", "2025-03", 110},
           {"B", "output_value", "2025-03", 190},
           {"C", "output_value", "2025-03", 60}});
  m.VaRates({{"13", 20}, {"C", 25}, {"BCD", 30}});
  auto panel = m.Make();
  ASSERT_NE(panel, nullptr);
  Query q(*panel);
  const Catalog& c = panel->catalog();
  CellRef r{c.FindIndicator("value_added"), *ParsePeriod("2025-03"), c.country(), c.all_industry()};
  ASSERT_GE(r.indicator, 0);
  auto row = q.Cell(r, {Measure::kValue, Measure::kYoy}, Dimension::kIndustry);
  ASSERT_TRUE(row.ok()) << row.status().ToString();
  // 110 × 0.20 + 190 × 0.25 + 60 × 0.30 = 22 + 47.5 + 18 = 87.5; a year earlier 20 + 50 + 15.
  EXPECT_NEAR(*row->values[0], 87.5, 1e-9);
  EXPECT_NEAR(*row->values[1], (87.5 / 85 - 1) * 100, 1e-9);
  // 制造业增加值比重: manufacturing's share of all industry, (22 + 47.5) / 87.5.
  r.industry = c.FindIndustry("C");
  row = q.Cell(r, {Measure::kShare}, Dimension::kIndustry);
  EXPECT_NEAR(*row->values[0], 69.5 / 87.5 * 100, 1e-9);
}

// A batch applied to a panel scales its output with the rates it is given: the same rates as the
// panel before (taken over from it) or other ones (found again), as a full build would.
TEST(ValueAddedTest, AnAppliedBatchScalesWithTheRatesItIsGiven) {
  PanelMaker m;
  m.Enterprise("A", "410102", "1311");
  m.Enterprise("B", "410102", "3311");
  m.Batch({{"A", "output_value", "2025-03", 110}, {"B", "output_value", "2025-03", 190}});
  m.VaRates({{"13", 20}, {"C", 25}});
  auto first = m.Make();
  ASSERT_NE(first, nullptr);
  auto value_added = [](const Panel& p) {
    const Catalog& c = p.catalog();
    Query q(p);
    CellRef r{c.FindIndicator("value_added"), *ParsePeriod("2025-03"), c.country(),
              c.all_industry()};
    auto row = q.Cell(r, {Measure::kValue}, Dimension::kIndustry);
    return row.ok() && row->values[0] ? *row->values[0] : -1.0;
  };
  EXPECT_NEAR(value_added(*first), 110 * 0.20 + 190 * 0.25, 1e-9);
  // A's figure revised, the same rates: 120 × 0.20 + 190 × 0.25.
  auto second = m.Apply(*first, {{"A", "output_value", "2025-03", 120}});
  ASSERT_NE(second, nullptr);
  EXPECT_NEAR(value_added(*second), 120 * 0.20 + 190 * 0.25, 1e-9);
  // B's figure revised under a new rate for 33 (B's division): B at 40 %, A still at 20 %.
  m.VaRates({{"13", 20}, {"C", 25}, {"33", 40}});
  auto third = m.Apply(*second, {{"B", "output_value", "2025-03", 200}});
  ASSERT_NE(third, nullptr);
  EXPECT_NEAR(value_added(*third), 120 * 0.20 + 200 * 0.40, 1e-9);
  auto fresh = m.Make();
  ASSERT_NE(fresh, nullptr);
  EXPECT_EQ(value_added(*third), value_added(*fresh));
}

TEST(PricesNoIndexTest, WithoutPricesRealGrowthIsUndefined) {
  PanelMaker m;
  m.Enterprise("A", "410102", "1311");
  m.Batch({{"A", "output_value", "2024-03", 100}, {"A", "output_value", "2025-03", 110}});
  auto panel = m.Make();
  Query q(*panel);
  const Catalog& c = panel->catalog();
  CellRef r{c.FindIndicator("output_value"), *ParsePeriod("2025-03"), c.country(),
            c.all_industry()};
  auto row = q.Cell(r, {Measure::kYoy, Measure::kYoyReal}, Dimension::kIndustry);
  ASSERT_TRUE(row.ok());
  EXPECT_NEAR(*row->values[0], 10.0, 1e-9);
  EXPECT_FALSE(row->values[1].has_value());
}

}  // namespace
}  // namespace ballast
