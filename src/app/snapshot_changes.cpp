#include "app/snapshot_changes.h"

#include <algorithm>

#include "app/workspace.h"

namespace ballast::app {

namespace {

// Longer chains start again (the work they would save is then redone in full once): a few
// minutes of imports under load, and a few megabytes.
constexpr int kMaxLinks = 64;
constexpr size_t kMaxMoved = 1 << 20;

}  // namespace

std::shared_ptr<const SnapshotChanges> ChainChanges(const Snapshot& previous, const Panel& panel) {
  if (previous.panel == nullptr) return nullptr;
  auto changes = panel.ChangesSince(*previous.panel);
  if (!changes) return nullptr;
  auto link = std::make_shared<SnapshotChanges>();
  link->from = previous.through;
  link->panel = std::move(*changes);
  link->moved = link->panel.enterprises.size();
  if (previous.changes != nullptr && previous.changes->links < kMaxLinks &&
      previous.changes->moved + link->moved <= kMaxMoved) {
    link->earlier = previous.changes;
    link->links = previous.changes->links + 1;
    link->moved += previous.changes->moved;
  }
  return link;
}

std::optional<PanelChanges> ChangesSince(const Snapshot& snap, BatchId from) {
  PanelChanges all;
  if (snap.through == from) return all;
  for (const SnapshotChanges* link = snap.changes.get(); link != nullptr;
       link = link->earlier.get()) {
    all.Merge(link->panel);
    if (link->from == from) return all;
  }
  return std::nullopt;
}

bool MonthsKept(const PanelChanges& moved) {
  return std::none_of(moved.data_periods.begin(), moved.data_periods.end(),
                      [](char c) { return c != 0; });
}

MovedNodes MovedNodesOf(const Panel& panel, const PanelChanges& moved) {
  MovedNodes out;
  if (!MonthsKept(moved)) return out;
  const CodeTree& regions = panel.catalog().regions();
  const CodeTree& industries = panel.catalog().industries();
  out.flags.regions.assign(regions.size(), 0);
  out.flags.industries.assign(industries.size(), 0);
  auto mark = [](const CodeTree& tree, NodeId n, std::vector<char>* flags) {
    for (; n != kNoNode && !(*flags)[static_cast<size_t>(n)]; n = tree.node(n).parent)
      (*flags)[static_cast<size_t>(n)] = 1;
  };
  bool industries_bound = true;
  for (uint32_t e : moved.enterprises) {
    const PanelEnterprise& at = panel.enterprise(e);
    if (at.region == kNoNode) return out;
    mark(regions, at.region, &out.flags.regions);
    if (at.industry == kNoNode)
      industries_bound = false;
    else
      mark(industries, at.industry, &out.flags.industries);
  }
  out.regions_bound = true;
  out.industries_bound = industries_bound;
  return out;
}

bool RegionsMoved(const Panel& panel, const PanelChanges& moved,
                  std::unordered_set<NodeId>* regions) {
  const MovedNodes nodes = MovedNodesOf(panel, moved);
  if (!nodes.regions_bound) return false;
  AddMovedRegions(nodes, regions);
  return true;
}

void AddMovedRegions(const MovedNodes& nodes, std::unordered_set<NodeId>* regions) {
  for (size_t n = 0; n < nodes.flags.regions.size(); ++n) {
    if (nodes.flags.regions[n]) regions->insert(static_cast<NodeId>(n));
  }
}

SnapshotMark::Step SnapshotMark::MoveTo(const std::shared_ptr<const Snapshot>& snap,
                                        std::unordered_set<NodeId>* regions) {
  const auto held = snap_.lock();
  if (snap == held) return Step::kSame;
  if (held != nullptr && snap->through < through_) return Step::kOlder;
  // Only along one workspace's chain of snapshots, of the same prices, and linked (a rebuilt
  // snapshot of the same batch is not).
  std::optional<PanelChanges> moved;
  const Catalog* catalog = &snap->panel->catalog();
  if (catalog == catalog_ && snap->references == references_ && snap->through != through_)
    moved = ChangesSince(*snap, through_);
  snap_ = snap;
  through_ = snap->through;
  references_ = snap->references;
  catalog_ = catalog;
  if (!moved || !RegionsMoved(*snap->panel, *moved, regions)) return Step::kAll;
  return Step::kSome;
}

}  // namespace ballast::app
