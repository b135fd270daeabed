// The daily firm-level propagation model of Inoue & Todo (2019), an agent-based variant of
// Hallegatte's ARIO, reproducing the behaviour of the authors' simulator proNet
// (github.com/HiroyasuInoue/ProductionNetworkSimulator) to the last bit: the same steps in the
// same order, the same sums in the same order. See docs/chains-dynamics.md.
#ifndef BALLAST_CHAIN_SIM_MODEL_H_
#define BALLAST_CHAIN_SIM_MODEL_H_

#include <vector>

#include "chain/sim/economy.h"
#include "core/status.h"

namespace ballast::chain::sim {

enum class Rationing {
  kProportional,  // every customer and final demand get the same share (proNet -R 0)
  kPriority,      // smaller relative orders are filled first, final demand included (proNet -R 2)
};

struct SimParams {
  int days = 10;            // days 0..days-1 are simulated
  double tau = 6;           // inventory adjustment time in days
  int inventory_days = 15;  // initial and target inventory, days of use of each input
  Rationing rationing = Rationing::kProportional;
  int recovery_days = 0;  // 0: full capacity the day after a shock; R: linear recovery over R days
  bool per_firm = false;  // keep every firm's output every day
  int threads = 0;        // 0: two for networks of 100 000 links or more, else one
  bool trace = false;     // keep the flow totals below (for the conservation checks)
  // A run in which no shock takes effect is the equilibrium on every day, and is returned as
  // such; stepping it anyway (tests) shows proNet's rounding drift of a few ulps on some data.
  bool step_when_calm = false;
  // Priority for listed customers (白名单, not in proNet): when non-empty (one flag per firm), a
  // supplier first fills the orders of its listed customers (in proportion to them if it cannot
  // fill them all), then rations what is left among the others and final demand by `rationing`.
  // Empty: the rules above, unchanged to the bit.
  std::vector<char> whitelist;
};

struct SimResult {
  size_t num_firms = 0;
  std::vector<double> total;     // total output, [0] = day -1 (the equilibrium), [t+1] = day t
  std::vector<double> per_firm;  // per_firm[(t+1)*num_firms + i] when SimParams::per_firm
  // With SimParams::trace, per simulated day t (index t): what suppliers shipped to customers,
  // what customers took into their inventories (shipped the day before), and final consumption.
  std::vector<double> shipped, received, final_consumption;

  double FirmOutput(int day, size_t firm) const {
    return per_firm[static_cast<size_t>(day + 1) * num_firms + firm];
  }
};

Status ValidateParams(const SimParams& params);

// The fast implementation: flat arrays in both link orders.
Result<SimResult> Simulate(const Economy& economy, const std::vector<Shock>& shocks,
                           const SimParams& params);

// The same equations written the straightforward way (per-link objects in ordered maps, one
// pass per step as in the equations); the benchmark's yardstick and a second opinion in tests.
Result<SimResult> SimulateNaive(const Economy& economy, const std::vector<Shock>& shocks,
                                const SimParams& params);

}  // namespace ballast::chain::sim

#endif  // BALLAST_CHAIN_SIM_MODEL_H_
