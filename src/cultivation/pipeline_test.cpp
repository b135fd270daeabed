// Run rates, months to the threshold, conversion and stage counts against hand calculations.
#include "cultivation/pipeline.h"

#include <gtest/gtest.h>

#include "cultivation/stages.h"
#include "testing/testing.h"

namespace ballast::cultivation {
namespace {

constexpr const char* kA = "914101000000000011";

std::vector<RevenueReport> Months(int year, int from_month, std::vector<double> values) {
  std::vector<RevenueReport> out;
  Period p = MakePeriod(year, from_month);
  for (double v : values) {
    out.push_back({kA, PeriodYear(p), PeriodMonth(p), v});
    ++p;
  }
  return out;
}

TEST(RunRateTest, TwelveMonthsAndTheirGrowth) {
  // 2024-01..2025-12: 100 a month in 2024, 150 a month in 2025.
  auto rs = Months(2024, 1, std::vector<double>(12, 100));
  auto y2 = Months(2025, 1, std::vector<double>(12, 150));
  rs.insert(rs.end(), y2.begin(), y2.end());
  auto r = ComputeRunRate(rs);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->basis, Basis::kTwelveMonths);
  EXPECT_DOUBLE_EQ(r->value, 1800);   // 12 × 150
  EXPECT_DOUBLE_EQ(*r->prior, 1200);  // 12 × 100
  EXPECT_DOUBLE_EQ(*r->growth, 0.5);  // 1800 / 1200 − 1
  EXPECT_EQ(r->as_of, MakePeriod(2025, 12));
}

TEST(RunRateTest, TwelveMonthsAcrossTheYearEnd) {
  // 2024-07..2025-06 at 120 a month: the last 12 are complete, the 12 before are not.
  auto r = ComputeRunRate(Months(2024, 7, std::vector<double>(12, 120)));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->basis, Basis::kTwelveMonths);
  EXPECT_DOUBLE_EQ(r->value, 1440);
  EXPECT_FALSE(r->growth.has_value());
}

TEST(RunRateTest, YearToDateAnnualised) {
  // 2025-01..2025-04: 100, 110, 120, 130 = 460 over 4 months → 460 × 12 / 4 = 1380;
  // 2024-01..04 at 80 each = 320 → prior 960; growth 1380 / 960 − 1 = 0.4375.
  auto rs = Months(2025, 1, {100, 110, 120, 130});
  auto prior = Months(2024, 1, {80, 80, 80, 80});
  rs.insert(rs.end(), prior.begin(), prior.end());
  auto r = ComputeRunRate(rs);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->basis, Basis::kYearToDate);
  EXPECT_DOUBLE_EQ(r->value, 1380);
  EXPECT_DOUBLE_EQ(*r->prior, 960);
  EXPECT_DOUBLE_EQ(*r->growth, 0.4375);
  EXPECT_EQ(r->as_of, MakePeriod(2025, 4));
}

TEST(RunRateTest, AGapMakesTheMonthsUnusableAndTheYearCounts) {
  // 2025-01 and 2025-03 (February missing): neither 12 months nor a complete year to date.
  std::vector<RevenueReport> rs = {{kA, 2025, 1, 100}, {kA, 2025, 3, 100}};
  EXPECT_FALSE(ComputeRunRate(rs).has_value());
  rs.push_back({kA, 2024, 0, 1500});
  rs.push_back({kA, 2023, 0, 1200});
  auto r = ComputeRunRate(rs);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->basis, Basis::kYear);
  EXPECT_DOUBLE_EQ(r->value, 1500);
  EXPECT_DOUBLE_EQ(*r->growth, 0.25);  // 1500 / 1200 − 1
  EXPECT_EQ(r->as_of, MakePeriod(2024, 12));
}

TEST(RunRateTest, TheLaterBasisWins) {
  // A 2025 yearly report (as of 2025-12) beats a year to date ending 2025-03.
  auto rs = Months(2025, 1, {100, 100, 100});
  rs.push_back({kA, 2025, 0, 1700});
  auto r = ComputeRunRate(rs);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->basis, Basis::kYear);
  EXPECT_DOUBLE_EQ(r->value, 1700);
  // A year to date ending 2025-12 (= 12 months) ties with the yearly report: the months win.
  auto full = Months(2025, 1, std::vector<double>(12, 150));
  full.push_back({kA, 2025, 0, 1700});
  EXPECT_EQ(ComputeRunRate(full)->basis, Basis::kTwelveMonths);
  EXPECT_DOUBLE_EQ(ComputeRunRate(full)->value, 1800);
}

