// What each snapshot changed in the panel since the snapshot it was applied to, kept along a
// short chain, so that work done on an earlier snapshot (the warning rules) redoes only what a
// batch moved.
#ifndef BALLAST_APP_SNAPSHOT_CHANGES_H_
#define BALLAST_APP_SNAPSHOT_CHANGES_H_

#include <memory>
#include <optional>
#include <unordered_set>

#include "app/cell_statuses.h"
#include "engine/panel.h"
#include "store/records.h"

namespace ballast::app {

struct Snapshot;

struct SnapshotChanges {
  BatchId from = 0;     // `through` of the snapshot this one was applied to
  BatchId through = 0;  // of the snapshot it leads to
  // The links of a longer chain merged into one (ExtendChain): `panel` lists what moved
  // between any snapshot in (from, through) and `through`, and more.
  bool folded = false;
  PanelChanges panel;
  std::shared_ptr<const SnapshotChanges> earlier;  // that snapshot's own, when it had some
  int links = 1;                                   // in the chain, this one included
  size_t moved = 0;  // enterprises listed along the chain, this one included
};

// The chain of a snapshot holding batches through `through`, whose panel `panel` was applied
// to `previous`; nullptr when the two panels are not comparable (Panel::ChangesSince).
std::shared_ptr<const SnapshotChanges> ChainChanges(const Snapshot& previous, const Panel& panel,
                                                    BatchId through);
// `earlier` extended by a link from `from` to `through` that moved `moved`. A chain of
// kMaxLinks links is folded into one first (an earlier fold's link is dropped then: the chain
// reaches back at most 2 × kMaxLinks applications); one listing more than kMaxMoved enterprises
// starts again.
std::shared_ptr<const SnapshotChanges> ExtendChain(std::shared_ptr<const SnapshotChanges> earlier,
                                                   BatchId from, BatchId through,
                                                   PanelChanges moved);

// What changed between the snapshot that held batches through `from` and `snap` (or a superset:
// a snapshot inside a folded link gets all the link lists), or nullopt when the chain does not
// reach back that far.
std::optional<PanelChanges> ChangesSince(const Snapshot& snap, BatchId from);

// Whether no month gained or lost data along `moved` (else a column is read as missing for
// everyone, and nothing that moved is bounded by the enterprises listed).
bool MonthsKept(const PanelChanges& moved);

// The regions and the industries holding an enterprise `moved` lists, with their ancestors, as
// flags by node (CellStatuses::CarryFrom reads them), and whether they bound what moved: not
// when a month gained or lost data; not the regions (nor the industries) when an enterprise has
// no region, since the country's totals count it all the same; not the industries when one has
// no industry.
struct MovedNodes {
  CellStatuses::Moved flags;
  bool regions_bound = false;
  bool industries_bound = false;
};
MovedNodes MovedNodesOf(const Panel& panel, const PanelChanges& moved);

// Adds the flagged regions of `nodes` to `regions`.
void AddMovedRegions(const MovedNodes& nodes, std::unordered_set<NodeId>* regions);

// Adds to `regions` the flagged regions of MovedNodesOf; false when they do not bound what moved.
bool RegionsMoved(const Panel& panel, const PanelChanges& moved,
                  std::unordered_set<NodeId>* regions);

// The snapshot figures kept by a cache were read from (app/snapshot_memo.h), moved on to each
// newer one with what moved in between: the regions holding an enterprise a batch moved.
class SnapshotMark {
 public:
  enum class Step {
    kSame,   // the snapshot marked
    kOlder,  // one before it: the mark stays
    kSome,   // a newer one of the same chain: `regions` hold a moved enterprise (and ancestors)
    kAll,    // any other (rebuilt, other prices, another workspace, a month gained or lost)
  };
  Step MoveTo(const std::shared_ptr<const Snapshot>& snap, std::unordered_set<NodeId>* regions);

 private:
  std::weak_ptr<const Snapshot> snap_;  // not kept alive: a new batch frees the old panel
  BatchId through_ = 0;
  uint64_t references_ = 0;           // the prices and rates of its panel
  const Catalog* catalog_ = nullptr;  // of its workspace (tests run several in one process)
};

}  // namespace ballast::app

#endif  // BALLAST_APP_SNAPSHOT_CHANGES_H_
