// Panel::Builder::Apply with the raw figures a previous incremental build kept: a revision reads
// just its own batch's chunks, and the panel is still a full build's cell for cell.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "engine/panel.h"
#include "engine/test_panel_util.h"

namespace ballast {
namespace {

using testing_util::PanelMaker;
using Columns = std::vector<std::pair<std::string, Period>>;

Period P(const char* p) { return *ParsePeriod(p); }

// The first cell where two panels' monthly values, year-to-date figures or bases differ ("" when
// none), bit for bit.
std::string Differ(const Panel& a, const Panel& b) {
  if (a.first_period() != b.first_period() || a.last_period() != b.last_period()) return "periods";
  const auto same = [](double x, double y) {
    return (std::isnan(x) && std::isnan(y)) || std::memcmp(&x, &y, sizeof x) == 0;
  };
  if (a.StoredCells() != b.StoredCells()) return "stored cells";
  for (const char* code : {"electricity", "revenue", "assets"}) {
    const int ind = testing_util::SharedCatalog()->FindIndicator(code);
    for (Period p = a.first_period(); p <= a.last_period(); ++p) {
      std::vector<double> ya, yb, ba, bb, bya, byb;
      a.Ytd(ind, p, &ya);
      b.Ytd(ind, p, &yb);
      a.BaseValues(ind, p, &ba);
      b.BaseValues(ind, p, &bb);
      a.BaseYtd(ind, p, &bya);
      b.BaseYtd(ind, p, &byb);
      const double *va = a.Values(ind, p), *vb = b.Values(ind, p);
      if ((va == nullptr) != (vb == nullptr)) return std::string("data ") + code;
      for (size_t e = 0; e < a.num_enterprises(); ++e) {
        const std::string at = std::string(code) + " " + FormatPeriod(p) + " #" + std::to_string(e);
        if (va != nullptr && !same(va[e], vb[e])) return "value " + at;
        if (!same(ya[e], yb[e])) return "ytd " + at;
        if (!same(ba[e], bb[e])) return "base " + at;
        if (!same(bya[e], byb[e])) return "base ytd " + at;
      }
    }
  }
  return "";
}

class PanelKeptTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_.Enterprise("A", "410102", "1311");
    m_.Enterprise("B", "410102", "1311");
    m_.Enterprise("C", "410105", "1311");
    // A monthly; B year-to-date only (its months are differences); C monthly with priors.
    m_.Batch({{"A", "electricity", "2025-01", 10},
              {"A", "electricity", "2025-02", 11},
              {"A", "electricity", "2025-03", 12},
              {"B", "electricity", "2025-01", kMissing, 20},
              {"B", "electricity", "2025-02", kMissing, 45},
              {"B", "electricity", "2025-03", kMissing, 70},
              {"C", "electricity", "2025-01", 30, kMissing, 28},
              {"C", "electricity", "2025-02", 31, kMissing, 29},
              {"C", "revenue", "2025-02", 100}});
    first_ = m_.Make();
    ASSERT_NE(first_, nullptr);
  }
  int Electricity() const { return testing_util::SharedCatalog()->FindIndicator("electricity"); }

  PanelMaker m_;
  std::unique_ptr<Panel> first_;
};

TEST_F(PanelKeptTest, ASecondRevisionReadsOnlyItsOwnBatch) {
  PanelMaker::Asked asked;
  // After a full build nothing is kept: the year's three months are read from every batch.
  auto second = m_.Apply(*first_, {{"A", "electricity", "2025-02", 15}}, &asked);
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(asked.resolve, (Columns{{"electricity", P("2025-01")},
                                    {"electricity", P("2025-02")},
                                    {"electricity", P("2025-03")}}));
  EXPECT_TRUE(asked.refresh.empty());
  EXPECT_EQ(Differ(*second, *m_.Make()), "");

  // B's January total revised: only January is read, from the new batch alone; February and
  // March come from the kept raw figures and still derive from the totals: 45 - 25 = 20.
  auto third = m_.Apply(*second, {{"B", "electricity", "2025-01", kMissing, 25}}, &asked);
  ASSERT_NE(third, nullptr);
  EXPECT_TRUE(asked.resolve.empty());
  EXPECT_EQ(asked.refresh, (Columns{{"electricity", P("2025-01")}}));
  ASSERT_NE(third->Values(Electricity(), P("2025-02")), nullptr);
  EXPECT_DOUBLE_EQ(third->Values(Electricity(), P("2025-02"))[1], 20);
  EXPECT_DOUBLE_EQ(third->Values(Electricity(), P("2025-01"))[1], 25);
  // A's revision of the batch before stays: 15, not the first batch's 11.
  EXPECT_DOUBLE_EQ(third->Values(Electricity(), P("2025-02"))[0], 15);
  EXPECT_EQ(Differ(*third, *m_.Make()), "");
}

