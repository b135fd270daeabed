// The flash estimate (快报) of a cell's yoy before the month closes: the enterprises that have
// reported count with their figure; each one that has not is estimated from its electricity of
// the month (yoy of electricity × an elasticity fitted on the previous 24 months, its own or its
// industry's), else from its industry's reported growth in the cell. docs/warnings.md, "Flash
// estimate", gives the method and its backtest.
#ifndef BALLAST_ENGINE_NOWCAST_H_
#define BALLAST_ENGINE_NOWCAST_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "core/period.h"
#include "core/status.h"
#include "engine/panel.h"
#include "engine/query.h"

namespace ballast {

// Per enterprise of the panel, in a simulation (the backtest): 1 counts as reported, 0 is to be
// estimated, -1 is left out. Without one, an enterprise of the cell with a base counts as
// reported when its figure for t is present and is estimated otherwise.
using ReportMask = std::vector<int8_t>;

struct NowcastRequest {
  CellRef cell;          // indicator, period, region, industry
  int electricity = -1;  // the electricity indicator
  int fit_months = 24;   // months before t the elasticities are fitted on
  const ReportMask* mask = nullptr;
};

struct Nowcast {
  std::optional<double> yoy;       // the estimate, %; nullopt when the base sum is not positive
  int32_t reported = 0;            // enterprises counted with their figure
  int32_t by_electricity = 0;      // estimated from electricity
  int32_t by_growth = 0;           // estimated from their industry's (or the cell's) growth
  int32_t unestimated = 0;         // left out: no electricity and nobody reported to follow
  double reported_base_share = 0;  // share of the base (上年同期) held by reporters, %
};

// Elasticities are clamped to [0, kMaxElasticity]: a fitted slope outside is noise.
constexpr double kMaxElasticity = 3.0;
// Pairs of yoy growth an enterprise needs for its own elasticity (else its industry's).
constexpr int kMinElasticityPairs = 6;

Result<Nowcast> NowcastYoy(const Panel& panel, const Query& query, const NowcastRequest& r);

// The backtest: for each month of [last − months + 1, last], the enterprises of the cell with
// both a figure and a base (the final yoy's same sample) are hidden but a share `rate` of them
// (chosen by a hash of the seed, the enterprise and the month), the estimate is made and
// compared with the final yoy.
struct BacktestPoint {
  Period t = 0;
  std::optional<double> final_yoy, estimate;
};
Result<std::vector<BacktestPoint>> BacktestNowcast(const Panel& panel, const Query& query,
                                                   const NowcastRequest& base, int months,
                                                   double rate, uint64_t seed);

}  // namespace ballast

#endif  // BALLAST_ENGINE_NOWCAST_H_
