// Quarters and half-years (issue #12 item 6): the measures quarter, quarter_yoy, half, half_yoy
// against hand calculations.
#include <gtest/gtest.h>

#include <cstdio>

#include "engine/measure_context.h"
#include "engine/query.h"
#include "engine/test_panel_util.h"

namespace ballast {
namespace {

using testing_util::PanelMaker;
using testing_util::Row;

constexpr const char* kOut = "output_value";

void Months(std::vector<Row>* rows, const char* uscc, int year, int from, int to, double value) {
  for (int m = from; m <= to; ++m) {
    char p[8];
    std::snprintf(p, sizeof p, "%04d-%02d", year, m);
    rows->push_back({uscc, kOut, p, value});
  }
}

// Output value (万元), 郑州 410102, January 2024 – June 2025:
//   A: 10 a month in 2024; 11 a month in 2025 Q1, 12 in Q2.   Q2: 36 against 30.
//   B: 20 a month in 2024; 22 a month Jan–Apr 2025, May missing, June reports value 25 and
//      1–6月 135 (so May was 22).                            Q2: 135 − 66 = 69 against 60.
//   C: 100 a month in 2024; April 90 and June 90 in 2025, May missing and no cumulative
//      figure after it: no figure for Q2 (neither level nor growth).
//   D: entrant, 5 a month April–June 2025 only: Q2 level 15, no base (not in the growth).
// 洛阳 410302, January–February merged: E reports 1–2月 only (no January), then March.
//   2024: 1–2月 40, March 25 (1–3月 65);  2025: 1–2月 44, March 30 (1–3月 74).
// 济源 419001, all of 2024 and 2025: F 10 a month in 2024; in 2025 10 a month in H1, 11 in Q3,
//   13 in Q4.
class WindowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    PanelMaker m;
    m.Enterprise("A", "410102", "1311");
    m.Enterprise("B", "410102", "1311");
    m.Enterprise("C", "410102", "3311");
    m.Enterprise("D", "410102", "3311");
    m.Enterprise("E", "410302", "3311");
    m.Enterprise("F", "419001", "3311");
    std::vector<Row> r;
    Months(&r, "A", 2024, 1, 12, 10);
    Months(&r, "A", 2025, 1, 3, 11);
    Months(&r, "A", 2025, 4, 6, 12);
    Months(&r, "B", 2024, 1, 12, 20);
    Months(&r, "B", 2025, 1, 4, 22);
    r.push_back({"B", kOut, "2025-06", 25, 135});
    Months(&r, "C", 2024, 1, 12, 100);
    Months(&r, "C", 2025, 1, 4, 90);
    r.push_back({"C", kOut, "2025-06", 90});
    Months(&r, "D", 2025, 4, 6, 5);
    r.push_back({"E", kOut, "2024-02", kMissing, 40});
    r.push_back({"E", kOut, "2024-03", 25});
    r.push_back({"E", kOut, "2025-02", kMissing, 44});
    r.push_back({"E", kOut, "2025-03", 30});
    Months(&r, "F", 2024, 1, 12, 10);
    Months(&r, "F", 2025, 1, 6, 10);
    Months(&r, "F", 2025, 7, 9, 11);
    Months(&r, "F", 2025, 10, 12, 13);
    m.Batch(r);
    panel_ = m.Make();
    ASSERT_NE(panel_, nullptr);
    query_ = std::make_unique<Query>(*panel_);
  }
  std::optional<double> One(const char* region, const char* period, Measure measure) {
    const Catalog& c = panel_->catalog();
    CellRef ref{c.FindIndicator(kOut), *ParsePeriod(period), c.regions().Find(region),
                c.all_industry()};
    auto row = query_->Cell(ref, {measure}, Dimension::kIndustry);
    EXPECT_TRUE(row.ok()) << row.status().ToString();
    return row.ok() ? row->values[0] : std::nullopt;
  }
  std::unique_ptr<Panel> panel_;
  std::unique_ptr<Query> query_;
};

