#include "app/episode_list_cache.h"

#include <utility>

#include "core/blocking.h"

namespace ballast::app {

bool Serves(const std::shared_ptr<const Snapshot>& held,
            const std::shared_ptr<const Snapshot>& snap) {
  return held == snap || (held != nullptr && snap != nullptr && held->through > snap->through);
}

bool Older(const std::shared_ptr<const LiveAlerts>& live,
           const std::shared_ptr<const Snapshot>& snap,
           const std::shared_ptr<const LiveAlerts>& held_live,
           const std::shared_ptr<const Snapshot>& held_snap) {
  return (held_snap != nullptr && snap != nullptr && held_snap->through > snap->through) ||
         (held_live != nullptr && live != nullptr && held_live->version > live->version);
}

std::shared_ptr<const Kept<KeptList>> ListCache::Find(const std::shared_ptr<const LiveAlerts>& live,
                                                      const std::shared_ptr<const Snapshot>& snap,
                                                      const std::string& key,
                                                      std::chrono::milliseconds keep) {
  std::lock_guard<std::mutex> lock(mu_);
  if (live != live_.lock()) return nullptr;
  if (!Serves(snap_.lock(), snap) && !PassingOver(keep)) return nullptr;
  auto it = lists_.find(key);
  return it == lists_.end() ? nullptr : it->second;
}

void ListCache::Put(const std::shared_ptr<const LiveAlerts>& live,
                    const std::shared_ptr<const Snapshot>& snap, const std::string& key,
                    std::shared_ptr<const Kept<KeptList>> kept, std::chrono::milliseconds keep) {
  std::lock_guard<std::mutex> lock(mu_);
  if (Older(live, snap, live_.lock(), snap_.lock())) return;  // lists of newer ones are kept
  const bool same_live = live == live_.lock(), same_snap = snap == snap_.lock();
  const bool beside = same_live && !same_snap && PassingOver(keep);
  if (!beside && (!same_live || !same_snap || lists_.size() >= kMaxLists)) {
    live_ = live;
    snap_ = snap;
    passed_over_.reset();
    lists_.clear();
  }
  lists_[key] = std::move(kept);
}

ListCache::Making ListCache::MakingOf(const std::string& key) {
  Making m;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (making_.size() >= kMaxLists)
      std::erase_if(making_, [](const auto& entry) { return entry.second.use_count() == 1; });
    auto& slot = making_[key];
    if (slot == nullptr) slot = std::make_shared<std::mutex>();
    m.mu = slot;
  }
  m.lock = LockWaiting(*m.mu);
  return m;
}

bool ListCache::PassingOver(std::chrono::milliseconds keep) {
  if (keep.count() <= 0 || lists_.size() >= kMaxLists) return false;
  const auto now = std::chrono::steady_clock::now();
  if (!passed_over_) passed_over_ = now;
  return now - *passed_over_ < keep;
}

}  // namespace ballast::app
