// `ballast nowcast`: the flash estimate (快报) of a cell's yoy, or its backtest.
//   ballast nowcast --db FILE --period YYYY-MM [--indicator C] [--region C] [--industry C]
//                   [--backtest MONTHS [--rates 0.5,0.8]]
// Returns the exit code: 0 success, 2 bad input, 1 anything else.
#ifndef BALLAST_CLI_NOWCAST_COMMANDS_H_
#define BALLAST_CLI_NOWCAST_COMMANDS_H_

#include <ostream>
#include <string>
#include <vector>

#include "app/nowcast.h"

namespace ballast::cli {

struct NowcastArgs {
  std::string db;
  app::NowcastCellRequest cell;
  int backtest_months = 0;  // 0: the estimate itself
  std::vector<double> rates{0.5, 0.8};
};

int RunNowcast(const NowcastArgs& args, std::ostream& out, std::ostream& err);

}  // namespace ballast::cli

#endif  // BALLAST_CLI_NOWCAST_COMMANDS_H_
