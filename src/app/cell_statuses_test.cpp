// The rule by which disclosure findings on plain cells come over to the next snapshot
// (app/cell_statuses.h), case by case, with the shipped catalog.
#include "app/cell_statuses.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

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

// An enterprise of 金水区 (410102, 郑州) in 金属结构制造 (3311) moved in June: which findings of
// June's output value each cell keeps, by hand from the two sibling tables a cell is a child of.
TEST_F(CellStatusesTest, ACellOfARevisedColumnKeepsWhatTheMovedEnterpriseCannotReach) {
  auto region = [&](const char* code) { return catalog_.regions().Find(code); };
  auto industry = [&](const char* code) { return catalog_.FindIndustry(code); };
  CellStatuses::Moved moved;
  moved.regions.assign(catalog_.regions().size(), 0);
  moved.industries.assign(catalog_.industries().size(), 0);
  for (const char* r : {"100000", "410000", "410100", "410102"})
    moved.regions[static_cast<size_t>(region(r))] = 1;
  for (const char* i : {"BCD", "C", "33", "331", "3311"})
    moved.industries[static_cast<size_t>(industry(i))] = 1;
  const Period june = MakePeriod(2025, 6);
  auto at = [&](int ind, const char* r, const char* i) {
    return CellStatuses::Key{ind, june, region(r), industry(i)};
  };
  const std::vector<std::pair<const char*, const char*>> cells = {
      {"410100", "BCD"}, {"410300", "BCD"}, {"410300", "26"},  {"410000", "26"},
      {"320000", "33"},  {"320500", "26"},  {"100000", "BCD"}, {"410000", "3311"}};
  CellStatuses previous;
  for (int ind : {output_, sales_, ratio_}) {
    for (const auto& [r, i] : cells)
      previous.Put(at(ind, r, i), {5.0, sdc::Suppression::kNone, sdc::Suppression::kSecondary});
  }
  CellStatuses next;
  next.CarryFrom(previous, catalog_, {{"output_value", june}}, &moved);
  enum Kept { kNothing, kPrimary, kAll };
  auto kept = [&](int ind, const char* r, const char* i) {
    const auto e = next.Find(at(ind, r, i));
    EXPECT_EQ(e.magnitude.has_value(), e.primary.has_value()) << r << " " << i;
    return e.status ? kAll : e.primary ? kPrimary : kNothing;
  };
  // The enterprise is in the cell: nothing.
  EXPECT_EQ(kept(output_, "410100", "BCD"), kNothing);
  EXPECT_EQ(kept(output_, "100000", "BCD"), kNothing);
  EXPECT_EQ(kept(output_, "410000", "3311"), kNothing);
  // Not in the cell, but in the parent of a table it is a child of: 洛阳 under 河南 (all
  // industry), 河南's chemicals under manufacturing (C), 江苏's metal products under the country.
  EXPECT_EQ(kept(output_, "410300", "BCD"), kPrimary);
  EXPECT_EQ(kept(output_, "410000", "26"), kPrimary);
  EXPECT_EQ(kept(output_, "320000", "33"), kPrimary);
  // In neither table: everything.
  EXPECT_EQ(kept(output_, "410300", "26"), kAll);
  EXPECT_EQ(kept(output_, "320500", "26"), kAll);
  // Another column keeps everything; a ratio nothing.
  for (const auto& [r, i] : cells) {
    EXPECT_EQ(kept(sales_, r, i), kAll) << r << " " << i;
    EXPECT_EQ(kept(ratio_, r, i), kNothing) << r << " " << i;
  }
  // Without knowing where the moved enterprises are, a changed column keeps nothing.
  CellStatuses blind;
  blind.CarryFrom(previous, catalog_, {{"output_value", june}});
  EXPECT_FALSE(blind.Find(at(output_, "320500", "26")).primary.has_value());
  EXPECT_TRUE(blind.Find(at(sales_, "320500", "26")).status.has_value());
}

}  // namespace
}  // namespace ballast::app
