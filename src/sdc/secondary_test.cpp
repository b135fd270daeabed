#include "sdc/secondary.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sdc/exposure.h"
#include "testing/testing.h"

namespace ballast::sdc {
namespace {

constexpr Suppression kNone = Suppression::kNone;
constexpr Suppression kSec = Suppression::kSecondary;
constexpr Suppression kThr = Suppression::kThreshold;

std::vector<Suppression> Statuses(const SdcTable& t) {
  std::vector<Suppression> s;
  for (const SdcCell& c : t.cells) s.push_back(c.status);
  return s;
}

TEST(SecondaryTest, OneWayGroupGetsItsSmallestNonZeroCell) {
  // T = a + b + c + d + e with b primary. Published T, a, c, d, e would give b = T - a - c - d
  // - e, so one more cell goes: the smallest non-zero, d = 10. Not e = 0: a cell with no
  // contributors is known to be 0 (its count n = 0 is published), so suppressing it would leave
  // b = T - a - c - d exposed in all but name.
  SdcTable t;
  const int total = t.AddCell(100);
  const int a = t.AddCell(40);
  const int b = t.AddCell(30, Suppression::kDominance);
  const int c = t.AddCell(20);
  const int d = t.AddCell(10);
  const int e = t.AddCell(0);
  t.AddConstraint(total, {a, b, c, d, e});
  EXPECT_EQ(ExposedCells(t), std::vector<int>({b}));
  ASSERT_OK_AND_ASSIGN(SecondaryReport r, ApplySecondarySuppression(&t));
  EXPECT_EQ(Statuses(t),
            std::vector<Suppression>({kNone, kNone, Suppression::kDominance, kNone, kSec, kNone}));
  EXPECT_EQ(r.primary, 1);
  EXPECT_EQ(r.secondary, 1);
  EXPECT_EQ(r.suppressed_value, 10);
  EXPECT_TRUE(ExposedCells(t).empty());
}

TEST(SecondaryTest, GroupOfParentAndOneChild) {
  // P = c (one child): suppressing c alone publishes it as P. The group rule takes P; P is also
  // the child of nothing, so that is the end.
  SdcTable t;
  const int p = t.AddCell(12);
  const int c = t.AddCell(12, kThr);
  t.AddConstraint(p, {c});
  ASSERT_OK_AND_ASSIGN(SecondaryReport r, ApplySecondarySuppression(&t));
  EXPECT_EQ(r.secondary, 1);
  EXPECT_EQ(Statuses(t), std::vector<Suppression>({kSec, kThr}));
}

TEST(SecondaryTest, TwoWayTableWithMargins) {
  //          c0   c1   c2 | total
  //   r0     20   30   50 |  100
  //   r1     40  [5]   25 |   70      [5] fails the threshold rule
  //   r2     10   35   15 |   60
  //   total  70   70   90 |  230
  // Constraints in order: rows r0, r1, r2, column-totals row; columns c0, c1, c2, totals column.
  // Row r1 and column c1 hold exactly one suppressed cell. The group rule takes them in order:
  //  - row r1: candidates 40, 25, 70 (each closes only r1) -> the smallest, (r1, c2) = 25;
  //    now column c2 holds one;
  //  - column c1: candidates 30, 35, 70 (each closes only c1) -> (r0, c1) = 30; now row r0
  //    holds one;
  //  - column c2: (r0, c2) = 50 closes both c2 and r0, (r2, c2) = 15 and the total 90 close
  //    only c2 -> closing wins: (r0, c2) = 50;
  //  - row r0 now holds two: done. The pattern is the rectangle {r0, r1} x {c1, c2}: every
  //    suppressed cell can move by +-x around it, so none is recoverable.
  SdcTable t;
  const TwoWayLayout l = AddTwoWay(&t, 3, 3);
  const double v[3][3] = {{20, 30, 50}, {40, 5, 25}, {10, 35, 15}};
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) t.cells[static_cast<size_t>(l.Cell(r, c))].value = v[r][c];
  }
  FillTwoWayTotals(&t, l);
  ASSERT_EQ(t.cells[static_cast<size_t>(l.GrandTotal())].value, 230);
  ASSERT_EQ(t.cells[static_cast<size_t>(l.RowTotal(1))].value, 70);
  t.cells[static_cast<size_t>(l.Cell(1, 1))].status = kThr;
  EXPECT_EQ(ExposedCells(t), std::vector<int>({l.Cell(1, 1)}));
  ASSERT_OK_AND_ASSIGN(SecondaryReport r, ApplySecondarySuppression(&t));
  for (int row = 0; row <= 3; ++row) {
    for (int col = 0; col <= 3; ++col) {
      Suppression want = kNone;
      if (row == 1 && col == 1) want = kThr;
      if ((row == 1 && col == 2) || (row == 0 && col == 1) || (row == 0 && col == 2)) want = kSec;
      EXPECT_EQ(t.cells[static_cast<size_t>(l.Cell(row, col))].status, want)
          << "row " << row << " col " << col;
    }
  }
  EXPECT_EQ(r.secondary, 3);
  EXPECT_EQ(r.suppressed_value, 25 + 30 + 50);
  EXPECT_EQ(r.exact_checks, 1);  // the group rule was enough
}

