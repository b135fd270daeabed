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
#include "app/snapshot_changes.h"
#include "app/warnings.h"
#include "app/workspace.h"
#include "store/warn_store.h"
#include "warn/episode.h"

namespace ballast::app {

class CellSubjectSet;

// An episode's score (warn::ScoreEpisode) and its 基数效应 note, which only growth rules carry.
struct EpisodeScore {
  double weight = 1, persistence = 1, score = 0;
  std::string base_effect;
  // Scored by the panel's facts of its subject (an enterprise, a region, an industry), which
  // move only when an enterprise of `scope` moves (kNoNode: any).
  bool read_facts = false;
  NodeId scope = kNoNode;
};

// The scores of one grouping's episodes from one snapshot's facts (nullptr: the workspace's
// latest), each computed when first asked and then kept: a province's list scores its own
// episodes, not the country's, a badge that only counts scores none, and every later list reads
// what the earlier ones scored.
class EpisodeScores {
 public:
  // `previous`: scores of the same grouping or of the one `grouped` was regrouped from; those
  // of the episodes shared are carried, for the same snapshot, or for an earlier one of the same
  // chain when no batch since moved an enterprise of the scope of the facts an episode was
  // scored by (SnapshotMark).
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
  SnapshotMark mark_;      // the snapshot, for the regions moved since (a newer sheet's carry)
  std::vector<EpisodeScore> scores_;
  std::vector<bool> done_;
  // The region and industry subjects whose facts are read together: this grouping's and those
  // of the groupings it was regrouped from (app/episode_scores.cpp); made when first scored.
  std::shared_ptr<const CellSubjectSet> cell_subjects_;
};

}  // namespace ballast::app

#endif  // BALLAST_APP_EPISODE_SCORES_H_
