#include "gen/cultivation_demo.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "core/uscc.h"
#include "gen/random.h"

namespace ballast::gen {
namespace {

constexpr const char* kTrades[] = {"恒达", "宏远", "鑫源", "中创", "华益", "瑞丰", "嘉禾",
                                   "金诺", "永盛", "博通", "天成", "润泽", "汇川", "佳美"};
constexpr const char* kWords[] = {"机械", "新材料", "电子", "食品", "塑业", "精密", "科技"};

std::string Fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string Pct(double v) { return Fixed(v, 1); }

}  // namespace

CultivationDemo GenerateCultivation(const Catalog& catalog, const std::string& province,
                                    const std::vector<CultivationDemoEnterprise>& roster,
                                    Period last, uint64_t seed, int pool_size, int stage_count) {
  CultivationDemo out;
  const auto& regions = catalog.regions();
  const NodeId prov = regions.Find(province);
  if (prov == kNoNode || roster.empty()) return out;
  Rng rng(seed ^ 0x63756c7469ULL);
  out.pool_csv = "uscc,name,region,industry,joined,tags,left\n";
  out.revenue_csv = "uscc,period,revenue\n";
  out.stages_csv = "uscc,stage,year,rd_share,revenue_growth,main_product_share\n";
  const double threshold = 2000;
  std::vector<const CultivationDemoEnterprise*> in_province;
  for (const auto& e : roster) {
    const NodeId n = regions.Find(e.region);
    if (n != kNoNode && regions.Contains(prov, n)) in_province.push_back(&e);
  }
  if (in_province.empty()) return out;
  struct Pooled {
    std::string uscc, region;
  };
  std::vector<Pooled> pooled;
  auto month = [](Period p) { return FormatPeriod(p); };
  // Revenue of month t for a firm at `annual` a year in month `at`, growing by g a year.
  auto monthly = [&](double annual, double g, Period at, Period t) {
    const double trend = annual / 12 * std::pow(1 + g, static_cast<double>(t - at) / 12.0);
    return std::max(0.0, trend * (1 + rng.Normal(0, 0.04)));
  };
  // The roster's entrants: about 60 % were held in the pool 6–24 months before they entered,
  // their revenue reaching the threshold's monthly share in the entry month.
  for (const auto* e : in_province) {
    if (!e->entered || *e->entered > last || !rng.Bernoulli(0.6)) continue;
    const Period entered = *e->entered;
    const Period joined = entered - 6 - static_cast<Period>(rng.Index(19));
    const double g = rng.Uniform(0.2, 0.6);
    out.pool_csv += e->uscc + "," + e->name + "," + e->region + "," + e->industry + "," +
                    month(joined) + ",,\n";
    for (Period t = std::max(joined, entered - 24); t < entered; ++t) {
      out.revenue_csv += e->uscc + "," + month(t) + "," +
                         Fixed(monthly(threshold * 1.02, g, entered, t), 1) + "\n";
      ++out.revenue_rows;
    }
    pooled.push_back({e->uscc, e->region});
    ++out.pool;
    ++out.pooled_entrants;
  }
  // Below-scale firms that have not (yet) entered: placed and classified like the roster's.
  std::set<std::string> used;
  for (const auto& e : roster) used.insert(e.uscc);
  for (int i = 0; i < pool_size; ++i) {
    const auto* like = in_province[rng.Index(in_province.size())];
    char serial[16];
    std::snprintf(serial, sizeof serial, "%08d", i % 100000000);
    const std::string first17 = "91" + like->region.substr(0, 6) + "P" + serial;
    const std::string uscc = first17 + UsccCheckChar(first17);
    if (!used.insert(uscc).second) continue;
    const NodeId county = regions.Find(like->region);
    const std::string name = regions.node(county).name + kTrades[rng.Index(std::size(kTrades))] +
                             kWords[rng.Index(std::size(kWords))] + "有限公司";
    const Period joined = last - 1 - static_cast<Period>(rng.Index(36));
    std::string left;
    if (rng.Bernoulli(0.05))
      left = month(std::min(last - 1, joined + 3 + static_cast<Period>(rng.Index(12))));
    const std::string tags = rng.Bernoulli(0.3) ? "科技型中小企业" : "";
    out.pool_csv += uscc + "," + name + "," + like->region + "," + like->industry + "," +
                    month(joined) + "," + tags + "," + left + "\n";
    ++out.pool;
    pooled.push_back({uscc, like->region});
    // Annual revenue now 300–1,950 万元, growing −10 % to +60 % a year.
    // A shrinking firm's earlier months were higher: its level now is kept low enough that the
    // last 12 months (and the years reported) stay below the threshold.
    const double g = std::clamp(rng.Normal(0.15, 0.18), -0.1, 0.6);
    const double annual =
        std::min(1950.0 * std::min(1.0, (1 + g) * (1 + g)), rng.LogNormal(900, 0.5));
    if (rng.Bernoulli(0.1)) {
      // Yearly reports only: the two complete years before the last month's.
      const int y = PeriodYear(last) - 1;
      for (int year : {y - 1, y}) {
        out.revenue_csv += uscc + "," + std::to_string(year) + "," +
                           Fixed(annual * std::pow(1 + g, year - y - 1), 1) + "\n";
        ++out.revenue_rows;
      }
      continue;
    }
    for (Period t = last - 23; t <= last; ++t) {
      out.revenue_csv += uscc + "," + month(t) + "," + Fixed(monthly(annual, g, last, t), 1) + "\n";
      ++out.revenue_rows;
    }
  }
  // 专精特新: mostly roster enterprises, some pool members; a ladder over the years of the data.
  const int last_year = PeriodYear(last);
  std::set<std::string> staged;
  for (int k = 0; k < stage_count * 4 && out.stages < stage_count; ++k) {
    std::string uscc;
    if (rng.Bernoulli(0.8)) {
      uscc = in_province[rng.Index(in_province.size())]->uscc;
    } else if (!pooled.empty()) {
      uscc = pooled[rng.Index(pooled.size())].uscc;
    }
    if (uscc.empty() || !staged.insert(uscc).second) continue;
    int year = last_year - 2 + static_cast<int>(rng.Index(3));
    auto row = [&](const char* stage, int y, bool figures) {
      if (y > last_year || out.stages >= stage_count) return;
      out.stages_csv += uscc + "," + stage + "," + std::to_string(y) + ",";
      if (figures && rng.Bernoulli(0.8)) {
        out.stages_csv += Pct(std::clamp(rng.Normal(4.0, 1.5), 0.2, 20.0)) + "," +
                          (rng.Bernoulli(0.85) ? Pct(rng.Normal(10, 8)) : "") + "," +
                          Pct(std::clamp(rng.Normal(80, 10), 20.0, 100.0)) + "\n";
      } else {
        out.stages_csv += ",,\n";
      }
      ++out.stages;
    };
    row("candidate", year, false);
    if (!rng.Bernoulli(0.6)) continue;
    row("provincial", ++year, true);
    if (!rng.Bernoulli(0.2)) continue;
    row("little_giant", ++year, true);
    if (rng.Bernoulli(0.1)) row("champion", year, true);
  }
  return out;
}

}  // namespace ballast::gen
