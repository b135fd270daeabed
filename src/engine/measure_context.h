// The measure context, built here and nowhere else: what a measure at period t reads besides a
// cell's own sums (the cell a year earlier for yoy_2y, the January–February rule, the parent
// cell) and, per enterprise, the figures the sums are made of (monthly value x, ytd y and their
// bases b(t), 上年同期). Query, Cube and the warning evaluator all go through these functions,
// so that a cell, a cube lookup and a warning rule compute a measure the same way
// (docs/measures.md describes the rules).
#ifndef BALLAST_ENGINE_MEASURE_CONTEXT_H_
#define BALLAST_ENGINE_MEASURE_CONTEXT_H_

#include <functional>
#include <optional>
#include <vector>

#include "core/period.h"
#include "engine/measures.h"
#include "engine/panel.h"

namespace ballast {

// The periods other than t whose sums a set of measures at t reads.
struct ContextPeriods {
  Period t = 0;
  bool year_ago = false;          // t − 12, for yoy_2y
  bool january = false;           // t − 1: February growth when nobody reported January
  bool january_year_ago = false;  // t − 13: the same rule for the year-ago growth of yoy_2y
  bool history = false;           // t − 1, t − 2, …: the monthly history mom_sa adjusts
};
ContextPeriods ContextPeriodsFor(const std::vector<Measure>& measures, Period t);

// The January–February rule: at February, growth is the 1–2月 cumulative growth when nobody of
// the group reported January (`january` = the group's sums at January, nullptr when it has none).
bool JanFebCumulative(Period t, const CellSums* january);

// The context of one cell from its parent and its own sums at the periods `need` names (each
// nullptr when the cell has no sums there, e.g. outside the panel).
MeasureContext CellContext(const ContextPeriods& need, const CellSums* parent,
                           const CellSums* year_ago, const CellSums* january,
                           const CellSums* january_year_ago);

// The sums of a batch of cells ("atoms": groups of enterprises) at t and at the periods their
// context needs, read once for all of them; `sums_at(q)` gives every atom's sums at period q.
class AtomContexts {
 public:
  using SumsAt = std::function<std::vector<CellSums>(Period)>;
  AtomContexts(const std::vector<Measure>& measures, Period t, const SumsAt& sums_at);
  AtomContexts(const AtomContexts&) = delete;
  AtomContexts& operator=(const AtomContexts&) = delete;

  const std::vector<CellSums>& sums() const { return now_; }
  // The context of atom a, compared with `parent` (nullptr: none). Valid while *this lives.
  MeasureContext Context(size_t a, const CellSums* parent) const;

 private:
  ContextPeriods need_;
  std::vector<CellSums> now_, year_ago_, january_, january_year_ago_;
  std::vector<std::optional<double>> mom_sa_;  // per atom, when need_.history
};

// Every enterprise's figures of a base indicator at t, kMissing where undefined: the monthly
// value x and its base bx (reported prior, else x at t − 12), the ytd y and its base by
// (reported prior_ytd, else y at t − 12).
class EnterpriseFigures {
 public:
  enum Part : unsigned {
    kX = 1,
    kBx = 2,
    kY = 4,
    kBy = 8,
    kMonthly = kX | kBx,
    kCumulative = kY | kBy,
    kAll = 15
  };

  EnterpriseFigures() = default;
  // The pointers may point into the object's own storage: not copyable.
  EnterpriseFigures(const EnterpriseFigures&) = delete;
  EnterpriseFigures& operator=(const EnterpriseFigures&) = delete;

  // Reads the `parts` asked for. `ytd` and `ytd_year_ago`: the caller's ytd columns at t and
  // t − 12 when it already has them (a pass over the periods in order), else nullptr.
  void Load(const Panel& panel, int indicator, Period t, unsigned parts,
            const std::vector<double>* ytd = nullptr,
            const std::vector<double>* ytd_year_ago = nullptr);

  // Valid until the next Load; nullptr for a part that was not asked for.
  const double* x() const { return x_; }
  const double* bx() const { return bx_; }
  const double* y() const { return y_; }
  const double* by() const { return by_; }

 private:
  const double* x_ = nullptr;
  const double* bx_ = nullptr;
  const double* y_ = nullptr;
  const double* by_ = nullptr;
  std::vector<double> missing_;
  Panel::SharedColumn bx_column_, y_column_, by_column_;  // held while read
};

// Every enterprise's figures at comparable prices at t: xr = x(t) / (P(t)/100) and
// yr = Σ_{m=Jan..t} x(m) / (P(m)/100) (x(m) from the ytd where the month was not reported, so a
// 1–2月 figure is deflated with February's index). kMissing where the figure is missing or a
// month it needs has no deflator (Panel::Deflator), and everywhere without prices.
void RealFigures(const Panel& panel, int indicator, Period t, std::vector<double>* xr,
                 std::vector<double>* yr);

// The first month of the window of `months` (3: quarter, 6: half-year) that holds t: the
// quarter 2025-04..06 for t = 2025-05 and months = 3.
Period WindowStart(Period t, int months);

// Every enterprise's figures for the months of t's window (WindowStart(t, months) .. t), kMissing
// where undefined (docs/measures.md, "Quarters and half-years"):
//   w  = ytd(t) − ytd(s − 1) when both are defined (ytd(s − 1) = 0 when s is January), else
//        Σ_{m=s..t} x(m) when every monthly value is defined, else undefined;
//   bw = the same on the bases: base_ytd(t) − base_ytd(s − 1), else Σ bx(m);
//   wr = w at comparable prices: yr(t) − yr(s − 1) (RealFigures), else Σ x(m) / (P(m)/100).
// A month missing inside the window is covered by a cumulative figure reported after it; a
// 1–2月 figure lies inside the first quarter (and half-year), which is the ytd at its end.
struct WindowColumns {
  std::vector<double> w, bw, wr;
};
// The quarter (3 months) and the half-year (6) of t at once (either may be nullptr).
void WindowFigures(const Panel& panel, int indicator, Period t, WindowColumns* quarter,
                   WindowColumns* half);

// The January–February rule for one enterprise, as for a cell holding that enterprise alone: at
// February, its growth is the 1–2月 cumulative growth when it reported neither a monthly value
// nor a ytd for January. `january` holds the parts kX | kY at t − 1.
bool EnterpriseJanFebCumulative(Period t, const EnterpriseFigures& january, size_t e);

// The parts of EnterpriseFigures a measure of one enterprise reads (value, ytd, yoy, ytd_yoy).
unsigned EnterpriseMeasureParts(Measure m, bool jan_feb_cumulative);

// The measure of enterprise e (value, ytd, or growth in percent when its base is at least
// min_base and above zero); nullopt when undefined or not an enterprise measure. `f` must hold
// the parts EnterpriseMeasureParts names.
std::optional<double> EnterpriseMeasure(Measure m, const EnterpriseFigures& f, size_t e,
                                        bool jan_feb_cumulative, double min_base);

}  // namespace ballast

#endif  // BALLAST_ENGINE_MEASURE_CONTEXT_H_
