#include "app/snapshot_changes.h"

#include <algorithm>

#include "app/workspace.h"

namespace ballast::app {

namespace {

// Longer chains are folded into one link (ExtendChain); one that lists more enterprises starts
// again (the work it would save is then redone in full once).
constexpr int kMaxLinks = 64;
constexpr size_t kMaxMoved = 1 << 20;

}  // namespace

std::shared_ptr<const SnapshotChanges> ExtendChain(std::shared_ptr<const SnapshotChanges> earlier,
                                                   BatchId from, BatchId through,
                                                   PanelChanges moved) {
  auto link = std::make_shared<SnapshotChanges>();
  link->from = from;
  link->through = through;
  link->panel = std::move(moved);
  link->moved = link->panel.enterprises.size();
  if (earlier == nullptr || earlier->moved + link->moved > kMaxMoved) return link;
  if (earlier->links >= kMaxLinks) {
    // Folded into one link reaching as far back, rather than started again: an evaluation or a
    // cache made on a snapshot inside it still finds what moved since (a superset: a few
    // enterprises redone for nothing) instead of starting again in full, which under a stream
    // of imports happened every kMaxLinks applications. The link an earlier fold made is left
    // out: a fold lists the last kMaxLinks links' enterprises alone, not every one moved since
    // the chain began (which grew without end, and a snapshot inside it redid them all).
    auto folded = std::make_shared<SnapshotChanges>();
    folded->through = earlier->through;
    folded->folded = true;
    for (const SnapshotChanges* l = earlier.get(); l != nullptr && !l->folded;
         l = l->earlier.get()) {
      folded->panel.Merge(l->panel);
      folded->from = l->from;
    }
    folded->moved = folded->panel.enterprises.size();
    earlier = std::move(folded);
  }
  link->links = earlier->links + 1;
  link->moved += earlier->moved;
  link->earlier = std::move(earlier);
  return link;
}

std::shared_ptr<const SnapshotChanges> ChainChanges(const Snapshot& previous, const Panel& panel,
                                                    BatchId through) {
  if (previous.panel == nullptr) return nullptr;
  auto changes = panel.ChangesSince(*previous.panel);
  if (!changes) return nullptr;
  return ExtendChain(previous.changes, previous.through, through, std::move(*changes));
}

std::optional<PanelChanges> ChangesSince(const Snapshot& snap, BatchId from) {
  PanelChanges all;
  if (snap.through == from) return all;
  for (const SnapshotChanges* link = snap.changes.get(); link != nullptr;
       link = link->earlier.get()) {
    all.Merge(link->panel);
    if (link->from == from) return all;
    // A snapshot inside a folded link: what moved since it is among what the link lists.
    if (link->folded && link->from < from && from < link->through) return all;
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
