#include "app/disclosure.h"

#include <algorithm>
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

// The enterprises of the cell with a figure in `column` (kMissing where absent), block by block
// (engine/block_memo.h): the same sums as GatherChildren's kept passes, to the bit.
Contributors Collect(const Snapshot& snap, const CellRef& cell, const double* column) {
  Contributors c(DisclosureParams());
  if (column == nullptr) return c;
  const auto [lo, hi] = snap.query->RegionRange(cell.region);
  for (uint32_t b = FirstBlock(lo); b < EndBlock(lo, hi); ++b) {
    Contributors part(DisclosureParams());
    const auto [from, to] = BlockRange(b, lo, hi);
    for (uint32_t e = from; e < to; ++e) {
      if (!IsMissing(column[e]) && snap.query->InCell(e, cell)) part.Add(column[e]);
    }
    c.Merge(part);
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
  if (c.count() == 0) {
    auto& ytd = ytd_[{cell.indicator, cell.period}];
    if (ytd.empty()) panel.Ytd(cell.indicator, cell.period, &ytd);
    c = Collect(snap_, cell, ytd.data());
  }
  return contributions_.insert_or_assign(key, std::move(c)).first->second;
}

// What Collect finds for each child, and for the parent when its findings are not known, in one
// pass over the parent's enterprises instead of one per cell (a child industry's pass reads its
// whole region): an enterprise counts for the parent and for the child whose subtree holds its
// node, block by block as Collect, so every sum is the same. A plain parent's pass is kept by
// block for the next snapshot (app/contribution_passes.h). A cell with no monthly values is left
// to Contribution (its year-to-date figures).
void Disclosure::GatherChildren(const CellRef& parent, bool by_region,
                                const std::vector<CellRef>& children) {
  if (Derived(snap_, parent)) return;
  const Panel& panel = *snap_.panel;
  const double* column = panel.Values(parent.indicator, parent.period);
  if (column == nullptr) return;
  auto known = [&](const CellRef& cell) {
    return contributions_.contains(KeyOf(cell)) || primary_.contains(KeyOf(cell));
  };
  size_t unknown = 0;
  for (const CellRef& child : children) unknown += !known(child);
  // The parent as Magnitude and Primary would find it: from the snapshot's findings, else by a
  // pass.
  const auto shared = Shared(parent);
  bool with_parent = !known(parent) && !magnitude_.contains(KeyOf(parent));
  if (with_parent && shared) {
    const auto kept = snap_.statuses->Find(*shared);
    with_parent = !kept.magnitude || !kept.primary;
  }
  const ContributionKey key{parent.indicator, parent.period, parent.region, parent.industry,
                            by_region};
  std::optional<ContributionPasses::Found> kept;
  if (shared) kept = snap_.contributions->Find(key);
  // One cell is found by Collect as cheaply, unless a kept pass answers it.
  if (unknown + (with_parent ? 1 : 0) < (kept ? 1 : 2)) return;
  const CodeTree& tree = by_region ? catalog_.regions() : catalog_.industries();
  const NodeId node = by_region ? parent.region : parent.industry;
  const int32_t depth = tree.node(node).depth + 1;
  const std::vector<NodeId>& kids = tree.node(node).children;
  // Each code's child, as its place among `kids` (-1 under none): a table read per enterprise
  // rather than a walk up the tree and a lookup.
  std::vector<int32_t> slot_at(tree.size(), -1);
  {
    std::unordered_map<NodeId, int32_t> slot_of;
    for (size_t k = 0; k < kids.size(); ++k) slot_of.emplace(kids[k], static_cast<int32_t>(k));
    for (size_t n = 0; n < tree.size(); ++n) {
      if (tree.node(static_cast<NodeId>(n)).depth < depth) continue;
      auto it = slot_of.find(tree.AncestorAtDepth(static_cast<NodeId>(n), depth));
      if (it != slot_of.end()) slot_at[n] = it->second;
    }
  }
  // Plain copies, not a structured binding: clang 14 (the fuzz build) cannot capture those.
  const std::pair<uint32_t, uint32_t> range = snap_.query->RegionRange(parent.region);
  const uint32_t lo = range.first, hi = range.second;
  // One block's part: the children's contributions met in it, then the parent's (kNoNode).
  auto make = [&](uint32_t b) {
    std::vector<Contributors> found(kids.size() + 1, Contributors(DisclosureParams()));
    Contributors& whole = found.back();
    const auto [from, to] = BlockRange(b, lo, hi);
    for (uint32_t e = from; e < to; ++e) {
      if (IsMissing(column[e]) || !snap_.query->InCell(e, parent)) continue;
      const NodeId at = by_region ? panel.enterprise(e).region : panel.enterprise(e).industry;
      const int32_t slot = at == kNoNode ? -1 : slot_at[static_cast<size_t>(at)];
      whole.Add(column[e]);
      if (slot >= 0) found[static_cast<size_t>(slot)].Add(column[e]);
    }
    auto part = std::make_shared<ContributionBlocks::Part>();
    for (size_t k = 0; k < kids.size(); ++k) {
      if (found[k].count() > 0) part->emplace_back(kids[k], std::move(found[k]));
    }
    if (whole.count() > 0) part->emplace_back(kNoNode, std::move(whole));
    return std::shared_ptr<const ContributionBlocks::Part>(std::move(part));
  };
  const uint32_t first = FirstBlock(lo), end = EndBlock(lo, hi);
  std::shared_ptr<const ContributionBlocks> pass;
  if (kept && kept->dirty.empty()) {
    pass = kept->sums;
  } else {
    auto made = std::make_shared<ContributionBlocks>();
    made->first_block = first;
    made->blocks = kept ? KeepBlocks(kept->sums->first_block, kept->sums->blocks, kept->dirty,
                                     first, end, make)
                        : KeepBlocks<ContributionBlocks::Part>(first, {}, {}, first, end, make);
    if (shared) snap_.contributions->Put(key, made);
    pass = std::move(made);
  }
  // The blocks added in order, as Collect adds them.
  std::unordered_map<NodeId, Contributors> totals;
  for (const auto& part : pass->blocks) {
    for (const auto& [child, c] : *part) {
      totals.try_emplace(child, DisclosureParams()).first->second.Merge(c);
    }
  }
  for (const CellRef& child : children) {
    auto it = totals.find(by_region ? child.region : child.industry);
    if (it != totals.end() && !known(child)) contributions_.try_emplace(KeyOf(child), it->second);
  }
  if (auto it = totals.find(kNoNode); it != totals.end() && with_parent)
    contributions_.try_emplace(KeyOf(parent), it->second);
}

Result<double> Disclosure::Magnitude(const CellRef& cell) {
  const Key key = KeyOf(cell);
  if (auto it = magnitude_.find(key); it != magnitude_.end()) return it->second;
  const auto shared = Shared(cell);
  if (shared) {
    if (auto kept = snap_.statuses->Find(*shared).magnitude) return magnitude_[key] = *kept;
  }
  double total = 0;
  if (!Derived(snap_, cell)) total = Contribution(cell).total();
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
    ASSIGN_OR_RETURN(s, sdc::PrimarySuppression(c, DisclosureParams()));
    magnitude_[key] = c.total();
    found.magnitude = c.total();
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
  Contributors together(DisclosureParams());
  for (const auto& h : hidden) together.Merge(Contribution(h));
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
  if (c.count() == 0) return sdc::Suppression::kNone;  // the plain cell is the tag cell
  ASSIGN_OR_RETURN(sdc::Suppression s, sdc::PrimarySuppression(c, DisclosureParams()));
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
