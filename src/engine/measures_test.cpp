#include "engine/measures.h"

#include <gtest/gtest.h>

#include <cmath>

#include "store/records.h"

namespace ballast {
namespace {

Indicator Flow() {
  Indicator i;
  i.code = "output_value";
  return i;
}

CellSums Sums(double mx, double mb) {
  CellSums s;
  s.Add(mx, mx, mb, mb);
  return s;
}

// Seed 001 quotes the two-year averages: industry 2020 +2.8 %, 2021 +9.6 % → 6.1 %;
// manufacturing 3.4 % and 9.8 % → 6.6 %.
TEST(MeasuresTest, TwoYearAverageMatchesPublishedFigures) {
  CellSums y2020 = Sums(102.8, 100), y2021 = Sums(102.8 * 1.096, 102.8);
  MeasureContext ctx;
  ctx.year_ago = &y2020;
  auto g = ComputeMeasure(Measure::kYoy2y, Flow(), y2021, ctx);
  ASSERT_TRUE(g.has_value());
  EXPECT_NEAR(*g, (std::sqrt(1.028 * 1.096) - 1) * 100, 1e-9);
  EXPECT_EQ(std::round(*g * 10) / 10, 6.1);

  CellSums m2020 = Sums(103.4, 100), m2021 = Sums(103.4 * 1.098, 103.4);
  ctx.year_ago = &m2020;
  auto gm = ComputeMeasure(Measure::kYoy2y, Flow(), m2021, ctx);
  ASSERT_TRUE(gm.has_value());
  EXPECT_EQ(std::round(*gm * 10) / 10, 6.6);
}

TEST(MeasuresTest, GrowthUndefinedOnZeroOrNegativeBase) {
  EXPECT_FALSE(GrowthPercent(10, 0).has_value());
  EXPECT_FALSE(GrowthPercent(10, -5).has_value());
  EXPECT_NEAR(*GrowthPercent(110, 100), 10.0, 1e-12);
  // A two-year product that is not positive is undefined (g = -100 % and -150 %).
  CellSums now = Sums(0, 100), ago = Sums(-50, 100);
  MeasureContext ctx;
  ctx.year_ago = &ago;
  EXPECT_FALSE(ComputeMeasure(Measure::kYoy2y, Flow(), now, ctx).has_value());
}

TEST(MeasuresTest, ContributionsAndShareAgainstParent) {
  CellSums a = Sums(110, 100), b = Sums(190, 200), parent;
  parent.Merge(a);
  parent.Merge(b);
  MeasureContext ctx;
  ctx.parent = &parent;
  // Parent growth = 300/300 - 1 = 0: contribution rate undefined, pulls +3.33 and -3.33 pp.
  EXPECT_NEAR(*ComputeMeasure(Measure::kContribPp, Flow(), a, ctx), 10.0 / 300 * 100, 1e-12);
  EXPECT_NEAR(*ComputeMeasure(Measure::kContribPp, Flow(), b, ctx), -10.0 / 300 * 100, 1e-12);
  EXPECT_FALSE(ComputeMeasure(Measure::kContribShare, Flow(), a, ctx).has_value());
  EXPECT_NEAR(*ComputeMeasure(Measure::kShare, Flow(), a, ctx), 110.0 / 300 * 100, 1e-12);
  // No parent (root of the dimension): undefined.
  EXPECT_FALSE(ComputeMeasure(Measure::kShare, Flow(), a, MeasureContext{}).has_value());
}

TEST(MeasuresTest, RatiosAndNegativeShare) {
  Indicator margin;
  margin.kind = IndicatorKind::kRatio;
  CellSums r;
  r.AddRatio(5, 100, 12, 300);      // profit 5 on revenue 100 this month; 12 on 300 year to date
  r.AddRatio(kMissing, 50, 1, 10);  // no monthly profit: out of the monthly sample
  EXPECT_NEAR(*ComputeMeasure(Measure::kValue, margin, r, {}), 5.0, 1e-12);
  EXPECT_NEAR(*ComputeMeasure(Measure::kYtd, margin, r, {}), 13.0 / 310 * 100, 1e-12);
  Indicator loss;
  loss.kind = IndicatorKind::kNegativeShare;
  CellSums p;
  p.Add(-1, -3, kMissing, kMissing);
  p.Add(2, 4, kMissing, kMissing);
  p.Add(3, -1, kMissing, kMissing);
  p.Add(kMissing, 5, kMissing, kMissing);
  EXPECT_NEAR(*ComputeMeasure(Measure::kValue, loss, p, {}), 100.0 / 3, 1e-12);
  EXPECT_NEAR(*ComputeMeasure(Measure::kYtd, loss, p, {}), 50.0, 1e-12);
  EXPECT_EQ(*ComputeMeasure(Measure::kN, loss, p, {}), 4);
}

// The table behind the names is indexed by the enum (a static_assert in measures.cpp checks the
// same at compile time): each measure's names are its own, in the enum's order.
TEST(MeasuresTest, TableFollowsTheEnum) {
  const std::vector<std::pair<Measure, const char*>> expected = {
      {Measure::kValue, "value"},
      {Measure::kYtd, "ytd"},
      {Measure::kYoy, "yoy"},
      {Measure::kYtdYoy, "ytd_yoy"},
      {Measure::kYoy2y, "yoy_2y"},
      {Measure::kContribPp, "contrib_pp"},
      {Measure::kContribShare, "contrib_share"},
      {Measure::kShare, "share"},
      {Measure::kN, "n"},
      {Measure::kGrowthBreadth, "growth_breadth"},
      {Measure::kRoster, "roster"},
      {Measure::kEntrants, "entrants"},
      {Measure::kExits, "exits"},
      {Measure::kReportRate, "report_rate"},
      {Measure::kYoyReal, "yoy_real"},
      {Measure::kYtdYoyReal, "ytd_yoy_real"},

      {Measure::kMomSa, "mom_sa"},
      {Measure::kQuarter, "quarter"},
      {Measure::kQuarterYoy, "quarter_yoy"},
      {Measure::kHalf, "half"},
      {Measure::kHalfYoy, "half_yoy"},
      {Measure::kQuarterYoyReal, "quarter_yoy_real"},
      {Measure::kHalfYoyReal, "half_yoy_real"}};
  ASSERT_EQ(AllMeasures().size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(static_cast<size_t>(AllMeasures()[i]), i);
    EXPECT_EQ(AllMeasures()[i], expected[i].first);
    EXPECT_EQ(MeasureName(expected[i].first), expected[i].second);
  }
  EXPECT_EQ(MeasureNameZh(Measure::kYoy), "同比增速");
  EXPECT_EQ(MeasureNameZh(Measure::kGrowthBreadth), "增长面");
  EXPECT_TRUE(NeedsParent(Measure::kContribPp) && NeedsParent(Measure::kShare));
  EXPECT_FALSE(NeedsParent(Measure::kYoy2y) || NeedsParent(Measure::kN));
  EXPECT_FALSE(IsPercentMeasure(Measure::kN) || IsPercentMeasure(Measure::kYtd));
  EXPECT_TRUE(IsPercentMeasure(Measure::kGrowthBreadth));
}

TEST(MeasuresTest, ParseAndNames) {
  for (Measure m : AllMeasures()) EXPECT_EQ(*ParseMeasure(MeasureName(m)), m);
  EXPECT_FALSE(ParseMeasure("growth").ok());
}

}  // namespace
}  // namespace ballast
