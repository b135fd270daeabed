// What each snapshot changed in the panel since the snapshot it was applied to, kept along a
// short chain, so that work done on an earlier snapshot (the warning rules) redoes only what a
// batch moved.
#ifndef BALLAST_APP_SNAPSHOT_CHANGES_H_
#define BALLAST_APP_SNAPSHOT_CHANGES_H_

#include <memory>
#include <optional>

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

}  // namespace ballast::app

#endif  // BALLAST_APP_SNAPSHOT_CHANGES_H_
