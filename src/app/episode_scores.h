// Episodes grouped from live alerts and scored with the panel's facts (warn/episode.h: level x
// the subject's weight x persistence), apart: the lists (app/episodes.h) group one set of live
// alerts once and score it once per snapshot, and share both.
#ifndef BALLAST_APP_EPISODE_SCORES_H_
#define BALLAST_APP_EPISODE_SCORES_H_

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/warnings.h"
#include "app/workspace.h"
#include "store/warn_store.h"
#include "warn/episode.h"

namespace ballast::app {

// An episode's score (warn::ScoreEpisode) and its 基数效应 note, which only growth rules carry.
struct EpisodeScore {
  double weight = 1, persistence = 1, score = 0;
  std::string base_effect;
};

// Episodes as grouped from one set of live alerts (warn::GroupEpisodeRefs), not scored; the
// alerts are kept alive with them.
struct GroupedEpisodes {
  std::shared_ptr<const LiveAlerts> held;  // the alerts the episodes point into
  std::vector<warn::EpisodeRefs> episodes;
  std::vector<bool> growth;                        // a hit of a growth rule, per episode
  std::unordered_map<int64_t, uint32_t> of_alert;  // alert id -> its episode
};

// Groups `alerts`, which point into `held`.
std::shared_ptr<const GroupedEpisodes> GroupAlerts(std::shared_ptr<const LiveAlerts> held,
                                                   const std::vector<const AlertRecord*>& alerts);

// The scores of `grouped`'s episodes, in its order, from the facts of `snap` (nullptr: the
// workspace's latest snapshot).
std::shared_ptr<const std::vector<EpisodeScore>> ScoreEpisodes(
    const GroupedEpisodes& grouped, const std::shared_ptr<const Snapshot>& snap, Workspace& ws);

}  // namespace ballast::app

#endif  // BALLAST_APP_EPISODE_SCORES_H_
