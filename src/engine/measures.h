// The measures (docs/measures.md gives the formulas), computed from additive sums over the
// enterprises of a cell.
// Growth is always on the same sample M (enterprises with both a figure and its base) and is
// undefined (std::nullopt, never nan/inf) when the base sum is zero or negative.
#ifndef BALLAST_ENGINE_MEASURES_H_
#define BALLAST_ENGINE_MEASURES_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/status.h"

namespace ballast {

// A new measure goes here and into the table in measures.cpp, in the same order (a static_assert
// there checks).
enum class Measure {
  kValue,
  kYtd,
  kYoy,
  kYtdYoy,
  kYoy2y,
  kContribPp,
  kContribShare,
  kShare,
  kN,
  kGrowthBreadth,
  // The roster (engine/roster.h), whatever the indicator: enterprises on it at t, entries and
  // exits in t's year up to t, and reporters of the indicator on it / roster × 100.
  kRoster,
  kEntrants,
  kExits,
  kReportRate,
  // Growth at comparable prices (flow indicators): x deflated by its price index, on the samples
  // of yoy and ytd_yoy (docs/measures.md).
  kYoyReal,
  kYtdYoyReal,
  kMomSa,  // seasonally adjusted month-on-month growth (engine/seasonal_adjust.h)
  // The months of t's calendar quarter (half-year) up to t — at a quarter's last month the
  // quarter (二季度 = April–June) — and its growth on the same months a year earlier, on the
  // same sample (flow indicators; engine/measure_context.h: WindowFigures).
  kQuarter,
  kQuarterYoy,
  kHalf,
  kHalfYoy,
  // The same growth at comparable prices (each month deflated by its own index), on the same
  // sample as quarter_yoy / half_yoy.
  kQuarterYoyReal,
  kHalfYoyReal,
};

Result<Measure> ParseMeasure(std::string_view name);
std::string_view MeasureName(Measure m);
std::string_view MeasureNameZh(Measure m);
std::string_view MeasureNameEn(Measure m);
const std::vector<Measure>& AllMeasures();
// Percent (or percentage-point) measures print 9.6 for +9.6 %.
bool IsPercentMeasure(Measure m);
// Measures that need the parent cell along a dimension.
bool NeedsParent(Measure m);
// The roster measures (roster, entrants, exits, report_rate): defined for every indicator.
bool IsRosterMeasure(Measure m);
// The quarter and half-year measures: their sums (CellSums::quarter, ::half) are filled only
// when a measure asks for them.
bool IsWindowMeasure(Measure m);
bool NeedsWindows(const std::vector<Measure>& measures);
// Whether any measure reads the sums at comparable prices (yoy_real, ytd_yoy_real): deflating
// every enterprise's months is most of a pass, so sums leave them out unless asked.
bool NeedsRealSums(const std::vector<Measure>& measures);
// Whether any measure reads the roster's counts (IsRosterMeasure): counting them reads every
// enterprise's record, which a pass over the figures alone does not.
bool NeedsRoster(const std::vector<Measure>& measures);
// Whether `m` is defined for indicators of this kind (derived ratios: value, ytd, n, roster).
bool MeasureApplies(Measure m, const Indicator& indicator);

// Sums of one window (the months of t's quarter or half-year up to t): over the enterprises with
// the window's figure w, and over the same sample M (w and its base bw both defined).
// mxr = Σ_M wr (the window at comparable prices); members of M without it make it undefined.
struct WindowSums {
  double sum = 0, mx = 0, mb = 0, mxr = 0;
  int32_t n = 0, m = 0, undeflated = 0;
  void Add(double w, double bw, double wr) {
    if (!(w == w)) return;  // NaN: no figure for the window
    sum += w;
    ++n;
    if (bw == bw) {
      mx += w;
      mb += bw;
      ++m;
      if (wr == wr)
        mxr += wr;
      else
        ++undeflated;
    }
  }
  void Merge(const WindowSums& o) {
    sum += o.sum;
    mx += o.mx;
    mb += o.mb;
    mxr += o.mxr;
    n += o.n;
    m += o.m;
    undeflated += o.undeflated;
  }
};

// Additive sums over the enterprises of a cell for one indicator and period. For a base
// indicator: x = monthly value, y = ytd, bx / by = their bases (上年同期).
// For a ratio indicator the same slots hold the same-sample numerator and denominator sums:
// v_sum = Σ num, mx = Σ den on the monthly basis (both present, counted in nv); y_sum = Σ num,
// myx = Σ den on the ytd basis (counted in m).
struct CellSums {
  double v_sum = 0, y_sum = 0;    // Σ x, Σ y over reporters
  double mx = 0, mb = 0;          // Σ_M x, Σ_M bx (monthly same sample)
  double myx = 0, myb = 0;        // Σ_M y, Σ_M by (cumulative same sample)
  int32_t nv = 0, ny = 0, n = 0;  // reporting x; reporting y; reporting x or y
  int32_t m = 0, up = 0;          // |M| (monthly), members of M with x > bx
  int32_t neg_v = 0, neg_y = 0;   // x < 0; y < 0 (loss-making enterprises)
  // The roster at t (engine/roster.h: AddRoster), independent of the indicator but for
  // roster_reporting (on the roster and reporting x or y).
  int32_t roster = 0, roster_reporting = 0, entrants = 0, exits = 0;
  // At comparable prices over the same samples: Σ_M x / P, Σ_M Σ_{Jan..t} x(m) / P(m); members of
  // M (monthly, cumulative) without a deflator make them undefined.
  double mxr = 0, myxr = 0;
  int32_t mx_undeflated = 0, myx_undeflated = 0;
  // The quarter and the half-year of t up to t (filled only for the window measures).
  WindowSums quarter, half;

