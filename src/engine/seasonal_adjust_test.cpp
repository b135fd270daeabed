#include "engine/seasonal_adjust.h"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/measure_context.h"
#include "engine/spring_festival.h"
#include "testing/testing.h"

namespace ballast {
namespace {

// A multiplicative monthly pattern (January and February low, December high), mean about 1.
constexpr double kPattern[12] = {0.80, 0.78, 1.02, 1.00, 1.03, 1.05,
                                 1.00, 0.98, 1.04, 1.06, 1.08, 1.16};

// 100 × 1.01^i × pattern: growth of exactly 1 % a month once the pattern is removed.
MonthlyFlow SeasonalTimesTrend(Period first, int months, double festival_coef = 0) {
  MonthlyFlow f;
  f.first = first;
  for (int i = 0; i < months; ++i) {
    const Period p = first + i;
    double log_x = std::log(100.0) + i * std::log(1.01) + std::log(kPattern[PeriodMonth(p) - 1]);
    if (PeriodMonth(p) <= 2) {
      const double h = *FestivalShareInJanuary(PeriodYear(p)) - MeanFestivalShareInJanuary();
      log_x += festival_coef * (PeriodMonth(p) == 1 ? h : -h);
    }
    f.values.push_back(std::exp(log_x));
    f.jan_feb_split.push_back(false);
  }
  return f;
}

MonthlyFlow Head(const MonthlyFlow& f, int months) {
  MonthlyFlow h = f;
  h.values.resize(static_cast<size_t>(months));
  h.jan_feb_split.resize(static_cast<size_t>(months));
  return h;
}

TEST(SpringFestivalTest, DatesAndJanuaryShares) {
  // Hand-counted windows [春节 − 7, 春节 + 7], 15 days.
  ASSERT_TRUE(SpringFestival(2026).has_value());
  EXPECT_EQ(SpringFestival(2026)->month, 2);
  EXPECT_EQ(SpringFestival(2026)->day, 17);
  EXPECT_DOUBLE_EQ(*FestivalShareInJanuary(2026), 0.0);       // 10–24 Feb
  EXPECT_DOUBLE_EQ(*FestivalShareInJanuary(2023), 1.0);       // 15–29 Jan
  EXPECT_DOUBLE_EQ(*FestivalShareInJanuary(2022), 7.0 / 15);  // 25 Jan – 8 Feb
  EXPECT_DOUBLE_EQ(*FestivalShareInJanuary(2000), 3.0 / 15);  // 29 Jan – 12 Feb
  for (int y = 2000; y <= 2035; ++y) {
    ASSERT_TRUE(SpringFestival(y).has_value()) << y;
    const MonthDay d = *SpringFestival(y);
    // Always between 21 January and 20 February.
    EXPECT_TRUE((d.month == 1 && d.day >= 21) || (d.month == 2 && d.day <= 20)) << y;
  }
  EXPECT_FALSE(SpringFestival(1999).has_value());
  EXPECT_FALSE(SpringFestival(2036).has_value());
  EXPECT_GT(MeanFestivalShareInJanuary(), 0.2);
  EXPECT_LT(MeanFestivalShareInJanuary(), 0.6);
}

TEST(SeasonalAdjustTest, PureSeasonalTimesTrendGivesConstantMomSa) {
  const MonthlyFlow f = SeasonalTimesTrend(MakePeriod(2019, 1), 72);
  for (int months = kMinSaMonths; months <= 72; ++months) {
    const auto g = MomSaAtEnd(Head(f, months));
    ASSERT_TRUE(g.has_value()) << months;
    EXPECT_NEAR(*g, 1.0, 0.05) << "month " << months;
  }
}

TEST(SeasonalAdjustTest, FestivalShiftIsRemoved) {
  // The whole festival window in January lowers January by 30 % in logs (and raises February).
  const MonthlyFlow f = SeasonalTimesTrend(MakePeriod(2017, 1), 96, -0.30);
  ASSERT_OK_AND_ASSIGN(SeasonalAdjustment sa, SeasonallyAdjust(f));
  EXPECT_NEAR(sa.festival_coef, -0.30, 0.02);
  for (int months = 60; months <= 96; ++months) {
    const Period last = f.first + months - 1;
    if (PeriodMonth(last) > 3) continue;  // the months the festival moves
    const auto g = MomSaAtEnd(Head(f, months));
    ASSERT_TRUE(g.has_value());
    EXPECT_NEAR(*g, 1.0, 0.3) << FormatPeriod(last);
  }
  // Without the regressor the festival stays in the adjusted series: seasonal adjustment of the
  // same series with the effect but no festival data (split years) moves February by several %.
  MonthlyFlow blind = f;
  std::fill(blind.jan_feb_split.begin(), blind.jan_feb_split.end(), true);
  blind.jan_feb_split.back() = false;
  ASSERT_OK_AND_ASSIGN(SeasonalAdjustment no_reg, SeasonallyAdjust(blind));
  EXPECT_EQ(no_reg.festival_coef, 0.0);
  double worst = 0;
  for (size_t i = 1; i < no_reg.log_sa.size(); ++i) {
    worst = std::max(worst, std::abs(no_reg.log_sa[i] - no_reg.log_sa[i - 1] - std::log(1.01)));
  }
  EXPECT_GT(worst, 0.03);
}

TEST(SeasonalAdjustTest, UndefinedWithFewerThan36Months) {
  const MonthlyFlow f = SeasonalTimesTrend(MakePeriod(2020, 1), 40);
  EXPECT_FALSE(MomSaAtEnd(Head(f, 35)).has_value());
  EXPECT_TRUE(MomSaAtEnd(Head(f, 36)).has_value());
  // A gap: only the run after it counts (30 months).
  MonthlyFlow gap = f;
  gap.values[9] = std::nan("");
  EXPECT_FALSE(MomSaAtEnd(gap).has_value());
  // A non-positive month ends the run too (logs).
  gap = f;
  gap.values[3] = 0;
  EXPECT_TRUE(MomSaAtEnd(gap).has_value());  // 36 months after it
  gap.values[4] = -1;
  EXPECT_FALSE(MomSaAtEnd(gap).has_value());
}

TEST(SeasonalAdjustTest, MonthlyFlowFromSums) {
  // 2023: January not reported, February's ytd 59 = 1–2月: split 31 : 28 by days. March has a
  // ytd only (80): its month is 80 − 59 = 21. April reports its month (25).
  CellSums feb, mar, apr;
  feb.y_sum = 59;
  feb.ny = feb.n = 1;
  mar.y_sum = 80;
  mar.ny = mar.n = 1;
  apr.v_sum = 25;
  apr.nv = apr.n = 1;
  CellSums jan;  // nobody
  const MonthlyFlow f = MonthlyFlowFromSums(MakePeriod(2023, 1), {&jan, &feb, &mar, &apr});
  ASSERT_EQ(f.values.size(), 4u);
  EXPECT_DOUBLE_EQ(f.values[0], 31);
  EXPECT_DOUBLE_EQ(f.values[1], 28);
  EXPECT_DOUBLE_EQ(f.values[2], 21);
  EXPECT_DOUBLE_EQ(f.values[3], 25);
  EXPECT_TRUE(f.jan_feb_split[0] && f.jan_feb_split[1]);
  EXPECT_FALSE(f.jan_feb_split[2]);
  // A series starting at that February: its share of the total only.
  const MonthlyFlow g = MonthlyFlowFromSums(MakePeriod(2023, 2), {&feb, &mar});
  EXPECT_DOUBLE_EQ(g.values[0], 28);
  EXPECT_TRUE(g.jan_feb_split[0]);
  EXPECT_DOUBLE_EQ(g.values[1], 21);
}

TEST(SeasonalAdjustTest, AtomContextsComputeMomSaPerAtom) {
  // Two atoms: atom 0 the seasonal × trend series, atom 1 too short (from 2024-01 on).
  const Period first = MakePeriod(2020, 1), t = MakePeriod(2024, 12);
  const MonthlyFlow f = SeasonalTimesTrend(first, t - first + 1);
  AtomContexts atoms({Measure::kMomSa}, t, [&](Period q) {
    std::vector<CellSums> s(2);
    if (q >= first && q <= t) {
      s[0].v_sum = f.values[static_cast<size_t>(q - first)];
      s[0].nv = s[0].n = 1;
      if (q >= MakePeriod(2024, 1)) {
        s[1] = s[0];
      }
    }
    return s;
  });
  Indicator flow;
  flow.kind = IndicatorKind::kFlow;
  const auto g0 = ComputeMeasure(Measure::kMomSa, flow, atoms.sums()[0], atoms.Context(0, nullptr));
  ASSERT_TRUE(g0.has_value());
  EXPECT_NEAR(*g0, 1.0, 0.05);
  EXPECT_FALSE(ComputeMeasure(Measure::kMomSa, flow, atoms.sums()[1], atoms.Context(1, nullptr))
                   .has_value());
  Indicator stock;
  stock.kind = IndicatorKind::kStock;
  EXPECT_FALSE(MeasureApplies(Measure::kMomSa, stock));
  EXPECT_TRUE(MeasureApplies(Measure::kMomSa, flow));
}

}  // namespace
}  // namespace ballast
