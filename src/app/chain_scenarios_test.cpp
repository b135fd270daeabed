#include "app/chain_scenarios.h"

#include "testing/testing.h"

namespace ballast::app {
namespace {

using chain::sim::Economy;
using chain::sim::ParseEconomy;
using chain::sim::SimParams;

// Two suppliers in Zhengzhou (4101) feed a maker in Luoyang (4103); a retailer sells final goods.
Economy Network() {
  auto e = ParseEconomy(
      "firm,sector,final_demand,initial_output\n"
      "914101000000000011,parts,10,50\n"
      "914101000000000022,parts,10,30\n"
      "914103000000000033,cars,0,60\n"
      "914103000000000044,retail,100,100\n",
      "supplier,customer,value\n"
      "914101000000000011,914103000000000033,40\n"
      "914101000000000022,914103000000000033,20\n"
      "914103000000000033,914103000000000044,60\n");
  return e.value();
}

SimParams Params() {
  SimParams p;
  p.days = 12;
  p.tau = 4;
  p.inventory_days = 2;
  p.rationing = chain::sim::Rationing::kPriority;
  return p;
}

TEST(ChainScenarioTest, RegionLockdownHitsTheFirmsRegisteredThere) {
  ChainScenario s;
  s.region = "410100";
  s.lockdown_days = 6;
  ASSERT_OK_AND_ASSIGN(auto shocks, ScenarioShocks(Network(), s));
  ASSERT_EQ(shocks.size(), 2u);
  EXPECT_EQ(shocks[0].firm, 0);
  EXPECT_EQ(shocks[1].firm, 1);
  EXPECT_EQ(shocks[1].day_to, 5);

  ASSERT_OK_AND_ASSIGN(auto r, RunScenario(Network(), s, Params()));
  EXPECT_EQ(r.shocked.size(), 2u);
  // Direct loss on day 0: both suppliers stop, 50 + 30 of output.
  EXPECT_DOUBLE_EQ(r.direct_loss[0], 80);
  // With 2 days of stock the maker, then the retailer, run dry: indirect loss follows.
  double indirect = 0;
  for (double x : r.indirect_loss) indirect += x;
  EXPECT_GT(indirect, 0);
  ASSERT_FALSE(r.stops.empty());
  EXPECT_EQ(r.stops[0].day, 0);
  bool maker_stops = false;
  for (const auto& st : r.stops) maker_stops |= st.firm == "914103000000000033" && st.day >= 2;
  EXPECT_TRUE(maker_stops);
  double sum = 0;
  for (size_t t = 0; t < r.direct_loss.size(); ++t) sum += r.direct_loss[t] + r.indirect_loss[t];
  EXPECT_NEAR(sum, r.loss, 1e-9 * r.loss);
}

TEST(ChainScenarioTest, RestoringTheBiggerSupplierFirstAvoidsMore) {
  ChainScenario s;
  s.stopped = {"914101000000000011", "914101000000000022"};
  s.stop_days = 8;
  ASSERT_OK_AND_ASSIGN(auto ranked, RankEarlyRestorations(Network(), s, Params(), 2));
  ASSERT_EQ(ranked.size(), 2u);
  EXPECT_EQ(ranked[0].firm, "914101000000000011");
  EXPECT_GT(ranked[0].loss_avoided, ranked[1].loss_avoided);
  EXPECT_GT(ranked[1].loss_avoided, 0);
}

TEST(ChainScenarioTest, ProductShortageAndBadScenarios) {
  ChainScenario s;
  s.sector = "parts";
  s.short_fraction = 0.3;
  s.short_days = 3;
  ASSERT_OK_AND_ASSIGN(auto shocks, ScenarioShocks(Network(), s));
  ASSERT_EQ(shocks.size(), 2u);
  EXPECT_EQ(shocks[0].delta, 0.3);
  s.sector = "steel";
  EXPECT_TRUE(ScenarioShocks(Network(), s).status().IsUserError());
  ChainScenario bad;
  bad.stopped = {"nobody"};
  bad.stop_days = 1;
  EXPECT_TRUE(ScenarioShocks(Network(), bad).status().IsUserError());
  ChainScenario region;
  region.region = "420100";
  region.lockdown_days = 1;
  EXPECT_TRUE(ScenarioShocks(Network(), region).status().IsUserError());
}

// A (steel) sells 2 a day to B (cars); A2 (steel) sells only to final demand (1 a day). With A
// stopped for 6 days and 3 days of stock, A loses 2 a day (12) and B runs dry on day 3 (3 days of
// 2: 6), 18 in all. With A2 supplying B instead, A has no output left to lose and B no shortage:
// nothing is lost, so the move avoids 18.
TEST(ChainScenarioTest, AnAlternativeSupplierOfTheSameSectorAvoidsTheLoss) {
  auto e = ParseEconomy(
      "firm,sector,final_demand,initial_output\nA,steel,0,2\nA2,steel,1,1\nB,cars,2,2\n",
      "supplier,customer,value\nA,B,2\n");
  ASSERT_OK(e);
  ChainScenario s;
  s.stopped = {"A"};
  s.stop_days = 6;
  SimParams p;
  p.days = 6;
  p.tau = 6;
  p.inventory_days = 3;
  ASSERT_OK_AND_ASSIGN(auto base, RunScenario(*e, s, p));
  EXPECT_DOUBLE_EQ(base.loss, 18);
  ASSERT_OK_AND_ASSIGN(auto ranked, RankAlternativeSuppliers(*e, s, p, 1.0, 10));
  ASSERT_EQ(ranked.size(), 1u);
  EXPECT_EQ(ranked[0].customer, "B");
  EXPECT_EQ(ranked[0].alternative, "A2");
  EXPECT_DOUBLE_EQ(ranked[0].loss_avoided, 18);
  // Half moved: B buys 1 a day from each.
  ASSERT_OK_AND_ASSIGN(auto half, WithAlternativeSupplier(*e, {"B", "A", "A2", 0.5, 0}));
  ASSERT_EQ(half.links.size(), 2u);
  EXPECT_DOUBLE_EQ(half.links[0].value, 1);
  EXPECT_DOUBLE_EQ(half.links[1].value, 1);
  EXPECT_TRUE(WithAlternativeSupplier(*e, {"B", "A", "B", 1.0, 0}).status().IsUserError());
}

}  // namespace
}  // namespace ballast::app
