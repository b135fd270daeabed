#include "app/chain_scenario_store.h"

#include <gtest/gtest.h>

#include "app/chain.h"
#include "testing/testing.h"

namespace ballast::app {
namespace {

// A line A -> B -> C: A (Nanjing 320100) sells 365 a year (1 a day) to B (Luoyang 410300), which
// sells 730 (2 a day) to C (Zhengzhou 410100). Final demand = purchases: c_A = 0, c_B = 1,
// c_C = 2, so the equilibrium outputs are x_A = 1, x_B = 3, x_C = 2, total 6 a day.
constexpr const char* kFirms =
    "firm,name,region,industry\nA,宁钢,320100,3130\nB,洛发,410300,3412\nC,郑拖,410100,3571\n";
constexpr const char* kLinks =
    "supplier,customer,product,value\nA,B,钢材,365\nB,C,柴油发动机,730\n";

class ChainScenarioStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    OpenOptions options;
    options.clock = &clock_;
    auto b = Ballast::Create(dir_.File("s.db"), options);
    ASSERT_OK(b);
    b_ = std::move(*b);
    ASSERT_OK(ImportChains(*b_, admin_, std::nullopt));
    ASSERT_OK(ImportFirms(*b_, admin_, kFirms, "firms.csv"));
    ASSERT_OK(ImportFirmLinks(*b_, admin_, kLinks, "links.csv"));
  }
  // B stops for the whole run; every firm holds n = 3 days of each input.
  static StoreScenarioRequest StopB() {
    StoreScenarioRequest q;
    q.scenario.stopped = {"B"};
    q.scenario.stop_days = 6;
    q.params.days = 6;
    q.params.tau = 6;
    q.params.inventory_days = 3;
    return q;
  }
  ::ballast::testing::TempDir dir_;
  FixedClock clock_{*ParseUtc("2026-02-01T00:30:00Z")};
  std::unique_ptr<Ballast> b_;
  Caller admin_ = Caller::Local("t");
  Caller luoyang_{"ly", auth::Role::kAnalyst, "", "", "410300"};
};

TEST_F(ChainScenarioStoreTest, StoppingTheMiddleFirmStopsTheDownstreamOneWhenItsStockRunsOut) {
  ASSERT_OK_AND_ASSIGN(auto a, RunScenarioInStore(*b_, admin_, StopB()));
  EXPECT_EQ(a.firms, 3);
  EXPECT_EQ(a.shocked, 1);
  ASSERT_EQ(a.days.size(), 7u);
  EXPECT_DOUBLE_EQ(a.days[0].total, 6);
  // Day 0: B's 3 lost; A still ships on B's order of day -1. Day 1: B ordered nothing (its output
  // was 0), so A stops too. C draws 2 a day from a stock of 6 that is not refilled: it makes 2 on
  // days 0, 1, 2 and nothing from day 3 (= n).
  const double totals[] = {3, 2, 2, 0, 0, 0};
  const double indirect[] = {0, 1, 1, 3, 3, 3};
  for (int t = 0; t < 6; ++t) {
    EXPECT_DOUBLE_EQ(a.days[static_cast<size_t>(t + 1)].total, totals[t]) << "day " << t;
    EXPECT_DOUBLE_EQ(a.days[static_cast<size_t>(t + 1)].direct_loss, 3) << "day " << t;
    EXPECT_DOUBLE_EQ(a.days[static_cast<size_t>(t + 1)].indirect_loss, indirect[t]) << t;
  }
  EXPECT_DOUBLE_EQ(a.loss, 36 - 7);
  ASSERT_EQ(a.stops.size(), 3u);
  EXPECT_EQ(a.stops[0].firm.id, "B");
  EXPECT_EQ(a.stops[0].day, 0);
  EXPECT_EQ(a.stops[1].firm.id, "A");
  EXPECT_EQ(a.stops[1].day, 1);
  EXPECT_EQ(a.stops[2].firm.id, "C");
  EXPECT_EQ(a.stops[2].firm.name, "郑拖");
  EXPECT_EQ(a.stops[2].day, 3);
  // Per prefecture: Nanjing loses A's 1 on days 1..5, Luoyang B's 3 on 6 days, Zhengzhou C's 2
  // on days 3..5.
  ASSERT_EQ(a.regions.size(), 3u);
  EXPECT_EQ(a.regions[0].key, "320100");
  EXPECT_DOUBLE_EQ(a.regions[0].loss, 5);
  EXPECT_DOUBLE_EQ(a.regions[1].loss, 6);   // 410100
  EXPECT_DOUBLE_EQ(a.regions[2].loss, 18);  // 410300
}

TEST_F(ChainScenarioStoreTest, RestoringEarlyAvoidsLoss) {
  auto q = StopB();
  q.restore_after_days = 2;
  ASSERT_OK_AND_ASSIGN(auto a, RunScenarioInStore(*b_, admin_, q));
  ASSERT_EQ(a.restorations.size(), 1u);
  EXPECT_EQ(a.restorations[0].firm.id, "B");
  // Back on day 2, B's direct loss alone falls from 18 to at most 6.
  EXPECT_GE(a.restorations[0].loss_avoided, 12);
}

