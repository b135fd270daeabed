#include "app/chain_scenarios.h"

#include <algorithm>
#include <unordered_map>

namespace ballast::app {
namespace {

using chain::sim::Economy;
using chain::sim::Shock;
using chain::sim::SimParams;

// The region prefix of a GB/T 2260 code: 410100 -> 4101, 410000 -> 41.
std::string RegionPrefix(std::string code) {
  while (code.size() > 2 && code.compare(code.size() - 2, 2, "00") == 0)
    code.resize(code.size() - 2);
  return code;
}

double Loss(const std::vector<double>& total) {
  double loss = 0;
  for (size_t t = 1; t < total.size(); ++t) loss += total[0] - total[t];
  return loss;
}

}  // namespace

Result<std::vector<Shock>> ScenarioShocks(const Economy& e, const ChainScenario& s) {
  std::vector<Shock> shocks;
  std::unordered_map<std::string, int32_t> index;
  for (size_t i = 0; i < e.num_firms(); ++i) index.emplace(e.firm_ids[i], static_cast<int32_t>(i));
  if (!s.stopped.empty() && s.stop_days < 1)
    return Status::Invalid("stop_days must be at least 1 / 停产天数至少为 1");
  for (const auto& f : s.stopped) {
    auto it = index.find(f);
    if (it == index.end())
      return Status::Invalid("stopped: unknown firm '" + f + "' / 企业不在网络中");
    shocks.push_back({it->second, 0, s.stop_days - 1, 1.0});
  }
  if (!s.region.empty()) {
    if (s.region.size() != 6 || s.region.find_first_not_of("0123456789") != std::string::npos) {
      return Status::Invalid("region: '" + s.region +
                             "' is not a 6-digit GB/T 2260 code / 地区代码应为 6 位数字");
    }
    if (s.lockdown_days < 1)
      return Status::Invalid("lockdown_days must be at least 1 / 封控天数至少为 1");
    if (!(s.lockdown_delta > 0 && s.lockdown_delta <= 1)) {
      return Status::Invalid("lockdown_delta must be in (0, 1] / 封控损失比例须在 0 到 1 之间");
    }
    const std::string prefix = RegionPrefix(s.region);
    size_t hit = 0;
    for (size_t i = 0; i < e.num_firms(); ++i) {
      const std::string& id = e.firm_ids[i];
      const bool in = s.firm_regions.empty()
                          ? id.size() == 18 && id.compare(2, prefix.size(), prefix) == 0
                          : i < s.firm_regions.size() &&
                                s.firm_regions[i].compare(0, prefix.size(), prefix) == 0;
      if (in) {
        shocks.push_back({static_cast<int32_t>(i), 0, s.lockdown_days - 1, s.lockdown_delta});
        ++hit;
      }
    }
    if (hit == 0)
      return Status::Invalid("region: no firm of the network is registered in " + s.region +
                             " / 该地区无企业");
  }
  if (!s.sector.empty()) {
    if (!(s.short_fraction > 0 && s.short_fraction <= 1)) {
      return Status::Invalid("short_fraction must be in (0, 1] / 短缺比例须在 0 到 1 之间");
    }
    if (s.short_days < 1)
      return Status::Invalid("short_days must be at least 1 / 短缺天数至少为 1");
    // Sectors are numbered in order of first appearance: find the one named by a firm of it.
    size_t hit = 0;
    for (size_t i = 0; i < e.num_firms(); ++i) {
      if (e.sector_names.empty() || e.sector_names[static_cast<size_t>(e.sector[i])] != s.sector)
        continue;
      shocks.push_back({static_cast<int32_t>(i), 0, s.short_days - 1, s.short_fraction});
      ++hit;
    }
    if (hit == 0)
      return Status::Invalid("sector: no firm of the network is in '" + s.sector +
                             "' / 该行业无企业");
  }
  return shocks;
}

Result<ScenarioResult> RunScenario(const Economy& e, const ChainScenario& s,
                                   const SimParams& params) {
  ASSIGN_OR_RETURN(auto shocks, ScenarioShocks(e, s));
  SimParams p = params;
  p.per_firm = true;
  ASSIGN_OR_RETURN(auto r, chain::sim::Simulate(e, shocks, p));
  ScenarioResult out;
  out.total = r.total;
  out.loss = Loss(r.total);
  std::vector<char> hit(e.num_firms(), 0);
  for (const auto& sh : shocks) hit[static_cast<size_t>(sh.firm)] = 1;
  for (size_t i = 0; i < e.num_firms(); ++i) {
    if (hit[i]) out.shocked.push_back(e.firm_ids[i]);
  }
  std::vector<char> stopped(e.num_firms(), 0);
  for (int t = 0; t < p.days; ++t) {
    double direct = 0, indirect = 0;
    for (size_t i = 0; i < e.num_firms(); ++i) {
      const double x0 = r.FirmOutput(-1, i), x = r.FirmOutput(t, i);
      (hit[i] ? direct : indirect) += x0 - x;
      if (!stopped[i] && x0 > 0 && x < 0.01 * x0) {
        stopped[i] = 1;
        out.stops.push_back({e.firm_ids[i], t});
      }
    }
    out.direct_loss.push_back(direct);
    out.indirect_loss.push_back(indirect);
  }
  return out;
}

Result<std::vector<RankedRestoration>> RankEarlyRestorations(const Economy& e,
                                                             const ChainScenario& s,
                                                             const SimParams& params,
                                                             int after_days) {
  if (after_days < 0) return Status::Invalid("after_days must not be negative / 天数不能为负");
  ASSIGN_OR_RETURN(auto shocks, ScenarioShocks(e, s));
  SimParams p = params;
  p.per_firm = false;
  ASSIGN_OR_RETURN(auto base, chain::sim::Simulate(e, shocks, p));
  const double base_loss = Loss(base.total);
  std::vector<int32_t> firms;
  for (const auto& sh : shocks) firms.push_back(sh.firm);
  std::sort(firms.begin(), firms.end());
  firms.erase(std::unique(firms.begin(), firms.end()), firms.end());
  std::vector<RankedRestoration> out;
  for (int32_t f : firms) {
    auto changed = shocks;
    for (auto& sh : changed) {
      if (sh.firm == f) sh.day_to = std::min(sh.day_to, sh.day_from + after_days - 1);
    }
    // A shock shortened to nothing is dropped.
    std::erase_if(changed, [](const Shock& sh) { return sh.day_to < sh.day_from; });
    ASSIGN_OR_RETURN(auto r, chain::sim::Simulate(e, changed, p));
    out.push_back({e.firm_ids[static_cast<size_t>(f)], base_loss - Loss(r.total)});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const RankedRestoration& a, const RankedRestoration& b) {
                     return a.loss_avoided > b.loss_avoided;
                   });
  return out;
}