TEST(SecondaryTest, GroupRuleIsNotEnoughTheExactCheckCatchesABridge) {
  // A 4 x 4 table with two suppressed rectangles {r0, r1} x {c0, c1} and {r2, r3} x {c2, c3},
  // joined by the suppressed cell (r1, c2). Every row and column holds 0 or >= 2 suppressed
  // cells, so the group rule adds nothing, yet
  //   row r1 - column c0 - column c1 + row r0
  //   = (x10 + x11 + x12) - (x00 + x10) - (x01 + x11) + (x00 + x01) = x12
  // is a combination of published figures: (r1, c2) is recoverable. The exact check finds it
  // and suppresses the cheapest cell of row r1 or column c2 (none of them closes a group
  // holding a single suppressed cell): (r1, c3) = 2 rather than (r0, c2) = 3 or a total; then
  // r1 - c0 - c1 + r0 no longer isolates x12, and (r1, c2) lies on the cycle
  // r1 -> c2 -> r2 -> c3 -> r1.
  SdcTable t;
  const TwoWayLayout l = AddTwoWay(&t, 4, 4);
  const double v[4][4] = {{11, 12, 3, 40}, {13, 14, 15, 2}, {30, 31, 16, 17}, {32, 33, 18, 19}};
  for (int r = 0; r < 4; ++r) {
    for (int c = 0; c < 4; ++c) t.cells[static_cast<size_t>(l.Cell(r, c))].value = v[r][c];
  }
  FillTwoWayTotals(&t, l);
  for (auto [r, c] :
       {std::pair{0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 2}, {2, 3}, {3, 2}, {3, 3}, {1, 2}}) {
    t.cells[static_cast<size_t>(l.Cell(r, c))].status = kThr;
  }
  EXPECT_EQ(ExposedCells(t), std::vector<int>({l.Cell(1, 2)}));
  ASSERT_OK_AND_ASSIGN(SecondaryReport r, ApplySecondarySuppression(&t));
  EXPECT_EQ(r.secondary, 1);
  EXPECT_EQ(t.cells[static_cast<size_t>(l.Cell(1, 3))].status, kSec);
  EXPECT_EQ(r.exact_checks, 2);
  EXPECT_TRUE(ExposedCells(t).empty());
}

// Province P = cities C1 + C2 + C3; C1 = k11 + k12; C2 = k21 + k22 + k23; C3 = k31 + k32.
struct Hierarchy {
  SdcTable t;
  int p, c1, c2, c3, k11, k12, k21, k22, k23, k31, k32;
  Hierarchy() {
    p = t.AddCell(200);
    c1 = t.AddCell(50);
    c2 = t.AddCell(70);
    c3 = t.AddCell(80);
    k11 = t.AddCell(30);
    k12 = t.AddCell(20);
    k21 = t.AddCell(5);
    k22 = t.AddCell(25);
    k23 = t.AddCell(40);
    k31 = t.AddCell(60);
    k32 = t.AddCell(20);
    t.AddConstraint(p, {c1, c2, c3});
    t.AddConstraint(c1, {k11, k12});
    t.AddConstraint(c2, {k21, k22, k23});
    t.AddConstraint(c3, {k31, k32});
  }
  Suppression At(int cell) const { return t.cells[static_cast<size_t>(cell)].status; }
};

