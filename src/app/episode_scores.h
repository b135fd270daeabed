// Episodes grouped from live alerts (app/episode_grouping.h) scored with the panel's facts
// (warn/episode.h: level x the subject's weight x persistence), apart: the lists
// (app/episodes.h) score a grouping once per snapshot and share the scores.
#ifndef BALLAST_APP_EPISODE_SCORES_H_
#define BALLAST_APP_EPISODE_SCORES_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/episode_grouping.h"
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

// The scores of one grouping's episodes from one snapshot's facts (nullptr: the workspace's
// latest), each computed when first asked and then kept: a province's list scores its own
// episodes, not the country's, a badge that only counts scores none, and every later list reads
// what the earlier ones scored.
class EpisodeScores {
 public:
  // `previous`: scores of the same grouping or of the one `grouped` was regrouped from; those
  // of the episodes shared are carried, for the same snapshot, or for an earlier one when the
  // facts an episode was scored by are still this snapshot's (app/snapshot_memo.h).
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
  const BatchId through_;  // the snapshot's
  std::vector<EpisodeScore> scores_;
  std::vector<bool> done_;
};

}  // namespace ballast::app

#endif  // BALLAST_APP_EPISODE_SCORES_H_
