#include "policy/progress.h"

#include <gtest/gtest.h>

namespace ballast::policy {
namespace {

Target Cumulative(double value) {
  Target t;
  t.id = "t";
  t.type = TargetType::kCumulative;
  t.value = value;
  t.comparator = ">=";
  t.start = MakePeriod(2022, 1);
  t.deadline = MakePeriod(2022, 12);
  return t;
}

TEST(ProgressTest, LinearPathHalfTimeHalfTask) {
  Target t = Cumulative(2500);
  EXPECT_DOUBLE_EQ(ExpectedFraction(t, MakePeriod(2022, 6)), 0.5);  // 时间过半
  EXPECT_DOUBLE_EQ(ExpectedFraction(t, MakePeriod(2021, 12)), 0.0);
  EXPECT_DOUBLE_EQ(ExpectedFraction(t, MakePeriod(2023, 3)), 1.0);
  // End of June: expected 1250. 1300 is on track; 1200 is 50/1250 = 4 % behind (at risk);
  // 1000 is 250/1250 = 20 % behind (off track).
  auto on = ComputeProgress(t, Actual{1300, MakePeriod(2022, 6)}, MakePeriod(2022, 6));
  EXPECT_EQ(on.status, Status::kOnTrack);
  EXPECT_DOUBLE_EQ(*on.expected, 1250);
  auto risk = ComputeProgress(t, Actual{1200, MakePeriod(2022, 6)}, MakePeriod(2022, 6));
  EXPECT_EQ(risk.status, Status::kAtRisk);
  EXPECT_DOUBLE_EQ(*risk.behind_pct, 4);
  auto off = ComputeProgress(t, Actual{1000, MakePeriod(2022, 6)}, MakePeriod(2022, 6));
  EXPECT_EQ(off.status, Status::kOffTrack);
  EXPECT_DOUBLE_EQ(*off.behind_pct, 20);
  // A unit that stops reporting falls behind as time passes: 1300 in September (expected 1875).
  auto stale = ComputeProgress(t, Actual{1300, MakePeriod(2022, 6)}, MakePeriod(2022, 9));
  EXPECT_EQ(stale.status, Status::kOffTrack);
  EXPECT_NEAR(*stale.behind_pct, (1875.0 - 1300) / 1875 * 100, 1e-9);
  auto done = ComputeProgress(t, Actual{2600, MakePeriod(2022, 11)}, MakePeriod(2022, 11));
  EXPECT_EQ(done.status, Status::kAchieved);
  // Unmet in the deadline month: off track; the month after: 已到期, with the last value.
  EXPECT_EQ(ComputeProgress(t, Actual{2400, MakePeriod(2022, 12)}, MakePeriod(2022, 12)).status, Status::kOffTrack);
  auto late = ComputeProgress(t, Actual{2400, MakePeriod(2022, 12)}, MakePeriod(2023, 1));
  EXPECT_EQ(late.status, Status::kExpired);
  EXPECT_EQ(late.met, false);
  EXPECT_DOUBLE_EQ(*late.actual, 2400);
  EXPECT_EQ(ComputeProgress(t, std::nullopt, MakePeriod(2022, 6)).status, Status::kNoData);
}

// Before the first report the status is no_data, but where the target should stand is known:
// 2,500 a year from 0, end of March = 3/12 of the way = 625.
TEST(ProgressTest, ExpectedPathWithoutReports) {
  auto none = ComputeProgress(Cumulative(2500), std::nullopt, MakePeriod(2022, 3));
  EXPECT_EQ(none.status, Status::kNoData);
  EXPECT_FALSE(none.actual.has_value());
  EXPECT_DOUBLE_EQ(*none.fraction, 0.25);
  EXPECT_DOUBLE_EQ(*none.expected, 625);
  // A level target without a baseline has no path until its first report.
  Target level = Cumulative(90);
  level.type = TargetType::kLevel;
  EXPECT_FALSE(ComputeProgress(level, std::nullopt, MakePeriod(2022, 3)).expected.has_value());
}

TEST(ProgressTest, StrictComparatorNeedsMoreThanTheValue) {
  Target t = Cumulative(2500);
  t.comparator = ">";  // 超过2500家
  EXPECT_NE(ComputeProgress(t, Actual{2500, MakePeriod(2022, 12)}, MakePeriod(2022, 12)).status,
            Status::kAchieved);
  EXPECT_EQ(ComputeProgress(t, Actual{2501, MakePeriod(2022, 12)}, MakePeriod(2022, 12)).status,
            Status::kAchieved);
}

TEST(ProgressTest, QuarterlyStepCurve) {
  Target t = Cumulative(4);
  t.path = PathKind::kCurve;
  t.curve = {{MakePeriod(2022, 3), 0.25}, {MakePeriod(2022, 6), 0.5}, {MakePeriod(2022, 9), 0.75}, {MakePeriod(2022, 12), 1}};
  EXPECT_DOUBLE_EQ(ExpectedFraction(t, MakePeriod(2022, 2)), 0.0);
  EXPECT_DOUBLE_EQ(ExpectedFraction(t, MakePeriod(2022, 5)), 0.25);
  // Two rounds by August: expected 1 (one quarter done) → on track; one round by October: expected 3.
  EXPECT_EQ(ComputeProgress(t, Actual{2, MakePeriod(2022, 8)}, MakePeriod(2022, 8)).status, Status::kOnTrack);
  auto off = ComputeProgress(t, Actual{1, MakePeriod(2022, 10)}, MakePeriod(2022, 10));
  EXPECT_EQ(off.status, Status::kOffTrack);
  EXPECT_NEAR(*off.behind_pct, (3.0 - 1) / 3 * 100, 1e-9);
}

TEST(ProgressTest, FlatGrowthAndLevelTargets) {
  Target g = Cumulative(20);  // 技改投资年度增长20%以上
  g.type = TargetType::kGrowth;
  g.path = PathKind::kFlat;
  auto risk = ComputeProgress(g, Actual{18.5, MakePeriod(2022, 6)}, MakePeriod(2022, 6));
  EXPECT_EQ(risk.status, Status::kAtRisk);
  EXPECT_DOUBLE_EQ(*risk.behind_pct, 7.5);  // (20 − 18.5) / 20
  EXPECT_EQ(ComputeProgress(g, Actual{15, MakePeriod(2022, 6)}, MakePeriod(2022, 6)).status, Status::kOffTrack);
  EXPECT_EQ(ComputeProgress(g, Actual{21, MakePeriod(2022, 6)}, MakePeriod(2022, 6)).status, Status::kOnTrack);
  EXPECT_EQ(ComputeProgress(g, Actual{21, MakePeriod(2022, 12)}, MakePeriod(2022, 12)).status, Status::kAchieved);

  // A level target moves linearly from its document's baseline: 82 % in January 2024 towards
  // > 90 % by December 2027 (48 months); at December 2025 (24 months) 86 % is due.
  Target l = Cumulative(90);
  l.type = TargetType::kLevel;
  l.comparator = ">";
  l.start = MakePeriod(2024, 1);
  l.deadline = MakePeriod(2027, 12);
  l.baseline = 82;
  auto p = ComputeProgress(l, Actual{85, MakePeriod(2025, 12)}, MakePeriod(2025, 12));
  EXPECT_DOUBLE_EQ(*p.expected, 86);
  EXPECT_DOUBLE_EQ(*p.behind_pct, 25);  // (86 − 85) / (86 − 82)
  EXPECT_EQ(p.status, Status::kOffTrack);
}

// Issue 13: without a baseline the first report became one, so a level target first reported at
// 55 % read "100 % behind". Now there is no path to be behind: no_baseline, never a lag figure.
TEST(ProgressTest, LevelTargetWithoutBaselineHasNoPath) {
  Target l = Cumulative(96);
  l.type = TargetType::kLevel;
  auto p = ComputeProgress(l, Actual{55, MakePeriod(2022, 3)}, MakePeriod(2022, 6));
  EXPECT_EQ(p.status, Status::kNoBaseline);
  EXPECT_FALSE(p.behind_pct.has_value());
  EXPECT_FALSE(p.expected.has_value());
  EXPECT_DOUBLE_EQ(*p.actual, 55);
  EXPECT_EQ(ComputeProgress(l, Actual{97, MakePeriod(2022, 3)}, MakePeriod(2022, 6)).status, Status::kAchieved);
}

// Past the deadline every quantified target reads 已到期, met or not, reported or not.
TEST(ProgressTest, ExpiredTargets) {
  Target t = Cumulative(2500);
  EXPECT_EQ(ComputeProgress(t, std::nullopt, MakePeriod(2026, 11)).status, Status::kExpired);
  auto met = ComputeProgress(t, Actual{2600, MakePeriod(2022, 12)}, MakePeriod(2026, 11));
  EXPECT_EQ(met.status, Status::kExpired);
  EXPECT_EQ(met.met, true);
  EXPECT_DOUBLE_EQ(*met.actual, 2600);
  Target q = t;
  q.type = TargetType::kQualitative;
  EXPECT_EQ(ComputeProgress(q, std::nullopt, MakePeriod(2026, 11)).status, Status::kQualitative);
}

// `targets --today 2022-06`: only reports dated on or before 2022-06-30 count, the latest date
// wins (not the latest entered), and with none there is no actual.
TEST(ProgressTest, LatestReportAsOfAMonth) {
  std::vector<Report> r{{"2022-05-31", 900}, {"2022-07-31", 1500}, {"2022-06-30", 1200}, {"2022-04-30", 700}};
  auto june = LatestReportAsOf(r, MakePeriod(2022, 6));
  ASSERT_TRUE(june.has_value());
  EXPECT_DOUBLE_EQ(june->value, 1200);
  EXPECT_EQ(june->period, MakePeriod(2022, 6));
  EXPECT_DOUBLE_EQ(LatestReportAsOf(r, MakePeriod(2022, 5))->value, 900);
  EXPECT_DOUBLE_EQ(LatestReportAsOf(r, MakePeriod(2022, 12))->value, 1500);
  EXPECT_FALSE(LatestReportAsOf(r, MakePeriod(2022, 3)).has_value());
}

TEST(ProgressTest, ReductionTargets) {
  Target w = Cumulative(-13);  // 用水量较2023年下降13%左右
  w.comparator = "<=";
  w.baseline = 0;
  w.start = MakePeriod(2024, 1);
  w.deadline = MakePeriod(2027, 12);
  // Half-way (December 2025): −6.5 due; −7 is ahead, −5 is (−6.5 + 5)/−6.5 = 23 % behind.
  EXPECT_EQ(ComputeProgress(w, Actual{-7, MakePeriod(2025, 12)}, MakePeriod(2025, 12)).status, Status::kOnTrack);
  auto behind = ComputeProgress(w, Actual{-5, MakePeriod(2025, 12)}, MakePeriod(2025, 12));
  EXPECT_NEAR(*behind.behind_pct, 1.5 / 6.5 * 100, 1e-9);
  EXPECT_EQ(ComputeProgress(w, Actual{-13.5, MakePeriod(2026, 6)}, MakePeriod(2026, 6)).status, Status::kAchieved);
}

}  // namespace
}  // namespace ballast::policy
