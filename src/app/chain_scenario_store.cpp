#include "app/chain_scenario_store.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "app/chain.h"
#include "store/open.h"

namespace ballast::app {
namespace {

using chain::sim::Economy;

constexpr double kDaysPerYear = 365;

std::string Prefecture(const std::string& region) {
  return region.size() == 6 ? region.substr(0, 4) + "00" : region;
}

double LossOf(const std::vector<double>& per_firm, size_t n, size_t firm, size_t days) {
  double loss = 0;
  for (size_t t = 1; t <= days; ++t) loss += per_firm[firm] - per_firm[t * n + firm];
  return loss;
}

}  // namespace

Result<Economy> EconomyFromStore(const std::vector<FirmLinkRecord>& links,
                                 const std::vector<FirmRecord>& firms,
                                 std::vector<std::string>* regions) {
  Economy e;
  std::map<std::string, int32_t> index;  // byte order of the ids
  for (const auto& l : links) {
    index.emplace(l.supplier, 0);
    index.emplace(l.customer, 0);
  }
  int32_t k = 0;
  for (auto& [id, i] : index) {
    i = k++;
    e.firm_ids.push_back(id);
  }
  const size_t n = e.firm_ids.size();
  // Links of one pair summed (several products); sales by product for each supplier's sector.
  std::map<std::pair<int32_t, int32_t>, double> pair_value;
  std::vector<std::map<std::string, double>> sold(n);
  std::vector<double> bought(n, 0);
  for (const auto& l : links) {
    const int32_t s = index[l.supplier], c = index[l.customer];
    const double v = l.value / kDaysPerYear;
    pair_value[{c, s}] += v;  // customer-major: the order of the model's sums
    sold[static_cast<size_t>(s)][l.product] += v;
    bought[static_cast<size_t>(c)] += v;
  }
  for (const auto& [cs, v] : pair_value) e.links.push_back({cs.second, cs.first, v});
  std::map<std::string, const FirmRecord*> info;
  for (const auto& f : firms) info[f.firm] = &f;
  std::unordered_map<std::string, int32_t> sectors;
  for (size_t i = 0; i < n; ++i) {
    std::string sector;
    double best = -1;
    for (const auto& [product, v] : sold[i]) {
      if (v > best) best = v, sector = product;  // ties: the first product in byte order
    }
    if (sector.empty()) {  // sells nothing in the network: its own sector
      auto it = info.find(e.firm_ids[i]);
      sector =
          it != info.end() && !it->second->industry.empty() ? "行业 " + it->second->industry : "-";
    }
    auto [it, added] = sectors.emplace(sector, static_cast<int32_t>(sectors.size()));
    if (added) e.sector_names.push_back(sector);
    e.sector.push_back(it->second);
    e.final_demand.push_back(bought[i]);
  }
  e.num_sectors = static_cast<int32_t>(sectors.size());
  e.initial_output = chain::sim::EquilibriumOutput(e);
  if (regions) {
    regions->assign(n, "");
    for (size_t i = 0; i < n; ++i) {
      if (auto it = info.find(e.firm_ids[i]); it != info.end()) (*regions)[i] = it->second->region;
    }
  }
  return e;
}

Result<StoreScenarioAnswer> RunScenarioInStore(Ballast& b, const Caller& c,
                                               const StoreScenarioRequest& request) {
  const Access& access = b.access();
  RETURN_IF_ERROR(access.Require(c, auth::Permission::kReadAggregate));
  const auto& p = request.params;
  if (p.days < 1 || p.days > kMaxScenarioDays)
    return Status::Invalid("days: give 1.." + std::to_string(kMaxScenarioDays) +
                           " / 天数须在 1 到 365 之间");
  RETURN_IF_ERROR(chain::sim::ValidateParams(p));
  const ChainScenario& sc = request.scenario;
  if (sc.stopped.empty() && sc.region.empty() && sc.sector.empty())
    return Status::Invalid(
        "scenario: stop firms, lock down a region or make a product short / 请设定情景");
  if (sc.stopped.size() > kMaxStoppedFirms)
    return Status::Invalid("stopped: at most 50 firms / 停产企业最多 50 家");
  if (!(request.alternative_share >= 0 && request.alternative_share <= 1))
    return Status::Invalid("alternative_share: give 0..1 / 替代比例须在 0 到 1 之间");
  if (request.alternative_share > 0 && sc.stopped.empty())
    return Status::Invalid("alternative_share: stop a firm first / 请先设定停产企业");
  if (request.restore_after_days < 0 || request.restore_after_days > p.days)
    return Status::Invalid("restore_after_days: give 0..days / 提前恢复天数须在 0 到模拟天数之间");
  if (!sc.region.empty() && b.catalog().regions().Find(sc.region) == kNoNode)
    return Status::Invalid("region '" + sc.region + "' is not a GB/T 2260 code / 地区代码无效");

  ASSIGN_OR_RETURN(auto store, OpenChainStore(b.path()));
  ASSIGN_OR_RETURN(auto link_rows, store->LoadFirmLinks());
  ASSIGN_OR_RETURN(auto firm_rows, store->LoadFirms());
  if (link_rows.empty())
    return Status::NotFound("no firm links in the store: import them first / 尚未导入企业供货关系");
  if (link_rows.size() > kMaxScenarioLinks)
    return Status::Invalid(
        "the stored network has more than 200000 links: too large to simulate "
        "on request / 网络过大");
  std::map<std::string, const FirmRecord*> info;
  for (const auto& f : firm_rows) info[f.firm] = &f;
  // A derived figure takes the scope of everything it derives from: every loss in the answer
  // depends on every firm of the network (upstream and downstream), so the caller's scope must
  // cover them all. Naming no firm is not enough: sums would still carry other cities' output.
  size_t outside = 0;
  for (const auto& l : link_rows) {
    for (const std::string* id : {&l.supplier, &l.customer}) {
      auto it = info.find(*id);
      if (!access.InScope(c, it == info.end() ? std::string() : it->second->region)) ++outside;
    }
  }
  if (outside > 0)
    return Status::Denied(
        "the stored firm network reaches firms outside your scope " + c.region +
        ": its scenarios are for users whose scope covers every firm of it / "
        "供应链网络包含您权限范围以外的企业，情景推演须由覆盖全部企业的用户进行");
  const bool lists = access.MayListEnterprises(c);
  auto visible = [&](const std::string& id) {
    auto it = info.find(id);
    return lists && it != info.end() && access.InScope(c, it->second->region);
  };
  // A firm the caller may not see cannot be named: refused like an unknown one.
  for (const auto& id : sc.stopped) {
    if (!visible(id))
      return Status::NotFound("stopped: firm '" + id +
                              "' is not among the firms you may see / 企业不在可见范围内");
  }

  if (request.whitelist.size() > kMaxStoppedFirms)
    return Status::Invalid("whitelist: at most 50 firms / 白名单最多 50 家");
  for (const auto& id : request.whitelist) {
    if (!visible(id))
      return Status::NotFound("whitelist: firm '" + id +
                              "' is not among the firms you may see / 企业不在可见范围内");
  }
  std::vector<std::string> regions;
  ASSIGN_OR_RETURN(Economy e, EconomyFromStore(link_rows, firm_rows, &regions));
  ChainScenario scenario = sc;
  scenario.firm_regions = regions;
  ASSIGN_OR_RETURN(ScenarioResult r, RunScenario(e, scenario, p));
  chain::sim::SimParams pf = p;
  pf.per_firm = true;
  ASSIGN_OR_RETURN(auto shocks, ScenarioShocks(e, scenario));
  ASSIGN_OR_RETURN(auto full, chain::sim::Simulate(e, shocks, pf));

  const size_t n = e.num_firms(), days = static_cast<size_t>(p.days);
  StoreScenarioAnswer a;
  a.firms = static_cast<int>(n);
  a.links = static_cast<int>(e.links.size());
  a.shocked = static_cast<int>(r.shocked.size());
  a.equilibrium = r.total[0];
  a.loss = r.loss;
  a.loss_pct = a.equilibrium > 0 ? 100 * r.loss / (a.equilibrium * static_cast<double>(days)) : 0;
  a.days.push_back({-1, r.total[0], 0, 0});
  for (size_t t = 0; t < days; ++t)
    a.days.push_back({static_cast<int>(t), r.total[t + 1], r.direct_loss[t], r.indirect_loss[t]});

  auto ref = [&](size_t i) {
    const std::string& id = e.firm_ids[i];
    if (!visible(id)) return ScenarioFirm{};
    const FirmRecord* f = info[id];
    return ScenarioFirm{id, f->name, f->region};
  };
  // Per region (prefecture) and chain: sums over firms, never a firm.
  std::map<std::string, ScenarioGroupLoss> by_region;
  std::vector<double> firm_loss(n);
  for (size_t i = 0; i < n; ++i) {
    firm_loss[i] = LossOf(full.per_firm, n, i, days);
    const std::string key = regions[i].empty() ? "" : Prefecture(regions[i]);
    auto& g = by_region[key];
    g.key = key;
    ++g.firms;
    g.loss += firm_loss[i];
  }
  for (auto& [key, g] : by_region) {
    const NodeId node = b.catalog().regions().Find(key);
    g.name = key.empty()       ? "未登记企业"
             : node == kNoNode ? key
                               : b.catalog().regions().node(node).name;
    a.regions.push_back(g);
  }
  ASSIGN_OR_RETURN(chain::ChainCatalog cat, ListChains(b, c));
  for (const auto& ch : cat.chains) {
    ScenarioGroupLoss g{ch.id, ch.name_zh, 0, 0};
    const auto segs = cat.SegmentsOf(ch.id);
    for (size_t i = 0; i < n; ++i) {
      auto it = info.find(e.firm_ids[i]);
      if (it == info.end()) continue;
      const NodeId ind = b.catalog().FindIndustry(it->second->industry);
      bool in = false;
      for (const auto* s : segs) {
        for (const auto& code : s->industries)
          in = in || b.catalog().industries().Contains(b.catalog().FindIndustry(code), ind);
      }
      if (in) ++g.firms, g.loss += firm_loss[i];
    }
    a.chains.push_back(g);
  }
  a.hidden_stops.assign(days, 0);
  std::unordered_map<std::string, size_t> at;
  for (size_t i = 0; i < n; ++i) at[e.firm_ids[i]] = i;
  for (const auto& s : r.stops) {
    ScenarioFirm f = ref(at[s.firm]);
    if (f.id.empty()) {
      ++a.hidden_stops[static_cast<size_t>(s.day)];
    } else {
      a.stops.push_back({f, s.day});
    }
  }
  if (request.restore_after_days > 0) {
    // One run per shocked firm: a region's lockdown is too many to rank on request.
    if (r.shocked.size() > kMaxRestorationRuns) {
      return Status::Invalid("restore_after_days: the scenario hits " +
                             std::to_string(r.shocked.size()) +
                             " firms; early restorations are ranked for at most 30 / "
                             "受冲击企业超过 30 家，无法逐一评估提前恢复");
    }
    ASSIGN_OR_RETURN(auto ranked,
                     RankEarlyRestorations(e, scenario, p, request.restore_after_days));
    if (ranked.size() > kMaxRankedRestorations) ranked.resize(kMaxRankedRestorations);
    for (const auto& x : ranked) {
      const size_t i = at[x.firm];
      a.restorations.push_back(
          {ref(i), regions[i].empty() ? "" : Prefecture(regions[i]), x.loss_avoided});
    }
  }
  if (request.alternative_share > 0) {
    ASSIGN_OR_RETURN(auto moves, RankAlternativeSuppliers(e, scenario, p, request.alternative_share,
                                                          kMaxRankedRestorations));
    auto where = [&](size_t i) { return regions[i].empty() ? "" : Prefecture(regions[i]); };
    for (const auto& m : moves) {
      const size_t cu = at[m.customer], al = at[m.alternative];
      a.alternatives.push_back(
          {m.supplier, ref(cu), ref(al), where(cu), where(al), m.loss_avoided});
    }
  }
  if (!request.whitelist.empty()) {
    ASSIGN_OR_RETURN(a.whitelist_loss_avoided,
                     WhitelistLossAvoided(e, scenario, p, request.whitelist));
  }
  return a;
}

}  // namespace ballast::app
