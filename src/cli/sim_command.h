// `ballast chain simulate`: the daily shock-propagation model on CSV files (issue #16 item 4).
//   ballast chain simulate --firms F --links L --shocks S --days N --tau T --inventory-days n
//                          --rationing proportional|priority [--recovery-days R] [--per-firm] --out
//                          FILE
// The command runs in its CLI11 callback; a failure leaves through CLI::RuntimeError carrying the
// exit code (2 bad input, 1 anything else) after printing the message to stderr.
#ifndef BALLAST_CLI_SIM_COMMAND_H_
#define BALLAST_CLI_SIM_COMMAND_H_

#include <ostream>

#include "app/chain_sim.h"

namespace CLI {
class App;
}

namespace ballast::cli {

// Adds `simulate` under the `chain` subcommand.
void RegisterChainSimulate(CLI::App* chain);

// The command itself: 0, 1 or 2; messages to err, CSV to out when --out is "-".
int RunChainSimulate(const app::ChainSimRequest& request, std::ostream& out, std::ostream& err);

}  // namespace ballast::cli

#endif  // BALLAST_CLI_SIM_COMMAND_H_