TEST_F(WindowTest, WindowStart) {
  EXPECT_EQ(WindowStart(*ParsePeriod("2025-05"), 3), *ParsePeriod("2025-04"));
  EXPECT_EQ(WindowStart(*ParsePeriod("2025-06"), 3), *ParsePeriod("2025-04"));
  EXPECT_EQ(WindowStart(*ParsePeriod("2025-07"), 3), *ParsePeriod("2025-07"));
  EXPECT_EQ(WindowStart(*ParsePeriod("2025-12"), 3), *ParsePeriod("2025-10"));
  EXPECT_EQ(WindowStart(*ParsePeriod("2025-03"), 6), *ParsePeriod("2025-01"));
  EXPECT_EQ(WindowStart(*ParsePeriod("2025-12"), 6), *ParsePeriod("2025-07"));
}

TEST_F(WindowTest, SecondQuarterWithAMissingMonth) {
  // Level: A 36 + B 69 + D 15 (C has no figure for the quarter) = 120.
  EXPECT_DOUBLE_EQ(*One("410102", "2025-06", Measure::kQuarter), 120);
  // Growth on the same sample {A, B}: (36 + 69) / (30 + 60) − 1 = 16.67 %.
  EXPECT_NEAR(*One("410102", "2025-06", Measure::kQuarterYoy), (105.0 / 90 - 1) * 100, 1e-12);
  // Not the difference of the cell's cumulative figures: 1–6月 has A 69 + B 135 = 204 (C and D
  // have no 1–6月), 1–3月 has A 33 + B 66 + C 270 = 369.
  EXPECT_DOUBLE_EQ(*One("410102", "2025-06", Measure::kYtd), 204);
  EXPECT_DOUBLE_EQ(*One("410102", "2025-03", Measure::kYtd), 369);
}

TEST_F(WindowTest, QuarterToDate) {
  // May: April and May. A 24 against 20; B and C have no May (B's gap is closed only by its
  // 1–6月); D 10 without base.
  EXPECT_DOUBLE_EQ(*One("410102", "2025-05", Measure::kQuarter), 34);
  EXPECT_NEAR(*One("410102", "2025-05", Measure::kQuarterYoy), 20.0, 1e-12);
  // April alone is the month.
  EXPECT_DOUBLE_EQ(*One("410102", "2025-04", Measure::kQuarter),
                   *One("410102", "2025-04", Measure::kValue));
}

TEST_F(WindowTest, FirstHalfIsTheCumulativeFigure) {
  // H1 = 1–6月: A 69 against 60, B 135 against 120 (C, D have no 1–6月).
  EXPECT_DOUBLE_EQ(*One("410102", "2025-06", Measure::kHalf), 204);
  EXPECT_NEAR(*One("410102", "2025-06", Measure::kHalfYoy), (204.0 / 180 - 1) * 100, 1e-12);
  EXPECT_NEAR(*One("410102", "2025-06", Measure::kHalfYoy),
              *One("410102", "2025-06", Measure::kYtdYoy), 1e-12);
}

TEST_F(WindowTest, JanuaryFebruaryMerged) {
  // February: the quarter so far is the 1–2月 figure although no month alone is known.
  EXPECT_FALSE(One("410302", "2025-02", Measure::kValue).has_value());
  EXPECT_DOUBLE_EQ(*One("410302", "2025-02", Measure::kQuarter), 44);
  EXPECT_NEAR(*One("410302", "2025-02", Measure::kQuarterYoy), (44.0 / 40 - 1) * 100, 1e-12);
  // Q1 = 1–3月: 44 + 30 = 74 against 40 + 25 = 65.
  EXPECT_DOUBLE_EQ(*One("410302", "2025-03", Measure::kQuarter), 74);
  EXPECT_NEAR(*One("410302", "2025-03", Measure::kQuarterYoy), (74.0 / 65 - 1) * 100, 1e-12);
  EXPECT_NEAR(*One("410302", "2025-03", Measure::kHalfYoy), (74.0 / 65 - 1) * 100, 1e-12);
}

