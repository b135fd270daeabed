// Seasonal adjustment of a cell's monthly flow (the measure mom_sa, docs/measures.md): the Spring
// Festival effect is removed first by a regressor on the share of the festival window falling in
// January vs February, whose coefficient is estimated by OLS on the log series together with STL
// (alternating until it settles, in the spirit of X-13's genhol + regARIMA), then STL
// (period 12, robust) on the logs.
#ifndef BALLAST_ENGINE_SEASONAL_ADJUST_H_
#define BALLAST_ENGINE_SEASONAL_ADJUST_H_

#include <optional>
#include <vector>

#include "core/period.h"
#include "core/status.h"
#include "engine/measures.h"

namespace ballast {

// Months of history a seasonal adjustment needs (three full cycles) and reads at most.
constexpr int kMinSaMonths = 36;
constexpr int kMaxSaMonths = 120;
// The seasonal loess span of the adjustment (odd; 13 keeps the pattern slowly changing).
constexpr int kSaSeasonalWindow = 13;

// A monthly flow series from `first` on; NaN where unknown. `jan_feb_split` marks the months of
// years where only the 1–2月 total is known: it is split between January and February in
// proportion to their days, and carries no festival information.
struct MonthlyFlow {
  Period first = 0;
  std::vector<double> values;
  std::vector<bool> jan_feb_split;
};

// The cell's monthly flow from its sums at consecutive months (sums[i] at first + i; nullptr
// or no reporter: unknown): the reported monthly values, else the ytd difference, else (February
// when nobody reported January, or January is before sums[0]) the 1–2月 total split.
MonthlyFlow MonthlyFlowFromSums(Period first, const std::vector<const CellSums*>& sums);

struct SeasonalAdjustment {
  Period first = 0;              // of the adjusted span (the longest run of positive values
                                 // ending at the last month)
  std::vector<double> log_sa;    // log value − seasonal − festival effect
  std::vector<double> seasonal;  // STL's seasonal of the logs
  double festival_coef = 0;      // log effect of the whole window moving from February to January
  int iterations = 0;
};

// Adjusts the longest run of positive values ending at the series' last month; an error when it
// is shorter than kMinSaMonths.
Result<SeasonalAdjustment> SeasonallyAdjust(const MonthlyFlow& flow);

// mom_sa at the series' last month in percent: (exp(sa(t) − sa(t − 1)) − 1) × 100; nullopt
// with fewer than kMinSaMonths months, or at January–February of a year known only as a total.
std::optional<double> MomSaAtEnd(const MonthlyFlow& flow);

}  // namespace ballast

#endif  // BALLAST_ENGINE_SEASONAL_ADJUST_H_
