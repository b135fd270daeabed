// Use cases on the propagation model (issue #16 item 4, scenarios): firms stopped, a region locked
// down, a product short by x %, their loss split into direct (at the shocked firms) and indirect
// (everywhere else), the day each firm stops, and early restorations ranked by the loss they
// avoid. The API routes are not written yet; these are the functions they will call.
#ifndef BALLAST_APP_CHAIN_SCENARIOS_H_
#define BALLAST_APP_CHAIN_SCENARIOS_H_

#include <string>
#include <vector>

#include "chain/sim/economy.h"
#include "chain/sim/model.h"
#include "core/status.h"

namespace ballast::app {

struct ChainScenario {
  std::vector<std::string> stopped;  // firms stopped (all capacity lost) on days 0..stop_days-1
  int stop_days = 0;
  // Firms registered in this GB/T 2260 region (characters 3-8 of a USCC firm id; 410100 = the
  // city, 410000 = the province) lose lockdown_delta of capacity on days 0..lockdown_days-1.
  std::string region;
  // The region of each firm in the economy's order, when known (the store's firms); empty: read
  // from the USCC. A firm with an empty entry is in no region.
  std::vector<std::string> firm_regions;
  int lockdown_days = 0;
  double lockdown_delta = 1.0;
  // A product short by short_fraction: the firms of that sector lose that share of capacity.
  std::string sector;
  double short_fraction = 0;
  int short_days = 0;
};

struct FirmStop {
  std::string firm;
  int day = 0;  // first day its output fell below 1 % of the initial
};

struct ScenarioResult {
  std::vector<double> total;                       // days -1..N-1
  std::vector<double> direct_loss, indirect_loss;  // per simulated day, against day -1
  double loss = 0;                                 // all days, all firms
  std::vector<std::string> shocked;                // the firms the scenario hits
  std::vector<FirmStop> stops;                     // in order of day, then firm order
};

struct RankedRestoration {
  std::string firm;
  double loss_avoided = 0;
};

// The shocks a scenario stands for; an unknown firm, region or sector is an error.
Result<std::vector<chain::sim::Shock>> ScenarioShocks(const chain::sim::Economy& economy,
                                                      const ChainScenario& scenario);
Result<ScenarioResult> RunScenario(const chain::sim::Economy& economy,
                                   const ChainScenario& scenario,
                                   const chain::sim::SimParams& params);
// Each shocked firm in turn back in full after `after_days` (the others as in the scenario),
// ranked by the total output loss avoided, largest first.
Result<std::vector<RankedRestoration>> RankEarlyRestorations(const chain::sim::Economy& economy,
                                                             const ChainScenario& scenario,
                                                             const chain::sim::SimParams& params,
                                                             int after_days);

// An alternative supplier: before the shock, `share` of what `customer` buys from `supplier` is
// bought from `alternative` instead (a firm of the same sector, so the inputs pool as before and
// the total output of the equilibrium is unchanged).
struct AlternativeSupply {
  std::string customer, supplier, alternative;
  double share = 1.0;
  double loss_avoided = 0;  // filled by RankAlternativeSuppliers
};

Result<chain::sim::Economy> WithAlternativeSupplier(const chain::sim::Economy& economy,
                                                    const AlternativeSupply& move);
// For each firm the scenario stops and each of its customers (largest purchase first), the
// biggest firm of the stopped firm's sector that is neither hit by the scenario nor the customer
// takes over `share` of that purchase; at most `max_runs` such moves are tried, ranked by the
// total output loss they avoid, largest first.
Result<std::vector<AlternativeSupply>> RankAlternativeSuppliers(const chain::sim::Economy& economy,
                                                                const ChainScenario& scenario,
                                                                const chain::sim::SimParams& params,
                                                                double share, size_t max_runs);

// Priority for whitelisted firms (白名单): the scenario run again with their suppliers serving
// them first (SimParams::whitelist); returns the total output loss this avoids (negative: it
// costs output). Unknown firms are an error.
Result<double> WhitelistLossAvoided(const chain::sim::Economy& economy,
                                    const ChainScenario& scenario,
                                    const chain::sim::SimParams& params,
                                    const std::vector<std::string>& whitelist);

}  // namespace ballast::app

#endif  // BALLAST_APP_CHAIN_SCENARIOS_H_
