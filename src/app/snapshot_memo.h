// Figures read from the latest snapshot (the facts episodes are scored by, the internal
// metrics every evaluation reads), each kept with the region whose enterprises moving can move
// it: a newer snapshot of the same chain keeps the figures of the regions no batch since moved
// an enterprise of (SnapshotMark); a request still on an older one is answered without them.
#ifndef BALLAST_APP_SNAPSHOT_MEMO_H_
#define BALLAST_APP_SNAPSHOT_MEMO_H_

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "app/snapshot_changes.h"

namespace ballast::app {

template <typename T>
class SnapshotMemo {
 public:
  std::optional<T> Find(const std::shared_ptr<const Snapshot>& snap, const std::string& key) {
    auto found = FindScoped(snap, key);
    if (!found) return std::nullopt;
    return std::move(found->first);
  }
  // The same with the region it was kept with (Put's `scope`).
  std::optional<std::pair<T, NodeId>> FindScoped(const std::shared_ptr<const Snapshot>& snap,
                                                 const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!Follow(snap)) return std::nullopt;
    auto it = held_.find(key);
    if (it == held_.end()) return std::nullopt;
    return std::make_pair(it->second.value, it->second.scope);
  }
  // `scope`: the region any of whose enterprises moving moves the value (kNoNode: any move).
  void Put(const std::shared_ptr<const Snapshot>& snap, const std::string& key, T value,
           NodeId scope) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!Follow(snap)) return;
    auto [it, added] = held_.try_emplace(key);
    if (added || it->second.scope != scope) by_scope_[scope].push_back(key);
    it->second = {std::move(value), scope};
  }

 private:
  struct Held {
    T value;
    NodeId scope = kNoNode;
  };
  // Moves the values on to `snap`; false for a snapshot older than the one held.
  bool Follow(const std::shared_ptr<const Snapshot>& snap) {
    std::unordered_set<NodeId> moved;
    switch (mark_.MoveTo(snap, &moved)) {
      case SnapshotMark::Step::kSame:
        return true;
      case SnapshotMark::Step::kOlder:
        return false;
      case SnapshotMark::Step::kAll:
        held_.clear();
        by_scope_.clear();
        return true;
      case SnapshotMark::Step::kSome:
        if (!moved.empty()) {
          Drop(kNoNode);
          for (NodeId region : moved) Drop(region);
        }
        return true;
    }
    return false;
  }
  // Forgets the values kept with `scope` (a key kept again with another scope since stays).
  void Drop(NodeId scope) {
    auto listed = by_scope_.find(scope);
    if (listed == by_scope_.end()) return;
    for (const std::string& key : listed->second) {
      auto it = held_.find(key);
      if (it != held_.end() && it->second.scope == scope) held_.erase(it);
    }
    by_scope_.erase(listed);
  }

  std::mutex mu_;
  SnapshotMark mark_;
  std::unordered_map<std::string, Held> held_;
  // The keys put with each scope: a batch drops the values of the regions it moved without
  // passing over the others (hundreds of thousands of enterprises' facts nationally).
  std::unordered_map<NodeId, std::vector<std::string>> by_scope_;
};

}  // namespace ballast::app

#endif  // BALLAST_APP_SNAPSHOT_MEMO_H_
