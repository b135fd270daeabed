// Episodes: one open episode per subject (an enterprise, region, industry, commodity or target)
// collecting the rules it breaks now, so that one stoppage is one line to read, not three
// alerts. An episode carries its worst level, its start, its true duration (the longest run of
// months among its rule hits), the hits themselves, and an importance score an analyst can
// read:
//   score = level points (red 4, orange 3, yellow 2, blue 1; halved while only pending)
//         × weight (an enterprise: 1 + its share of its prefecture's output in %, × 2 for a 链主;
//                   an industry within a region: 1 + its share of the region's output in %;
//                   a region: 5 × (1 + its share of its parent region's output in %); other: 10)
//         × persistence (1 + (months − 1) / 4, months capped at 12).
#ifndef BALLAST_WARN_EPISODE_H_
#define BALLAST_WARN_EPISODE_H_

#include <optional>
#include <string>
#include <vector>

#include "store/warn_records.h"

namespace ballast::warn {

// What the episode's score and notes need to know of its subject (computed from the panel).
struct SubjectFacts {
  std::optional<double> share_pct;  // of its region's (parent's) output, percent
  bool chain_leader = false;        // tagged 链主
  // Growth now and two-year average growth (yoy_2y) of the measure its growth rules read.
  std::optional<double> yoy, yoy_2y;
};

struct Episode {
  std::string id;  // subject_kind + ":" + subject_key (stable)
  std::string subject_kind, subject_key, subject_name, region, industry;
  std::string state;       // firing (any hit firing) | pending
  std::string level;       // the worst level among the hits of that state
  std::string started_at;  // the earliest start among its hits
  std::string period;      // the latest data period among its hits
  int32_t months = 0;      // true duration: the longest streak among its hits
  bool muted = false;      // every hit silenced or inhibited
  double weight = 1, persistence = 1, score = 0;
  // 基数效应 / 反弹 on growth episodes: "base_effect" (down on a high base: the two-year average
  // still grows), "rebound" (up on a low base: the two-year average does not), or "".
  std::string base_effect;
  std::vector<AlertRecord> hits;  // most severe first
};

// An episode whose hits are the grouped alerts themselves, not copies: `head` is the episode
// with no hits. The alerts must outlive it.
struct EpisodeRefs {
  Episode head;
  std::vector<const AlertRecord*> hits;  // most severe first
};

// Groups live alerts (pending or firing) by subject; resolved ones are left out. The first
// alert of a subject (in the order given) names it.
std::vector<EpisodeRefs> GroupEpisodeRefs(const std::vector<const AlertRecord*>& alerts);
// The same with each episode's hits copied into it.
std::vector<Episode> GroupEpisodes(std::vector<AlertRecord> alerts);
// The episode with its hits copied.
Episode WithHits(const EpisodeRefs& refs);

int LevelPoints(const std::string& level);
double SubjectWeight(const std::string& subject_kind, const SubjectFacts& facts);
double Persistence(int32_t months);
// Fills weight, persistence, score and base_effect.
void ScoreEpisode(const SubjectFacts& facts, Episode* episode);
// "base_effect" | "rebound" | "" (see Episode::base_effect).
std::string BaseEffect(std::optional<double> yoy, std::optional<double> yoy_2y);

}  // namespace ballast::warn

#endif  // BALLAST_WARN_EPISODE_H_
