// Episodes grouped from live alerts and scored with the panel's facts (warn/episode.h: level x
// the subject's weight x persistence), apart: the lists (app/episodes.h) group one set of live
// alerts once and score it once per snapshot, and share both.
#ifndef BALLAST_APP_EPISODE_SCORES_H_
#define BALLAST_APP_EPISODE_SCORES_H_

#include <cstdint>
#include <memory>
#include <mutex>
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
// alerts are kept alive with them. An episode no alert of which was written since is shared with
// the grouping it was regrouped from.
struct GroupedEpisodes {
  std::shared_ptr<const LiveAlerts> held;  // the alerts the episodes point into
  std::vector<std::shared_ptr<const warn::EpisodeRefs>> episodes;
  std::vector<bool> growth;                        // a hit of a growth rule, per episode
  std::unordered_map<int64_t, uint32_t> of_alert;  // alert id -> its episode
  // Regrouped (RegroupAlerts): the grouping it was made from, and each episode's index there
  // (-1: grouped again).
  std::weak_ptr<const GroupedEpisodes> from;
  std::vector<int32_t> was;
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

// The scores of one grouping's episodes from one snapshot's facts (nullptr: the workspace's
// latest), each computed when first asked and then kept: a province's list scores its own
// episodes, not the country's, a badge that only counts scores none, and every later list reads
// what the earlier ones scored.
class EpisodeScores {
 public:
  // `previous`: the scores of the grouping `grouped` was regrouped from; for the same snapshot,
  // those of the episodes shared are carried.
  EpisodeScores(std::shared_ptr<const GroupedEpisodes> grouped,
                std::shared_ptr<const Snapshot> snap, EpisodeScores* previous = nullptr);
  // The scores, with those of the episodes `which` (indices into the grouping) computed; the
  // vector has one slot per episode and does not move.
  const std::vector<EpisodeScore>& Score(const std::vector<uint32_t>& which, Workspace& ws);

 private:
  std::mutex mu_;
  const std::shared_ptr<const GroupedEpisodes> grouped_;
  // Not kept alive (the lists' cache holds this sheet until the next list is made: an old panel
  // would stay with it); whoever asks for scores holds the snapshot.
  const std::weak_ptr<const Snapshot> snap_;
  std::vector<EpisodeScore> scores_;
  std::vector<bool> done_;
};

}  // namespace ballast::app

#endif  // BALLAST_APP_EPISODE_SCORES_H_
