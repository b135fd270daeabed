#include "engine/cube.h"

#include <gtest/gtest.h>

#include <random>

#include "engine/test_panel_util.h"

namespace ballast {
namespace {

using testing_util::PanelMaker;
using testing_util::Row;

// The cube and the on-demand query must agree on every cell and measure.
TEST(CubeTest, AgreesWithOnDemandQueries) {
  std::mt19937_64 rng(7);
  auto uni = [&](double a, double b) { return a + (b - a) * (static_cast<double>(rng() >> 11) / 9007199254740992.0); };
  const char* regions[] = {"410102", "410103", "419001", "410302", "411502", "440106"};
  const char* industries[] = {"1311", "3311", "0610", "4411", "2614", "3311"};
  PanelMaker m;
  std::vector<Row> rows;
  for (int e = 0; e < 120; ++e) {
    std::string id = "E" + std::to_string(e);
    m.Enterprise(id, regions[e % 6], industries[(e / 6) % 6]);
    for (int t = 0; t < 26; ++t) {
      Period p = MakePeriod(2024, 1) + t;
      for (const char* ind : {"output_value", "profit", "revenue", "assets"}) {
        if (uni(0, 1) < 0.1) continue;  // missing report
        if (std::string(ind) == "profit" && PeriodMonth(p) == 1 && e % 3 == 0) continue;
        Row r{id, ind, FormatPeriod(p)};
        r.value = std::string(ind) == "profit" ? uni(-20, 50) : uni(0, 100);
        if (uni(0, 1) < 0.05) r.prior = uni(0, 100);
        rows.push_back(r);
      }
    }
  }
  m.Batch(rows);
  auto panel = m.Make();
  ASSERT_NE(panel, nullptr);
  auto cube = Cube::Build(*panel, 2);
  Query q(*panel);
  const Catalog& c = panel->catalog();
  std::vector<NodeId> rnodes = {c.country(), c.regions().Find("410000"), c.regions().Find("410100"),
                                c.regions().Find("419001"), c.regions().Find("410102"), c.regions().Find("440000")};
  std::vector<NodeId> inodes = {c.all_industry(), c.FindIndustry("C"), c.FindIndustry("33"), c.FindIndustry("B"),
                                c.FindIndustry("D"), c.FindIndustry("44")};
  int compared = 0;
  for (const char* ind : {"output_value", "profit", "assets", "profit_margin", "loss_share"}) {
    const Indicator& indicator = c.indicators()[static_cast<size_t>(c.FindIndicator(ind))];
    for (Period p = MakePeriod(2024, 1); p < MakePeriod(2024, 1) + 26; ++p) {
      for (NodeId r : rnodes) {
        for (NodeId i : inodes) {
          for (Dimension of : {Dimension::kIndustry, Dimension::kRegion}) {
            CellRef ref{c.FindIndicator(ind), p, r, i};
            for (Measure mm : AllMeasures()) {
              if (!MeasureApplies(mm, indicator)) continue;
              auto expect = q.Cell(ref, {mm}, of);
              ASSERT_TRUE(expect.ok());
              auto got = cube->Value(ref, mm, of);
              ASSERT_EQ(got.has_value(), expect->values[0].has_value())
                  << ind << " " << FormatPeriod(p) << " " << c.regions().node(r).code << " "
                  << c.industries().node(i).code << " " << MeasureName(mm);
              if (got) {
                EXPECT_NEAR(*got, *expect->values[0], 1e-9 * (1 + std::fabs(*got)));
                ++compared;
              }
            }
          }
        }
      }
    }
  }
  EXPECT_GT(compared, 5000);
}

TEST(CubeTest, GroupedGrowthIgnoresPriorsLikeThePeerQuery) {
  PanelMaker m;
  m.Enterprise("A", "410102", "1311");
  m.Enterprise("B", "419001", "1311");
  m.Enterprise("C", "440106", "3311");
  m.Batch({{"A", "output_value", "2024-03", 100}, {"A", "output_value", "2025-03", 120},
           {"B", "output_value", "2024-03", 50},  {"B", "output_value", "2025-03", 40, kMissing, 45},
           {"C", "output_value", "2025-03", 70}});
  auto panel = m.Make();
  const Catalog& c = panel->catalog();
  GroupIndex index(*panel, 1, 2);
  auto groups = GroupedGrowth(*panel, index, c.FindIndicator("output_value"), *ParsePeriod("2025-03"));
  ASSERT_EQ(groups.size(), 1u);  // C has no value a year earlier
  EXPECT_EQ(c.regions().node(groups[0].region).code, "410000");
  EXPECT_EQ(c.industries().node(groups[0].industry).code, "13");
  EXPECT_DOUBLE_EQ(groups[0].x_sum, 160);
  EXPECT_DOUBLE_EQ(groups[0].base_sum, 150);
}

}  // namespace
}  // namespace ballast
