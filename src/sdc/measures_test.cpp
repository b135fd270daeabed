#include "sdc/measures.h"

#include <gtest/gtest.h>

#include "testing/testing.h"

namespace ballast::sdc {
namespace {

Suppression Of(const char* measure, OperandStatus s) {
  Result<Suppression> r = MeasureSuppression(measure, s);
  EXPECT_TRUE(r.ok()) << measure;
  return r.ok() ? *r : Suppression::kNone;
}

TEST(MeasuresTest, ASuppressedCellSuppressesEveryMagnitudeMeasure) {
  OperandStatus s;
  s.cell_now = Suppression::kDominance;
  for (const char* m : {"value", "ytd", "yoy", "ytd_yoy", "yoy_2y", "share", "contrib_pp",
                        "contrib_share", "growth_breadth", "profit_margin"}) {
    EXPECT_EQ(Of(m, s), Suppression::kDominance) << m;
  }
  // The number of enterprises is a count, not a magnitude.
  EXPECT_EQ(Of("n", s), Suppression::kNone);
}

TEST(MeasuresTest, SuppressedOperandsOtherThanTheCell) {
  OperandStatus base;
  base.cell_base = Suppression::kThreshold;
  // value / (1 + yoy) would give the suppressed base.
  EXPECT_EQ(Of("yoy", base), Suppression::kSecondary);
  EXPECT_EQ(Of("contrib_pp", base), Suppression::kSecondary);
  EXPECT_EQ(Of("value", base), Suppression::kNone);
  EXPECT_EQ(Of("share", base), Suppression::kNone);

  OperandStatus parent;
  parent.parent_now = Suppression::kSecondary;
  // value / share would give the suppressed parent.
  EXPECT_EQ(Of("share", parent), Suppression::kSecondary);
  EXPECT_EQ(Of("contrib_share", parent), Suppression::kSecondary);
  EXPECT_EQ(Of("contrib_pp", parent), Suppression::kNone);  // uses the parent's base only
  EXPECT_EQ(Of("yoy", parent), Suppression::kNone);

  OperandStatus parent_base;
  parent_base.parent_base = Suppression::kP;
  EXPECT_EQ(Of("contrib_pp", parent_base), Suppression::kSecondary);
  EXPECT_EQ(Of("share", parent_base), Suppression::kNone);

  EXPECT_EQ(Of("contrib_share", OperandStatus{}), Suppression::kNone);
}

TEST(MeasuresTest, UnknownMeasureIsRefused) {
  EXPECT_FALSE(MeasureOperands("margin_of_error").ok());
  EXPECT_FALSE(MeasureSuppression("", OperandStatus{}).ok());
}

}  // namespace
}  // namespace ballast::sdc
