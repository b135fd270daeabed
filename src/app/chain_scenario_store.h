// Scenarios of the propagation model on the firm network in the store (issue #16 item 4, the
// API's POST /api/v1/chains/simulate): the stored links become an economy, the scenario runs,
// and the answer is cut to what the caller may see — its own enterprises by id and name, every
// other firm only inside counts and sums (as the chain report does).
#ifndef BALLAST_APP_CHAIN_SCENARIO_STORE_H_
#define BALLAST_APP_CHAIN_SCENARIO_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "app/ballast.h"
#include "app/caller.h"
#include "app/chain_scenarios.h"
#include "chain/sim/economy.h"
#include "core/status.h"
#include "store/chain_store.h"

namespace ballast::app {

// Bounds of one request: the model runs 1 + restorations times on the whole stored network.
inline constexpr int kMaxScenarioDays = 365;
inline constexpr size_t kMaxScenarioLinks = 200000;
inline constexpr size_t kMaxStoppedFirms = 50;
inline constexpr size_t kMaxRankedRestorations = 10;
inline constexpr size_t kMaxRestorationRuns = 30;

struct StoreScenarioRequest {
  // stopped: firm ids (each must be in the caller's scope); region: a GB/T 2260 code;
  // sector: a product of the links (suppliers are pooled by the product they sell).
  ChainScenario scenario;
  chain::sim::SimParams params;  // days, tau, inventory_days, rationing, recovery_days
  int restore_after_days = 0;    // > 0: rank early restorations of the shocked firms
  // > 0: rank alternative suppliers taking over this share of the stopped firms' sales
  double alternative_share = 0;
  std::vector<std::string> whitelist;  // firms (visible to the caller) served first: loss avoided
};

struct ScenarioFirm {
  std::string id, name, region;  // only firms the caller may see
};

struct ScenarioDay {
  int day = 0;
  double total = 0, direct_loss = 0, indirect_loss = 0;
};

struct ScenarioGroupLoss {
  std::string key;  // region code (prefecture level) or chain id
  std::string name;
  int firms = 0;
  double loss = 0;  // all days, against the equilibrium
};

struct ScenarioStop {
  ScenarioFirm firm;
  int day = 0;
};

struct ScenarioRestoration {
  ScenarioFirm firm;  // empty id and name: a firm the caller may not see (see region)
  std::string region;
  double loss_avoided = 0;
};

struct ScenarioAlternative {
  std::string supplier;                // the stopped firm (the caller may see it)
  ScenarioFirm customer, alternative;  // empty id and name: a firm the caller may not see
  std::string customer_region, alternative_region;  // prefecture
  double loss_avoided = 0;
};

struct StoreScenarioAnswer {
  int firms = 0, links = 0;
  int shocked = 0;
  double equilibrium = 0, loss = 0, loss_pct = 0;
  std::vector<ScenarioDay> days;  // days -1..N-1 (day -1: no loss)
  std::vector<ScenarioGroupLoss> regions, chains;
  std::vector<ScenarioStop> stops;  // visible firms that stop, by day
  std::vector<int> hidden_stops;    // per simulated day: other firms that stop that day
  std::vector<ScenarioRestoration> restorations;
  std::vector<ScenarioAlternative> alternatives;
  std::optional<double> whitelist_loss_avoided;  // with a whitelist
};

// The stored network as the model's economy: firms in byte order of their ids; links per day
// (value / 365), links of one pair summed; a supplier's sector is the product it sells most of;
// every firm's final demand per day equals its purchases per day (the store holds no final
// demand: half of a buying firm's output goes to final use). `regions` gets each firm's region
// ("" when the firm is not in the firm list).
Result<chain::sim::Economy> EconomyFromStore(const std::vector<FirmLinkRecord>& links,
                                             const std::vector<FirmRecord>& firms,
                                             std::vector<std::string>* regions);

Result<StoreScenarioAnswer> RunScenarioInStore(Ballast& b, const Caller& c,
                                               const StoreScenarioRequest& request);

}  // namespace ballast::app

#endif  // BALLAST_APP_CHAIN_SCENARIO_STORE_H_