TEST(MonthsToThresholdTest, HandComputed) {
  // 1000 doubling in a year reaches 2000 in exactly 12 months (not 13 by rounding).
  EXPECT_EQ(MonthsToThreshold(1000, 1.0, 2000), 12);
  // 1600 at +25 %: 12 · ln(1.25) / ln(1.25) = 12 months.
  EXPECT_EQ(MonthsToThreshold(1600, 0.25, 2000), 12);
  // 1800 at +50 %: 12 · ln(2000/1800) / ln(1.5) = 12 · 0.1053605 / 0.4054651 = 3.118 → 4.
  EXPECT_EQ(MonthsToThreshold(1800, 0.5, 2000), 4);
  EXPECT_EQ(MonthsToThreshold(2000, std::nullopt, 2000), 0);  // already there
  EXPECT_EQ(MonthsToThreshold(2500, -0.1, 2000), 0);
  EXPECT_FALSE(MonthsToThreshold(1500, 0.0, 2000).has_value());   // not growing
  EXPECT_FALSE(MonthsToThreshold(1500, -0.2, 2000).has_value());  // shrinking
  EXPECT_FALSE(MonthsToThreshold(1500, std::nullopt, 2000).has_value());
  EXPECT_FALSE(MonthsToThreshold(0, 0.5, 2000).has_value());
  // The threshold is data: 1000 at +100 % reaches 4000 in 24 months.
  EXPECT_EQ(MonthsToThreshold(1000, 1.0, 4000), 24);
}

