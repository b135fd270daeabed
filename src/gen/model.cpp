#include "gen/model.h"

#include <algorithm>
#include <cmath>

#include "gen/calendar.h"
#include "gen/tables.h"

namespace ballast::gen {

namespace {

constexpr double kCollapseLog = -0.5108256237659907;  // log(0.6): output down 40 %

int64_t Tenths(double x) { return std::llround(x * 10.0); }

}  // namespace

const char* MeasureCode(Measure m) {
  static constexpr const char* kCodes[kMeasureCount] = {
      "output_value", "sales_value", "export_value", "revenue", "cost",        "profit",
      "tax",          "electricity", "inventory",    "assets",  "liabilities", "employees"};
  return kCodes[m];
}

World::World(Period first, Period lo, Period hi, Period collapse_first, Rng& rng)
    : first_(first),
      lo_(lo - kYearBefore),
      hi_(hi),
      collapse_first_(collapse_first),
      span_(static_cast<size_t>(hi - lo_ + 1)) {
  season_log_.resize(kSeasonClasses * span_);
  for (int c = 0; c < kSeasonClasses; ++c) {
    for (size_t k = 0; k < span_; ++k) {
      Period p = lo_ + static_cast<Period>(k);
      season_log_[c * span_ + k] =
          std::log(SeasonFactor(static_cast<SeasonClass>(c), PeriodYear(p), PeriodMonth(p)));
    }
  }
  // Common shocks: AR(1) in logs, started from their stationary law. National: persistent and
  // small; division: larger and shorter-lived. Drawn for lo..hi first, then for the year before
  // lo (backwards: a stationary Gaussian AR(1) is reversible), so that the year before does not
  // shift any draw of lo..hi.
  const size_t divisions = Divisions().size();
  const size_t pre = kYearBefore;
  std::vector<double> national(span_);
  double x = rng.Normal(0, 0.008 / std::sqrt(1 - 0.8 * 0.8));
  for (size_t k = pre; k < span_; ++k) national[k] = x = 0.8 * x + rng.Normal(0, 0.008);
  shock_.resize(divisions * span_);
  for (size_t d = 0; d < divisions; ++d) {
    double y = rng.Normal(0, 0.012 / std::sqrt(1 - 0.7 * 0.7));
    for (size_t k = pre; k < span_; ++k) {
      y = 0.7 * y + rng.Normal(0, 0.012);
      shock_[d * span_ + k] = national[k] + y;
    }
  }
  x = national[pre];
  for (size_t k = pre; k-- > 0;) national[k] = x = 0.8 * x + rng.Normal(0, 0.008);
  for (size_t d = 0; d < divisions; ++d) {
    double y = shock_[d * span_ + pre] - national[pre];
    for (size_t k = pre; k-- > 0;) {
      y = 0.7 * y + rng.Normal(0, 0.012);
      shock_[d * span_ + k] = national[k] + y;
    }
  }
  for (int m = 1; m <= 12; ++m) elec_season_log_[m - 1] = std::log(ElectricitySeason(m));
}

void World::Evaluate(const Firm& f, Period p, MonthValues* out) const {
  const auto k = static_cast<size_t>(std::clamp(p, lo_, hi_) - lo_);
  const double m = p - first_;  // months since the first period
  const uint64_t pk = static_cast<uint64_t>(p);
  double z[10];
  for (int i = 0; i < 10; ++i) z[i] = HashNormal(Hash3(f.key, pk, static_cast<uint64_t>(i)));

  const double trend = f.log_base + f.growth * (m / 12.0);
  const double idio = f.idio_a1 * std::sin(f.idio_w1 * m + f.idio_p1) +
                      f.idio_a2 * std::sin(f.idio_w2 * m + f.idio_p2);
  const auto season = static_cast<size_t>(Divisions()[f.division].season);
  const double common = season_log_[season * span_ + k] + shock_[f.division * span_ + k];
  const bool collapsed =
      f.in_collapse && collapse_first_ != 0 && (p == collapse_first_ || p == collapse_first_ + 1);
  const double log_out = trend + idio + common + f.noise * z[0] + (collapsed ? kCollapseLog : 0.0);

  // A planted stoppage: nothing made or sold in the last month; costs run on, the grid still
  // bills a little standby power.
  const bool stopped = f.stops_last && p == hi_;
  const double output = stopped ? 0.0 : std::exp(log_out);
  const double sales = output * std::clamp(f.sales_ratio + 0.012 * z[1], 0.85, 1.05);
  const double exports =
      f.exporter ? std::min(sales, sales * f.export_share * std::exp(0.1 * z[2])) : 0.0;
  const double revenue = sales * f.revenue_ratio * std::exp(0.02 * z[3]);
  const double cost = revenue * std::clamp(f.cost_ratio + 0.01 * z[4], 0.5, 1.2);
  // Expenses follow the planned (smooth) revenue, not the realised one: a bad month, or the
  // collapse, cuts profit more than revenue. The margin also moves from year to year.
  const double year_shock =
      0.03 * HashNormal(Hash3(f.key, static_cast<uint64_t>(PeriodYear(p)), 1000));
  const double margin = std::min(f.margin + year_shock, 0.99 - f.cost_ratio);
  const double expenses =
      std::exp(trend + common) * f.sales_ratio * f.revenue_ratio * (1.0 - f.cost_ratio - margin);
  const double tax = revenue * f.tax_rate * std::exp(0.08 * z[5]);
  const double electricity =
      std::exp(f.elec_log + 0.8 * log_out + 0.04 * z[6] + elec_season_log_[PeriodMonth(p) - 1]) *
      (stopped ? 0.05 : 1.0);
  // Stocks move slowly: the trend, a damped own cycle and little noise.
  const double inventory = f.inventory_months * std::exp(trend + 0.5 * idio + 0.03 * z[7]);
  const double assets = f.asset_ratio * 12.0 * f.sales_ratio * f.revenue_ratio *
                        std::exp(trend + 0.2 * idio + 0.004 * z[8]);
  const double debt =
      std::clamp(f.debt_ratio + 0.02 * std::sin(f.idio_w1 * m + f.idio_p1 + 1.0), 0.05, 1.2);
  const double employees = f.employees * std::exp(f.employee_growth * (m / 12.0) + 0.004 * z[9]);

  MonthValues& v = *out;
  v[kOutput] = Tenths(output);
  v[kSales] = Tenths(sales);
  v[kExport] = Tenths(exports);
  v[kRevenue] = Tenths(revenue);
  v[kCost] = Tenths(cost);
  v[kProfit] = v[kRevenue] - v[kCost] - Tenths(expenses);  // exact in decimal
  v[kTax] = Tenths(tax);
  v[kElectricity] = Tenths(electricity);
  v[kInventory] = Tenths(inventory);
  v[kAssets] = Tenths(assets);
  v[kLiabilities] = Tenths(assets * debt);
  v[kEmployees] = std::max<int64_t>(1, std::llround(employees));
}

}  // namespace ballast::gen
