#include "warn/episode.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string_view>
#include <utility>

namespace ballast::warn {

namespace {
constexpr double kRegionBoost = 5;
}  // namespace

int LevelPoints(const std::string& level) {
  if (level == "red") return 4;
  if (level == "orange") return 3;
  if (level == "yellow") return 2;
  if (level == "blue") return 1;
  return 0;
}

double SubjectWeight(const std::string& kind, const SubjectFacts& f) {
  const double share = std::clamp(f.share_pct.value_or(0.0), 0.0, 100.0);
  if (kind == "enterprise") return (1 + share) * (f.chain_leader ? 2 : 1);
  if (kind == "industry") return 1 + share;
  // A region's alert speaks for all its enterprises: what a leader reads first.
  if (kind == "region") return kRegionBoost * (1 + share);
  return 10;
}

double Persistence(int32_t months) { return 1 + (std::clamp(months, 1, 12) - 1) / 4.0; }

std::string BaseEffect(std::optional<double> yoy, std::optional<double> yoy_2y) {
  if (!yoy || !yoy_2y || !std::isfinite(*yoy) || !std::isfinite(*yoy_2y)) return "";
  // Down now while the two-year average still grows: last year's base was high.
  if (*yoy < 0 && *yoy_2y > 0) return "base_effect";
  // Up now while the two-year average is flat or down: a rebound from a low base.
  if (*yoy > 0 && *yoy_2y <= 0) return "rebound";
  return "";
}

void ScoreEpisode(const SubjectFacts& facts, Episode* e) {
  e->weight = SubjectWeight(e->subject_kind, facts);
  e->persistence = Persistence(e->months);
  const double level = LevelPoints(e->level) * (e->state == "firing" ? 1.0 : 0.5);
  e->score = level * e->weight * e->persistence;
  e->base_effect = BaseEffect(facts.yoy, facts.yoy_2y);
}

std::vector<EpisodeRefs> GroupEpisodeRefs(const std::vector<const AlertRecord*>& alerts) {
  std::map<std::pair<std::string_view, std::string_view>, EpisodeRefs> by_subject;
  for (const AlertRecord* a : alerts) {
    if (a->state != "firing" && a->state != "pending") continue;
    EpisodeRefs& r = by_subject[{a->subject_kind, a->subject_key}];
    Episode& e = r.head;
    if (r.hits.empty()) {
      e.id = a->subject_kind + ":" + a->subject_key;
      e.subject_kind = a->subject_kind;
      e.subject_key = a->subject_key;
      e.subject_name = a->subject_name;
      e.region = a->region;
      e.industry = a->industry;
      e.started_at = a->starts_at;
      e.muted = true;
    }
    if (!a->starts_at.empty() && (e.started_at.empty() || a->starts_at < e.started_at))
      e.started_at = a->starts_at;
    if (a->period > e.period) e.period = a->period;
    e.months = std::max(e.months, a->streak);
    e.muted = e.muted && a->muted();
    r.hits.push_back(a);
  }
  std::vector<EpisodeRefs> out;
  out.reserve(by_subject.size());
  for (auto& [key, r] : by_subject) {
    Episode& e = r.head;
    const bool firing = std::any_of(r.hits.begin(), r.hits.end(),
                                    [](const AlertRecord* a) { return a->state == "firing"; });
    e.state = firing ? "firing" : "pending";
    for (const AlertRecord* a : r.hits) {
      if (a->state == e.state && LevelPoints(a->level) > LevelPoints(e.level)) e.level = a->level;
    }
    std::stable_sort(r.hits.begin(), r.hits.end(), [](const AlertRecord* a, const AlertRecord* b) {
      if ((a->state == "firing") != (b->state == "firing")) return a->state == "firing";
      return LevelPoints(a->level) > LevelPoints(b->level);
    });
    out.push_back(std::move(r));
  }
  return out;
}

Episode WithHits(const EpisodeRefs& refs) {
  Episode e = refs.head;
  e.hits.reserve(refs.hits.size());
  for (const AlertRecord* a : refs.hits) e.hits.push_back(*a);
  return e;
}

std::vector<Episode> GroupEpisodes(std::vector<AlertRecord> alerts) {
  std::vector<const AlertRecord*> refs;
  refs.reserve(alerts.size());
  for (const AlertRecord& a : alerts) refs.push_back(&a);
  std::vector<Episode> out;
  for (const EpisodeRefs& r : GroupEpisodeRefs(refs)) out.push_back(WithHits(r));
  return out;
}

}  // namespace ballast::warn
