#include "sdc/primary.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

namespace ballast::sdc {

const char* SuppressionName(Suppression s) {
  switch (s) {
    case Suppression::kNone:
      return "";
    case Suppression::kThreshold:
      return "threshold";
    case Suppression::kDominance:
      return "dominance";
    case Suppression::kP:
      return "p";
    case Suppression::kSecondary:
      return "secondary";
  }
  return "";
}

Result<Suppression> PrimarySuppression(std::span<const double> magnitudes,
                                       const SdcParams& params) {
  if (magnitudes.empty()) return Suppression::kNone;
  std::vector<double> x;
  x.reserve(magnitudes.size());
  for (size_t i = 0; i < magnitudes.size(); ++i) {
    if (!std::isfinite(magnitudes[i])) {
      return Status::Invalid("disclosure control: contributor " + std::to_string(i) +
                             " has a non-finite magnitude");
    }
    x.push_back(std::fabs(magnitudes[i]));
  }
  if (static_cast<int>(x.size()) < params.min_contributors) return Suppression::kThreshold;
  // Only the dominance_n largest (and the top two for the p rule) need ordering.
  const size_t top = std::min(x.size(), static_cast<size_t>(std::max(params.dominance_n, 2)));
  std::partial_sort(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(top), x.end(),
                    std::greater<>());
  double total = 0;
  for (double v : x) total += v;
  if (total <= 0) return Suppression::kNone;  // all zero: no firm's figure can be told apart
  double largest_n = 0;
  for (size_t i = 0; i < std::min(x.size(), static_cast<size_t>(params.dominance_n)); ++i) {
    largest_n += x[i];
  }
  // Compare in products, not quotients, so boundary cases (85 of 100) are exact.
  if (largest_n * 100.0 > params.dominance_k * total) return Suppression::kDominance;
  const double x1 = x[0];
  const double x2 = x.size() > 1 ? x[1] : 0.0;
  const double rest = total - x1 - x2;
  if (rest * 100.0 < params.p_percent * x1) return Suppression::kP;
  return Suppression::kNone;
}

}  // namespace ballast::sdc
