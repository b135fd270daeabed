// A generated province imported through the ordinary path, checked against identities that
// must hold whatever the data: pulls add up, the cube equals the on-demand queries, the
// planted collapse shows, February follows the 1-2月 rule.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "app/analysis.h"
#include "engine/cube.h"
#include "gen/generator.h"
#include "test/test_util.h"
#include "testing/test_store.h"

namespace ballast::test {
namespace {

class ScenarioTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    store_ = new ::ballast::testing::TestStore();
    ws_ = std::move(app::Workspace::Create(store_->locator())).value().release();
    gen::Options o;
    o.enterprises = 800;
    o.first = MakePeriod(2024, 1);
    o.months = 26;
    auto summary = gen::WriteCsv(ws_->catalog(), o, store_->dir().File("csv"));
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
    summary_ = new gen::Summary(*summary);
    for (const auto& f : summary->files) {
      std::ifstream in(f, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      auto r = ws_->Import(ss.str(), f, "test", MakePeriod(2026, 11));
      ASSERT_TRUE(r.ok());
      ASSERT_EQ(r->status, ingest::ImportStatus::kImported) << f << ": " << r->report.errors[0].message;
    }
  }
  static void TearDownTestSuite() {
    delete summary_;
    delete ws_;
    delete store_;
  }
  static double Value(const app::CellAnswer& a, size_t i = 0) { return a.row.values[i].value_or(-999999); }

  static ::ballast::testing::TestStore* store_;
  static app::Workspace* ws_;
  static gen::Summary* summary_;
};
::ballast::testing::TestStore* ScenarioTest::store_ = nullptr;
app::Workspace* ScenarioTest::ws_ = nullptr;
gen::Summary* ScenarioTest::summary_ = nullptr;

TEST_F(ScenarioTest, PullsOfPrefecturesAddUpToProvinceGrowth) {
  for (const char* period : {"2025-03", "2025-07", "2025-12"}) {
    app::TableRequest t;
    t.indicator = "output_value";
    t.measures = {"contrib_pp", "share"};
    t.period = period;
    t.region = "410000";
    t.dim = "region";
    auto table = app::QueryTable(*ws_, t);
    ASSERT_TRUE(table.ok());
    double pp = 0, share = 0;
    for (const auto& r : table->rows) {
      pp += r.values[0].value_or(0);
      share += r.values[1].value_or(0);
    }
    app::CellRequest c;
    c.indicator = "output_value";
    c.measures = {"yoy"};
    c.period = period;
    c.region = "410000";
    auto cell = app::QueryCell(*ws_, c);
    EXPECT_NEAR(pp, Value(*cell), 1e-9) << period;
    EXPECT_NEAR(share, 100, 1e-9);
  }
}

TEST_F(ScenarioTest, CubeEqualsQueriesOnGeneratedData) {
  auto snap = ws_->GetSnapshot();
  ASSERT_TRUE(snap.ok());
  const Panel& panel = *(*snap)->panel;
  auto cube = Cube::Build(panel, 2);
  const Catalog& c = ws_->catalog();
  std::vector<NodeId> regions = {c.country(), c.regions().Find("410000"), c.regions().Find("419001")};
  for (NodeId r : c.regions().node(c.regions().Find("410000")).children) regions.push_back(r);
  int compared = 0;
  for (const char* ind : {"output_value", "profit", "electricity", "assets", "debt_ratio", "loss_share"}) {
    const int i = c.FindIndicator(ind);
    for (Period p : {MakePeriod(2025, 2), MakePeriod(2025, 9)}) {
      for (NodeId r : regions) {
        for (NodeId in : {c.all_industry(), c.FindIndustry("C"), c.FindIndustry("33"), c.FindIndustry("44")}) {
          for (Measure m : AllMeasures()) {
            if (!MeasureApplies(m, c.indicators()[static_cast<size_t>(i)])) continue;
            CellRef ref{i, p, r, in};
            auto q = (*snap)->query->Cell(ref, {m}, Dimension::kRegion);
            auto v = cube->Value(ref, m, Dimension::kRegion);
            ASSERT_EQ(q->values[0].has_value(), v.has_value()) << ind << " " << MeasureName(m);
            if (v) {
              EXPECT_NEAR(*v, *q->values[0], 1e-9 * (1 + std::fabs(*v)));
              ++compared;
            }
          }
        }
      }
    }
  }
  EXPECT_GT(compared, 1000);
}

TEST_F(ScenarioTest, CollapseCityShowsUp) {
  ASSERT_FALSE(summary_->collapse_city.empty());
  for (Period p : {summary_->collapse_first, summary_->collapse_first + 1}) {
    app::CellRequest c;
    c.indicator = "output_value";
    c.measures = {"yoy"};
    c.period = FormatPeriod(p);
    c.region = summary_->collapse_city;
    auto cell = app::QueryCell(*ws_, c);
    ASSERT_TRUE(cell.ok());
    EXPECT_LT(Value(*cell), -25) << c.period;
  }
}

TEST_F(ScenarioTest, FebruaryProfitIsCumulative) {
  app::CellRequest c;
  c.indicator = "profit";
  c.measures = {"value", "yoy", "ytd_yoy"};
  c.period = "2025-02";
  c.region = "410000";
  auto cell = app::QueryCell(*ws_, c);
  ASSERT_TRUE(cell.ok());
  EXPECT_FALSE(cell->row.values[0].has_value());  // no monthly profit in 1-2月
  ASSERT_TRUE(cell->row.values[1].has_value());
  EXPECT_DOUBLE_EQ(*cell->row.values[1], *cell->row.values[2]);
}

}  // namespace
}  // namespace ballast::test