Result<Economy> WithAlternativeSupplier(const Economy& e, const AlternativeSupply& move) {
  if (!(move.share > 0 && move.share <= 1))
    return Status::Invalid("share must be in (0, 1] / 转移比例须在 0 到 1 之间");
  int32_t c = -1, s = -1, x = -1;
  for (size_t i = 0; i < e.num_firms(); ++i) {
    const auto& id = e.firm_ids[i];
    if (id == move.customer) c = static_cast<int32_t>(i);
    if (id == move.supplier) s = static_cast<int32_t>(i);
    if (id == move.alternative) x = static_cast<int32_t>(i);
  }
  if (c < 0 || s < 0 || x < 0 || x == s || x == c)
    return Status::Invalid("alternative supplier: unknown or repeated firm / 替代供应商无效");
  if (e.sector[static_cast<size_t>(x)] != e.sector[static_cast<size_t>(s)])
    return Status::Invalid("alternative supplier: not in the supplier's sector / 非同类供应商");
  Economy out = e;
  double moved = -1;
  for (auto& l : out.links) {
    if (l.supplier == s && l.customer == c) {
      moved = l.value * move.share;
      l.value -= moved;
    }
  }
  if (moved < 0) return Status::Invalid("alternative supplier: no such purchase / 无此采购关系");
  bool merged = false;
  for (auto& l : out.links) {
    if (l.supplier == x && l.customer == c) l.value += moved, merged = true;
  }
  if (!merged) out.links.push_back({x, c, moved});
  // A purchase moved in full leaves no link behind (links are > 0).
  std::erase_if(out.links, [](const Economy::Link& l) { return !(l.value > 0); });
  out.initial_output = chain::sim::EquilibriumOutput(out);
  return out;
}

