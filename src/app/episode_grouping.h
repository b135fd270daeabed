// Episodes grouped from the live alerts (warn::GroupEpisodeRefs), once per set of live alerts
// and shared by every list (app/episodes.h); after an evaluation or a handling step, only the
// subjects whose alerts were written are grouped again.
#ifndef BALLAST_APP_EPISODE_GROUPING_H_
#define BALLAST_APP_EPISODE_GROUPING_H_

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/warnings.h"
#include "warn/episode.h"

namespace ballast::app {

// Episodes as grouped from one set of live alerts (warn::GroupEpisodeRefs), not scored; the
// alerts are kept alive with them. An episode no alert of which was written since is shared with
// the grouping it was regrouped from.
struct GroupedEpisodes {
  std::shared_ptr<const LiveAlerts> held;  // the alerts the episodes point into
  std::vector<std::shared_ptr<const warn::EpisodeRefs>> episodes;
  std::vector<bool> growth;  // a hit of a growth rule, per episode
  // Each episode's subject (kind and key) hashed: regrouping passes over every episode to find
  // the few whose subject moved, and compares strings only when the hash is one of theirs.
  std::vector<size_t> subject_hash;
  // What the lists count and filter each episode by (app/episodes.cpp), as indexes into `labels`:
  // its level, subject kind, region and state, and the rules of its hits in its own state
  // (counted_rules, from rules_from[i] to rules_from[i + 1]). Counting by index spares hashing the
  // strings of every episode of the country for every list made. The state too, and whether the
  // episode is muted, for the lists' filters: a list of the country passes over these rather than
  // every episode's head.
  struct Tags {
    uint32_t level = 0, kind = 0, region = 0, state = 0;
    bool muted = false;
  };
  std::vector<Tags> tags;
  std::vector<uint32_t> rules_from;
  std::vector<uint32_t> counted_rules;
  std::vector<std::string> labels;
  // The episode of an alert of `held` by its id, or kNone (not grouped here).
  static constexpr uint32_t kNone = UINT32_MAX;
  uint32_t EpisodeOf(int64_t alert_id) const {
    if (!dense_.empty()) {
      const int64_t slot = alert_id - first_id_;
      return slot >= 0 && static_cast<uint64_t>(slot) < dense_.size()
                 ? dense_[static_cast<size_t>(slot)]
                 : kNone;
    }
    auto it = sparse_.find(alert_id);
    return it == sparse_.end() ? kNone : it->second;
  }
  // Fills the index EpisodeOf reads: by position from the first id when the ids are dense
  // enough (they are the store's row ids), else a map. `previous`: the grouping this one was
  // regrouped from (`was`), whose index gives the carried episodes' slots.
  void IndexAlerts(const GroupedEpisodes* previous = nullptr);
  // Regrouped (RegroupAlerts): the grouping it was made from, and each episode's index there
  // (-1: grouped again).
  std::weak_ptr<const GroupedEpisodes> from;
  std::vector<int32_t> was;

 private:
  int64_t first_id_ = 0;
  std::vector<uint32_t> dense_;
  std::unordered_map<int64_t, uint32_t> sparse_;
};

// Groups `alerts`, which point into `held`.
std::shared_ptr<const GroupedEpisodes> GroupAlerts(std::shared_ptr<const LiveAlerts> held,
                                                   const std::vector<const AlertRecord*>& alerts);

// Every live alert of `held` grouped as GroupAlerts groups them in the lists' order, made from
// `previous`, a grouping of another set of live alerts: only the subjects with an alert written,
// added or removed between the two sets (a row not shared by both) are grouped again. nullptr
// when so many moved that grouping them all is as quick.
std::shared_ptr<const GroupedEpisodes> RegroupAlerts(
    const std::shared_ptr<const GroupedEpisodes>& previous, std::shared_ptr<const LiveAlerts> held);

}  // namespace ballast::app

#endif  // BALLAST_APP_EPISODE_GROUPING_H_