TEST(SecondaryTest, HierarchyCountySuppressed) {
  // County k21 (5) fails the threshold. Its group C2 = k21 + k22 + k23 needs one more: the
  // smallest of C2 (70), k22 (25), k23 (40) -> k22. Nothing above changes: C2 is published and
  // only bounds k21 + k22 = 30.
  Hierarchy h;
  h.t.cells[static_cast<size_t>(h.k21)].status = kThr;
  ASSERT_OK_AND_ASSIGN(SecondaryReport r, ApplySecondarySuppression(&h.t));
  EXPECT_EQ(r.secondary, 1);
  EXPECT_EQ(h.At(h.k22), kSec);
  EXPECT_TRUE(ExposedCells(h.t).empty());
}

TEST(SecondaryTest, HierarchyCitySuppressed) {
  // City C1 (50) is dominated. It sits in two groups:
  //  - province P = C1 + C2 + C3: P - C2 - C3 would give C1; the smallest other non-total is
  //    C2 (70) (C3 = 80, P = 200);
  //  - C1 = k11 + k12: the counties would add up to C1; take k12 (20) (k11 = 30);
  //  - C2 is now alone in its county group C2 = k21 + k22 + k23: take k21 (5).
  // Suppressed: C1 (dominance), C2, k12, k21; published P, C3, k11, k22, k23, k31, k32.
  Hierarchy h;
  h.t.cells[static_cast<size_t>(h.c1)].status = Suppression::kDominance;
  ASSERT_OK_AND_ASSIGN(SecondaryReport r, ApplySecondarySuppression(&h.t));
  EXPECT_EQ(r.secondary, 3);
  EXPECT_EQ(h.At(h.c2), kSec);
  EXPECT_EQ(h.At(h.k12), kSec);
  EXPECT_EQ(h.At(h.k21), kSec);
  EXPECT_EQ(h.At(h.p), kNone);
  EXPECT_EQ(h.At(h.c3), kNone);
  EXPECT_EQ(r.suppressed_value, 70 + 20 + 5);
  EXPECT_TRUE(ExposedCells(h.t).empty());
}

TEST(SecondaryTest, InvalidTablesAreRefused) {
  SdcTable t;
  const int a = t.AddCell(1);
  t.AddConstraint(a, {a});
  EXPECT_FALSE(ApplySecondarySuppression(&t).ok());
  SdcTable u;
  u.AddCell(1);
  u.AddConstraint(0, {7});
  EXPECT_FALSE(ApplySecondarySuppression(&u).ok());
  SdcTable w;
  w.AddCell(1);
  w.AddConstraint(0, {});
  EXPECT_FALSE(ApplySecondarySuppression(&w).ok());
}

TEST(SecondaryTest, DegenerateConstraintsAreReportedNotLooped) {
  // T = a + b and T = a together say b = 0: b is recoverable whatever is suppressed. The group
  // rule suppresses T, then a; the exact check still finds b and nothing is left to suppress.
  SdcTable t;
  const int total = t.AddCell(5);
  const int a = t.AddCell(5);
  const int b = t.AddCell(0, kThr);
  t.AddConstraint(total, {a, b});
  t.AddConstraint(total, {a});
  Result<SecondaryReport> r = ApplySecondarySuppression(&t);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
  EXPECT_NE(r.status().message().find("cell 2"), std::string::npos) << r.status().message();
}

TEST(SecondaryTest, NothingSuppressedNothingToDo) {
  SdcTable t;
  const TwoWayLayout l = AddTwoWay(&t, 2, 2);
  for (int r = 0; r < 2; ++r) {
    for (int c = 0; c < 2; ++c) t.cells[static_cast<size_t>(l.Cell(r, c))].value = 1 + r + c;
  }
  FillTwoWayTotals(&t, l);
  ASSERT_OK_AND_ASSIGN(SecondaryReport r, ApplySecondarySuppression(&t));
  EXPECT_EQ(r.secondary, 0);
  EXPECT_EQ(t.SuppressedCount(), 0);
}

}  // namespace
}  // namespace ballast::sdc
