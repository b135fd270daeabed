#include "engine/measure_context.h"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/query.h"
#include "engine/test_panel_util.h"

namespace ballast {
namespace {

using testing_util::PanelMaker;

Period P(const char* s) { return *ParsePeriod(s); }

CellSums Reporting(int n) {
  CellSums s;
  for (int i = 0; i < n; ++i) s.Add(1, 1, 1, 1);
  return s;
}

TEST(ContextPeriodsTest, OnlyWhatTheMeasuresRead) {
  auto none = ContextPeriodsFor({Measure::kValue, Measure::kYtdYoy, Measure::kShare}, P("2025-02"));
  EXPECT_FALSE(none.year_ago || none.january || none.january_year_ago);
  auto yoy = ContextPeriodsFor({Measure::kYoy}, P("2025-02"));
  EXPECT_TRUE(yoy.january);
  EXPECT_FALSE(yoy.year_ago || yoy.january_year_ago);
  auto two_years = ContextPeriodsFor({Measure::kValue, Measure::kYoy2y}, P("2025-02"));
  EXPECT_TRUE(two_years.year_ago && two_years.january && two_years.january_year_ago);
  auto march = ContextPeriodsFor({Measure::kYoy, Measure::kYoy2y}, P("2025-03"));
  EXPECT_TRUE(march.year_ago);
  EXPECT_FALSE(march.january || march.january_year_ago);  // the rule is February's only
}

TEST(CellContextTest, JanuaryFebruaryRuleAndYearAgo) {
  const CellSums parent = Reporting(3), year_ago = Reporting(2), nobody, someone = Reporting(1);
  auto need = ContextPeriodsFor({Measure::kYoy2y}, P("2025-02"));
  auto ctx = CellContext(need, &parent, &year_ago, &nobody, &someone);
  EXPECT_EQ(ctx.parent, &parent);
  EXPECT_EQ(ctx.year_ago, &year_ago);
  EXPECT_TRUE(ctx.jan_feb_cumulative);            // nobody of the cell reported January
  EXPECT_FALSE(ctx.year_ago_jan_feb_cumulative);  // someone did a year earlier
  // No sums at January (outside the cube or the panel) counts as nobody reporting.
  EXPECT_TRUE(CellContext(need, nullptr, nullptr, nullptr, nullptr).year_ago_jan_feb_cumulative);
  // Not needed: neither the year-ago cell nor the rule.
  auto plain = CellContext(ContextPeriodsFor({Measure::kValue}, P("2025-02")), nullptr, &year_ago,
                           &nobody, &nobody);
  EXPECT_EQ(plain.year_ago, nullptr);
  EXPECT_FALSE(plain.jan_feb_cumulative);
}

TEST(AtomContextsTest, ReadsEachNeededPeriodOnce) {
  std::vector<Period> asked;
  AtomContexts atoms({Measure::kYoy2y}, P("2025-02"), [&](Period q) {
    asked.push_back(q);
    return std::vector<CellSums>{q == P("2025-01") ? CellSums() : Reporting(1), Reporting(1)};
  });
  EXPECT_EQ(asked, (std::vector<Period>{P("2025-02"), P("2024-02"), P("2025-01"), P("2024-01")}));
  ASSERT_EQ(atoms.sums().size(), 2u);
  EXPECT_TRUE(atoms.Context(0, nullptr).jan_feb_cumulative);
  EXPECT_FALSE(atoms.Context(1, nullptr).jan_feb_cumulative);
  const CellSums* year_ago = atoms.Context(1, nullptr).year_ago;
  ASSERT_NE(year_ago, nullptr);
  EXPECT_EQ(year_ago->n, 1);
}

// A reports output every month; B reports only the 1–2月 cumulative figure in February.
//   A: 2024-01 100, 2024-02 200, 2024-03 40; 2025-01 100, 2025-02 150,
//      2025-03 25 with 上年同期 reported on the form (prior 50, prior_ytd 80).
//   B: 2024-02 ytd 1000; 2025-02 ytd 400.
class EnterpriseFiguresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    PanelMaker m;
    m.Enterprise("A", "410102", "1311");
    m.Enterprise("B", "410102", "3311");
    m.Batch({{"A", "output_value", "2024-01", 100},
             {"A", "output_value", "2024-02", 200},
             {"A", "output_value", "2024-03", 40},
             {"A", "output_value", "2025-01", 100},
             {"A", "output_value", "2025-02", 150},
             {"A", "output_value", "2025-03", 25, kMissing, 50, 80},
             {"B", "output_value", "2024-02", kMissing, 1000},
             {"B", "output_value", "2025-02", kMissing, 400}});
    panel_ = m.Make();
    ASSERT_NE(panel_, nullptr);
    ind_ = panel_->catalog().FindIndicator("output_value");
    a_ = static_cast<size_t>(panel_->FindEnterprise("A"));
    b_ = static_cast<size_t>(panel_->FindEnterprise("B"));
  }
  std::unique_ptr<Panel> panel_;
  int ind_ = -1;
  size_t a_ = 0, b_ = 0;
};