Result<std::vector<AlternativeSupply>> RankAlternativeSuppliers(const Economy& e,
                                                                const ChainScenario& s,
                                                                const SimParams& params,
                                                                double share, size_t max_runs) {
  ASSIGN_OR_RETURN(auto shocks, ScenarioShocks(e, s));
  SimParams p = params;
  p.per_firm = false;
  ASSIGN_OR_RETURN(auto base, chain::sim::Simulate(e, shocks, p));
  const double base_loss = Loss(base.total);
  std::vector<char> hit(e.num_firms(), 0);
  for (const auto& sh : shocks) hit[static_cast<size_t>(sh.firm)] = 1;
  const std::vector<double> x = chain::sim::EquilibriumOutput(e);
  std::vector<AlternativeSupply> out;
  for (const auto& stopped : s.stopped) {
    int32_t f = -1;
    for (size_t i = 0; i < e.num_firms(); ++i) {
      if (e.firm_ids[i] == stopped) f = static_cast<int32_t>(i);
    }
    std::vector<const Economy::Link*> sales;
    for (const auto& l : e.links) {
      if (l.supplier == f) sales.push_back(&l);
    }
    std::stable_sort(sales.begin(), sales.end(),
                     [](const auto* a, const auto* b) { return a->value > b->value; });
    for (const auto* l : sales) {
      if (out.size() >= max_runs) break;
      int32_t best = -1;
      for (size_t i = 0; i < e.num_firms(); ++i) {
        const auto k = static_cast<int32_t>(i);
        if (hit[i] || k == l->customer || e.sector[i] != e.sector[static_cast<size_t>(f)]) continue;
        if (best < 0 || x[i] > x[static_cast<size_t>(best)]) best = k;
      }
      if (best < 0) continue;
      AlternativeSupply move{e.firm_ids[static_cast<size_t>(l->customer)], stopped,
                             e.firm_ids[static_cast<size_t>(best)], share, 0};
      ASSIGN_OR_RETURN(Economy changed, WithAlternativeSupplier(e, move));
      // Firm numbers are unchanged, so the same shocks apply.
      ASSIGN_OR_RETURN(auto r, chain::sim::Simulate(changed, shocks, p));
      move.loss_avoided = base_loss - Loss(r.total);
      out.push_back(std::move(move));
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.loss_avoided > b.loss_avoided; });
  return out;
}

Result<double> WhitelistLossAvoided(const Economy& e, const ChainScenario& s,
                                    const SimParams& params,
                                    const std::vector<std::string>& whitelist) {
  ASSIGN_OR_RETURN(auto shocks, ScenarioShocks(e, s));
  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < e.num_firms(); ++i) index.emplace(e.firm_ids[i], i);
  SimParams p = params;
  p.per_firm = false;
  p.whitelist.clear();
  ASSIGN_OR_RETURN(auto base, chain::sim::Simulate(e, shocks, p));
  p.whitelist.assign(e.num_firms(), 0);
  for (const auto& f : whitelist) {
    auto it = index.find(f);
    if (it == index.end())
      return Status::Invalid("whitelist: unknown firm '" + f + "' / 企业不在网络中");
    p.whitelist[it->second] = 1;
  }
  ASSIGN_OR_RETURN(auto listed, chain::sim::Simulate(e, shocks, p));
  return Loss(base.total) - Loss(listed.total);
}

}  // namespace ballast::app
