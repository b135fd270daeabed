// Use case: the daily shock-propagation model on a firm network given as CSV files
// (`ballast chain simulate`, issue #16 item 4). Reads and checks the files, runs the model and
// writes `day,output` (or `day,firm,output`) for days -1..N-1.
#ifndef BALLAST_APP_CHAIN_SIM_H_
#define BALLAST_APP_CHAIN_SIM_H_

#include <ostream>
#include <string>
#include <vector>

#include "chain/sim/economy.h"
#include "chain/sim/model.h"
#include "core/status.h"

namespace ballast::app {

struct ChainSimRequest {
  std::string firms, links, shocks;        // shocks may be empty: no shock
  std::string out;                         // "-" = the returned text is for stdout
  std::string rationing = "proportional";  // proportional | priority
  chain::sim::SimParams params;
};

struct ChainSimOutcome {
  std::vector<std::string> warnings;
  std::string text;  // the CSV when out is "-"
};

Result<ChainSimOutcome> RunChainSimulation(const ChainSimRequest& request);

// The CSV of a result: numbers as the shortest text that reads back as the same double.
void WriteChainSimCsv(const chain::sim::Economy& economy, const chain::sim::SimResult& result,
                      bool per_firm, std::ostream& out);

}  // namespace ballast::app

#endif  // BALLAST_APP_CHAIN_SIM_H_