TEST_F(ChainScenarioStoreTest, AnAlternativeSupplierIsRankedAndScoped) {
  // A second engine maker in Nanjing that sells only to final use: it can supply C instead of B.
  ASSERT_OK(ImportFirms(*b_, admin_, std::string(kFirms) + "B2,宁发,320100,3412\n", "f.csv"));
  ASSERT_OK(ImportFirmLinks(*b_, admin_, std::string(kLinks) + "A,B2,钢材,365\nB2,C,柴油发动机,1\n",
                            "l.csv"));
  auto q = StopB();
  q.alternative_share = 1;
  ASSERT_OK_AND_ASSIGN(auto a, RunScenarioInStore(*b_, admin_, q));
  ASSERT_EQ(a.alternatives.size(), 1u);
  EXPECT_EQ(a.alternatives[0].supplier, "B");
  EXPECT_EQ(a.alternatives[0].customer.id, "C");
  EXPECT_EQ(a.alternatives[0].alternative.id, "B2");
  EXPECT_GT(a.alternatives[0].loss_avoided, 0);
  // Alternatives need a stopped firm, which a viewer may not name (404 like an unknown one), and
  // Luoyang's scope misses Nanjing's and Zhengzhou's firms.
  Caller viewer{"v", auth::Role::kViewer, "", "", "100000"};
  EXPECT_EQ(RunScenarioInStore(*b_, viewer, q).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(RunScenarioInStore(*b_, luoyang_, q).status().code(), StatusCode::kPermissionDenied);
  q.scenario.stopped.clear();
  q.scenario.region = "410300";
  q.scenario.lockdown_days = 2;
  EXPECT_EQ(RunScenarioInStore(*b_, admin_, q).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(ChainScenarioStoreTest, AWhitelistIsAVisibleFirmList) {
  // B stopped: it has nothing to ship, so listing its customer C changes nothing.
  auto q = StopB();
  q.whitelist = {"C"};
  ASSERT_OK_AND_ASSIGN(auto a, RunScenarioInStore(*b_, admin_, q));
  ASSERT_TRUE(a.whitelist_loss_avoided.has_value());
  EXPECT_EQ(*a.whitelist_loss_avoided, 0);
  // A national viewer lists no enterprise, so it cannot name one for the whitelist.
  Caller viewer{"v", auth::Role::kViewer, "", "", "100000"};
  EXPECT_EQ(RunScenarioInStore(*b_, viewer, q).status().code(), StatusCode::kNotFound);
}

// Every loss in a scenario depends on every firm of the network, so a derived figure has the
// scope of all of them (the rule of the trust issue): a caller whose scope misses one firm gets no
// scenario at all — not sums without names, which would still carry other cities' output.
TEST_F(ChainScenarioStoreTest, OnlyACallerWhoseScopeCoversTheWholeNetworkGetsAScenario) {
  auto lockdown = StopB();
  lockdown.scenario.stopped.clear();
  lockdown.scenario.region = "410300";
  lockdown.scenario.lockdown_days = 6;
  auto stop_c = StopB();
  stop_c.scenario.stopped = {"C"};
  Caller henan{"hn", auth::Role::kAnalyst, "", "", "410000"};  // A is in Nanjing
  for (const Caller* c : {&luoyang_, &henan}) {
    for (const auto* q : {&lockdown, &stop_c}) {
      EXPECT_EQ(RunScenarioInStore(*b_, *c, *q).status().code(), StatusCode::kPermissionDenied)
          << c->region;
    }
    EXPECT_EQ(RunScenarioInStore(*b_, *c, StopB()).status().code(),
              StatusCode::kPermissionDenied);
  }
  // A national viewer sees sums only: no firm at all, so none to stop, but the lockdown runs.
  Caller viewer{"v", auth::Role::kViewer, "", "", "100000"};
  EXPECT_EQ(RunScenarioInStore(*b_, viewer, StopB()).status().code(), StatusCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(auto v, RunScenarioInStore(*b_, viewer, lockdown));
  EXPECT_TRUE(v.stops.empty());
  EXPECT_EQ(v.hidden_stops, (std::vector<int>{1, 1, 0, 1, 0, 0}));
  Caller firm{"e", auth::Role::kEnterprise, "", "", "410300"};
  EXPECT_EQ(RunScenarioInStore(*b_, firm, lockdown).status().code(),
            StatusCode::kPermissionDenied);
}

TEST_F(ChainScenarioStoreTest, RequestsAreBounded) {
  auto q = StopB();
  q.params.days = 366;
  EXPECT_EQ(RunScenarioInStore(*b_, admin_, q).status().code(), StatusCode::kInvalidArgument);
  q = StopB();
  q.scenario.stopped.clear();
  EXPECT_EQ(RunScenarioInStore(*b_, admin_, q).status().code(), StatusCode::kInvalidArgument);
  q.scenario.sector = "钢材";
  q.scenario.short_fraction = 1.5;
  q.scenario.short_days = 2;
  EXPECT_EQ(RunScenarioInStore(*b_, admin_, q).status().code(), StatusCode::kInvalidArgument);
  q.scenario.short_fraction = 0.5;
  ASSERT_OK_AND_ASSIGN(auto a, RunScenarioInStore(*b_, admin_, q));
  EXPECT_EQ(a.shocked, 1);  // A, the only seller of 钢材
  EXPECT_DOUBLE_EQ(a.days[1].direct_loss, 0.5);
}

}  // namespace
}  // namespace ballast::app