TEST_F(WindowTest, ThirdAndFourthQuarterAndSecondHalf) {
  EXPECT_DOUBLE_EQ(*One("419001", "2025-09", Measure::kQuarter), 33);
  EXPECT_NEAR(*One("419001", "2025-09", Measure::kQuarterYoy), 10.0, 1e-12);  // 33 / 30
  EXPECT_DOUBLE_EQ(*One("419001", "2025-12", Measure::kQuarter), 39);
  EXPECT_NEAR(*One("419001", "2025-12", Measure::kQuarterYoy), 30.0, 1e-12);  // 39 / 30
  EXPECT_DOUBLE_EQ(*One("419001", "2025-12", Measure::kHalf), 72);
  EXPECT_NEAR(*One("419001", "2025-12", Measure::kHalfYoy), 20.0, 1e-12);  // 72 / 60
  // The year: 60 + 72 = 132 against 120.
  EXPECT_NEAR(*One("419001", "2025-12", Measure::kYtdYoy), 10.0, 1e-12);
  // Q4 so far in November: 26 against 20.
  EXPECT_NEAR(*One("419001", "2025-11", Measure::kQuarterYoy), 30.0, 1e-12);
  // No data a year before the panel: no base, growth undefined, the level defined.
  EXPECT_DOUBLE_EQ(*One("419001", "2024-06", Measure::kQuarter), 30);
  EXPECT_FALSE(One("419001", "2024-06", Measure::kQuarterYoy).has_value());
}

// At comparable prices: G in 410102, output value 10 a month in 2024 and 11 in 2025; the price
// index (BCD, same month a year earlier = 100) is 110 from January to August 2025, 100 in
// September, and missing from October.
TEST(WindowRealTest, DeflatesEachMonthByItsOwnIndex) {
  PanelMaker m;
  m.Enterprise("G", "410102", "3311");
  std::vector<Row> r;
  Months(&r, "G", 2024, 1, 12, 10);
  Months(&r, "G", 2025, 1, 12, 11);
  m.Batch(r);
  std::vector<PriceRecord> prices;
  for (int month = 1; month <= 9; ++month)
    prices.push_back({"BCD", MakePeriod(2025, month), month <= 8 ? 110.0 : 100.0});
  m.Prices(prices);
  auto panel = m.Make();
  ASSERT_NE(panel, nullptr);
  Query q(*panel);
  const Catalog& c = panel->catalog();
  auto one = [&](const char* period, Measure measure) {
    CellRef ref{c.FindIndicator(kOut), *ParsePeriod(period), c.regions().Find("410102"),
                c.all_industry()};
    auto row = q.Cell(ref, {measure}, Dimension::kIndustry);
    EXPECT_TRUE(row.ok());
    return row.ok() ? row->values[0] : std::nullopt;
  };
  // Q3: 11 / 1.1 + 11 / 1.1 + 11 / 1.0 = 31 against 30: +3.33 %; nominal 33 / 30: +10 %.
  EXPECT_NEAR(*one("2025-09", Measure::kQuarterYoyReal), (31.0 / 30 - 1) * 100, 1e-9);
  EXPECT_NEAR(*one("2025-09", Measure::kQuarterYoy), 10.0, 1e-9);
  // H1: 66 / 1.1 = 60 against 60.
  EXPECT_NEAR(*one("2025-06", Measure::kHalfYoyReal), 0.0, 1e-9);
  // Q4 and H2 need October–December's indices: undefined, the nominal growth defined.
  EXPECT_FALSE(one("2025-12", Measure::kQuarterYoyReal).has_value());
  EXPECT_FALSE(one("2025-12", Measure::kHalfYoyReal).has_value());
  EXPECT_NEAR(*one("2025-12", Measure::kHalfYoy), 10.0, 1e-9);
}

TEST_F(WindowTest, StocksAndRatiosAreRefused) {
  const Catalog& c = panel_->catalog();
  CellRef ref{c.FindIndicator("assets"), *ParsePeriod("2025-06"), c.country(), c.all_industry()};
  auto stock = query_->Cell(ref, {Measure::kQuarter}, Dimension::kIndustry);
  ASSERT_FALSE(stock.ok());
  EXPECT_EQ(stock.status().message(),
            "measure 'quarter' is defined for flow indicators only, not 'assets'");
  ref.indicator = c.FindIndicator("profit_margin");
  EXPECT_FALSE(query_->Cell(ref, {Measure::kHalfYoy}, Dimension::kIndustry).ok());
  EXPECT_FALSE(query_->Cell(ref, {Measure::kQuarterYoyReal}, Dimension::kIndustry).ok());
}

}  // namespace
}  // namespace ballast
