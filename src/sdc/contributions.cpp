#include "sdc/contributions.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace ballast::sdc {

Contributions::Contributions(const SdcParams& params)
    : keep_(static_cast<size_t>(std::max(params.dominance_n, 2))) {}

void Contributions::Add(double magnitude) {
  const double x = std::fabs(magnitude);
  if (!std::isfinite(x)) {
    if (first_non_finite_ < 0) first_non_finite_ = count_;
    ++count_;
    return;
  }
  ++count_;
  total_ += x;
  if (largest_.size() < keep_ || x > largest_.back()) Keep(x);
}

void Contributions::Merge(const Contributions& other) {
  if (first_non_finite_ < 0 && other.first_non_finite_ >= 0)
    first_non_finite_ = count_ + other.first_non_finite_;
  count_ += other.count_;
  total_ += other.total_;
  for (double x : other.largest_) {
    if (largest_.size() < keep_ || x > largest_.back()) Keep(x);
  }
}

void Contributions::Keep(double x) {
  largest_.insert(std::upper_bound(largest_.begin(), largest_.end(), x, std::greater<>()), x);
  if (largest_.size() > keep_) largest_.pop_back();
}

}  // namespace ballast::sdc
