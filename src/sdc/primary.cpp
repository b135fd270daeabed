#include "sdc/primary.h"

#include <algorithm>
#include <string>

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
  Contributions c(params);
  for (double x : magnitudes) c.Add(x);
  return PrimarySuppression(c, params);
}

Result<Suppression> PrimarySuppression(const Contributions& c, const SdcParams& params) {
  if (c.count() == 0) return Suppression::kNone;
  if (c.first_non_finite() >= 0) {
    return Status::Invalid("disclosure control: contributor " +
                           std::to_string(c.first_non_finite()) + " has a non-finite magnitude");
  }
  if (c.count() < params.min_contributors) return Suppression::kThreshold;
  const std::span<const double> x = c.largest();
  if (x.size() < std::min<size_t>(static_cast<size_t>(c.count()),
                                  static_cast<size_t>(std::max(params.dominance_n, 2)))) {
    return Status::Invalid("disclosure control: contributions kept for other parameters");
  }
  const double total = c.total();
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
