#include "app/cultivation.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/clock.h"
#include "cultivation/pool_import.h"
#include "engine/roster.h"
#include "policy/catalog.h"
#include "store/open.h"

namespace ballast::app {
namespace {

using cultivation::Member;
using cultivation::Recognition;
using cultivation::RevenueReport;

std::string At(const std::string& file, int64_t line) {
  return file + ":" + std::to_string(line) + ": ";
}

// The region asked for: "" = the caller's scope; refused outside it.
Result<NodeId> RegionNode(Ballast& b, const Caller& c, const std::string& region) {
  if (region.empty()) {
    const NodeId n = b.access().ScopeNode(c);
    if (n == kNoNode) return Status::Denied("your region scope " + c.region + " no longer exists");
    return n;
  }
  const NodeId n = b.catalog().regions().Find(region);
  if (n == kNoNode) return Status::Invalid("region: '" + region + "' is not a GB/T 2260 code");
  RETURN_IF_ERROR(b.access().CheckRegion(c, region));
  return n;
}

bool Within(const Catalog& cat, NodeId node, const std::string& region) {
  const NodeId n = cat.regions().Find(region);
  return n != kNoNode && cat.regions().Contains(node, n);
}

// Enterprise rows: analysts and administrators (kReadEnterprise), never enterprise users.
Status RequireLists(Ballast& b, const Caller& c) {
  RETURN_IF_ERROR(b.access().Require(c, auth::Permission::kReadEnterprise));
  if (!b.access().MayListEnterprises(c))
    return Status::Denied("the cultivation pool lists other enterprises");
  return Status::Ok();
}

// The roster's entry month of every enterprise that has one.
std::map<std::string, Period> EnteredMonths(const Panel& panel) {
  std::map<std::string, Period> out;
  for (uint32_t e = 0; e < panel.num_enterprises(); ++e) {
    const PanelEnterprise& pe = panel.enterprise(e);
    if (pe.entered != kRosterSinceEver) out[pe.uscc] = pe.entered;
  }
  return out;
}

}  // namespace

Result<CultivationImportKind> ParseCultivationImportKind(std::string_view s) {
  if (s == "pool") return CultivationImportKind::kPool;
  if (s == "revenue") return CultivationImportKind::kRevenue;
  if (s == "stages") return CultivationImportKind::kStages;
  return Status::Invalid("kind: '" + std::string(s) + "' is not pool, revenue or stages");
}

Result<int64_t> ImportCultivationFile(Ballast& b, const Caller& c, CultivationImportKind kind,
                                      std::string_view bytes, const std::string& file_name) {
  RETURN_IF_ERROR(b.access().Require(c, auth::Permission::kImport));
  if (b.access().ScopeNode(c) == kNoNode)
    return Status::Denied("your region scope " + c.region + " no longer exists");
  ASSIGN_OR_RETURN(auto store, OpenCultivationStore(b.path()));
  ASSIGN_OR_RETURN(auto existing, store->ListMembers());
  std::map<std::string, const Member*> pool;
  for (const auto& m : existing) pool[m.uscc] = &m;
  ASSIGN_OR_RETURN(auto snap, b.workspace().GetSnapshot());
  const Panel& panel = *snap->panel;

  if (kind == CultivationImportKind::kPool) {
    ASSIGN_OR_RETURN(auto rows, cultivation::ParseMembers(b.catalog(), bytes, file_name));
    std::vector<Member> write;
    for (auto& row : rows) {
      const Member& m = row.value;
      if (!b.access().InScope(c, m.region))
        return Status::Invalid(At(file_name, row.line) + "region: " + m.region +
                               " is outside your region scope " + c.region);
      // Another scope's member is not rewritten (nor moved into this scope) by its code.
      if (auto it = pool.find(m.uscc);
          it != pool.end() && !b.access().InScope(c, it->second->region))
        return Status::Invalid(At(file_name, row.line) + "uscc: '" + m.uscc +
                               "' is already in another region's pool");
      // Below scale: not on the roster in the month it joined (the roster's enterprise in another
      // scope answers the same, so that the row tells nothing about it).
      if (const int64_t e = panel.FindEnterprise(m.uscc); e >= 0) {
        const PanelEnterprise& pe = panel.enterprise(static_cast<uint32_t>(e));
        auto joined = ParsePeriod(m.joined);
        if (joined.ok() && OnRoster(pe, *joined))
          return Status::Invalid(At(file_name, row.line) + "joined: '" + m.uscc +
                                 "' is on the above-scale roster in " + m.joined);
      }
      write.push_back(m);
    }
    RETURN_IF_ERROR(store->SaveMembers(write));
    return static_cast<int64_t>(write.size());
  }

  if (kind == CultivationImportKind::kRevenue) {
    ASSIGN_OR_RETURN(auto rows, cultivation::ParseRevenue(bytes, file_name));
    std::vector<RevenueReport> write;
    for (auto& row : rows) {
      auto it = pool.find(row.value.uscc);
      if (it == pool.end() || !b.access().InScope(c, it->second->region))
        return Status::Invalid(At(file_name, row.line) + "uscc: '" + row.value.uscc +
                               "' is not a pool member in your scope");
      write.push_back(row.value);
    }
    RETURN_IF_ERROR(store->SaveRevenue(write));
    return static_cast<int64_t>(write.size());
  }

  ASSIGN_OR_RETURN(auto rows, cultivation::ParseRecognitions(bytes, file_name));
  std::vector<Recognition> write;
  for (auto& row : rows) {
    std::string region;
    if (auto it = pool.find(row.value.uscc); it != pool.end()) {
      region = it->second->region;
    } else if (const int64_t e = panel.FindEnterprise(row.value.uscc); e >= 0) {
      const NodeId n = panel.enterprise(static_cast<uint32_t>(e)).region;
      if (n != kNoNode) region = b.catalog().regions().node(n).code;
    }
    if (region.empty() || !b.access().InScope(c, region))
      return Status::Invalid(At(file_name, row.line) + "uscc: '" + row.value.uscc +
                             "' is neither a pool member nor an enterprise in your scope");
    write.push_back(row.value);
  }
  RETURN_IF_ERROR(store->SaveRecognitions(write));
  return static_cast<int64_t>(write.size());
}

Result<PoolList> ListPool(Ballast& b, const Caller& c, const PoolFilter& f) {
  RETURN_IF_ERROR(RequireLists(b, c));
  ASSIGN_OR_RETURN(NodeId node, RegionNode(b, c, f.region));
  const Catalog& cat = b.catalog();
  NodeId industry = kNoNode;
  if (!f.industry.empty()) {
    industry = cat.FindIndustry(f.industry);
    if (industry == kNoNode)
      return Status::Invalid("industry: '" + f.industry + "' is not a GB/T 4754 code");
  }
  if (f.threshold && !(*f.threshold > 0)) return Status::Invalid("threshold: must be > 0");
  PoolList out;
  out.threshold = f.threshold.value_or(cultivation::DefaultThreshold());
  ASSIGN_OR_RETURN(auto store, OpenCultivationStore(b.path()));
  ASSIGN_OR_RETURN(auto members, store->ListMembers());
  ASSIGN_OR_RETURN(auto revenue, store->ListRevenue());
  std::map<std::string, std::vector<RevenueReport>> by;
  for (auto& r : revenue) by[r.uscc].push_back(std::move(r));
  ASSIGN_OR_RETURN(auto snap, b.workspace().GetSnapshot());
  const auto entered = EnteredMonths(*snap->panel);
  const Period now = BeijingPeriod(b.clock().Now());
  for (auto& m : members) {
    if (!Within(cat, node, m.region) || !b.access().InScope(c, m.region)) continue;
    if (industry != kNoNode) {
      const NodeId n = cat.FindIndustry(m.industry);
      if (n == kNoNode || !cat.industries().Contains(industry, n)) continue;
    }
    if (!f.tag.empty() && std::find(m.tags.begin(), m.tags.end(), f.tag) == m.tags.end()) continue;
    PoolRow row;
    if (auto it = entered.find(m.uscc); it != entered.end()) row.entered = FormatPeriod(it->second);
    const bool gone = !row.entered.empty() || (!m.left.empty() && !m.InPoolAt(now));
    if (gone && !f.include_left) continue;
    row.run_rate = cultivation::ComputeRunRate(by[m.uscc]);
    if (row.run_rate)
      row.months_to_threshold =
          cultivation::MonthsToThreshold(row.run_rate->value, row.run_rate->growth, out.threshold);
    row.member = std::move(m);
    out.rows.push_back(std::move(row));
  }
  return out;
}

Result<PoolList> Candidates(Ballast& b, const Caller& c, const PoolFilter& f,
                            std::optional<int> within_months) {
  if (within_months && *within_months < 0) return Status::Invalid("within: must be ≥ 0 months");
  PoolFilter only_pool = f;
  only_pool.include_left = false;
  ASSIGN_OR_RETURN(PoolList list, ListPool(b, c, only_pool));
  std::erase_if(list.rows, [&](const PoolRow& r) {
    if (!r.run_rate) return true;
    if (within_months) return !r.months_to_threshold || *r.months_to_threshold > *within_months;
    return false;
  });
  std::stable_sort(list.rows.begin(), list.rows.end(), [](const PoolRow& x, const PoolRow& y) {
    const int ma = x.months_to_threshold.value_or(1 << 30);
    const int mb = y.months_to_threshold.value_or(1 << 30);
    if (ma != mb) return ma < mb;
    return x.run_rate->value > y.run_rate->value;
  });
  return list;
}

Result<std::vector<cultivation::Conversion>> ConversionByYear(Ballast& b, const Caller& c,
                                                              const std::string& region, int from,
                                                              int to) {
  RETURN_IF_ERROR(b.access().Require(c, auth::Permission::kReadAggregate));
  if (from < 2000 || to > 2100 || from > to)
    return Status::Invalid("from/to: years in 2000–2100, from ≤ to");
  if (to - from > 50) return Status::Invalid("from/to: at most 50 years");
  ASSIGN_OR_RETURN(NodeId node, RegionNode(b, c, region));
  const Catalog& cat = b.catalog();
  ASSIGN_OR_RETURN(auto store, OpenCultivationStore(b.path()));
  ASSIGN_OR_RETURN(auto members, store->ListMembers());
  std::vector<const Member*> pool;
  for (const auto& m : members) {
    if (Within(cat, node, m.region)) pool.push_back(&m);
  }
  ASSIGN_OR_RETURN(auto snap, b.workspace().GetSnapshot());
  const Panel& panel = *snap->panel;
  const auto entered = EnteredMonths(panel);
  std::vector<cultivation::Conversion> out;
  for (int year = from; year <= to; ++year) {
    // Every roster entrant of the year in the region: the `entrants` measure at December.
    int64_t entrants = 0;
    for (uint32_t e = 0; e < panel.num_enterprises(); ++e) {
      const PanelEnterprise& pe = panel.enterprise(e);
      if (pe.region != kNoNode && cat.regions().Contains(node, pe.region) &&
          EntrantBy(pe, MakePeriod(year, 12)))
        ++entrants;
    }
    out.push_back(cultivation::ComputeConversion(year, pool, entered, entrants));
  }
  return out;
}

Result<StageView> StageSummary(Ballast& b, const Caller& c, const std::string& region, int year) {
  RETURN_IF_ERROR(b.access().Require(c, auth::Permission::kReadAggregate));
  if (year < 2000 || year > 2100) return Status::Invalid("year: must lie in 2000–2100");
  ASSIGN_OR_RETURN(NodeId node, RegionNode(b, c, region));
  const Catalog& cat = b.catalog();
  const auto& regions = cat.regions();
  ASSIGN_OR_RETURN(auto store, OpenCultivationStore(b.path()));
  ASSIGN_OR_RETURN(auto members, store->ListMembers());
  ASSIGN_OR_RETURN(auto recognitions, store->ListRecognitions());
  ASSIGN_OR_RETURN(auto snap, b.workspace().GetSnapshot());
  const Panel& panel = *snap->panel;
  // Where each enterprise is registered (the pool's record first, else the roster's) and its name.
  std::map<std::string, std::pair<NodeId, std::string>> where;
  for (const auto& m : members) where[m.uscc] = {regions.Find(m.region), m.name};
  for (const auto& r : recognitions) {
    if (where.count(r.uscc)) continue;
    if (const int64_t e = panel.FindEnterprise(r.uscc); e >= 0) {
      const PanelEnterprise& pe = panel.enterprise(static_cast<uint32_t>(e));
      where[r.uscc] = {pe.region, pe.name};
    }
  }
  // The child of `node` an enterprise lies under ("" outside the region).
  auto child_of = [&](const std::string& uscc) -> std::string {
    auto it = where.find(uscc);
    if (it == where.end() || it->second.first == kNoNode) return "";
    NodeId n = it->second.first;
    if (!regions.Contains(node, n)) return "";
    if (n == node) return regions.node(node).code;
    while (regions.node(n).parent != node) n = regions.node(n).parent;
    return regions.node(n).code;
  };
  StageView out;
  out.year = year;
  out.region = regions.node(node).code;
  out.by_region = cultivation::CountStages(recognitions, year, child_of);
  auto total = cultivation::CountStages(recognitions, year, [&](const std::string& u) {
    return child_of(u).empty() ? std::string() : out.region;
  });
  out.total.key = out.region;
  if (!total.empty()) out.total = total.front();
  if (b.access().MayListEnterprises(c)) {
    const auto& criteria = cultivation::DefaultCriteria();
    for (const auto& r : recognitions) {
      if (r.year != year || child_of(r.uscc).empty()) continue;
      const auto& [n, name] = where[r.uscc];
      const std::string code = regions.node(n).code;
      if (!b.access().MaySeeEnterprise(c, r.uscc, code)) continue;
      out.enterprises.push_back({r, name, code, cultivation::CheckCriteria(criteria, r)});
    }
  }
  return out;
}

std::optional<std::pair<double, Period>> StageTargetMetric(Ballast& b, const std::string& code,
                                                           cultivation::Stage stage) {
  const auto target = policy::EmbeddedInternalTarget(code);
  if (!target) return std::nullopt;
  double count = 0, any = 0;
  for (int year = PeriodYear(target->start); year <= PeriodYear(target->deadline); ++year) {
    auto view = StageSummary(b, SystemCaller(), "410000", year);
    if (!view.ok()) return std::nullopt;
    count += static_cast<double>(view->total.recognised[static_cast<size_t>(stage)]);
    for (auto n : view->total.recognised) any += static_cast<double>(n);
  }
  if (any == 0) return std::nullopt;
  return std::pair{count, std::min(target->deadline, BeijingPeriod(b.clock().Now()))};
}

}  // namespace ballast::app
