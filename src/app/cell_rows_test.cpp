// The rows of plain cells kept for series answers (app/cell_rows.h): which rows come over to a
// new snapshot, and a series made from them equals one a process building the panel afresh
// makes. Store-neutral: runs on SQLite and, with BALLAST_TEST_PG, on PostgreSQL.
#include "app/cell_rows.h"

#include <gtest/gtest.h>

#include "app/analysis.h"
#include "app/ballast.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast::app {
namespace {

MeasureRow RowOf(double v) { return MeasureRow{{v}, 1}; }

TEST(CellRowsTest, MonthsBeforeTheEarliestChangedColumnComeOver) {
  CellRows rows;
  const std::vector<Measure> yoy = {Measure::kValue, Measure::kYoy};
  for (int m = 1; m <= 6; ++m)
    rows.Put(CellRef(0, MakePeriod(2025, m), 1, 2), yoy, Dimension::kRegion, RowOf(m));
  ASSERT_EQ(rows.size(), 6u);
  // Another key: other measures, another dimension of comparison.
  EXPECT_FALSE(
      rows.Find(CellRef(0, MakePeriod(2025, 3), 1, 2), {Measure::kValue}, Dimension::kRegion));
  EXPECT_FALSE(rows.Find(CellRef(0, MakePeriod(2025, 3), 1, 2), yoy, Dimension::kIndustry));
  ASSERT_TRUE(rows.Find(CellRef(0, MakePeriod(2025, 3), 1, 2), yoy, Dimension::kRegion));

  // April of another indicator and June written: January to March come over, whatever the
  // indicator (a row may read others through a ratio).
  CellRows next;
  next.CarryFrom(rows,
                 {{"sales_value", MakePeriod(2025, 6)}, {"electricity", MakePeriod(2025, 4)}});
  EXPECT_EQ(next.size(), 3u);
  for (int m = 1; m <= 6; ++m) {
    auto found = next.Find(CellRef(0, MakePeriod(2025, m), 1, 2), yoy, Dimension::kRegion);
    EXPECT_EQ(found.has_value(), m < 4) << m;
    if (found) {
      EXPECT_EQ(found->values[0], m);
    }
  }
  // A month of the year before (the base of every yoy of 2025): nothing comes over.
  CellRows after_base;
  after_base.CarryFrom(rows, {{"output_value", MakePeriod(2024, 12)}});
  EXPECT_EQ(after_base.size(), 0u);
}

TEST(CellRowsTest, GroupsTagsAndSeasonalAdjustmentAreNotKept) {
  CellRows rows;
  CellRef tagged(0, MakePeriod(2025, 1), 1, 2, std::make_shared<CellFilter>());
  rows.Put(tagged, {Measure::kValue}, Dimension::kRegion, RowOf(1));
  rows.Put(CellRef(0, MakePeriod(2025, 1), 1, 2), {Measure::kValue, Measure::kMomSa},
           Dimension::kRegion, RowOf(1));
  EXPECT_EQ(rows.size(), 0u);
  CellRows small(1);
  small.Put(CellRef(0, MakePeriod(2025, 1), 1, 2), {Measure::kValue}, Dimension::kRegion, RowOf(1));
  small.Put(CellRef(0, MakePeriod(2025, 2), 1, 2), {Measure::kValue}, Dimension::kRegion, RowOf(2));
  EXPECT_EQ(small.size(), 1u);  // past its capacity nothing more is kept
}

// A in 410102 (郑州) and B in 410302 (洛阳), monthly output value from January 2024 to March 2025.
constexpr const char* kEnterprises =
    "uscc,name,region,industry,size,tags\n"
    "91310110666007217T,甲装备有限公司,410102,3311,large,\n"
    "91310115591693856A,乙材料有限公司,410302,2614,medium,\n";
constexpr const char* kA = "91310110666007217T";
constexpr const char* kB = "91310115591693856A";
constexpr const char* kHeader = "uscc,period,indicator,value,ytd,prior,prior_ytd\n";

class CellRowsSeriesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(b_, Ballast::Create(db_.locator()));
    Import(kEnterprises, "e.csv");
    std::string rows = kHeader;
    for (int y : {2024, 2025}) {
      for (int m = 1; m <= (y == 2024 ? 12 : 3); ++m) {
        const std::string p = std::to_string(y) + (m < 10 ? "-0" : "-") + std::to_string(m);
        rows += std::string(kA) + "," + p + ",output_value,100,,,\n";
        rows += std::string(kB) + "," + p + ",output_value,200,,,\n";
      }
    }
    Import(rows, "o.csv");
  }
  void Import(const std::string& csv, const std::string& name) {
    ASSERT_OK_AND_ASSIGN(auto r, b_->Import(Caller::Local("t"), csv, name));
    ASSERT_EQ(r.outcome.status, ingest::ImportStatus::kImported) << name;
  }
  static SeriesRequest Request() {
    SeriesRequest r;
    r.indicator = "output_value";
    r.measures = {"value", "yoy", "ytd_yoy", "share"};
    r.region = "410100";  // 郑州, A alone: its share of 河南 moves with B too
    r.of = "region";
    r.from = "2025-01";
    r.to = "2025-03";
    return r;
  }
  // value, yoy, ytd_yoy and share of each month, as the engine's workspace answers them.
  static std::vector<std::vector<double>> Points(Workspace& ws) {
    auto s = QuerySeries(ws, Request());
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    std::vector<std::vector<double>> out;
    if (!s.ok()) return out;
    for (const auto& [period, row] : s->points) {
      std::vector<double> v;
      for (const auto& x : row.values) v.push_back(x.value_or(-1e9));
      out.push_back(v);
    }
    return out;
  }
  // The same series from a process that builds the panel afresh (nothing carried).
  std::vector<std::vector<double>> Fresh() {
    auto ws = Workspace::Open(db_.locator());
    EXPECT_TRUE(ws.ok());
    return ws.ok() ? Points(**ws) : std::vector<std::vector<double>>{};
  }
  size_t KeptRows() {
    auto snap = b_->workspace().GetSnapshot();
    EXPECT_TRUE(snap.ok());
    return snap.ok() ? (*snap)->rows->size() : 0;
  }

  ::ballast::testing::TestStore db_;
  std::unique_ptr<Ballast> b_;
};

