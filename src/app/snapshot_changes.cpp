#include "app/snapshot_changes.h"

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

}  // namespace ballast::app