TEST(ThresholdTest, IsData) {
  EXPECT_DOUBLE_EQ(DefaultThreshold(), 2000);
  ASSERT_OK_AND_ASSIGN(double t, ParseThreshold("name,value\nabove_scale_revenue,500\n", "s.csv"));
  EXPECT_DOUBLE_EQ(t, 500);
  auto bad = ParseThreshold("name,value\nabove_scale_revenue,0\n", "s.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().rfind("s.csv:2: value:", 0), 0u);
}

TEST(RatioTest, ZeroOverZeroIsADash) {
  EXPECT_EQ((Ratio{0, 0}).Display(), "—");
  EXPECT_FALSE((Ratio{0, 0}).value().has_value());
  EXPECT_EQ((Ratio{1, 8}).Display(), "12.5%");
  EXPECT_EQ((Ratio{0, 3}).Display(), "0.0%");
}

TEST(ConversionTest, PoolAtTheYearsStartOverEntrantsInTheYear) {
  // Pool on 2025-01: A (joined 2024-03), B (2024-12), C (2023-01, entered the roster 2024-06:
  // above scale already, not counted), D (joined 2025-02: not yet), E (left 2024-11: gone),
  // F (left 2025-05: still there in January).
  std::vector<Member> ms = {
      {"A", "", "", "", {}, "2024-03", ""},        {"B", "", "", "", {}, "2024-12", ""},
      {"C", "", "", "", {}, "2023-01", ""},        {"D", "", "", "", {}, "2025-02", ""},
      {"E", "", "", "", {}, "2023-05", "2024-11"}, {"F", "", "", "", {}, "2023-05", "2025-05"},
  };
  std::vector<const Member*> pool;
  for (const auto& m : ms) pool.push_back(&m);
  // A entered 2025-01, C 2024-06, D 2025-09 (joined in the year: not in the denominator),
  // F 2026-01 (next year).
  const std::map<std::string, Period> entered = {{"A", MakePeriod(2025, 1)},
                                                 {"C", MakePeriod(2024, 6)},
                                                 {"D", MakePeriod(2025, 9)},
                                                 {"F", MakePeriod(2026, 1)}};
  Conversion c = ComputeConversion(2025, pool, entered, 40);
  EXPECT_EQ(c.rate.den, 3);  // A, B, F
  EXPECT_EQ(c.rate.num, 1);  // A
  EXPECT_EQ(c.rate.Display(), "33.3%");
  EXPECT_EQ(c.entrants, 40);
  // 2024: pool on 2024-01 = C (joined 2023-01), E, F (joined 2023-05); C entered 2024-06 → 1/3.
  Conversion d = ComputeConversion(2024, pool, entered, 7);
  EXPECT_EQ(d.rate.den, 3);
  EXPECT_EQ(d.rate.num, 1);
  // 2023: nobody was in the pool on 2023-01 → 0/0 = "—".
  Conversion e = ComputeConversion(2023, pool, entered, 0);
  EXPECT_EQ(e.rate.den, 0);
  EXPECT_EQ(e.rate.Display(), "—");
}

TEST(StagesTest, CriteriaMetNotMetUnknown) {
  const std::vector<Criterion> k = {{Stage::kProvincial, Figure::kRdShare, 3},
                                    {Stage::kProvincial, Figure::kRevenueGrowth, 5},
                                    {Stage::kLittleGiant, Figure::kRdShare, 4}};
  Recognition r{kA, Stage::kProvincial, 2025, 3.0, 4.9, std::nullopt};
  auto res = CheckCriteria(k, r);
  ASSERT_EQ(res.checks.size(), 2u);                    // the provincial criteria only
  EXPECT_EQ(res.checks[0].outcome, Outcome::kMet);     // 3.0 ≥ 3
  EXPECT_EQ(res.checks[1].outcome, Outcome::kNotMet);  // 4.9 < 5
  EXPECT_EQ(res.overall, Outcome::kNotMet);
  r.revenue_growth = std::nullopt;
  res = CheckCriteria(k, r);
  EXPECT_EQ(res.checks[1].outcome, Outcome::kUnknown);
  EXPECT_EQ(res.overall, Outcome::kUnknown);
  r.revenue_growth = 12;
  EXPECT_EQ(CheckCriteria(k, r).overall, Outcome::kMet);
  // A stage without criteria is met.
  EXPECT_EQ(CheckCriteria(k, {kA, Stage::kCandidate, 2025, {}, {}, {}}).overall, Outcome::kMet);
}

TEST(StagesTest, DefaultCriteriaParse) {
  const auto& k = DefaultCriteria();
  EXPECT_EQ(k.size(), 8u);
  EXPECT_FALSE(ParseCriteria("stage,figure,min\nprovincial,rd,3\n", "k.csv").ok());
  auto bad = ParseCriteria("stage,figure,min\nprovincial,rd_share,x\n", "k.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("k.csv:2: min:"), std::string::npos);
}

TEST(StagesTest, CountsRecognisedInTheYearAndHeldAtItsEnd) {
  // A: candidate 2023, provincial 2024, little giant 2025 (郑州); B: provincial 2025 (郑州);
  // C: provincial 2024 (洛阳); D: champion 2026 (洛阳: after the year, not counted).
  const std::vector<Recognition> rs = {
      {"A", Stage::kCandidate, 2023, {}, {}, {}},   {"A", Stage::kProvincial, 2024, {}, {}, {}},
      {"A", Stage::kLittleGiant, 2025, {}, {}, {}}, {"B", Stage::kProvincial, 2025, {}, {}, {}},
      {"C", Stage::kProvincial, 2024, {}, {}, {}},  {"D", Stage::kChampion, 2026, {}, {}, {}}};
  auto key = [](const std::string& u) -> std::string {
    return u == "A" || u == "B" ? "410100" : "410300";
  };
  auto counts = CountStages(rs, 2025, key);
  ASSERT_EQ(counts.size(), 2u);
  EXPECT_EQ(counts[0].key, "410100");
  EXPECT_EQ(counts[0].recognised[1], 1);  // B provincial in 2025
  EXPECT_EQ(counts[0].recognised[2], 1);  // A little giant in 2025
  EXPECT_EQ(counts[0].holding[1], 1);     // B
  EXPECT_EQ(counts[0].holding[2], 1);     // A (its highest)
  EXPECT_EQ(counts[0].holding[0], 0);
  EXPECT_EQ(counts[1].key, "410300");
  EXPECT_EQ(counts[1].recognised[1], 0);
  EXPECT_EQ(counts[1].holding[1], 1);  // C, recognised 2024
  EXPECT_EQ(counts[1].holding[3], 0);  // D not yet
}

}  // namespace
}  // namespace ballast::cultivation