  void Add(double x, double y, double bx, double by) {
    const bool hx = x == x, hy = y == y;  // not NaN
    if (hx) {
      v_sum += x;
      ++nv;
      neg_v += x < 0;
    }
    if (hy) {
      y_sum += y;
      ++ny;
      neg_y += y < 0;
    }
    n += hx || hy;
    if (hx && bx == bx) {
      mx += x;
      mb += bx;
      ++m;
      up += x > bx;
    }
    if (hy && by == by) {
      myx += y;
      myb += by;
    }
  }
  // The deflated figures xr = x / P and yr = Σ x(m) / P(m) (kMissing when a deflator is missing)
  // of a member added with Add(x, y, bx, by).
  void AddReal(double x, double y, double bx, double by, double xr, double yr) {
    if (x == x && bx == bx) {
      if (xr == xr)
        mxr += xr;
      else
        ++mx_undeflated;
    }
    if (y == y && by == by) {
      if (yr == yr)
        myxr += yr;
      else
        ++myx_undeflated;
    }
  }
  void AddRatio(double num_x, double den_x, double num_y, double den_y) {
    const bool bx = num_x == num_x && den_x == den_x, by = num_y == num_y && den_y == den_y;
    if (bx) {
      v_sum += num_x;
      mx += den_x;
      ++nv;
    }
    if (by) {
      y_sum += num_y;
      myx += den_y;
      ++m;
    }
    n += bx || by;
  }
  void Merge(const CellSums& o) {
    v_sum += o.v_sum;
    y_sum += o.y_sum;
    mx += o.mx;
    mb += o.mb;
    myx += o.myx;
    myb += o.myb;
    nv += o.nv;
    ny += o.ny;
    n += o.n;
    m += o.m;
    up += o.up;
    neg_v += o.neg_v;
    neg_y += o.neg_y;
    roster += o.roster;
    roster_reporting += o.roster_reporting;
    entrants += o.entrants;
    exits += o.exits;
    mxr += o.mxr;
    myxr += o.myxr;
    mx_undeflated += o.mx_undeflated;
    myx_undeflated += o.myx_undeflated;
    quarter.Merge(o.quarter);
    half.Merge(o.half);
  }
};

// What a measure needs besides the cell's own sums.
struct MeasureContext {
  const CellSums* parent = nullptr;    // the parent cell along the chosen dimension
  const CellSums* year_ago = nullptr;  // the cell at t - 12 (for yoy_2y)
  // January–February rule: true when no enterprise of the cell reported January of t's year
  // (t is February), or of t-12's year (for the year-ago growth in yoy_2y).
  bool jan_feb_cumulative = false;
  bool year_ago_jan_feb_cumulative = false;
  // mom_sa needs the cell's whole monthly history: computed by AtomContexts, read here.
  std::optional<double> mom_sa;
};

// The measure for a cell (percent measures in percent), or nullopt when undefined.
std::optional<double> ComputeMeasure(Measure m, const Indicator& indicator, const CellSums& cell,
                                     const MeasureContext& ctx);

// Same-sample growth in percent: Σx / Σb − 1, undefined unless Σb > 0.
std::optional<double> GrowthPercent(double x_sum, double base_sum);

}  // namespace ballast

#endif  // BALLAST_ENGINE_MEASURES_H_