TEST_F(PanelKeptTest, AnotherIndicatorsBatchPassesTheKeptFiguresOn) {
  auto second = m_.Apply(*first_, {{"A", "electricity", "2025-03", 13}});
  ASSERT_NE(second, nullptr);
  PanelMaker::Asked asked;
  auto third = m_.Apply(*second, {{"C", "revenue", "2025-02", 120}}, &asked);
  ASSERT_NE(third, nullptr);
  EXPECT_FALSE(asked.resolve.empty());  // revenue was never kept
  // electricity's kept figures went on to the third panel: a reported prior revised reads
  // the new batch alone, and the base follows it.
  auto fourth = m_.Apply(*third, {{"C", "electricity", "2025-02", 31, kMissing, 26}}, &asked);
  ASSERT_NE(fourth, nullptr);
  EXPECT_TRUE(asked.resolve.empty());
  EXPECT_EQ(asked.refresh, (Columns{{"electricity", P("2025-02")}}));
  std::vector<double> base;
  fourth->BaseValues(Electricity(), P("2025-02"), &base);
  EXPECT_DOUBLE_EQ(base[2], 26);
  EXPECT_EQ(Differ(*fourth, *m_.Make()), "");
}

// The ytd and base columns a panel made are kept and read in place; the next panel takes those
// whose months a batch did not touch and makes the others again from the new figures.
TEST_F(PanelKeptTest, KeptColumnsAreSharedAndFollowRevisions) {
  const int el = Electricity();
  const Period feb = P("2025-02");
  EXPECT_EQ(Differ(*first_, *first_), "");  // reads every column of every month
  EXPECT_EQ(first_->YtdColumn(el, feb).get(), first_->YtdColumn(el, feb).get());
  const auto base = first_->BaseValuesColumn(el, feb), base_ytd = first_->BaseYtdColumn(el, feb);
  EXPECT_EQ(base.get(), first_->BaseValuesColumn(el, feb).get());
  // C's priors (28 in January, 29 in February) are the bases; nothing a year before otherwise.
  EXPECT_DOUBLE_EQ((*base)[2], 29);
  EXPECT_TRUE(std::isnan((*base)[0]));
  // No prior_ytd reported: the monthly priors since January summed (28 + 29).
  EXPECT_DOUBLE_EQ((*base_ytd)[2], 57);
  EXPECT_TRUE(std::isnan((*base_ytd)[0]));  // A: no prior, no ytd a year before
  EXPECT_DOUBLE_EQ((*first_->YtdColumn(el, feb))[1], 45);

  // C's February prior revised (29 → 26) and A's January value (10 → 14).
  auto second = m_.Apply(*first_, {{"C", "electricity", "2025-02", 31, kMissing, 26},
                                   {"A", "electricity", "2025-01", 14}});
  ASSERT_NE(second, nullptr);
  EXPECT_DOUBLE_EQ((*second->BaseValuesColumn(el, feb))[2], 26);
  EXPECT_DOUBLE_EQ((*second->YtdColumn(el, feb))[0], 14 + 11);
  EXPECT_DOUBLE_EQ((*second->YtdColumn(el, P("2025-03")))[0], 14 + 11 + 12);
  EXPECT_EQ(Differ(*second, *m_.Make()), "");
  // Revenue's were not touched: the same columns.
  const int revenue = testing_util::SharedCatalog()->FindIndicator("revenue");
  EXPECT_EQ(second->YtdColumn(revenue, feb).get(), first_->YtdColumn(revenue, feb).get());
  EXPECT_EQ(second->BaseValuesColumn(revenue, feb).get(),
            first_->BaseValuesColumn(revenue, feb).get());
  EXPECT_NE(second->BaseValuesColumn(el, feb).get(), base.get());
}

TEST_F(PanelKeptTest, ANewEnterpriseListReadsEverythingAgain) {
  auto second = m_.Apply(*first_, {{"A", "electricity", "2025-02", 15}});
  ASSERT_NE(second, nullptr);
  // The same enterprises given as a new list (as when one was added or changed): panel indices
  // may move, so nothing kept is trusted.
  auto b = Panel::Builder::Apply(*second, {{"electricity", P("2025-01")}}, &m_.enterprises());
  ASSERT_TRUE(b.ok());
  EXPECT_EQ((*b)->Resolve().size(), 3u);
  EXPECT_TRUE((*b)->Refresh().empty());
}