TEST_F(EnterpriseFiguresTest, ValuesYtdAndTheirBases) {
  EnterpriseFigures f;
  f.Load(*panel_, ind_, P("2025-02"), EnterpriseFigures::kAll);
  EXPECT_DOUBLE_EQ(f.x()[a_], 150);
  EXPECT_DOUBLE_EQ(f.bx()[a_], 200);  // own value a year earlier
  EXPECT_DOUBLE_EQ(f.y()[a_], 250);
  EXPECT_DOUBLE_EQ(f.by()[a_], 300);
  EXPECT_TRUE(std::isnan(f.x()[b_]));  // no January: no monthly figure for February
  EXPECT_DOUBLE_EQ(f.y()[b_], 400);
  EXPECT_DOUBLE_EQ(f.by()[b_], 1000);
  // A reported 上年同期: it wins over its own figures of 2024-03 (40, ytd 340).
  f.Load(*panel_, ind_, P("2025-03"), EnterpriseFigures::kAll);
  EXPECT_DOUBLE_EQ(f.bx()[a_], 50);
  EXPECT_DOUBLE_EQ(f.by()[a_], 80);
  // Only the parts asked for are read.
  f.Load(*panel_, ind_, P("2025-03"), EnterpriseFigures::kY);
  EXPECT_EQ(f.x(), nullptr);
  EXPECT_EQ(f.by(), nullptr);
  EXPECT_DOUBLE_EQ(f.y()[a_], 275);
}

TEST_F(EnterpriseFiguresTest, CallersYtdColumnsGiveTheSameBases) {
  std::vector<double> ytd, ytd_year_ago;
  for (const char* t : {"2025-02", "2025-03"}) {
    panel_->Ytd(ind_, P(t), &ytd);
    panel_->Ytd(ind_, P(t) - 12, &ytd_year_ago);
    EnterpriseFigures own, given;
    own.Load(*panel_, ind_, P(t), EnterpriseFigures::kAll);
    given.Load(*panel_, ind_, P(t), EnterpriseFigures::kAll, &ytd, &ytd_year_ago);
    for (size_t e : {a_, b_}) {
      for (auto part : {&EnterpriseFigures::x, &EnterpriseFigures::bx, &EnterpriseFigures::y,
                        &EnterpriseFigures::by}) {
        const double u = (own.*part)()[e], v = (given.*part)()[e];
        EXPECT_TRUE(u == v || (std::isnan(u) && std::isnan(v)))
            << t << " " << e << ": " << u << " vs " << v;
      }
    }
  }
}

TEST_F(EnterpriseFiguresTest, EnterpriseGrowthWithTheJanuaryFebruaryRule) {
  const Period feb = P("2025-02");
  EnterpriseFigures january, f;
  january.Load(*panel_, ind_, feb - 1, EnterpriseFigures::kX | EnterpriseFigures::kY);
  EXPECT_FALSE(EnterpriseJanFebCumulative(feb, january, a_));
  EXPECT_TRUE(EnterpriseJanFebCumulative(feb, january, b_));
  EXPECT_FALSE(EnterpriseJanFebCumulative(P("2025-03"), january, b_));  // February only
  f.Load(*panel_, ind_, feb, EnterpriseFigures::kAll);
  EXPECT_NEAR(*EnterpriseMeasure(Measure::kYoy, f, a_, false, 0), (150.0 / 200 - 1) * 100, 1e-12);
  EXPECT_NEAR(*EnterpriseMeasure(Measure::kYoy, f, b_, true, 0), (400.0 / 1000 - 1) * 100, 1e-12);
  EXPECT_FALSE(EnterpriseMeasure(Measure::kYoy, f, b_, false, 0));  // no monthly figure
  EXPECT_NEAR(*EnterpriseMeasure(Measure::kYtdYoy, f, a_, false, 0), (250.0 / 300 - 1) * 100,
              1e-12);
  EXPECT_DOUBLE_EQ(*EnterpriseMeasure(Measure::kValue, f, a_, false, 0), 150);
  EXPECT_DOUBLE_EQ(*EnterpriseMeasure(Measure::kYtd, f, b_, false, 0), 400);
  EXPECT_FALSE(EnterpriseMeasure(Measure::kYoy, f, a_, false, 201));  // base 200 under the minimum
  EXPECT_FALSE(EnterpriseMeasure(Measure::kShare, f, a_, false, 0));  // a measure of cells
  EXPECT_EQ(EnterpriseMeasureParts(Measure::kYoy, false), unsigned{EnterpriseFigures::kMonthly});
  EXPECT_EQ(EnterpriseMeasureParts(Measure::kYoy, true), unsigned{EnterpriseFigures::kCumulative});
  EXPECT_EQ(EnterpriseMeasureParts(Measure::kYtd, false), unsigned{EnterpriseFigures::kY});
}

// An enterprise's growth as a warning rule computes it equals its row in the explorer's table
// of enterprises (Query::Enterprises), where each enterprise is a cell of its own.
TEST_F(EnterpriseFiguresTest, EnterpriseGrowthAgreesWithQueryEnterpriseRows) {
  Query query(*panel_);
  const Catalog& cat = panel_->catalog();
  for (const char* t : {"2025-02", "2025-03"}) {
    const Period p = P(t);
    auto rows = query.Enterprises({ind_, p, cat.country(), cat.all_industry()},
                                  {Measure::kYoy, Measure::kYtdYoy});
    ASSERT_TRUE(rows.ok());
    EnterpriseFigures january, f;
    january.Load(*panel_, ind_, p - 1, EnterpriseFigures::kX | EnterpriseFigures::kY);
    f.Load(*panel_, ind_, p, EnterpriseFigures::kAll);
    for (const auto& row : *rows) {
      const bool cumulative = EnterpriseJanFebCumulative(p, january, row.enterprise);
      EXPECT_EQ(EnterpriseMeasure(Measure::kYoy, f, row.enterprise, cumulative, 0),
                row.row.values[0])
          << t;
      EXPECT_EQ(EnterpriseMeasure(Measure::kYtdYoy, f, row.enterprise, cumulative, 0),
                row.row.values[1])
          << t;
    }
  }
}

}  // namespace
}  // namespace ballast
