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
  BatchId from = 0;  // `through` of the snapshot this one was applied to
  PanelChanges panel;
  std::shared_ptr<const SnapshotChanges> earlier;  // that snapshot's own, when it had some
  int links = 1;                                   // in the chain, this one included
  size_t moved = 0;  // enterprises listed along the chain, this one included
};

// The chain of a snapshot whose panel `panel` was applied to `previous`; nullptr when the two
// panels are not comparable (Panel::ChangesSince).
std::shared_ptr<const SnapshotChanges> ChainChanges(const Snapshot& previous, const Panel& panel);

// What changed between the snapshot that held batches through `from` and `snap`, or nullopt
// when the chain does not reach back that far.
std::optional<PanelChanges> ChangesSince(const Snapshot& snap, BatchId from);

// Adds to `regions` those holding an enterprise `moved` lists (in `panel`), with their
// ancestors. False when that does not bound what moved: a month that gained or lost data, or an
// enterprise without a region (the country's totals count it all the same).
bool RegionsMoved(const Panel& panel, const PanelChanges& moved,
                  std::unordered_set<NodeId>* regions);

// The regions and the industries holding an enterprise `moved` lists, with their ancestors, as
// CellStatuses::CarryFrom reads them. False when that does not bound what moved (as RegionsMoved,
// or an enterprise without an industry).
bool MovedNodesOf(const Panel& panel, const PanelChanges& moved, CellStatuses::Moved* nodes);

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
