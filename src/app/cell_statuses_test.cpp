// The rule by which disclosure findings on plain cells come over to the next snapshot
// (app/cell_statuses.h), case by case, with the shipped catalog.
#include "app/cell_statuses.h"

#include <gtest/gtest.h>

#include "testing/testing.h"

namespace ballast::app {
namespace {

class CellStatusesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(catalog_, Catalog::Embedded());
    output_ = catalog_.FindIndicator("output_value");
    value_added_ = catalog_.FindIndicator("value_added");  // output_value times a rate
    sales_ = catalog_.FindIndicator("sales_value");
    for (size_t i = 0; i < catalog_.indicators().size(); ++i) {
      if (catalog_.indicators()[i].derived()) ratio_ = static_cast<int>(i);
    }
    ASSERT_GE(output_, 0);
    ASSERT_GE(value_added_, 0);
    ASSERT_GE(sales_, 0);
    ASSERT_GE(ratio_, 0);
  }
  CellStatuses::Key At(int indicator, int year, int month) const {
    return {indicator, MakePeriod(year, month), catalog_.country(), catalog_.all_industry()};
  }
  // Every cell of every indicator from 2024-11 to 2025-12, each with a status.
  void Fill(CellStatuses& s) const {
    for (int ind : {output_, value_added_, sales_, ratio_}) {
      for (Period p = MakePeriod(2024, 11); p <= MakePeriod(2025, 12); ++p) {
        s.Put({ind, p, catalog_.country(), catalog_.all_industry()},
              {1.0, sdc::Suppression::kNone, sdc::Suppression::kNone});
      }
    }
  }
  bool Kept(const CellStatuses& s, const CellStatuses::Key& k) const {
    return s.Find(k).status.has_value();
  }

  Catalog catalog_;
  int output_ = -1, value_added_ = -1, sales_ = -1, ratio_ = -1;
};

TEST_F(CellStatusesTest, KeepsWhatItWasGivenAndMergesParts) {
  CellStatuses s;
  EXPECT_FALSE(s.Find(At(output_, 2025, 3)).primary.has_value());
  CellStatuses::Entry magnitude, primary;
  magnitude.magnitude = 42.0;
  primary.primary = sdc::Suppression::kThreshold;
  s.Put(At(output_, 2025, 3), magnitude);
  s.Put(At(output_, 2025, 3), primary);
  const auto e = s.Find(At(output_, 2025, 3));
  ASSERT_TRUE(e.magnitude && e.primary);
  EXPECT_DOUBLE_EQ(*e.magnitude, 42.0);
  EXPECT_EQ(*e.primary, sdc::Suppression::kThreshold);
  EXPECT_FALSE(e.status.has_value());
  EXPECT_FALSE(s.Find(At(output_, 2025, 4)).magnitude.has_value());
}

TEST_F(CellStatusesTest, ARevisedMonthMovesItsIndicatorsLaterMonthsOfThatYear) {
  CellStatuses previous;
  Fill(previous);
  CellStatuses next;
  next.CarryFrom(previous, catalog_, {{"output_value", MakePeriod(2025, 6)}});
  // Before June, and the year before: unchanged.
  EXPECT_TRUE(Kept(next, At(output_, 2025, 1)));
  EXPECT_TRUE(Kept(next, At(output_, 2025, 5)));
  EXPECT_TRUE(Kept(next, At(output_, 2024, 12)));
  // June and later in 2025: June's column, and months reported only cumulatively after it.
  EXPECT_FALSE(Kept(next, At(output_, 2025, 6)));
  EXPECT_FALSE(Kept(next, At(output_, 2025, 7)));
  EXPECT_FALSE(Kept(next, At(output_, 2025, 12)));
  // Value added is output value times a rate: it moves with it.
  EXPECT_TRUE(Kept(next, At(value_added_, 2025, 5)));
  EXPECT_FALSE(Kept(next, At(value_added_, 2025, 6)));
  EXPECT_FALSE(Kept(next, At(value_added_, 2025, 9)));
  // Another stored indicator: all of it. A ratio reads others: none of it.
  EXPECT_TRUE(Kept(next, At(sales_, 2025, 6)));
  EXPECT_TRUE(Kept(next, At(sales_, 2025, 12)));
  EXPECT_FALSE(Kept(next, At(ratio_, 2024, 11)));
  EXPECT_EQ(next.size(), previous.size() - 7 - 7 - 14);
}

TEST_F(CellStatusesTest, TheEarliestRevisedMonthOfAYearDecides) {
  CellStatuses previous;
  Fill(previous);
  CellStatuses next;
  next.CarryFrom(previous, catalog_,
                 {{"sales_value", MakePeriod(2024, 12)},
                  {"sales_value", MakePeriod(2025, 9)},
                  {"sales_value", MakePeriod(2025, 3)}});
  EXPECT_TRUE(Kept(next, At(sales_, 2024, 11)));
  EXPECT_FALSE(Kept(next, At(sales_, 2024, 12)));
  EXPECT_TRUE(Kept(next, At(sales_, 2025, 2)));
  EXPECT_FALSE(Kept(next, At(sales_, 2025, 3)));
  EXPECT_FALSE(Kept(next, At(sales_, 2025, 8)));
  EXPECT_TRUE(Kept(next, At(output_, 2025, 3)));
}

TEST_F(CellStatusesTest, AnUnknownColumnTakesNothingOver) {
  CellStatuses previous;
  Fill(previous);
  CellStatuses next;
  next.CarryFrom(previous, catalog_, {{"no_such_indicator", MakePeriod(2025, 6)}});
  EXPECT_EQ(next.size(), 0u);
}

}  // namespace
}  // namespace ballast::app
