// The contributors of a cell as the primary rules read them: how many, their total magnitude
// and the few largest. A cell is judged, and cells are joined (a group of hidden cells), without
// a list of every enterprise: a national cell has half a million.
#ifndef BALLAST_SDC_CONTRIBUTIONS_H_
#define BALLAST_SDC_CONTRIBUTIONS_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "sdc/params.h"

namespace ballast::sdc {

class Contributions {
 public:
  // Keeps as many of the largest as `params`' rules read: the dominance_n largest, and the top
  // two for the p % rule.
  explicit Contributions(const SdcParams& params);

  // One contributor; its absolute value counts (a firm's share of a signed indicator is its
  // share of the gross magnitude). A non-finite magnitude is counted and remembered, not added.
  void Add(double magnitude);
  // The contributors of `other` too (kept for the same parameters).
  void Merge(const Contributions& other);

  int64_t count() const { return count_; }
  // The sum of the magnitudes, in the order added (merged totals added as wholes).
  double total() const { return total_; }
  // The largest magnitudes, descending; at most what the rules read.
  std::span<const double> largest() const { return largest_; }
  // The index (in the order added) of the first non-finite magnitude; -1 when none.
  int64_t first_non_finite() const { return first_non_finite_; }

 private:
  void Keep(double magnitude);

  size_t keep_;
  int64_t count_ = 0;
  double total_ = 0;
  std::vector<double> largest_;
  int64_t first_non_finite_ = -1;
};

}  // namespace ballast::sdc

#endif  // BALLAST_SDC_CONTRIBUTIONS_H_
