// The supply-chain use cases over the store: imports of chains, firm links and firm attributes,
// and the scoped analysis of a chain in a region.
#include <set>

#include "app/chain.h"
#include "chain/csv_records.h"
#include "chain/firm_info.h"
#include "chain/firm_links.h"
#include "store/open.h"

namespace ballast::app {
namespace {

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ";") + s;
  return out;
}

Result<std::unique_ptr<ChainStore>> OpenChainStore(Ballast& b) {
  return ::ballast::OpenChainStore(b.path());  // SQLite or PostgreSQL by the locator
}

Status CheckImport(Ballast& b, const Caller& c) { return MayImportChainData(b, c); }

ChainImportRecord Info(Ballast& b, const Caller& c, const char* kind, const std::string& file,
                       size_t rows) {
  return {0, kind, file, static_cast<int64_t>(rows), c.username, FormatUtc(b.clock().Now())};
}

Result<chain::ChainCatalog> LoadCatalog(Ballast& b, ChainStore& store) {
  ASSIGN_OR_RETURN(ChainSetRecord set, store.LoadChains());
  if (set.chains.empty()) return chain::ShippedChains(b.catalog());
  chain::ChainCatalog out;
  for (auto& r : set.chains)
    out.chains.push_back({r.chain, r.name_zh, r.name_en, r.region, r.lead_unit});
  for (auto& r : set.segments) {
    out.segments.push_back({r.chain, r.segment, r.name_zh, r.stage, chain::SplitList(r.industries),
                            chain::SplitList(r.products)});
  }
  for (auto& r : set.edges)
    out.edges.push_back({r.chain, r.from, r.to, chain::SplitList(r.products)});
  return out;
}

}  // namespace

Status MayImportChainData(Ballast& b, const Caller& c) {
  RETURN_IF_ERROR(b.access().Require(c, auth::Permission::kImport));
  return b.access().CheckCountry(c, "importing supply-chain data (it replaces the whole set)");
}

Result<ChainImportRecord> ImportChains(Ballast& b, const Caller& c,
                                       const std::optional<ChainFiles>& files) {
  RETURN_IF_ERROR(CheckImport(b, c));
  ASSIGN_OR_RETURN(
      chain::ChainCatalog cat,
      files ? chain::ReadChainCatalog(files->chains, files->segments, files->edges, b.catalog())
            : chain::ShippedChains(b.catalog()));
  ChainSetRecord set;
  for (const auto& ch : cat.chains)
    set.chains.push_back({ch.id, ch.name_zh, ch.name_en, ch.region, ch.lead_unit});
  for (const auto& s : cat.segments) {
    set.segments.push_back(
        {s.chain, s.id, s.name_zh, s.stage, Join(s.industries), Join(s.products)});
  }
  for (const auto& e : cat.edges) set.edges.push_back({e.chain, e.from, e.to, Join(e.products)});
  ASSIGN_OR_RETURN(auto store, OpenChainStore(b));
  auto info = Info(b, c, "chains", files ? files->chains.file_name : "data/chains (shipped)",
                   set.chains.size() + set.segments.size() + set.edges.size());
  RETURN_IF_ERROR(store->ReplaceChains(set, info));
  return info;
}

Result<ChainImportRecord> ImportFirmLinks(Ballast& b, const Caller& c, std::string_view bytes,
                                          const std::string& file_name) {
  RETURN_IF_ERROR(CheckImport(b, c));
  ASSIGN_OR_RETURN(auto links, chain::ReadFirmLinks(bytes, file_name));
  std::vector<FirmLinkRecord> rows;
  rows.reserve(links.size());
  for (auto& l : links) rows.push_back({l.supplier, l.customer, l.product, l.value, l.lead_days});
  ASSIGN_OR_RETURN(auto store, OpenChainStore(b));
  auto info = Info(b, c, "links", file_name, rows.size());
  RETURN_IF_ERROR(store->ReplaceFirmLinks(rows, info));
  return info;
}

Result<ChainImportRecord> ImportFirms(Ballast& b, const Caller& c, std::string_view bytes,
                                      const std::string& file_name) {
  RETURN_IF_ERROR(CheckImport(b, c));
  ASSIGN_OR_RETURN(auto firms, chain::ReadFirmInfo(bytes, file_name, b.catalog()));
  std::vector<FirmRecord> rows;
  rows.reserve(firms.size());
  for (auto& f : firms)
    rows.push_back({f.id, f.name, f.region, f.industry, f.capacity, f.inventory_days});
  ASSIGN_OR_RETURN(auto store, OpenChainStore(b));
  auto info = Info(b, c, "firms", file_name, rows.size());
  RETURN_IF_ERROR(store->ReplaceFirms(rows, info));
  return info;
}

