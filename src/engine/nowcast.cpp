#include "engine/nowcast.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "engine/measure_context.h"
#include "engine/roster.h"

namespace ballast {
namespace {

bool Positive(double v) { return v > 0 && std::isfinite(v); }

double LogGrowth(const double* now, const double* year_ago, size_t e) {
  if (now == nullptr || year_ago == nullptr || !Positive(now[e]) || !Positive(year_ago[e])) {
    return std::nan("");
  }
  return std::log(now[e] / year_ago[e]);
}

// Σ gy·ge, Σ gy² and the number of pairs (gy, ge: log yoy growth of output and electricity).
// The elasticity is Σ gy² / Σ gy·ge, the reverse regression through the origin (electricity on
// output, inverted): electricity follows production with metering and process noise of its own,
// and regressing output on that noisy electricity attenuates the slope (the backtest showed the
// estimates biased towards zero growth: docs/warnings.md, "Flash estimate").
struct Fit {
  double sxy = 0, syy = 0;
  int pairs = 0;
  void Add(const Fit& o) {
    sxy += o.sxy;
    syy += o.syy;
    pairs += o.pairs;
  }
  std::optional<double> Slope() const {
    if (pairs < kMinElasticityPairs || !(sxy > 1e-12)) return std::nullopt;
    return std::clamp(syy / sxy, 0.0, kMaxElasticity);
  }
};

uint64_t Mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

}  // namespace

Result<Nowcast> NowcastYoy(const Panel& panel, const Query& query, const NowcastRequest& r) {
  const CellRef& c = r.cell;
  RETURN_IF_ERROR(query.Validate(c, {Measure::kYoy}));
  const Catalog& cat = panel.catalog();
  if (cat.indicators()[static_cast<size_t>(c.indicator)].kind != IndicatorKind::kFlow ||
      r.electricity < 0) {
    return Status::Invalid("the flash estimate needs a flow indicator and the electricity one");
  }
  EnterpriseFigures f;
  f.Load(panel, c.indicator, c.period, EnterpriseFigures::kMonthly);
  const double* x = f.x();
  const double* bx = f.bx();
  const double* e_now = panel.Values(r.electricity, c.period);
  const double* e_ago = panel.Values(r.electricity, c.period - 12);

  // The cell's enterprises with a base, and whether each has reported.
  std::vector<uint32_t> members;
  std::vector<char> reported;
  auto [lo, hi] = query.RegionRange(c.region);
  for (uint32_t e = lo; e < hi; ++e) {
    if (!query.InCell(e, c.region, c.industry) || !Positive(bx[e])) continue;
    int8_t m = r.mask != nullptr ? (*r.mask)[e] : static_cast<int8_t>(std::isnan(x[e]) ? 0 : 1);
    if (m < 0) continue;
    if (m == 1 && std::isnan(x[e])) continue;  // a simulated reporter must have a figure
    // Off the roster at t nobody expects its report: it is not waited for (engine/roster.h).
    if (m == 0 && !OnRoster(panel.enterprise(e), c.period)) continue;
    members.push_back(e);
    reported.push_back(static_cast<char>(m));
  }

  // Growth of the reporters, per industry node and for the whole cell.
  std::unordered_map<NodeId, std::pair<double, double>> industry_growth;  // Σx, Σb
  double rx = 0, rb = 0, base_all = 0;
  for (size_t i = 0; i < members.size(); ++i) {
    const uint32_t e = members[i];
    base_all += bx[e];
    if (!reported[i]) continue;
    auto& g = industry_growth[panel.enterprise(e).industry];
    g.first += x[e];
    g.second += bx[e];
    rx += x[e];
    rb += bx[e];
  }

  // Elasticities from the previous fit_months months: per enterprise, pooled per industry.
  std::vector<Fit> fits(members.size());
  std::unordered_map<NodeId, Fit> industry_fit;
  for (Period s = c.period - r.fit_months; s < c.period; ++s) {
    const double* y1 = panel.Values(c.indicator, s);
    const double* y0 = panel.Values(c.indicator, s - 12);
    const double* e1 = panel.Values(r.electricity, s);
    const double* e0 = panel.Values(r.electricity, s - 12);
    if (y1 == nullptr || y0 == nullptr || e1 == nullptr || e0 == nullptr) continue;
    for (size_t i = 0; i < members.size(); ++i) {
      if (reported[i]) continue;
      const double gy = LogGrowth(y1, y0, members[i]), ge = LogGrowth(e1, e0, members[i]);
      if (std::isnan(gy) || std::isnan(ge)) continue;
      fits[i].sxy += gy * ge;
      fits[i].syy += gy * gy;
      ++fits[i].pairs;
    }
  }
  for (size_t i = 0; i < members.size(); ++i) {
    if (!reported[i]) industry_fit[panel.enterprise(members[i]).industry].Add(fits[i]);
  }

  Nowcast out;
  double sum_x = rx, sum_b = rb;
  for (size_t i = 0; i < members.size(); ++i) {
    const uint32_t e = members[i];
    if (reported[i]) {
      ++out.reported;
      continue;
    }
    const NodeId ind = panel.enterprise(e).industry;
    const double ge = LogGrowth(e_now, e_ago, e);
    std::optional<double> k = fits[i].Slope();
    if (!k) k = industry_fit[ind].Slope();
    if (!std::isnan(ge) && k) {
      sum_x += bx[e] * std::exp(*k * ge);
      sum_b += bx[e];
      ++out.by_electricity;
      continue;
    }
    // No electricity (or no elasticity): the reported growth of its industry, else the cell's.
    const auto it = industry_growth.find(ind);
    const bool own = it != industry_growth.end() && it->second.second > 0;
    const double gx = own ? it->second.first : rx, gb = own ? it->second.second : rb;
    if (!(gb > 0)) {
      ++out.unestimated;
      continue;
    }
    sum_x += bx[e] * gx / gb;
    sum_b += bx[e];
    ++out.by_growth;
  }
  out.reported_base_share = base_all > 0 ? rb / base_all * 100 : 0;
  out.yoy = GrowthPercent(sum_x, sum_b);
  return out;
}

Result<std::vector<BacktestPoint>> BacktestNowcast(const Panel& panel, const Query& query,
                                                   const NowcastRequest& base, int months,
                                                   double rate, uint64_t seed) {
  std::vector<BacktestPoint> points;
  ReportMask mask(panel.num_enterprises(), -1);
  for (Period t = base.cell.period - months + 1; t <= base.cell.period; ++t) {
    NowcastRequest r = base;
    r.cell.period = t;
    r.mask = &mask;
    EnterpriseFigures f;
    f.Load(panel, r.cell.indicator, t, EnterpriseFigures::kMonthly);
    double fx = 0, fb = 0;
    std::fill(mask.begin(), mask.end(), -1);
    auto [lo, hi] = query.RegionRange(r.cell.region);
    for (uint32_t e = lo; e < hi; ++e) {
      if (!query.InCell(e, r.cell.region, r.cell.industry)) continue;
      if (std::isnan(f.x()[e]) || !Positive(f.bx()[e])) continue;
      fx += f.x()[e];
      fb += f.bx()[e];
      const double u =
          static_cast<double>(Mix(seed ^ Mix(e * 1000003ULL + static_cast<uint64_t>(t))) >> 11) *
          0x1.0p-53;
      mask[e] = u < rate ? 1 : 0;
    }
    ASSIGN_OR_RETURN(Nowcast n, NowcastYoy(panel, query, r));
    points.push_back({t, GrowthPercent(fx, fb), n.yoy});
  }
  return points;
}

}  // namespace ballast
