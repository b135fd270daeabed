// Parameters of statistical disclosure control (issue 10): the threshold, dominance and p %
// rules. The defaults are the issue's; data/sdc.toml holds them for a deployment to change.
#ifndef BALLAST_SDC_PARAMS_H_
#define BALLAST_SDC_PARAMS_H_

#include <string>
#include <string_view>

#include "core/status.h"

namespace ballast::sdc {

struct SdcParams {
  // Threshold rule: a cell with 1 .. min_contributors-1 contributors is sensitive.
  int min_contributors = 3;
  // Dominance (n, k) rule: the n largest contributors hold more than k % of the total.
  int dominance_n = 1;
  double dominance_k = 85.0;
  // p % rule: the second largest contributor can estimate the largest within p %, i.e.
  // total - x1 - x2 < p/100 * x1.
  double p_percent = 10.0;
};

// Parses a flat TOML subset: `key = number` lines, `#` comments, blank lines. Keys not given
// keep their defaults; unknown or repeated keys and out-of-range values are errors naming
// `source`, the line and the key.
Result<SdcParams> ParseSdcParams(std::string_view text, const std::string& source);

// Reads and parses a parameter file.
Result<SdcParams> LoadSdcParams(const std::string& path);

}  // namespace ballast::sdc

#endif  // BALLAST_SDC_PARAMS_H_