Result<chain::ChainCatalog> ListChains(Ballast& b, const Caller& c) {
  RETURN_IF_ERROR(b.access().Require(c, auth::Permission::kReadAggregate));
  ASSIGN_OR_RETURN(auto store, OpenChainStore(b));
  return LoadCatalog(b, *store);
}

Result<ChainReport> AnalyzeChainInStore(Ballast& b, const Caller& c, const std::string& chain_id,
                                        const std::string& region, double hhi_threshold) {
  const Access& access = b.access();
  RETURN_IF_ERROR(access.Require(c, auth::Permission::kReadAggregate));
  const std::string where =
      region.empty() ? (c.region.empty() ? std::string(kCountryCode) : c.region) : region;
  if (b.catalog().regions().Find(where) == kNoNode) {
    return Status::Invalid("region '" + where + "' is not a GB/T 2260 code");
  }
  RETURN_IF_ERROR(access.CheckRegion(c, where));
  if (!(hhi_threshold >= 0 && hhi_threshold <= 1))
    return Status::Invalid("hhi threshold: give a number in 0..1");
  ASSIGN_OR_RETURN(auto store, OpenChainStore(b));
  ASSIGN_OR_RETURN(chain::ChainCatalog cat, LoadCatalog(b, *store));
  const chain::ChainDef* def = cat.Find(chain_id);
  if (!def) return NotFoundAs("chain '" + chain_id + "'");
  ASSIGN_OR_RETURN(auto link_rows, store->LoadFirmLinks());
  ASSIGN_OR_RETURN(auto firm_rows, store->LoadFirms());
  std::vector<chain::FirmLink> links;
  for (auto& l : link_rows)
    links.push_back({l.supplier, l.customer, l.product, l.value, l.lead_days, 0});
  std::vector<chain::FirmInfo> firms;
  std::map<std::string, const FirmRecord*> by_id;
  for (auto& f : firm_rows) {
    firms.push_back({f.firm, f.name, f.region, f.industry, f.capacity, f.inventory_days});
    by_id[f.firm] = &f;
  }
  chain::ChainAnalysisOptions o;
  o.chain = chain_id;
  o.region = where;
  o.hhi_threshold = hhi_threshold;
  ASSIGN_OR_RETURN(chain::ChainAnalysis a, chain::AnalyzeChain(cat, links, firms, b.catalog(), o));

  ChainReport r;
  r.chain = *def;
  for (const auto* s : cat.SegmentsOf(chain_id)) r.segments.push_back(*s);
  for (const auto* e : cat.EdgesOf(chain_id)) r.edges.push_back(*e);
  // Firms outside the caller's scope are shown by name only: their label is their name (or a
  // number), never their id.
  const bool lists = access.MayListEnterprises(c);
  int hidden = 0;
  std::map<std::string, std::string> label_of;
  auto label = [&](const std::string& id) -> std::string {
    if (auto it = label_of.find(id); it != label_of.end()) return it->second;
    auto f = by_id.find(id);
    FirmRef ref;
    if (f != by_id.end() && access.InScope(c, f->second->region)) {
      ref = {id, f->second->name, f->second->region};
    } else {
      ref.name = f != by_id.end() && !f->second->name.empty()
                     ? f->second->name
                     : "区外企业 " + std::to_string(++hidden);
      if (f != by_id.end()) ref.region = f->second->region;
    }
    std::string l = ref.id.empty() ? ref.name : ref.id;
    if (r.firm_index.count(l)) l += " (" + std::to_string(r.firms.size() + 1) + ")";  // namesakes
    r.firm_index[l] = r.firms.size();
    r.firms.push_back(ref);
    label_of[id] = l;
    return l;
  };
  if (!lists) {
    for (auto& s : a.segments) s.candidates.clear();
    a.single_source.clear();
    a.key_nodes.clear();
  }
  for (auto& s : a.segments) {
    for (auto& id : s.candidates) id = label(id);
  }
  for (auto& in : a.single_source) {
    in.customer = label(in.customer);
    in.top_supplier = label(in.top_supplier);
  }
  for (auto& k : a.key_nodes) {
    k.firm = label(k.firm);
    for (auto& d : k.dependants) d = label(d);
    for (auto& alt : k.alternatives) alt = label(alt);
    for (auto& s : k.sole_supply) {
      const auto arrow = s.rfind("→");
      if (arrow != std::string::npos)
        s = s.substr(0, arrow) + "→" + label(s.substr(arrow + std::string("→").size()));
    }
  }
  r.analysis = std::move(a);
  return r;
}

}  // namespace ballast::app
