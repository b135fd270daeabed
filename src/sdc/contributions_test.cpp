#include "sdc/contributions.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "sdc/primary.h"

namespace ballast::sdc {
namespace {

std::vector<double> Largest(const Contributions& c) {
  return {c.largest().begin(), c.largest().end()};
}

TEST(ContributionsTest, KeepsTheLargestTheRulesRead) {
  Contributions c(SdcParams{});  // dominance_n = 1: the top two, for the p rule
  for (double x : {3.0, -9.0, 4.0, 9.0, 1.0}) c.Add(x);
  EXPECT_EQ(c.count(), 5);
  EXPECT_DOUBLE_EQ(c.total(), 26);  // 3 + 9 + 4 + 9 + 1: absolute values
  EXPECT_EQ(Largest(c), (std::vector<double>{9, 9}));
  SdcParams three;
  three.dominance_n = 3;
  Contributions d(three);
  for (double x : {3.0, -9.0, 4.0, 9.0, 1.0}) d.Add(x);
  EXPECT_EQ(Largest(d), (std::vector<double>{9, 9, 4}));
}

// A group of hidden cells is judged on all their contributors together: merged contributions
// hold what adding every contributor to one would (the sums here are exact).
TEST(ContributionsTest, MergedEqualsAddedTogether) {
  const std::vector<double> a = {50, 2, 2}, b = {45, 0.5, 60, 1};
  Contributions left(SdcParams{}), right(SdcParams{}), all(SdcParams{});
  for (double x : a) {
    left.Add(x);
    all.Add(x);
  }
  for (double x : b) {
    right.Add(x);
    all.Add(x);
  }
  left.Merge(right);
  EXPECT_EQ(left.count(), 7);
  EXPECT_DOUBLE_EQ(left.total(), 160.5);
  EXPECT_EQ(Largest(left), (std::vector<double>{60, 50}));
  EXPECT_EQ(Largest(left), Largest(all));
  // 60 of 160.5 is 37 %: no dominance; rest 50.5 >= 6: published. Alone, b's 60 of 106.5 is
  // 56 %, and rest 106.5 − 60 − 45 = 1.5 < 6: p.
  EXPECT_EQ(PrimarySuppression(left, SdcParams{}).value(), Suppression::kNone);
  EXPECT_EQ(PrimarySuppression(right, SdcParams{}).value(), Suppression::kP);
}

TEST(ContributionsTest, NonFiniteIsNamedByItsPlaceAcrossAMerge) {
  Contributions a(SdcParams{}), b(SdcParams{});
  a.Add(1);
  a.Add(2);
  b.Add(3);
  b.Add(std::numeric_limits<double>::infinity());
  a.Merge(b);
  EXPECT_EQ(a.first_non_finite(), 3);  // the fourth contributor
  EXPECT_EQ(a.count(), 4);
  auto r = PrimarySuppression(a, SdcParams{});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("contributor 3"), std::string::npos);
}

// Judged by rules that read more of the largest than were kept: an error, not a wrong status.
TEST(ContributionsTest, JudgedOnlyByTheParametersKeptFor) {
  Contributions c(SdcParams{});  // the top two
  for (double x : {30.0, 30.0, 30.0, 5.0, 5.0}) c.Add(x);
  SdcParams three;
  three.dominance_n = 3;
  EXPECT_FALSE(PrimarySuppression(c, three).ok());
  Contributions d(three);
  for (double x : {30.0, 30.0, 30.0, 5.0, 5.0}) d.Add(x);
  EXPECT_EQ(PrimarySuppression(d, three).value(), Suppression::kDominance);  // 90 of 100
}

}  // namespace
}  // namespace ballast::sdc