TEST_F(CellRowsSeriesTest, ARevisionMakesItsMonthAndLaterAgain) {
  EXPECT_EQ(Points(b_->workspace()), Fresh());
  EXPECT_EQ(KeptRows(), 3u);
  // A's March revised to 400: January and February come over; March by hand: 400 against 100 a
  // year before, yoy 300 %; the quarter 600 against 300, ytd_yoy 100 %; share of 河南 400/600.
  Import(std::string(kHeader) + kA + ",2025-03,output_value,400,,,\n", "r1.csv");
  EXPECT_EQ(KeptRows(), 2u);
  auto now = Points(b_->workspace());
  ASSERT_EQ(now.size(), 3u);
  EXPECT_DOUBLE_EQ(now[2][0], 400);
  EXPECT_DOUBLE_EQ(now[2][1], 300);
  EXPECT_DOUBLE_EQ(now[2][2], 100);
  EXPECT_DOUBLE_EQ(now[2][3], 400.0 / 600 * 100);
  EXPECT_DOUBLE_EQ(now[0][0], 100);
  EXPECT_EQ(now, Fresh());
  // B's January revised (another city, every later month's share and ytd moves): nothing of
  // 2025 comes over; January's share 100/(100+800).
  Import(std::string(kHeader) + kB + ",2025-01,output_value,800,,,\n", "r2.csv");
  EXPECT_EQ(KeptRows(), 0u);
  now = Points(b_->workspace());
  ASSERT_EQ(now.size(), 3u);
  EXPECT_DOUBLE_EQ(now[0][3], 100.0 / 900 * 100);
  EXPECT_EQ(now, Fresh());
  // A's February of 2024 revised to 50 (the base of February's growth, and of March's year to
  // date): nothing of 2025 comes over; February's yoy 100 / 50 − 1 = 100 %.
  Import(std::string(kHeader) + kA + ",2024-02,output_value,50,,,\n", "r3.csv");
  EXPECT_EQ(KeptRows(), 0u);
  now = Points(b_->workspace());
  ASSERT_EQ(now.size(), 3u);
  EXPECT_DOUBLE_EQ(now[1][1], 100);
  EXPECT_EQ(now, Fresh());
}

}  // namespace
}  // namespace ballast::app
