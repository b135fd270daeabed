// The analysis use cases as a caller asks them: scope, derived-figure scope, enterprise-level
// rows and their audit (see analysis.h).
#include <algorithm>

#include "app/analysis.h"
#include "app/answer_cache.h"
#include "app/audit.h"
#include "app/ballast.h"
#include "app/disclosure.h"
#include "app/groups.h"
#include "app/parks.h"
#include "app/region_series.h"
#include "engine/measures.h"
#include "metrics/metrics.h"
#include "store/open.h"

namespace ballast::app {

namespace {

// share, contrib_pp and contrib_share: the measures that compare a cell with its parent.
bool IsParentRelative(const std::string& name) {
  auto m = ParseMeasure(name);
  return m.ok() && NeedsParent(*m);
}

// A share or contribution of region R along the region dimension compares R with its parent:
// from R's value and share anyone can divide out the parent's total. Outside the scope, they go.
void RestrictDerived(const Ballast& b, const Caller& caller,
                     const std::vector<std::string>& measures, const std::string& of,
                     const std::string& region_code, Row& row) {
  if (of != "region" || caller.whole_country()) return;
  const CodeTree& regions = b.catalog().regions();
  // A region group's parent is the whole country, outside any narrower scope.
  const bool group = region_code.rfind('@', 0) == 0;
  const NodeId n = group ? b.catalog().country() : regions.Find(region_code);
  if (n == kNoNode) return;
  const NodeId parent = group ? n : regions.node(n).parent;
  if (parent != kNoNode && b.access().InScope(caller, parent)) return;
  for (size_t i = 0; i < measures.size() && i < row.values.size(); ++i) {
    if (IsParentRelative(measures[i])) row.values[i] = std::nullopt;
  }
}

std::string OfOf(const CellRequest& r) { return r.of.empty() ? "industry" : r.of; }

// A park is read only by those whose scope holds its region; one outside it is answered like an
// unknown one (ApplyParkFilter's words), so park codes of other regions cannot be probed.
Status CheckPark(Ballast& b, const Caller& caller, const std::string& park) {
  if (park.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(auto store, OpenParkStore(b.path()));
  ASSIGN_OR_RETURN(auto all, store->ListParks());
  for (const auto& p : all) {
    if (p.code == park && b.access().InScope(caller, p.region)) return Status::Ok();
  }
  return Status::Invalid("park: '" + park + "' is not a known park");
}

Status CheckAggregate(Ballast& b, const Caller& caller, const CellRequest& r) {
  RETURN_IF_ERROR(b.access().Require(caller, auth::Permission::kReadAggregate));
  RETURN_IF_ERROR(CheckPark(b, caller, r.park));
  if (r.region.rfind('@', 0) != 0) return b.access().CheckRegion(caller, r.region);
  // A region group is read only by those who may read every member: a group is never a way
  // round the scope (a city user cannot sum other cities through it).
  ASSIGN_OR_RETURN(auto members, RegionGroupMembers(b.catalog(), r.region));
  for (const auto& code : members) RETURN_IF_ERROR(b.access().CheckRegion(caller, code));
  return Status::Ok();
}

// An enterprise the caller may see at all; NotFound alike for unknown and out of scope.
Result<EnterpriseInfo> VisibleEnterprise(Ballast& b, const Caller& caller, const std::string& uscc,
                                         BatchId as_of) {
  auto e = GetEnterprise(b.workspace(), uscc, as_of);
  const bool own = caller.role == auth::Role::kEnterprise && uscc == caller.uscc;
  if (!e.ok()) {
    if (e.status().code() == StatusCode::kNotFound && !own) return EnterpriseNotFound();
    return e.status();
  }
  if (!b.access().MaySeeEnterprise(caller, uscc, e->region.code)) return EnterpriseNotFound();
  AuditSuccess(b, caller, "read.enterprise", uscc, "");
  return e;
}

// The cell an answer stands for, from its codes (groups and tags included).
Result<CellRef> RefOf(const Ballast& b, const Panel& panel, const std::string& indicator,
                      const std::string& period, const std::string& region,
                      const std::string& industry, const std::vector<std::string>& tags,
                      const std::string& park) {
  const Catalog& c = b.catalog();
  CellRef ref;
  ref.indicator = c.FindIndicator(indicator);
  ASSIGN_OR_RETURN(ref.period, ParsePeriod(period));
  if (ref.indicator < 0 || !ResolveCellScope(c, region, industry, tags, &ref).ok()) {
    return Status::Internal("cannot resolve the cell of an answer");
  }
  if (!park.empty()) RETURN_IF_ERROR(ApplyParkFilter(b.path(), panel, park, &ref));
  return ref;
}

// Marks a node's row and its children's rows (region or industry codes) by their status.
Status ProtectRows(const Ballast& b, const Panel& panel, Disclosure& d, const CellAnswer& node,
                   bool by_region, Row& node_row, const std::vector<Row*>& rows) {
  ASSIGN_OR_RETURN(CellRef ref, RefOf(b, panel, node.indicator, node.period, node.region.code,
                                      node.industry.code, node.tags, node.park));
  RETURN_IF_ERROR(d.Protect(ref, node_row));
  // The children of a group along its dimension are its members, plain cells of that dimension.
  const CellRef base = WithoutGroup(ref, by_region);
  for (Row* r : rows) {
    CellRef child = base;
    if (by_region) {
      child.region = b.catalog().regions().Find(r->label.code);
    } else {
      child.industry = b.catalog().FindIndustry(r->label.code);
    }
    RETURN_IF_ERROR(d.Protect(child, *r));
  }
  return Status::Ok();
}

// The cache key of an answer (app/answer_cache.h): the use case, the caller's scope — role,
// region, enterprise and unit, everything app/access.h decides by besides the user's name — and
// every field of the request.
CacheKey AnswerKey(std::string_view kind, const Caller& caller, const CellRequest& r) {
  CacheKey k(kind);
  k.Add(auth::RoleName(caller.role)).Add(caller.region).Add(caller.uscc).Add(caller.unit);
  k.Add(r.indicator).Add(static_cast<int64_t>(r.measures.size()));
  for (const auto& m : r.measures) k.Add(m);
  k.Add(r.period).Add(r.region).Add(r.industry).Add(static_cast<int64_t>(r.tags.size()));
  for (const auto& t : r.tags) k.Add(t);
  k.Add(r.park).Add(r.of).Add(r.as_of);
  return k;
}

// Answers from the panel alone are cached; figures published per region and park memberships
// live in stores of their own that change without a new snapshot.
bool Cacheable(const CellRequest& r) {
  return r.park.empty() && !IsRegionSeriesIndicator(r.indicator);
}

// The indicators an answer reads, for carrying it over to the next snapshot when a batch
// changed none of them (AnswerCache::CarryFrom): the request's and those it derives from. None
// (it may read anything) when a period is left to the default, which follows output value's
// report rate.
std::vector<std::string> Reads(const Ballast& b, const CellRequest& r,
                               std::initializer_list<std::string_view> periods) {
  for (std::string_view p : periods) {
    if (p.empty()) return {};
  }
  std::vector<std::string> out;
  std::vector<std::string> next = {r.indicator};
  while (!next.empty()) {
    std::string code = std::move(next.back());
    next.pop_back();
    if (code.empty() || std::find(out.begin(), out.end(), code) != out.end()) continue;
    const int i = b.catalog().FindIndicator(code);
    if (i < 0) return {};
    const Indicator& ind = b.catalog().indicators()[static_cast<size_t>(i)];
    next.push_back(ind.numerator);
    next.push_back(ind.denominator);
    out.push_back(std::move(code));
  }
  return out;
}

// The region whose enterprises alone an answer reads, for carrying it over a batch that moved
// none of them: the parent of the request's region (a node's row, its share and contribution
// compare it with its parent; disclosure control may weigh its siblings), or the region itself
// at the top. kNoNode (any) for a park's answer or a default or non-region scope.
NodeId ReadsWithin(const Ballast& b, const CellRequest& r) {
  if (r.region.empty() || !r.park.empty()) return kNoNode;
  const CodeTree& tree = b.catalog().regions();
  const NodeId n = tree.Find(r.region);
  if (n == kNoNode) return kNoNode;
  const NodeId parent = tree.node(n).parent;
  return parent == kNoNode ? n : parent;
}

Result<CellAnswer> ComputeCell(Ballast& b, const Caller& caller, const CellRequest& request) {
  ASSIGN_OR_RETURN(CellAnswer a, QueryCell(b.workspace(), request));
  RestrictDerived(b, caller, a.measures, OfOf(request), a.region.code, a.row);
  // Published region figures are public aggregates: no enterprise behind them to protect.
  if (IsRegionSeriesIndicator(request.indicator)) return a;
  ASSIGN_OR_RETURN(auto snap, b.workspace().GetSnapshot(request.as_of));
  Disclosure d(*snap, b.catalog(), GetsPublishedFigures(b.access(), caller));
  ASSIGN_OR_RETURN(CellRef ref, RefOf(b, *snap->panel, a.indicator, a.period, a.region.code,
                                      a.industry.code, a.tags, a.park));
  RETURN_IF_ERROR(d.Protect(ref, a.row));
  return a;
}

Result<TableAnswer> ComputeTable(Ballast& b, const Caller& caller, const TableRequest& request) {
  const bool enterprises = request.dim == "enterprise";
  ASSIGN_OR_RETURN(TableAnswer t, QueryTable(b.workspace(), request));
  // The node's own row compares it with its parent along the table's dimension.
  const std::string dim = t.dim == "enterprise" ? "industry" : t.dim;
  RestrictDerived(b, caller, t.parent.measures, dim, t.parent.region.code, t.parent.row);
  if (IsRegionSeriesIndicator(request.indicator)) return t;  // public aggregates, as in QueryCell
  if (!enterprises) {
    std::vector<Row*> rows;
    for (auto& r : t.rows) rows.push_back(&r);
    ASSIGN_OR_RETURN(auto snap, b.workspace().GetSnapshot(request.as_of));
    Disclosure d(*snap, b.catalog(), GetsPublishedFigures(b.access(), caller));
    RETURN_IF_ERROR(
        ProtectRows(b, *snap->panel, d, t.parent, t.dim == "region", t.parent.row, rows));
    // Ranks among what is published only: a gap in the ranks would place a withheld figure.
    if (d.published()) {
      const auto it = std::find(t.parent.measures.begin(), t.parent.measures.end(), request.sort);
      const size_t k =
          it == t.parent.measures.end() ? 0 : static_cast<size_t>(it - t.parent.measures.begin());
      std::vector<std::optional<double>> keys;
      for (const auto& r : t.rows) keys.push_back(k < r.values.size() ? r.values[k] : std::nullopt);
      const auto ranks = RankValues(keys, request.ascending);
      for (size_t i = 0; i < t.rows.size(); ++i) t.rows[i].rank = ranks[i];
    }
  }
  return t;
}

Result<SeriesAnswer> ComputeSeries(Ballast& b, const Caller& caller, const SeriesRequest& request) {
  ASSIGN_OR_RETURN(SeriesAnswer s, QuerySeries(b.workspace(), request));
  if (IsRegionSeriesIndicator(request.indicator)) return s;  // public aggregates, as in QueryCell
  const std::string of = OfOf(request);
  ASSIGN_OR_RETURN(auto snap, b.workspace().GetSnapshot(request.as_of));
  Disclosure d(*snap, b.catalog(), GetsPublishedFigures(b.access(), caller));
  for (auto& [period, row] : s.points) {
    RestrictDerived(b, caller, s.cell.measures, of, s.cell.region.code, row);
    ASSIGN_OR_RETURN(CellRef ref,
                     RefOf(b, *snap->panel, s.cell.indicator, period, s.cell.region.code,
                           s.cell.industry.code, s.cell.tags, s.cell.park));
    RETURN_IF_ERROR(d.Protect(ref, row));
  }
  if (!s.points.empty()) s.cell.row = s.points.back().second;
  return s;
}

Result<RankingAnswer> ComputeRanking(Ballast& b, const Caller& caller, const CellRequest& request) {
  ASSIGN_OR_RETURN(RankingAnswer a, QueryRanking(b.workspace(), request));
  RestrictDerived(b, caller, a.parent.measures, "region", a.parent.region.code, a.parent.row);
  if (IsRegionSeriesIndicator(request.indicator)) return a;  // public aggregates, as in QueryCell
  // The ranked children are a table of the parent: protect them as one, then carry the marks.
  std::vector<Row> rows(a.rows.size());
  std::vector<Row*> ptrs;
  for (size_t i = 0; i < a.rows.size(); ++i) {
    rows[i].label = a.rows[i].label;
    rows[i].values = {a.rows[i].value};
    ptrs.push_back(&rows[i]);
  }
  ASSIGN_OR_RETURN(auto snap, b.workspace().GetSnapshot(request.as_of));
  Disclosure d(*snap, b.catalog(), GetsPublishedFigures(b.access(), caller));
  RETURN_IF_ERROR(ProtectRows(b, *snap->panel, d, a.parent, true, a.parent.row, ptrs));
  for (size_t i = 0; i < a.rows.size(); ++i) {
    a.rows[i].would_suppress = rows[i].would_suppress;
    a.rows[i].suppressed = rows[i].suppressed;
    if (!rows[i].suppressed.empty()) {
      a.rows[i].value = std::nullopt;
      a.rows[i].rank = a.rows[i].prev_rank = a.rows[i].rank_change = std::nullopt;
    }
  }
  return a;
}

}  // namespace

namespace {

template <typename T, typename Request>
using Compute = Result<T> (*)(Ballast&, const Caller&, const Request&);

// Makes an answer of the latest snapshot again on the snapshot pinned on this thread (a new one
// about to be served: AnswerCache::MakeAgain), with the renderings its earlier self had. A copy
// of the request and of the caller's scope, never their session: the key it is kept under
// holds that scope, and every reader passes its own checks before the cache is read.
template <typename T, typename Request>
struct Remake {
  Ballast* b;
  Caller caller;
  Request request;
  std::string key;
  std::vector<std::string> reads;
  NodeId within;
  Compute<T, Request> compute;
  std::weak_ptr<const Kept<T>> was;

