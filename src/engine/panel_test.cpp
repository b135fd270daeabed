#include "engine/panel.h"

#include <gtest/gtest.h>

#include "engine/test_panel_util.h"

namespace ballast {
namespace {

using testing_util::PanelMaker;

class PanelTest : public ::testing::Test {
 protected:
  int Ind(const char* code) const { return testing_util::SharedCatalog()->FindIndicator(code); }
  static Period P(const char* p) { return *ParsePeriod(p); }
  double At(const Panel& panel, const char* uscc, const char* ind, const char* period, bool ytd) {
    std::vector<double> col;
    if (ytd) {
      panel.Ytd(Ind(ind), P(period), &col);
    } else {
      const double* v = panel.Values(Ind(ind), P(period));
      if (v == nullptr) return kMissing;
      col.assign(v, v + panel.num_enterprises());
    }
    return col[static_cast<size_t>(panel.FindEnterprise(uscc))];
  }
};

TEST_F(PanelTest, DerivesValueFromYtdAndYtdFromValue) {
  PanelMaker m;
  m.Enterprise("A", "410102", "1311");
  m.Enterprise("B", "410102", "1311");
  m.Batch({{"A", "electricity", "2025-01", kMissing, 10},
           {"A", "electricity", "2025-02", kMissing, 25},
           {"A", "electricity", "2025-03", kMissing, 45},
           {"B", "electricity", "2025-01", 5},
           {"B", "electricity", "2025-02", 6},
           {"B", "electricity", "2025-03", 7}});
  auto panel = m.Make();
  ASSERT_NE(panel, nullptr);
  EXPECT_DOUBLE_EQ(At(*panel, "A", "electricity", "2025-01", false), 10);
  EXPECT_DOUBLE_EQ(At(*panel, "A", "electricity", "2025-02", false), 15);
  EXPECT_DOUBLE_EQ(At(*panel, "A", "electricity", "2025-03", false), 20);
  EXPECT_DOUBLE_EQ(At(*panel, "A", "electricity", "2025-03", true), 45);
  EXPECT_DOUBLE_EQ(At(*panel, "B", "electricity", "2025-02", true), 11);
  EXPECT_DOUBLE_EQ(At(*panel, "B", "electricity", "2025-03", true), 18);
}

// Asked again, the year to date comes from the panel's memo: the same figures, and a caller
// that writes into its copy does not change the next answer.
TEST_F(PanelTest, YtdAskedAgainIsTheSame) {
  PanelMaker m;
  m.Enterprise("B", "410102", "1311");
  m.Batch({{"B", "electricity", "2025-01", 5},
           {"B", "electricity", "2025-02", 6},
           {"B", "electricity", "2025-03", 7}});
  auto panel = m.Make();
  ASSERT_NE(panel, nullptr);
  std::vector<double> first;
  panel->Ytd(Ind("electricity"), P("2025-03"), &first);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_DOUBLE_EQ(first[0], 18);  // 5 + 6 + 7
  first[0] = -1;
  EXPECT_DOUBLE_EQ(At(*panel, "B", "electricity", "2025-03", true), 18);
  EXPECT_DOUBLE_EQ(At(*panel, "B", "electricity", "2025-02", true), 11);
  EXPECT_DOUBLE_EQ(At(*panel, "B", "electricity", "2025-03", true), 18);
}

// Ytd keeps the months it sums on the way and starts from the latest kept one: asked in any
// order, each month is still the sum of its own year (hand sums in the comments).
TEST_F(PanelTest, YtdAskedInAnyOrderIsTheSum) {
  PanelMaker m;
  m.Enterprise("B", "410102", "1311");
  m.Batch({{"B", "electricity", "2024-12", 100},
           {"B", "electricity", "2025-01", 5},
           {"B", "electricity", "2025-02", 6},
           {"B", "electricity", "2025-04", 8},
           {"B", "electricity", "2025-05", 9}});
  auto panel = m.Make();
  ASSERT_NE(panel, nullptr);
  EXPECT_DOUBLE_EQ(At(*panel, "B", "electricity", "2025-02", true), 11);  // 5 + 6
  // March is missing: from the kept February, March and every later month are undefined.
  EXPECT_TRUE(IsMissing(At(*panel, "B", "electricity", "2025-05", true)));
  EXPECT_TRUE(IsMissing(At(*panel, "B", "electricity", "2025-03", true)));
  EXPECT_DOUBLE_EQ(At(*panel, "B", "electricity", "2025-01", true), 5);
  // The data start in December 2024: that year's earlier months are unknown, not January's.
  EXPECT_TRUE(IsMissing(At(*panel, "B", "electricity", "2024-12", true)));
  EXPECT_DOUBLE_EQ(At(*panel, "B", "electricity", "2025-02", true), 11);
}

TEST_F(PanelTest, MissingMonthLeavesYtdUndefinedUntilReported) {
  PanelMaker m;
  m.Enterprise("A", "410102", "1311");
  // January missing, February reported as 1-2月 cumulative only (the financial forms' rule).
  m.Batch({{"A", "profit", "2025-02", kMissing, 30},
           {"A", "profit", "2025-03", 12, 42},
           {"A", "profit", "2025-05", 8}});
  auto panel = m.Make();
  EXPECT_TRUE(IsMissing(At(*panel, "A", "profit", "2025-02", false)));
  EXPECT_DOUBLE_EQ(At(*panel, "A", "profit", "2025-02", true), 30);
  EXPECT_DOUBLE_EQ(At(*panel, "A", "profit", "2025-03", true), 42);
  // April is missing, so May's cumulative figure cannot be derived.
  EXPECT_TRUE(IsMissing(At(*panel, "A", "profit", "2025-05", true)));
  EXPECT_DOUBLE_EQ(At(*panel, "A", "profit", "2025-05", false), 8);
}

TEST_F(PanelTest, ReportedYtdIsKeptWhenItDiffersFromTheSum) {
  PanelMaker m;
  m.Enterprise("A", "410102", "1311");
  m.Batch({{"A", "revenue", "2025-01", 10, 10}, {"A", "revenue", "2025-02", 10, 20.1}});
  auto panel = m.Make();
  EXPECT_DOUBLE_EQ(At(*panel, "A", "revenue", "2025-02", true), 20.1);
  EXPECT_DOUBLE_EQ(At(*panel, "A", "revenue", "2025-02", false), 10);
}

TEST_F(PanelTest, StocksAreLevels) {
  PanelMaker m;
  m.Enterprise("A", "410102", "1311");
  m.Batch({{"A", "assets", "2025-01", 100}, {"A", "assets", "2025-02", 110}});
  auto panel = m.Make();
  EXPECT_DOUBLE_EQ(At(*panel, "A", "assets", "2025-02", true), 110);
}

TEST_F(PanelTest, BasesPreferReportedPriorThenOwnValueAYearEarlier) {
  PanelMaker m;
  m.Enterprise("A", "410102", "1311");
  m.Enterprise("N", "410102", "1311");  // entrant reporting 上年同期 as cumulative only
  m.Batch({{"A", "output_value", "2024-01", 80, 80},
           {"A", "output_value", "2024-02", 90, 170},
           {"A", "output_value", "2025-01", 100, 100},
           {"A", "output_value", "2025-02", 120, 220},
           {"N", "output_value", "2025-01", 50, 50, kMissing, 40},
           {"N", "output_value", "2025-02", 60, 110, kMissing, 85}});
  auto panel = m.Make();
  int ind = Ind("output_value");
  std::vector<double> bx, by;
  panel->BaseValues(ind, P("2025-02"), &bx);
  panel->BaseYtd(ind, P("2025-02"), &by);
  auto a = static_cast<size_t>(panel->FindEnterprise("A"));
  auto n = static_cast<size_t>(panel->FindEnterprise("N"));
  EXPECT_DOUBLE_EQ(bx[a], 90);
  EXPECT_DOUBLE_EQ(by[a], 170);
  EXPECT_DOUBLE_EQ(bx[n], 45);  // derived: 85 - 40
  EXPECT_DOUBLE_EQ(by[n], 85);
}

TEST_F(PanelTest, LaterBatchReplacesRowsWhole) {
  PanelMaker m;
  m.Enterprise("A", "410102", "1311");
  m.Enterprise("B", "410102", "1311");
  m.Batch(
      {{"A", "output_value", "2025-03", 100, kMissing, 90}, {"B", "output_value", "2025-03", 7}});
  m.Batch({{"A", "output_value", "2025-03", 105}});
  auto panel = m.Make();
  EXPECT_DOUBLE_EQ(At(*panel, "A", "output_value", "2025-03", false), 105);
  EXPECT_DOUBLE_EQ(At(*panel, "B", "output_value", "2025-03", false), 7);
  std::vector<double> bx;
  panel->BaseValues(Ind("output_value"), P("2025-03"), &bx);
  // The revised row has no prior: the old one's 90 is gone with it.
  EXPECT_TRUE(IsMissing(bx[static_cast<size_t>(panel->FindEnterprise("A"))]));
}

}  // namespace
}  // namespace ballast
