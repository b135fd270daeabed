// Inside the panel's builder (panel.cpp, panel_patch.cpp): the raw reported figures of a column
// and the one rule that resolves them, month by month, into a column's monthly value, its
// year-to-date correction and its 上年同期 figures. A full resolution and a patch of a few
// enterprises call the same steps, so that both give the same cells bit for bit.
#ifndef BALLAST_ENGINE_PANEL_RESOLVE_H_
#define BALLAST_ENGINE_PANEL_RESOLVE_H_

#include <cmath>
#include <cstdint>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include "engine/panel.h"

namespace ballast {

namespace panel_internal {

// Raw reported fields of one column before derivation, dense over enterprises; prior arrays
// only where some row reported one; all empty: no rows.
struct RawColumn {
  std::vector<double> value, ytd, prior, prior_ytd;
  size_t bytes() const {
    return (value.capacity() + ytd.capacity() + prior.capacity() + prior_ytd.capacity()) *
           sizeof(double);
  }
};
using RawKey = std::pair<size_t, Period>;  // indicator, period

// One enterprise's raw fields in one column (kMissing where not reported).
struct RawCell {
  double value = kMissing, ytd = kMissing, prior = kMissing, prior_ytd = kMissing;
};

// A derived ytd that differs from the resolved one by more than summation noise is kept as a
// correction, so that reported cumulative figures are reproduced.
inline bool Differs(double derived, double resolved, double a, double b) {
  if (std::isnan(derived) || std::isnan(resolved))
    return std::isnan(derived) != std::isnan(resolved);
  double scale = std::fabs(a) + std::fabs(b) + std::fabs(resolved);
  return std::fabs(derived - resolved) > 1e-11 * scale;
}

// One month of one enterprise: value(t) = ytd(t) - ytd(t-1), ytd(t) = ytd(t-1) + value(t)
// from the ytd of the month before (`prev`: 0 in January, kMissing at a first period that is
// not); a stock's figure is its own (no running total).
struct Resolved {
  double value = kMissing, ytd = kMissing;
  bool fix = false;   // ytd kept as a correction (flows)
  bool cell = false;  // counts in Column::cells
};
inline Resolved ResolveMonth(bool stock, double prev, double rv, double ry) {
  if (stock) {
    const double v = IsMissing(rv) ? ry : rv;
    return {v, v, false, !IsMissing(v)};
  }
  const double v = IsMissing(rv) ? ry - prev : rv;
  const double y = IsMissing(ry) ? prev + v : ry;
  return {v, y, Differs(prev + v, y, prev, v), !IsMissing(v) || !IsMissing(y)};
}
// Reported 上年同期 figures, derived between monthly and cumulative the same way; each is kept
// where it is not missing.
inline std::pair<double, double> ResolvePriorMonth(bool stock, double prev, double rp, double rpy) {
  if (stock) {
    const double v = IsMissing(rp) ? rpy : rp;
    return {v, v};
  }
  const double pv = IsMissing(rp) ? rpy - prev : rp;
  return {pv, IsMissing(rpy) ? prev + pv : rpy};
}

}  // namespace panel_internal

struct Panel::Builder::Raw {
  using Col = panel_internal::RawColumn;
  std::vector<std::map<Period, Col>> by_indicator;
};

struct Panel::RawKept {
  std::mutex mu;
  std::map<panel_internal::RawKey, panel_internal::RawColumn> columns;
};

// Incremental: the raw columns resolved now (kept first) and the previous panel's others.
struct Panel::Builder::Kept {
  std::map<panel_internal::RawKey, panel_internal::RawColumn> now, before;
};

// Incremental, with the previous panel's raw figures kept: which months were read from the
// store again (those cannot be patched), and what the new batches' chunks replaced in the kept
// ones (each enterprise's raw fields before the first chunk that wrote it).
struct Panel::Builder::Patches {
  std::vector<std::vector<char>> read;  // [indicator][period - first]
  std::map<panel_internal::RawKey, std::map<uint32_t, panel_internal::RawCell>> replaced;
};

}  // namespace ballast

#endif  // BALLAST_ENGINE_PANEL_RESOLVE_H_
