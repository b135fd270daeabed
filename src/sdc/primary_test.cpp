#include "sdc/primary.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "testing/testing.h"

namespace ballast::sdc {
namespace {

Suppression Check(std::vector<double> x, SdcParams p = {}) {
  Result<Suppression> r = PrimarySuppression(x, p);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : Suppression::kNone;
}

TEST(PrimaryTest, ThresholdBelowThreeContributors) {
  EXPECT_EQ(Check({100}), Suppression::kThreshold);
  EXPECT_EQ(Check({50, 50}), Suppression::kThreshold);
  // Three firms of 40, 35, 25: 40 % is no dominance; 25 >= 10 % of 40: the p rule holds.
  EXPECT_EQ(Check({40, 35, 25}), Suppression::kNone);
  // Threshold is tested first: one firm is also dominant, but the reason is threshold.
  EXPECT_EQ(Check({7}), Suppression::kThreshold);
}

TEST(PrimaryTest, EmptyAndAllZeroCellsAreNotSensitive) {
  EXPECT_EQ(Check({}), Suppression::kNone);  // no contributor: a structural zero
  // Three firms all reporting 0: no firm's figure differs from what everyone can see.
  EXPECT_EQ(Check({0, 0, 0}), Suppression::kNone);
  // Two firms reporting 0 still fail the threshold (n counts firms, not non-zero figures).
  EXPECT_EQ(Check({0, 0}), Suppression::kThreshold);
}

TEST(PrimaryTest, DominanceAt84And86Percent) {
  // Totals of 100 so the percentages are the figures. The tail is spread so that the p rule
  // holds: rest = total - x1 - x2 must be >= 10 % of x1.
  // 84 %: rest = 100 - 84 - 6 = 10 >= 8.4 -> published.
  EXPECT_EQ(Check({84, 6, 5, 5}), Suppression::kNone);
  // 85 % exactly is not "more than 85 %": rest = 100 - 85 - 5 = 10 >= 8.5 -> published.
  EXPECT_EQ(Check({85, 5, 5, 5}), Suppression::kNone);
  // 86 % -> dominance.
  EXPECT_EQ(Check({86, 5, 5, 4}), Suppression::kDominance);
  // Order of the input does not matter.
  EXPECT_EQ(Check({4, 5, 86, 5}), Suppression::kDominance);
}

TEST(PrimaryTest, DominanceOfTheTwoLargest) {
  SdcParams p;
  p.dominance_n = 2;
  // Two firms of 45 hold 90 % > 85 %.
  EXPECT_EQ(Check({45, 45, 5, 5}, p), Suppression::kDominance);
  // With n = 1 the largest holds 45 %, and rest = 10 >= 4.5: published.
  EXPECT_EQ(Check({45, 45, 5, 5}), Suppression::kNone);
}

TEST(PrimaryTest, PRuleBoundary) {
  // x1 = 50, x2 = 45, rest = 5 = 10 % of 50: the second firm estimates the first only to
  // within 10 % -> published (the rule fails only for rest < p/100 * x1).
  EXPECT_EQ(Check({50, 45, 5}), Suppression::kNone);
  // rest = 4.5 < 5 -> p.
  EXPECT_EQ(Check({50, 45.5, 4.5}), Suppression::kP);
  // The rest may be spread over many firms: 5 = 2 + 2 + 1 -> published; 4.9 -> p.
  EXPECT_EQ(Check({50, 45, 2, 2, 1}), Suppression::kNone);
  EXPECT_EQ(Check({50, 45, 2, 2, 0.9}), Suppression::kP);
  // Dominance is tested before p: 90 % with rest 0 reports dominance.
  EXPECT_EQ(Check({90, 10, 0}), Suppression::kDominance);
  // p = 20 makes the first case sensitive: rest 5 < 10.
  SdcParams p;
  p.p_percent = 20;
  EXPECT_EQ(Check({50, 45, 5}, p), Suppression::kP);
}

TEST(PrimaryTest, SignedIndicatorsUseAbsoluteValues) {
  // Profit: a loss of 90 next to two profits of 5 nets to -80, but the loss-maker holds 90 %
  // of the gross magnitude -> dominance.
  EXPECT_EQ(Check({-90, 5, 5}), Suppression::kDominance);
  EXPECT_EQ(Check({-40, 35, 25}), Suppression::kNone);
}

TEST(PrimaryTest, NonFiniteMagnitudeIsAnError) {
  const std::vector<double> x = {1, std::numeric_limits<double>::quiet_NaN(), 3};
  Result<Suppression> r = PrimarySuppression(x, SdcParams{});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("contributor 1"), std::string::npos);
}

TEST(PrimaryTest, Names) {
  EXPECT_STREQ(SuppressionName(Suppression::kThreshold), "threshold");
  EXPECT_STREQ(SuppressionName(Suppression::kDominance), "dominance");
  EXPECT_STREQ(SuppressionName(Suppression::kP), "p");
  EXPECT_STREQ(SuppressionName(Suppression::kSecondary), "secondary");
  EXPECT_STREQ(SuppressionName(Suppression::kNone), "");
}

}  // namespace
}  // namespace ballast::sdc
