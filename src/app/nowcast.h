// The flash estimate (快报) of a cell's yoy before the month closes, and its backtest
// (engine/nowcast.h; docs/warnings.md, "Flash estimate").
#ifndef BALLAST_APP_NOWCAST_H_
#define BALLAST_APP_NOWCAST_H_

#include <optional>
#include <string>
#include <vector>

#include "app/caller.h"
#include "core/status.h"
#include "engine/nowcast.h"

namespace ballast::app {

class Ballast;

struct NowcastCellRequest {
  std::string indicator = "output_value";
  std::string period;  // YYYY-MM
  std::string region = "100000";
  std::string industry = "BCD";
};

// The estimate at the period from what the store holds now (the reporters so far).
Result<Nowcast> NowcastCell(Ballast& b, const Caller& caller, const NowcastCellRequest& request);

// The estimate as a view shows it (the cockpit's 快报 card): with its expected error — the mean
// absolute error of the same estimate made on the six closed months before, with the same
// share of enterprises reported — and the cell's disclosure control.
struct NowcastAnswer {
  std::string period;
  Nowcast estimate;                         // estimate.yoy is cleared when suppressed
  std::optional<double> expected_error_pp;  // nullopt: no closed month to measure it on
  int32_t backtest_months = 0;
  double report_share = 0;  // enterprises counted as reported / all of the cell's sample, %
  std::string suppressed, would_suppress;  // as for cells (app/disclosure.h)
};
Result<NowcastAnswer> NowcastForView(Ballast& b, const Caller& caller,
                                     const NowcastCellRequest& request);

struct BacktestSummary {
  double rate = 0;    // share of the same sample counted as reported
  int points = 0;     // months with both a final yoy and an estimate
  double mae_pp = 0;  // mean absolute error, percentage points
  double max_pp = 0;  // largest absolute error
  std::vector<BacktestPoint> detail;
};

// For each rate, the months [period − months + 1, period] (analysts and above: it reads every
// enterprise of the cell).
Result<std::vector<BacktestSummary>> NowcastBacktest(Ballast& b, const Caller& caller,
                                                     const NowcastCellRequest& request, int months,
                                                     const std::vector<double>& rates,
                                                     uint64_t seed = 20261130);

}  // namespace ballast::app

#endif  // BALLAST_APP_NOWCAST_H_
