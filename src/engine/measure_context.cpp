#include "engine/measure_context.h"

#include <algorithm>
#include <cmath>

#include "engine/seasonal_adjust.h"

namespace ballast {

ContextPeriods ContextPeriodsFor(const std::vector<Measure>& measures, Period t) {
  ContextPeriods need;
  need.t = t;
  bool growth = false;
  for (Measure m : measures) {
    need.year_ago |= m == Measure::kYoy2y;
    growth |= m == Measure::kYoy || m == Measure::kYoy2y || m == Measure::kYoyReal;
    need.history |= m == Measure::kMomSa;
  }
  const bool february = PeriodMonth(t) == 2;
  need.january = february && growth;
  need.january_year_ago = february && need.year_ago;
  return need;
}

bool JanFebCumulative(Period t, const CellSums* january) {
  return PeriodMonth(t) == 2 && (january == nullptr || january->n == 0);
}

MeasureContext CellContext(const ContextPeriods& need, const CellSums* parent,
                           const CellSums* year_ago, const CellSums* january,
                           const CellSums* january_year_ago) {
  MeasureContext ctx;
  ctx.parent = parent;
  ctx.year_ago = need.year_ago ? year_ago : nullptr;
  ctx.jan_feb_cumulative = need.january && JanFebCumulative(need.t, january);
  ctx.year_ago_jan_feb_cumulative =
      need.january_year_ago && JanFebCumulative(need.t, january_year_ago);
  return ctx;
}

AtomContexts::AtomContexts(const std::vector<Measure>& measures, Period t, const SumsAt& sums_at)
    : need_(ContextPeriodsFor(measures, t)) {
  now_ = sums_at(t);
  if (need_.year_ago) year_ago_ = sums_at(t - 12);
  if (need_.january) january_ = sums_at(t - 1);
  if (need_.january_year_ago) january_year_ago_ = sums_at(t - 13);
  if (need_.history) {
    // Back from t until a month where no atom has a reporter (before the panel) or
    // kMaxSaMonths; each atom then keeps its own last unbroken run of months with a reporter.
    std::vector<std::vector<CellSums>> months{now_};
    for (Period q = t - 1; q > t - kMaxSaMonths; --q) {
      std::vector<CellSums> s = sums_at(q);
      if (std::none_of(s.begin(), s.end(), [](const CellSums& c) { return c.n > 0; })) break;
      months.push_back(std::move(s));
    }
    std::reverse(months.begin(), months.end());
    const Period first = t - static_cast<Period>(months.size()) + 1;
    mom_sa_.resize(now_.size());
    std::vector<const CellSums*> series;
    for (size_t a = 0; a < now_.size(); ++a) {
      // The atom's own unbroken run of months with a reporter (as Cube::Value reads it).
      size_t start = months.size();
      while (start > 0 && months[start - 1][a].n > 0) --start;
      series.clear();
      for (size_t i = start; i < months.size(); ++i) series.push_back(&months[i][a]);
      mom_sa_[a] = MomSaAtEnd(MonthlyFlowFromSums(first + static_cast<Period>(start), series));
    }
  }
}

MeasureContext AtomContexts::Context(size_t a, const CellSums* parent) const {
  auto at = [a](const std::vector<CellSums>& v) { return v.empty() ? nullptr : &v[a]; };
  MeasureContext ctx =
      CellContext(need_, parent, at(year_ago_), at(january_), at(january_year_ago_));
  if (a < mom_sa_.size()) ctx.mom_sa = mom_sa_[a];
  return ctx;
}

void EnterpriseFigures::Load(const Panel& panel, int indicator, Period t, unsigned parts,
                             const std::vector<double>* ytd,
                             const std::vector<double>* ytd_year_ago) {
  const size_t n = panel.num_enterprises();
  x_ = bx_ = y_ = by_ = nullptr;
  bx_column_ = y_column_ = by_column_ = nullptr;
  auto column = [&](Period q) {
    const double* v = panel.Values(indicator, q);
    if (v != nullptr) return v;
    if (missing_.size() != n) missing_.assign(n, kMissing);
    return static_cast<const double*>(missing_.data());
  };
  // Without reported priors the base is the figure at t − 12; the derived columns are the
  // panel's kept ones, read in place.
  const bool priors = panel.HasReportedPriors(indicator, t);
  if (parts & kX) x_ = column(t);
  if (parts & kBx) {
    if (priors) {
      bx_column_ = panel.BaseValuesColumn(indicator, t);
      bx_ = bx_column_->data();
    } else {
      bx_ = column(t - 12);
    }
  }
  if (parts & kY) {
    if (ytd == nullptr) {
      y_column_ = panel.YtdColumn(indicator, t);
      ytd = y_column_.get();
    }
    y_ = ytd->data();
  }
  if (parts & kBy) {
    if (priors || ytd_year_ago == nullptr) {
      by_column_ = panel.BaseYtdColumn(indicator, t);
      by_ = by_column_->data();
    } else {
      by_ = ytd_year_ago->data();
    }
  }
}

void RealFigures(const Panel& panel, int indicator, Period t, std::vector<double>* xr,
                 std::vector<double>* yr) {
  const size_t n = panel.num_enterprises();
  xr->assign(n, kMissing);
  yr->assign(n, kMissing);
  if (!panel.HasPrices() || !panel.HasPeriod(t)) return;
  if (const double* x = panel.Values(indicator, t)) {
    for (uint32_t e = 0; e < n; ++e) (*xr)[e] = x[e] / panel.Deflator(e, t);
  }
  // Σ_{Jan..t} x(m) / P(m), with x(m) = y(m) − y(last month reported): a gap (a 1–2月 figure
  // reported in February only) is deflated with the index of the month that closes it.
  const Period january = MakePeriod(PeriodYear(t), 1);
  if (!panel.HasPeriod(january)) return;  // the year's first months are not in the panel
  std::vector<double> y, last(n, 0.0), real(n, 0.0);
  for (Period m = january; m <= t; ++m) {
    panel.YtdStep(indicator, m, &y);
    for (uint32_t e = 0; e < n; ++e) {
      if (std::isnan(y[e])) continue;
      real[e] += (y[e] - last[e]) / panel.Deflator(e, m);
      last[e] = y[e];
    }
  }
  for (uint32_t e = 0; e < n; ++e) {
    if (!std::isnan(y[e])) (*yr)[e] = real[e];
  }
}

Period WindowStart(Period t, int months) {
  return MakePeriod(PeriodYear(t), (PeriodMonth(t) - 1) / months * months + 1);
}

namespace {

// What a window reads at one period: ytd, its base and the ytd at comparable prices.
struct WindowEnds {
  std::vector<double> y, by, yr;
};

void ReadCumulative(const Panel& panel, int indicator, Period q, WindowEnds* c) {
  panel.Ytd(indicator, q, &c->y);
  panel.BaseYtd(indicator, q, &c->by);
  std::vector<double> xr;
  RealFigures(panel, indicator, q, &xr, &c->yr);  // kMissing everywhere without prices
}

// `before`: the figures at s − 1, nullptr when the window starts in January.
void OneWindow(const Panel& panel, int indicator, Period t, int months, const WindowEnds& end,
               const WindowEnds* before, WindowColumns* out) {
  const size_t n = panel.num_enterprises();
  const Period s = WindowStart(t, months);
  // Σ of the monthly values, their bases and deflated values; NaN once a month is missing.
  std::vector<double> sum_x(n, 0.0), sum_bx(n, 0.0), sum_xr(n, 0.0), base;
  const bool real = panel.HasPrices();
  for (Period m = s; m <= t; ++m) {
    const double* x = panel.Values(indicator, m);
    panel.BaseValues(indicator, m, &base);
    for (size_t e = 0; e < n; ++e) {
      const double v = x != nullptr ? x[e] : kMissing;
      sum_x[e] += v;
      sum_bx[e] += base[e];
      sum_xr[e] += real ? v / panel.Deflator(static_cast<uint32_t>(e), m) : kMissing;
    }
  }
  auto pick = [](double at_end, double at_before, double months_sum) {
    if (!std::isnan(at_end) && !std::isnan(at_before)) return at_end - at_before;
    return months_sum;  // NaN when a month is missing
  };
  out->w.resize(n);
  out->bw.resize(n);
  out->wr.resize(n);
  for (size_t e = 0; e < n; ++e) {
    out->w[e] = pick(end.y[e], before ? before->y[e] : 0.0, sum_x[e]);
    out->bw[e] = pick(end.by[e], before ? before->by[e] : 0.0, sum_bx[e]);
    out->wr[e] = pick(end.yr[e], before ? before->yr[e] : 0.0, sum_xr[e]);
  }
}

}  // namespace

void WindowFigures(const Panel& panel, int indicator, Period t, WindowColumns* quarter,
                   WindowColumns* half) {
  const size_t n = panel.num_enterprises();
  for (WindowColumns* c : {quarter, half}) {
    if (c == nullptr) continue;
    c->w.assign(n, kMissing);
    c->bw.assign(n, kMissing);
    c->wr.assign(n, kMissing);
  }
  if (!panel.HasPeriod(t)) return;
  WindowEnds end, at_q, at_h;
  ReadCumulative(panel, indicator, t, &end);
  // The month before each window; the quarter's and the half-year's coincide from July to
  // September.
  const Period sq = WindowStart(t, 3), sh = WindowStart(t, 6);
  const WindowEnds* before_q = nullptr;
  const WindowEnds* before_h = nullptr;
  if (PeriodMonth(sq) != 1) {
    ReadCumulative(panel, indicator, sq - 1, &at_q);
    before_q = &at_q;
  }
  if (PeriodMonth(sh) != 1) {
    if (sh == sq) {
      before_h = before_q;
    } else {
      ReadCumulative(panel, indicator, sh - 1, &at_h);
      before_h = &at_h;
    }
  }
  if (quarter != nullptr) OneWindow(panel, indicator, t, 3, end, before_q, quarter);
  if (half != nullptr) OneWindow(panel, indicator, t, 6, end, before_h, half);
}

bool EnterpriseJanFebCumulative(Period t, const EnterpriseFigures& january, size_t e) {
  return PeriodMonth(t) == 2 && std::isnan(january.x()[e]) && std::isnan(january.y()[e]);
}

namespace {

bool Cumulative(Measure m, bool jan_feb_cumulative) {
  return m == Measure::kYtd || m == Measure::kYtdYoy || (m == Measure::kYoy && jan_feb_cumulative);
}

}  // namespace

unsigned EnterpriseMeasureParts(Measure m, bool jan_feb_cumulative) {
  const bool growth = m == Measure::kYoy || m == Measure::kYtdYoy;
  if (Cumulative(m, jan_feb_cumulative))
    return growth ? EnterpriseFigures::kCumulative : EnterpriseFigures::kY;
  return growth ? EnterpriseFigures::kMonthly : EnterpriseFigures::kX;
}

std::optional<double> EnterpriseMeasure(Measure m, const EnterpriseFigures& f, size_t e,
                                        bool jan_feb_cumulative, double min_base) {
  const bool cumulative = Cumulative(m, jan_feb_cumulative);
  const double x = cumulative ? f.y()[e] : f.x()[e];
  if (std::isnan(x)) return std::nullopt;
  switch (m) {
    case Measure::kValue:
    case Measure::kYtd:
      return x;
    case Measure::kYoy:
    case Measure::kYtdYoy: {
      const double b = cumulative ? f.by()[e] : f.bx()[e];
      if (std::isnan(b) || b < std::max(min_base, 0.0)) return std::nullopt;
      return GrowthPercent(x, b);
    }
    case Measure::kYoy2y:
    case Measure::kContribPp:
    case Measure::kContribShare:
    case Measure::kShare:
    case Measure::kN:
    case Measure::kGrowthBreadth:
    case Measure::kRoster:
    case Measure::kEntrants:
    case Measure::kExits:
    case Measure::kReportRate:
    case Measure::kYoyReal:
    case Measure::kYtdYoyReal:
    case Measure::kMomSa:
    case Measure::kQuarter:
    case Measure::kQuarterYoy:
    case Measure::kHalf:
    case Measure::kHalfYoy:
    case Measure::kQuarterYoyReal:
    case Measure::kHalfYoyReal:
      break;  // measures of cells, not of one enterprise
  }
  return std::nullopt;
}

}  // namespace ballast
