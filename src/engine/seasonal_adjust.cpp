#include "engine/seasonal_adjust.h"

#include <cmath>
#include <limits>

#include "engine/spring_festival.h"
#include "ts/stl.h"

namespace ballast {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

int DaysInFebruary(int year) {
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return leap ? 29 : 28;
}

// The festival regressor at period p: in January the share of the window in January minus its
// mean, in February the opposite (the two shares add up to one), else 0.
double FestivalRegressor(Period p, bool split) {
  const int month = PeriodMonth(p);
  if (split || (month != 1 && month != 2)) return 0;
  const auto share = FestivalShareInJanuary(PeriodYear(p));
  if (!share) return 0;
  const double h = *share - MeanFestivalShareInJanuary();
  return month == 1 ? h : -h;
}

}  // namespace

MonthlyFlow MonthlyFlowFromSums(Period first, const std::vector<const CellSums*>& sums) {
  MonthlyFlow f;
  f.first = first;
  const size_t n = sums.size();
  f.values.assign(n, kNaN);
  f.jan_feb_split.assign(n, false);
  auto has = [&](size_t i) { return sums[i] != nullptr && sums[i]->n > 0; };
  for (size_t i = 0; i < n; ++i) {
    if (!has(i)) continue;
    const CellSums& c = *sums[i];
    const Period p = first + static_cast<Period>(i);
    const int month = PeriodMonth(p);
    if (month == 2 && (i == 0 || !has(i - 1))) {
      // Nobody reported January (or it is before the series): February's ytd is the 1–2月
      // total, split by days.
      if (c.ny == 0) continue;
      const double jan_days = 31, feb_days = DaysInFebruary(PeriodYear(p));
      f.values[i] = c.y_sum * feb_days / (jan_days + feb_days);
      f.jan_feb_split[i] = true;
      if (i > 0) {
        f.values[i - 1] = c.y_sum * jan_days / (jan_days + feb_days);
        f.jan_feb_split[i - 1] = true;
      }
    } else if (c.nv > 0) {
      f.values[i] = c.v_sum;
    } else if (c.ny > 0 && month == 1) {
      f.values[i] = c.y_sum;
    } else if (c.ny > 0 && i > 0 && sums[i - 1] != nullptr && sums[i - 1]->ny > 0) {
      f.values[i] = c.y_sum - sums[i - 1]->y_sum;
    }
  }
  return f;
}

Result<SeasonalAdjustment> SeasonallyAdjust(const MonthlyFlow& flow) {
  const size_t n = flow.values.size();
  size_t start = n;
  while (start > 0 && flow.values[start - 1] > 0 && std::isfinite(flow.values[start - 1])) --start;
  const size_t len = n - start;
  if (len < static_cast<size_t>(kMinSaMonths)) {
    return Status::Invalid("seasonal adjustment needs " + std::to_string(kMinSaMonths) +
                           " consecutive positive months, the series has " + std::to_string(len));
  }
  SeasonalAdjustment out;
  out.first = flow.first + static_cast<Period>(start);
  std::vector<double> y(len), h(len);
  double hh = 0;
  for (size_t i = 0; i < len; ++i) {
    y[i] = std::log(flow.values[start + i]);
    h[i] = FestivalRegressor(out.first + static_cast<Period>(i), flow.jan_feb_split[start + i]);
    hh += h[i] * h[i];
  }
  ts::StlOptions o;
  o.period = 12;
  o.s_window = kSaSeasonalWindow;
  o.robust = true;
  double beta = 0;
  ts::StlResult fit;
  std::vector<double> z(len);
  for (int it = 0; it < 20; ++it) {
    for (size_t i = 0; i < len; ++i) z[i] = y[i] - beta * h[i];
    auto r = ts::Stl(z, o);
    if (!r.ok()) return r.status();
    fit = std::move(*r);
    out.iterations = it + 1;
    // Without a festival month that the calendar covers there is nothing to estimate.
    if (hh < 1e-12) break;
    double he = 0;
    for (size_t i = 0; i < len; ++i) he += h[i] * (y[i] - fit.seasonal[i] - fit.trend[i]);
    const double next = he / hh;
    const bool settled = std::abs(next - beta) < 1e-9;
    beta = next;
    if (settled) break;
  }
  out.festival_coef = beta;
  out.seasonal = fit.seasonal;
  out.log_sa.resize(len);
  for (size_t i = 0; i < len; ++i) out.log_sa[i] = y[i] - fit.seasonal[i] - beta * h[i];
  return out;
}

std::optional<double> MomSaAtEnd(const MonthlyFlow& flow) {
  const size_t n = flow.values.size();
  if (n < 2 || flow.jan_feb_split[n - 1]) return std::nullopt;
  auto sa = SeasonallyAdjust(flow);
  if (!sa.ok()) return std::nullopt;
  const size_t m = sa->log_sa.size();
  const double g = (std::exp(sa->log_sa[m - 1] - sa->log_sa[m - 2]) - 1) * 100;
  if (!std::isfinite(g)) return std::nullopt;
  return g;
}

}  // namespace ballast
