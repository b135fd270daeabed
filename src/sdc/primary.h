// Primary suppression of one cell from the magnitudes of its contributors.
#ifndef BALLAST_SDC_PRIMARY_H_
#define BALLAST_SDC_PRIMARY_H_

#include <cstdint>
#include <span>

#include "core/status.h"
#include "sdc/contributions.h"
#include "sdc/params.h"

namespace ballast::sdc {

// Why a cell is not published. The order of the primary reasons is the order in which they
// are tested: a cell failing several rules reports the first.
enum class Suppression : uint8_t {
  kNone = 0,
  kThreshold,  // fewer than min_contributors contributors
  kDominance,  // the dominance_n largest hold more than dominance_k % of the total
  kP,          // the p % rule fails
  kSecondary,  // published figures would reveal a primary-suppressed cell otherwise
};

// "threshold" | "dominance" | "p" | "secondary", the JSON marker; "" for kNone.
const char* SuppressionName(Suppression s);

inline bool IsSuppressed(Suppression s) { return s != Suppression::kNone; }

// The primary reason of a cell whose contributors (one entry per enterprise) hold `magnitudes`.
// Signed indicators (profit) are judged on absolute values: a firm's share of a cell is its
// share of the cell's gross magnitude. An empty cell is not sensitive (nothing to reveal);
// a non-finite magnitude is an error naming its index.
Result<Suppression> PrimarySuppression(std::span<const double> magnitudes, const SdcParams& params);
// The same from a cell's contributions, kept for `params`.
Result<Suppression> PrimarySuppression(const Contributions& c, const SdcParams& params);

}  // namespace ballast::sdc

#endif  // BALLAST_SDC_PRIMARY_H_
