// The monthly figures of one enterprise as a pure function of (enterprise, period): trend,
// seasonality, common shocks, an own cycle and noise from a counter-based hash. Being pure, any
// month can be evaluated in any order, e.g. an entrant's figures for the year before it entered.
#ifndef BALLAST_GEN_MODEL_H_
#define BALLAST_GEN_MODEL_H_

#include <array>
#include <cstdint>
#include <vector>

#include "core/period.h"
#include "gen/random.h"
#include "gen/roster.h"

namespace ballast::gen {

// The modelled indicators; the first kFlowMeasures are flows.
enum Measure : int {
  kOutput,
  kSales,
  kExport,
  kRevenue,
  kCost,
  kProfit,
  kTax,
  kElectricity,
  kInventory,
  kAssets,
  kLiabilities,
  kEmployees,
  kMeasureCount,
};
inline constexpr int kFlowMeasures = 8;
// Catalog code of a measure.
const char* MeasureCode(Measure m);
// Revenue, cost, profit and tax: the financial forms, first reported for January-February.
inline bool IsFinancial(Measure m) { return m >= kRevenue && m <= kTax; }

// Monthly values in tenths of the unit (employees: persons).
using MonthValues = std::array<int64_t, kMeasureCount>;

// Everything shared by all enterprises: the calendar and the common shocks over [lo, hi].
class World {
 public:
  // Draws the national and division shocks for periods lo..hi from rng, then for the year before
  // lo (for the 上年同期 figures of the run's first year).
  World(Period first, Period lo, Period hi, Period collapse_first, Rng& rng);
  static constexpr Period kYearBefore = 12;

  // Rounded values of `firm` in period p (lo - 12 <= p <= hi).
  void Evaluate(const Firm& firm, Period p, MonthValues* out) const;

 private:
  Period first_, lo_, hi_, collapse_first_;  // lo_: 12 months before the constructor's lo
  size_t span_;
  std::vector<double> season_log_;  // [season class][p - lo]
  std::vector<double> shock_;       // [division][p - lo], national plus division
  std::array<double, 12> elec_season_log_{};
};

}  // namespace ballast::gen

#endif  // BALLAST_GEN_MODEL_H_
