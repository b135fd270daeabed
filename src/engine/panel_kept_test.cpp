// Panel::Builder::Apply with the raw figures a previous incremental build kept: a revision reads
// just its own batch's chunks, and the panel is still a full build's cell for cell.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
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
  for (const char* code : {"electricity", "revenue"}) {
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

}  // namespace
}  // namespace ballast
