#include "app/disclosure.h"

#include <cmath>
#include <optional>
#include <unordered_map>

#include "core/incbin.h"
#include "sdc/secondary.h"
#include "sdc/table.h"

BALLAST_INCBIN(ballast_sdc_params, BALLAST_DATA_DIR "/sdc.toml")

namespace ballast::app {

namespace {

using Contributors = Disclosure::Contributors;

// The enterprises of the cell with a figure in `column` (kMissing where absent).
Contributors Collect(const Snapshot& snap, const CellRef& cell, const double* column) {
  Contributors c;
  if (column == nullptr) return c;
  const auto [lo, hi] = snap.query->RegionRange(cell.region);
  for (uint32_t e = lo; e < hi; ++e) {
    if (IsMissing(column[e]) || !snap.query->InCell(e, cell)) continue;
    const double x = std::fabs(column[e]);
    c.magnitudes.push_back(x);
    c.total += x;
  }
  return c;
}

// A cell without a group, tag or park: its findings are the snapshot's (app/cell_statuses.h).
// Filtered cells stay with the answer: a group's members and a park's are not the snapshot's.
std::optional<CellStatuses::Key> Shared(const CellRef& cell) {
  if (cell.filter != nullptr && !cell.filter->empty()) return std::nullopt;
  return CellStatuses::Key{cell.indicator, cell.period, cell.region, cell.industry};
}

bool Derived(const Snapshot& snap, const CellRef& cell) {
  return snap.panel->catalog().indicators()[static_cast<size_t>(cell.indicator)].derived();
}

sdc::Suppression Worse(sdc::Suppression a, sdc::Suppression b) {
  if (sdc::IsSuppressed(a) && a != sdc::Suppression::kSecondary) return a;  // a primary reason wins
  if (sdc::IsSuppressed(b) && b != sdc::Suppression::kSecondary) return b;
  return sdc::IsSuppressed(a) ? a : b;
}

}  // namespace

const sdc::SdcParams& DisclosureParams() {
  static const sdc::SdcParams params = [] {
    auto p = sdc::ParseSdcParams(BALLAST_INCBIN_VIEW(ballast_sdc_params), "data/sdc.toml");
    return p.ok() ? *p : sdc::SdcParams{};
  }();
  return params;
}

bool GetsPublishedFigures(const Access& access, const Caller& caller) {
  return !access.MayListEnterprises(caller);
}

// Monthly values, else (figures reported as cumulative only) the year-to-date figures. Kept for
// the answer: a sibling table reads each child's magnitude and then its primary reason.
const Disclosure::Contributors& Disclosure::Contribution(const CellRef& cell) {
  const Key key = KeyOf(cell);
  if (auto it = contributions_.find(key); it != contributions_.end()) return it->second;
  const Panel& panel = *snap_.panel;
  Contributors c = Collect(snap_, cell, panel.Values(cell.indicator, cell.period));
  if (c.magnitudes.empty()) {
    auto& ytd = ytd_[{cell.indicator, cell.period}];
    if (ytd.empty()) panel.Ytd(cell.indicator, cell.period, &ytd);
    c = Collect(snap_, cell, ytd.data());
  }
  return contributions_[key] = std::move(c);
}

// What Collect finds for each child, and for the parent when its findings are not known, in one
// pass over the parent's enterprises instead of one per cell (a child industry's pass reads its
// whole region): an enterprise counts for the parent and for the child whose subtree holds its
// node, in the same order, so every sum is the same. A cell with no monthly values is left to
// Contribution (its year-to-date figures).
void Disclosure::GatherChildren(const CellRef& parent, bool by_region,
                                const std::vector<CellRef>& children) {
  if (Derived(snap_, parent)) return;
  const Panel& panel = *snap_.panel;
  const double* column = panel.Values(parent.indicator, parent.period);
  if (column == nullptr) return;
  const CodeTree& tree = by_region ? catalog_.regions() : catalog_.industries();
  const int32_t depth = tree.node(by_region ? parent.region : parent.industry).depth + 1;
  auto known = [&](const CellRef& cell) {
    return contributions_.contains(KeyOf(cell)) || primary_.contains(KeyOf(cell));
  };
  std::unordered_map<NodeId, size_t> slot_of;  // child node -> index in `children`
  for (size_t i = 0; i < children.size(); ++i) {
    if (!known(children[i])) slot_of[by_region ? children[i].region : children[i].industry] = i;
  }
  // The parent as Magnitude and Primary would find it: from the snapshot's findings, else by a
  // pass.
  bool with_parent = !known(parent) && !magnitude_.contains(KeyOf(parent));
  if (const auto shared = Shared(parent); with_parent && shared) {
    const auto kept = snap_.statuses->Find(*shared);
    with_parent = !kept.magnitude || !kept.primary;
  }
  if (slot_of.size() + (with_parent ? 1 : 0) < 2) return;
  // Each code's child slot, -1 under none: a table read per enterprise rather than a walk up
  // the tree and a lookup.
  std::vector<int32_t> slot_at(tree.size(), -1);
  for (size_t n = 0; n < tree.size(); ++n) {
    const auto node = static_cast<NodeId>(n);
    if (tree.node(node).depth < depth) continue;
    auto it = slot_of.find(tree.AncestorAtDepth(node, depth));
    if (it != slot_of.end()) slot_at[n] = static_cast<int32_t>(it->second);
  }
  std::vector<Contributors> found(children.size());
  Contributors whole;
  const auto [lo, hi] = snap_.query->RegionRange(parent.region);
  for (uint32_t e = lo; e < hi; ++e) {
    if (IsMissing(column[e])) continue;
    const NodeId node = by_region ? panel.enterprise(e).region : panel.enterprise(e).industry;
    const int32_t slot = node == kNoNode ? -1 : slot_at[static_cast<size_t>(node)];
    if ((slot < 0 && !with_parent) || !snap_.query->InCell(e, parent)) continue;
    const double x = std::fabs(column[e]);
    if (with_parent) {
      whole.magnitudes.push_back(x);
      whole.total += x;
    }
    if (slot < 0) continue;
    Contributors& c = found[static_cast<size_t>(slot)];
    c.magnitudes.push_back(x);
    c.total += x;
  }
  for (const auto& [node, i] : slot_of) {
    if (!found[i].magnitudes.empty()) contributions_[KeyOf(children[i])] = std::move(found[i]);
  }
  if (!whole.magnitudes.empty()) contributions_[KeyOf(parent)] = std::move(whole);
}

Result<double> Disclosure::Magnitude(const CellRef& cell) {
  const Key key = KeyOf(cell);
  if (auto it = magnitude_.find(key); it != magnitude_.end()) return it->second;
  const auto shared = Shared(cell);
  if (shared) {
    if (auto kept = snap_.statuses->Find(*shared).magnitude) return magnitude_[key] = *kept;
  }
  double total = 0;
  if (!Derived(snap_, cell)) total = Contribution(cell).total;
  magnitude_[key] = total;
  if (shared) {
    CellStatuses::Entry found;
    found.magnitude = total;
    snap_.statuses->Put(*shared, found);
  }
  return total;
}

Result<sdc::Suppression> Disclosure::Primary(const CellRef& cell) {
  const Key key = KeyOf(cell);
  if (auto it = primary_.find(key); it != primary_.end()) return it->second;
  const auto shared = Shared(cell);
  if (shared) {
    if (auto kept = snap_.statuses->Find(*shared).primary) return primary_[key] = *kept;
  }
  sdc::Suppression s = sdc::Suppression::kNone;
  CellStatuses::Entry found;
  if (Derived(snap_, cell)) {
    // A ratio has no additive magnitude: its reporting enterprises decide (threshold rule).
    ASSIGN_OR_RETURN(auto rows, snap_.query->Enterprises(cell, {Measure::kValue}));
    int64_t n = 0;
    for (const auto& r : rows) n += !r.row.values.empty() && r.row.values[0].has_value();
    if (n > 0 && n < DisclosureParams().min_contributors) s = sdc::Suppression::kThreshold;
  } else {
    const Contributors& c = Contribution(cell);
    ASSIGN_OR_RETURN(s, sdc::PrimarySuppression(c.magnitudes, DisclosureParams()));
    magnitude_[key] = c.total;
    found.magnitude = c.total;
  }
  primary_[key] = s;
  found.primary = s;
  if (shared) snap_.statuses->Put(*shared, found);
  return s;
}

Result<const std::map<Disclosure::Key, sdc::Suppression>*> Disclosure::SiblingTable(
    const CellRef& parent, bool by_region) {
  const auto tkey = std::make_pair(KeyOf(parent), by_region);
  if (auto it = tables_.find(tkey); it != tables_.end()) return &it->second;
  const CodeTree& tree = by_region ? catalog_.regions() : catalog_.industries();
  const NodeId node = by_region ? parent.region : parent.industry;
  sdc::SdcTable table;
  std::vector<int> kids;
  std::vector<CellRef> refs;
  for (NodeId child : tree.node(node).children) {
    CellRef ref = parent;
    (by_region ? ref.region : ref.industry) = child;
    refs.push_back(ref);
  }
  // The children whose findings the snapshot does not hold yet, gathered together.
  std::vector<CellRef> unknown;
  for (const CellRef& ref : refs) {
    const auto shared = Shared(ref);
    if (!shared || !snap_.statuses->Find(*shared).primary) unknown.push_back(ref);
  }
  GatherChildren(parent, by_region, unknown);
  ASSIGN_OR_RETURN(double parent_total, Magnitude(parent));
  ASSIGN_OR_RETURN(sdc::Suppression parent_primary, Primary(parent));
  const int p = table.AddCell(parent_total, parent_primary);
  for (const CellRef& ref : refs) {
    ASSIGN_OR_RETURN(double total, Magnitude(ref));
    ASSIGN_OR_RETURN(sdc::Suppression s, Primary(ref));
    kids.push_back(table.AddCell(total, s));
  }
  auto& out = tables_[tkey];
  if (kids.empty()) return &out;
  table.AddConstraint(p, kids);
  ASSIGN_OR_RETURN(auto report, sdc::ApplySecondarySuppression(&table));
  (void)report;
  out[KeyOf(parent)] = table.cells[static_cast<size_t>(p)].status;
  for (size_t i = 0; i < refs.size(); ++i)
    out[KeyOf(refs[i])] = table.cells[static_cast<size_t>(kids[i])].status;
  return &out;
}

Result<sdc::Suppression> Disclosure::GroupStatus(const CellRef& cell, bool by_region) {
  const std::vector<NodeId>& members = by_region ? cell.filter->regions : cell.filter->industries;
  const CellRef base = WithoutGroup(cell, by_region);
  std::vector<CellRef> hidden;
  for (NodeId m : members) {
    CellRef member = base;
    (by_region ? member.region : member.industry) = m;
    ASSIGN_OR_RETURN(sdc::Suppression s, Status(member));
    if (sdc::IsSuppressed(s)) hidden.push_back(member);
  }
  if (hidden.empty()) return sdc::Suppression::kNone;
  if (hidden.size() == 1 || Derived(snap_, cell)) return sdc::Suppression::kSecondary;
  std::vector<double> together;
  for (const auto& h : hidden) {
    const Contributors& c = Contribution(h);
    together.insert(together.end(), c.magnitudes.begin(), c.magnitudes.end());
  }
  ASSIGN_OR_RETURN(sdc::Suppression s, sdc::PrimarySuppression(together, DisclosureParams()));
  return sdc::IsSuppressed(s) ? sdc::Suppression::kSecondary : sdc::Suppression::kNone;
}

Result<sdc::Suppression> Disclosure::TagStatus(const CellRef& cell) {
  auto others = std::make_shared<CellFilter>(*cell.filter);
  others->exclude_tags = true;
  CellRef rest = cell;
  rest.filter = std::move(others);
  if (Derived(snap_, cell)) {
    ASSIGN_OR_RETURN(auto rows, snap_.query->Enterprises(rest, {Measure::kValue}));
    int64_t n = 0;
    for (const auto& r : rows) n += !r.row.values.empty() && r.row.values[0].has_value();
    return n > 0 && n < DisclosureParams().min_contributors ? sdc::Suppression::kSecondary
                                                            : sdc::Suppression::kNone;
  }
  const Contributors& c = Contribution(rest);
  if (c.magnitudes.empty()) return sdc::Suppression::kNone;  // the plain cell is the tag cell
  ASSIGN_OR_RETURN(sdc::Suppression s, sdc::PrimarySuppression(c.magnitudes, DisclosureParams()));
  return sdc::IsSuppressed(s) ? sdc::Suppression::kSecondary : sdc::Suppression::kNone;
}

Result<sdc::Suppression> Disclosure::Status(const CellRef& cell) {
  const auto shared = Shared(cell);
  if (shared) {
    if (auto kept = snap_.statuses->Find(*shared).status) return *kept;
  }
  ASSIGN_OR_RETURN(sdc::Suppression s, Primary(cell));
  const CellFilter* f = cell.filter.get();
  for (bool by_region : {true, false}) {
    if (f != nullptr && !(by_region ? f->regions : f->industries).empty()) {
      ASSIGN_OR_RETURN(sdc::Suppression g, GroupStatus(cell, by_region));
      s = Worse(s, g);
      continue;
    }
    const NodeId parent_node = by_region ? catalog_.regions().node(cell.region).parent
                                         : catalog_.industries().node(cell.industry).parent;
    if (parent_node == kNoNode) continue;
    CellRef parent = cell;
    (by_region ? parent.region : parent.industry) = parent_node;
    ASSIGN_OR_RETURN(const auto* table, SiblingTable(parent, by_region));
    if (auto it = table->find(KeyOf(cell)); it != table->end()) s = Worse(s, it->second);
  }
  if (f != nullptr && (!f->tags.empty() || !f->park.empty()) && !f->exclude_tags) {
    ASSIGN_OR_RETURN(sdc::Suppression t, TagStatus(cell));
    s = Worse(s, t);
  }
  if (shared) {
    CellStatuses::Entry found;
    found.status = s;
    snap_.statuses->Put(*shared, found);
  }
  return s;
}

ballast::Status Disclosure::Protect(const CellRef& cell, Row& row) {
  ASSIGN_OR_RETURN(sdc::Suppression s, Status(cell));
  if (!sdc::IsSuppressed(s)) return ballast::Status::Ok();
  const std::string reason = sdc::SuppressionName(s);
  if (!published_) {
    row.would_suppress = reason;
    return ballast::Status::Ok();
  }
  row.suppressed = reason;
  for (auto& v : row.values) v = std::nullopt;  // growth, shares and pulls of it go too
  row.rank = std::nullopt;
  return ballast::Status::Ok();
}

}  // namespace ballast::app