// A revision of March on kept figures resolves the enterprise it wrote alone: January and
// February stay the previous panel's very columns (and their year-to-date columns with them).
TEST_F(PanelKeptTest, ARevisionKeepsTheMonthsBeforeItAsTheyWere) {
  const int el = Electricity();
  auto second = m_.Apply(*first_, {{"A", "electricity", "2025-02", 15}});
  ASSERT_NE(second, nullptr);
  const auto jan = second->YtdColumn(el, P("2025-01")), feb = second->YtdColumn(el, P("2025-02"));
  const auto mar = second->YtdColumn(el, P("2025-03"));
  PanelMaker::Asked asked;
  auto third = m_.Apply(*second, {{"B", "electricity", "2025-03", kMissing, 80}}, &asked);
  ASSERT_NE(third, nullptr);
  EXPECT_TRUE(asked.resolve.empty());
  EXPECT_EQ(third->YtdColumn(el, P("2025-01")).get(), jan.get());
  EXPECT_EQ(third->YtdColumn(el, P("2025-02")).get(), feb.get());
  EXPECT_NE(third->YtdColumn(el, P("2025-03")).get(), mar.get());
  EXPECT_DOUBLE_EQ(third->Values(el, P("2025-03"))[1], 80 - 45);
  EXPECT_DOUBLE_EQ((*third->YtdColumn(el, P("2025-03")))[1], 80);
  EXPECT_DOUBLE_EQ((*third->YtdColumn(el, P("2025-03")))[0], 15 + 10 + 12);  // A's unchanged
  EXPECT_EQ(Differ(*third, *m_.Make()), "");
  // Only B moved, only in March.
  const auto changes = third->ChangesSince(*second);
  ASSERT_TRUE(changes.has_value());
  EXPECT_EQ(changes->enterprises, (std::vector<uint32_t>{1}));
  // Its January total revised: every month of the year follows (its February and March are
  // differences of totals), the other enterprises' cells stay.
  auto fourth = m_.Apply(*third, {{"B", "electricity", "2025-01", kMissing, 30}}, &asked);
  ASSERT_NE(fourth, nullptr);
  EXPECT_DOUBLE_EQ(fourth->Values(el, P("2025-02"))[1], 45 - 30);
  EXPECT_EQ(Differ(*fourth, *m_.Make()), "");
}

// Revisions of every kind (monthly values, totals alone, priors, a stock, missing fields, rows
// that add a month's first data), one after another on kept figures: each panel is a full
// build's cell for cell, and counts the same stored cells.
TEST(PanelPatchTest, RandomRevisionsEqualAFullBuild) {
  std::mt19937 rng(20261203);
  PanelMaker m;
  const std::vector<std::string> firms = {"A", "B", "C", "D", "E", "F", "G", "H"};
  for (const auto& f : firms) m.Enterprise(f, f < "E" ? "410102" : "410105", "1311");
  const std::vector<std::string> months = {"2024-11", "2024-12", "2025-01",
                                           "2025-02", "2025-03", "2025-04"};
  std::uniform_real_distribution<double> amount(1, 100);
  const auto field = [&](int odds) {
    return rng() % 4 < static_cast<unsigned>(odds) ? amount(rng) : kMissing;
  };
  const auto row = [&](const std::string& f, const char* ind, const std::string& month) {
    return testing_util::Row{f, ind, month, field(2), field(2), field(1), field(1)};
  };
  std::vector<testing_util::Row> rows;
  for (const auto& f : firms) {
    for (const auto& month : months) {
      if (rng() % 5 == 0) continue;  // no row (a month without data for the firm)
      rows.push_back(row(f, "electricity", month));
      if (rng() % 2 == 0) rows.push_back(row(f, "assets", month));
    }
  }
  m.Batch(rows);
  auto panel = m.Make();
  ASSERT_NE(panel, nullptr);
  int patched = 0;
  for (int step = 0; step < 60; ++step) {
    std::vector<testing_util::Row> batch;
    const size_t size = 1 + rng() % 3;
    for (size_t i = 0; i < size; ++i) {
      const char* ind = rng() % 3 == 0 ? "assets" : "electricity";
      batch.push_back(row(firms[rng() % firms.size()], ind, months[rng() % months.size()]));
    }
    PanelMaker::Asked asked;
    auto next = m.Apply(*panel, batch, &asked);
    ASSERT_NE(next, nullptr) << "step " << step;
    patched += asked.resolve.empty();
    ASSERT_EQ(Differ(*next, *m.Make()), "") << "step " << step;
    panel = std::move(next);
  }
  EXPECT_GT(patched, 30);  // most steps read the new batch alone (kept figures)
}

}  // namespace
}  // namespace ballast
