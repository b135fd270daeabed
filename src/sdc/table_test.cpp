#include "sdc/table.h"

#include <gtest/gtest.h>

#include <vector>

#include "testing/testing.h"

namespace ballast::sdc {
namespace {

TEST(TableTest, TwoWayConstraints) {
  SdcTable t;
  t.AddCell(1);  // cells before the table keep their indices
  const TwoWayLayout l = AddTwoWay(&t, 2, 3);
  EXPECT_EQ(l.first, 1);
  EXPECT_EQ(t.cells.size(), 1u + 3 * 4);
  // 3 rows (2 + the column-totals row) and 4 columns (3 + the row-totals column).
  ASSERT_EQ(t.constraints.size(), 7u);
  EXPECT_EQ(t.constraints[0].parent, l.RowTotal(0));
  EXPECT_EQ(t.constraints[0].children,
            std::vector<int>({l.Cell(0, 0), l.Cell(0, 1), l.Cell(0, 2)}));
  EXPECT_EQ(t.constraints[2].parent, l.GrandTotal());  // column totals add up to the grand total
  EXPECT_EQ(t.constraints[2].children,
            std::vector<int>({l.ColTotal(0), l.ColTotal(1), l.ColTotal(2)}));
  EXPECT_EQ(t.constraints[6].parent, l.GrandTotal());  // and so do the row totals
  EXPECT_EQ(t.constraints[6].children, std::vector<int>({l.RowTotal(0), l.RowTotal(1)}));
  const double v[2][3] = {{1, 2, 3}, {4, 5, 6}};
  for (int r = 0; r < 2; ++r) {
    for (int c = 0; c < 3; ++c) t.cells[static_cast<size_t>(l.Cell(r, c))].value = v[r][c];
  }
  FillTwoWayTotals(&t, l);
  EXPECT_EQ(t.cells[static_cast<size_t>(l.RowTotal(1))].value, 15);
  EXPECT_EQ(t.cells[static_cast<size_t>(l.ColTotal(2))].value, 9);
  EXPECT_EQ(t.cells[static_cast<size_t>(l.GrandTotal())].value, 21);
  const Status valid = t.Validate();
  EXPECT_OK(valid);
}

TEST(TableTest, CrossTableOfTwoHierarchies) {
  // Rows: province 0 -> cities 1, 2; city 1 -> counties 3, 4. Columns: total 0 -> 1, 2.
  SdcTable t;
  ASSERT_OK_AND_ASSIGN(CrossLayout l, AddCrossTable(&t, {-1, 0, 0, 1, 1}, {-1, 0, 0}));
  EXPECT_EQ(t.cells.size(), 15u);
  // Row nodes with children (0 and 1) give one constraint per column (2 x 3); the column total
  // gives one per row (5).
  ASSERT_EQ(t.constraints.size(), 11u);
  EXPECT_EQ(t.constraints[0].parent, l.Cell(0, 0));
  EXPECT_EQ(t.constraints[0].children, std::vector<int>({l.Cell(1, 0), l.Cell(2, 0)}));
  EXPECT_EQ(t.constraints[3].parent, l.Cell(1, 0));
  EXPECT_EQ(t.constraints[3].children, std::vector<int>({l.Cell(3, 0), l.Cell(4, 0)}));
  EXPECT_EQ(t.constraints[10].parent, l.Cell(4, 0));
  EXPECT_EQ(t.constraints[10].children, std::vector<int>({l.Cell(4, 1), l.Cell(4, 2)}));
  const Status valid = t.Validate();
  EXPECT_OK(valid);
}

TEST(TableTest, CrossTableRefusesBadParents) {
  SdcTable t;
  EXPECT_FALSE(AddCrossTable(&t, {-1, 5}, {-1}).ok());
  EXPECT_FALSE(AddCrossTable(&t, {-1}, {1, 0}).ok());  // a cycle
  EXPECT_FALSE(AddCrossTable(&t, {0}, {-1}).ok());     // its own parent
  EXPECT_TRUE(t.cells.empty());
}

}  // namespace
}  // namespace ballast::sdc
