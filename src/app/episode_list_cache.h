// Episode lists as answered (app/episodes.h), kept for the live alerts and the panel snapshot
// they were made from.
#ifndef BALLAST_APP_EPISODE_LIST_CACHE_H_
#define BALLAST_APP_EPISODE_LIST_CACHE_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "app/answer_cache.h"
#include "app/episodes.h"
#include "app/warnings.h"
#include "app/workspace.h"

namespace ballast::app {

// Episode lists as answered, kept for the live alerts and the panel snapshot they were made
// from (both immutable; a new evaluation or handling step empties the cache, a new batch does
// after the keep of ListCache::Find). The warnings page and its badge on every page view ask the
// same few lists, each a grouping and scoring of every alert in the scope. Checks and the audit
// record run on every request (ListEpisodes). While one thread applies a batch, requests still
// answer from the snapshot before it (Workspace::GetSnapshot): what was made from the newer one
// serves them (newer facts, never older), and what they make is not kept over it.
bool Serves(const std::shared_ptr<const Snapshot>& held,
            const std::shared_ptr<const Snapshot>& snap);
// Whether (live, snap) is older than what a cache holds: not kept over it.
bool Older(const std::shared_ptr<const LiveAlerts>& live,
           const std::shared_ptr<const Snapshot>& snap,
           const std::shared_ptr<const LiveAlerts>& held_live,
           const std::shared_ptr<const Snapshot>& held_snap);

struct KeptList {
  EpisodeList list;
  int64_t on_enterprises = 0;  // alerts on enterprises the list was made from (audit)
};

class ListCache {
 public:
  // A list of `live` made from an older snapshot than `snap` serves for `keep` after a newer one
  // was first asked with (the lists asked meanwhile are made from the newer one and kept beside
  // them). Under imports a new snapshot comes shortly before each new set of alerts: the lists,
  // each a pass over the caller's alerts, are made again once per evaluation rather than twice,
  // their scores (read from the panel) at most `keep` behind the figures.
  std::shared_ptr<const Kept<KeptList>> Find(const std::shared_ptr<const LiveAlerts>& live,
                                             const std::shared_ptr<const Snapshot>& snap,
                                             const std::string& key,
                                             std::chrono::milliseconds keep);
  void Put(const std::shared_ptr<const LiveAlerts>& live,
           const std::shared_ptr<const Snapshot>& snap, const std::string& key,
           std::shared_ptr<const Kept<KeptList>> kept, std::chrono::milliseconds keep);
  // Held while the list of `key` is made: the requests for the same list that arrive meanwhile
  // find it made instead of making it again; lists of other keys are made at the same time.
  struct Making {
    std::shared_ptr<std::mutex> mu;  // outlives the lock (declared first, destroyed last)
    std::unique_lock<std::mutex> lock;
  };
  Making MakingOf(const std::string& key);

 private:
  static constexpr size_t kMaxLists = 512;
  // Whether the lists of snap_ still serve a newer snapshot (mu_ held).
  bool PassingOver(std::chrono::milliseconds keep);
  std::mutex mu_;
  // One lock per list key (mu_), dropped once no request holds it and there are many.
  std::unordered_map<std::string, std::shared_ptr<std::mutex>> making_;
  std::weak_ptr<const LiveAlerts> live_;  // neither kept alive
  std::weak_ptr<const Snapshot> snap_;
  // When a list was first asked with a snapshot newer than snap_.
  std::optional<std::chrono::steady_clock::time_point> passed_over_;
  std::unordered_map<std::string, std::shared_ptr<const Kept<KeptList>>> lists_;
};

}  // namespace ballast::app

#endif  // BALLAST_APP_EPISODE_LIST_CACHE_H_