  void operator()() const {
    auto snap = b->workspace().GetSnapshot(kLatestBatch);
    if (!snap.ok()) return;
    auto made = compute(*b, caller, request);
    if (!made.ok()) return;  // its next reader meets the error
    auto kept = std::make_shared<const Kept<T>>(std::move(made).value());
    if (auto earlier = was.lock()) {
      for (const auto& r : earlier->renderings()) kept->Rendered(r);
    }
    Keep(**snap, kept);
  }
  // Puts `kept` in `snap`'s cache with the means to make it again.
  void Keep(const Snapshot& snap, const std::shared_ptr<const Kept<T>>& kept) const {
    Remake next = *this;
    next.was = kept;
    std::function<void()> remake;
    if (request.as_of == kLatestBatch) remake = std::move(next);
    snap.answers->Put(key, kept, reads, within, std::move(remake));
  }
};

// Looks the answer up in the snapshot's cache, else computes it there (with the snapshot pinned,
// so that figures and disclosure control read the same one) and keeps it with its renderings.
template <typename T, typename Request>
Result<std::shared_ptr<const Kept<T>>> Cached(Ballast& b, const Caller& caller,
                                              const Request& request, const CacheKey& key,
                                              std::vector<std::string> reads, NodeId within,
                                              Compute<T, Request> compute) {
  if (!Cacheable(request)) {
    ASSIGN_OR_RETURN(T answer, compute(b, caller, request));
    return std::make_shared<const Kept<T>>(std::move(answer));
  }
  ASSIGN_OR_RETURN(auto snap, b.workspace().GetSnapshot(request.as_of));
  SnapshotPin pin(b.workspace(), snap);
  auto hit = snap->answers->template Find<Kept<T>>(key.str());
  metrics::Metrics::Global().CountAnswer(hit != nullptr);
  if (hit != nullptr) return hit;
  ASSIGN_OR_RETURN(T answer, compute(b, caller, request));
  auto kept = std::make_shared<const Kept<T>>(std::move(answer));
  Remake<T, Request>{&b, caller, request, key.str(), std::move(reads), within, compute, {}}.Keep(
      *snap, kept);
  return kept;
}

Result<std::shared_ptr<const Kept<CellAnswer>>> KeptCell(Ballast& b, const Caller& caller,
                                                         const CellRequest& request) {
  RETURN_IF_ERROR(CheckAggregate(b, caller, request));
  return Cached<CellAnswer>(b, caller, request, AnswerKey("cell", caller, request),
                            Reads(b, request, {request.period}), ReadsWithin(b, request),
                            &ComputeCell);
}

Result<std::shared_ptr<const Kept<TableAnswer>>> KeptTable(Ballast& b, const Caller& caller,
                                                           const TableRequest& request) {
  RETURN_IF_ERROR(CheckAggregate(b, caller, request));
  const bool enterprises = request.dim == "enterprise";
  if (enterprises && !b.access().MayListEnterprises(caller)) {
    return Status::Denied("enterprise-level rows need the analyst role");
  }
  CacheKey key = AnswerKey("table", caller, request);
  key.Add(request.dim)
      .Add(request.sort)
      .Add(request.ascending ? "asc" : "desc")
      .Add(static_cast<int64_t>(request.limit));
  ASSIGN_OR_RETURN(auto kept,
                   Cached<TableAnswer>(b, caller, request, key, Reads(b, request, {request.period}),
                                       ReadsWithin(b, request), &ComputeTable));
  // Every read of enterprise-level rows is on the record, from the cache or not.
  if (enterprises && !IsRegionSeriesIndicator(request.indicator)) {
    const TableAnswer& t = kept->answer();
    AuditSuccess(b, caller, "read.enterprise_rows",
                 "region=" + t.parent.region.code + " industry=" + t.parent.industry.code,
                 std::to_string(t.rows.size()) + " enterprises");
  }
  return kept;
}

Result<std::shared_ptr<const Kept<SeriesAnswer>>> KeptSeries(Ballast& b, const Caller& caller,
                                                             const SeriesRequest& request) {
  RETURN_IF_ERROR(CheckAggregate(b, caller, request));
  CacheKey key = AnswerKey("series", caller, request);
  key.Add(request.from).Add(request.to);
  return Cached<SeriesAnswer>(b, caller, request, key,
                              Reads(b, request, {request.from, request.to}),
                              ReadsWithin(b, request), &ComputeSeries);
}

Result<std::shared_ptr<const Kept<RankingAnswer>>> KeptRanking(Ballast& b, const Caller& caller,
                                                               const CellRequest& request) {
  RETURN_IF_ERROR(CheckAggregate(b, caller, request));
  return Cached<RankingAnswer>(b, caller, request, AnswerKey("ranking", caller, request),
                               Reads(b, request, {request.period}), ReadsWithin(b, request),
                               &ComputeRanking);
}

template <typename T>
Result<T> Answer(Result<std::shared_ptr<const Kept<T>>> kept) {
  if (!kept.ok()) return kept.status();
  return (*kept)->answer();
}

template <typename T>
Result<std::shared_ptr<const std::string>> Rendered(Result<std::shared_ptr<const Kept<T>>> kept,
                                                    const Rendering<T>& r) {
  if (!kept.ok()) return kept.status();
  return (*kept)->Rendered(r);
}

}  // namespace

Result<CellAnswer> QueryCell(Ballast& b, const Caller& caller, const CellRequest& request) {
  return Answer(KeptCell(b, caller, request));
}
Result<TableAnswer> QueryTable(Ballast& b, const Caller& caller, const TableRequest& request) {
  return Answer(KeptTable(b, caller, request));
}
Result<SeriesAnswer> QuerySeries(Ballast& b, const Caller& caller, const SeriesRequest& request) {
  return Answer(KeptSeries(b, caller, request));
}
Result<RankingAnswer> QueryRanking(Ballast& b, const Caller& caller, const CellRequest& request) {
  return Answer(KeptRanking(b, caller, request));
}

Result<std::shared_ptr<const std::string>> QueryCell(Ballast& b, const Caller& caller,
                                                     const CellRequest& request,
                                                     const Rendering<CellAnswer>& r) {
  return Rendered(KeptCell(b, caller, request), r);
}
Result<std::shared_ptr<const std::string>> QueryTable(Ballast& b, const Caller& caller,
                                                      const TableRequest& request,
                                                      const Rendering<TableAnswer>& r) {
  return Rendered(KeptTable(b, caller, request), r);
}
Result<std::shared_ptr<const std::string>> QuerySeries(Ballast& b, const Caller& caller,
                                                       const SeriesRequest& request,
                                                       const Rendering<SeriesAnswer>& r) {
  return Rendered(KeptSeries(b, caller, request), r);
}
Result<std::shared_ptr<const std::string>> QueryRanking(Ballast& b, const Caller& caller,
                                                        const CellRequest& request,
                                                        const Rendering<RankingAnswer>& r) {
  return Rendered(KeptRanking(b, caller, request), r);
}

Result<EnterpriseInfo> GetEnterprise(Ballast& b, const Caller& caller, const std::string& uscc,
                                     BatchId as_of) {
  return VisibleEnterprise(b, caller, uscc, as_of);
}

Result<std::vector<EnterpriseInfo>> SearchEnterprises(Ballast& b, const Caller& caller,
                                                      const std::string& query, size_t limit) {
  // An enterprise user finds only itself: MaySeeEnterprise decides per hit.
  RETURN_IF_ERROR(b.access().Require(caller, auth::Permission::kReadEnterprise));
  ASSIGN_OR_RETURN(auto hits,
                   SearchEnterprises(b.workspace(), query, limit, [&](const EnterpriseInfo& e) {
                     return b.access().MaySeeEnterprise(caller, e.uscc, e.region.code);
                   }));
  AuditSuccess(b, caller, "read.enterprise_search", "", query);
  return hits;
}

Result<std::vector<EnterprisePoint>> GetEnterpriseSeries(Ballast& b, const Caller& caller,
                                                         const std::string& uscc,
                                                         const std::string& indicator,
                                                         const std::string& from,
                                                         const std::string& to, BatchId as_of) {
  RETURN_IF_ERROR(VisibleEnterprise(b, caller, uscc, as_of).status());
  return GetEnterpriseSeries(b.workspace(), uscc, indicator, from, to, as_of);
}

}  // namespace ballast::app
