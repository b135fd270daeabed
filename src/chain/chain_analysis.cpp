#include "chain/chain_analysis.h"

#include <algorithm>
#include <map>
#include <set>

#include "chain/cascade.h"
#include "chain/firm_network.h"
#include "chain/graph_measures.h"

namespace ballast::chain {
namespace {

std::optional<double> Ratio(double num, double den) {
  if (!(den > 0)) return std::nullopt;
  return num / den;
}

}  // namespace

Result<ChainAnalysis> AnalyzeChain(const ChainCatalog& chains, const std::vector<FirmLink>& links,
                                   const std::vector<FirmInfo>& firms, const Catalog& catalog,
                                   const ChainAnalysisOptions& options) {
  if (!chains.Find(options.chain))
    return Status::NotFound("chain '" + options.chain + "' is not defined");
  const NodeId region = catalog.regions().Find(options.region);
  if (region == kNoNode)
    return Status::Invalid("region '" + options.region + "' is not a GB/T 2260 code");
  const auto segments = chains.SegmentsOf(options.chain);

  const FirmNetwork net(links);
  const int n = net.size();
  // Per firm of the network: attributes, inside the region, segments of this chain.
  std::vector<const FirmInfo*> info(static_cast<size_t>(n), nullptr);
  std::map<std::string, const FirmInfo*> by_id;
  for (const auto& f : firms) by_id[f.id] = &f;
  ChainAnalysis out;
  out.chain = options.chain;
  out.region = options.region;
  std::vector<bool> in_region(static_cast<size_t>(n), false);
  std::vector<std::vector<size_t>> seg_of(static_cast<size_t>(n));
  auto segments_of = [&](const FirmInfo& f) {
    std::vector<size_t> s;
    const NodeId ind = catalog.FindIndustry(f.industry);
    for (size_t k = 0; k < segments.size(); ++k) {
      for (const auto& code : segments[k]->industries) {
        if (catalog.industries().Contains(catalog.FindIndustry(code), ind)) {
          s.push_back(k);
          break;
        }
      }
    }
    return s;
  };
  auto region_has = [&](const FirmInfo& f) {
    return catalog.regions().Contains(region, catalog.regions().Find(f.region));
  };
  for (int v = 0; v < n; ++v) {
    auto it = by_id.find(net.id(v));
    if (it == by_id.end()) {
      ++out.firms_unknown;
      continue;
    }
    info[v] = it->second;
    in_region[v] = region_has(*it->second);
    seg_of[v] = segments_of(*it->second);
  }

  // Segments: firms here and elsewhere (from the firm list, linked or not), purchases.
  out.segments.resize(segments.size());
  std::map<std::string, double> sales;  // by supplier, for ranking candidates
  for (const auto& l : links) sales[l.supplier] += l.value;
  std::vector<std::vector<std::pair<double, std::string>>> elsewhere(segments.size());
  for (const auto& f : firms) {
    const bool here = region_has(f);
    for (size_t k : segments_of(f)) {
      if (here) {
        ++out.segments[k].firms_in_region;
      } else {
        ++out.segments[k].firms_elsewhere;
        elsewhere[k].push_back({-sales[f.id], f.id});
      }
    }
  }
  std::set<std::string> chain_firms_here;
  for (const auto& f : firms) {
    if (region_has(f) && !segments_of(f).empty()) chain_firms_here.insert(f.id);
  }
  out.firms_in_region = static_cast<int>(chain_firms_here.size());
  for (const auto& l : links) {
    const int c = *net.Find(l.customer), s = *net.Find(l.supplier);
    if (!in_region[c] || seg_of[c].empty()) continue;
    const bool local = in_region[s];
    out.purchases += l.value;
    if (local) out.purchases_local += l.value;
    for (size_t k : seg_of[c]) {
      out.segments[k].purchases += l.value;
      if (local) out.segments[k].purchases_local += l.value;
    }
  }
  out.local_rate = Ratio(out.purchases_local, out.purchases);
  // Concentration by the supplier's province.
  {
    const int32_t province_depth = [&] {
      const NodeId henan = catalog.regions().Find("410000");
      return henan == kNoNode ? 1 : catalog.regions().node(henan).depth;
    }();
    std::map<std::string, double> by_province;
    for (const auto& l : links) {
      const int c = *net.Find(l.customer), s = *net.Find(l.supplier);
      if (!in_region[c] || seg_of[c].empty()) continue;
      std::string province;
      if (info[s]) {
        const NodeId p = catalog.regions().AncestorAtDepth(catalog.regions().Find(info[s]->region),
                                                           province_depth);
        province = p == kNoNode ? info[s]->region : catalog.regions().node(p).code;
      }
      by_province[province] += l.value;
    }
    for (const auto& [province, value] : by_province) {
      const double share = out.purchases > 0 ? value / out.purchases : 0;
      out.supplier_provinces.push_back({province, value, share});
      out.supplier_province_hhi += share * share;
    }
    std::stable_sort(out.supplier_provinces.begin(), out.supplier_provinces.end(),
                     [](const RegionShare& a, const RegionShare& b) { return a.value > b.value; });
  }
  for (size_t k = 0; k < segments.size(); ++k) {
    SegmentStatus& s = out.segments[k];
    s.segment = segments[k]->id;
    s.name_zh = segments[k]->name_zh;
    s.stage = segments[k]->stage;
    s.local_rate = Ratio(s.purchases_local, s.purchases);
    s.gap = s.firms_in_region == 0;
    if (s.gap) {
      std::sort(elsewhere[k].begin(), elsewhere[k].end());
      for (size_t i = 0; i < elsewhere[k].size() && i < options.max_candidates; ++i) {
        s.candidates.push_back(elsewhere[k][i].second);
      }
    }
  }

  // Single-source inputs of the chain's firms in the region.
  std::vector<std::vector<const FirmLink*>> into(static_cast<size_t>(n));
  for (const auto& l : links) into[*net.Find(l.customer)].push_back(&l);
  for (int c = 0; c < n; ++c) {
    if (!in_region[c] || seg_of[c].empty()) continue;
    std::map<std::string, std::map<std::string, double>> by_product;
    for (const FirmLink* l : into[c]) by_product[l->product][l->supplier] += l->value;
    for (const auto& [product, sup] : by_product) {
      double total = 0;
      for (const auto& [id, v] : sup) total += v;
      SingleSourceInput in{net.id(c), product, static_cast<int>(sup.size()), "", 0, 0, total};
      for (const auto& [id, v] : sup) {
        const double share = total > 0 ? v / total : 1.0 / static_cast<double>(sup.size());
        in.hhi += share * share;
        if (share > in.top_share) {
          in.top_share = share;
          in.top_supplier = id;
        }
      }
      if (in.suppliers == 1 || in.hhi > options.hhi_threshold)
        out.single_source.push_back(std::move(in));
    }
  }
  std::stable_sort(out.single_source.begin(), out.single_source.end(),
                   [](const auto& a, const auto& b) { return a.value > b.value; });

  // Key nodes: every firm whose stop fails chain firms of the region, or that they rely on alone.
  const auto dominated = SupplyDominated(net);
  const auto betweenness = Betweenness(net);
  const auto articulation = ArticulationPoints(net);
  std::map<std::string, std::set<std::string>> sellers_of;  // product -> suppliers
  for (const auto& l : links) sellers_of[l.product].insert(l.supplier);
  for (int v = 0; v < n; ++v) {
    if (net.customers(v).empty()) continue;  // supplies nobody: stops nobody
    KeyNode k;
    k.firm = net.id(v);
    k.in_region = in_region[v];
    for (size_t s : seg_of[v]) k.segments.push_back(segments[s]->id);
    const auto victims = CascadeVictims(net, v);
    k.failures = static_cast<int>(victims.size());
    for (int w : victims) {
      if (in_region[w] && !seg_of[w].empty()) k.dependants.push_back(net.id(w));
    }
    k.dominated = dominated[v];
    k.betweenness = betweenness[v];
    k.articulation = articulation[v];
    std::set<std::string> products;
    for (int c : net.customers(v)) {
      for (const auto& input : net.inputs(c)) {
        if (std::binary_search(input.suppliers.begin(), input.suppliers.end(), v)) {
          products.insert(input.product);
          if (input.suppliers.size() == 1 && in_region[c] && !seg_of[c].empty()) {
            k.sole_supply.push_back(input.product + "→" + net.id(c));
          }
        }
      }
    }
    std::set<std::string> alternatives;
    for (const auto& p : products) {
      for (const auto& s : sellers_of[p]) {
        if (s != k.firm) alternatives.insert(s);
      }
    }
    k.alternatives.assign(alternatives.begin(), alternatives.end());
    if (!k.dependants.empty() || !k.sole_supply.empty()) {
      std::vector<bool> seen(static_cast<size_t>(n), false);
      std::vector<int> stack = {v};
      seen[v] = true;
      while (!stack.empty()) {
        const int u = stack.back();
        stack.pop_back();
        for (int w : net.customers(u)) {
          if (!seen[w]) {
            seen[w] = true;
            ++k.reach;
            stack.push_back(w);
          }
        }
      }
    }
    if (k.dependants.empty() && k.sole_supply.empty()) continue;
    out.key_nodes.push_back(std::move(k));
  }
  std::sort(out.key_nodes.begin(), out.key_nodes.end(), [](const KeyNode& a, const KeyNode& b) {
    if (a.dependants.size() != b.dependants.size())
      return a.dependants.size() > b.dependants.size();
    if (a.sole_supply.size() != b.sole_supply.size())
      return a.sole_supply.size() > b.sole_supply.size();
    if (a.dominated != b.dominated) return a.dominated > b.dominated;
    if (a.betweenness != b.betweenness) return a.betweenness > b.betweenness;
    return a.firm < b.firm;
  });
  if (out.key_nodes.size() > options.max_key_nodes) out.key_nodes.resize(options.max_key_nodes);
  return out;
}

}  // namespace ballast::chain
