#include "app/episodes.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/answer_cache.h"
#include "app/ballast.h"
#include "app/episode_facts.h"
#include "app/episode_list_cache.h"
#include "app/episode_scores.h"
#include "app/warnings_scoped.h"
#include "core/blocking.h"

namespace ballast::app {

namespace {

ListCache& Lists() {
  static auto* cache = new ListCache();  // never destroyed: outlives every request
  return *cache;
}

std::string ExactText(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

// Everything a list depends on besides the alerts and the panel: the caller's scope (what
// app/access.h decides by, besides the user's name) and every field of the request.
std::string ListKey(const Caller& c, const AlertFilter& af, const EpisodeFilter& f) {
  CacheKey k("episodes");
  k.Add(auth::RoleName(c.role)).Add(c.region).Add(c.uscc).Add(c.unit).Add(af.region);
  k.Add(f.state).Add(f.level).Add(f.kind).Add(f.rule_id).Add(f.subject_key);
  k.Add(f.include_muted ? "muted" : "-").Add(ExactText(f.min_score)).Add(f.sort);
  k.Add(static_cast<int64_t>(f.offset)).Add(static_cast<int64_t>(f.limit));
  return k.str();
}

std::string PrefectureCode(const Catalog& cat, const std::string& code) {
  const NodeId n = cat.regions().Find(code);
  if (n == kNoNode) return code.empty() ? "-" : code;
  const NodeId p = PrefectureOf(cat.regions(), n);
  return p == kNoNode ? code : cat.regions().node(p).code;
}

Status CheckFilter(const EpisodeFilter& f) {
  if (!f.level.empty()) RETURN_IF_ERROR(warn::ParseLevel(f.level).status());
  if (!f.state.empty() && f.state != "firing" && f.state != "pending") {
    return Status::Invalid("state: firing or pending (empty for both)");
  }
  if (!(f.min_score >= 0)) return Status::Invalid("min_score: a number >= 0");
  if (f.sort != "score" && f.sort != "level" && f.sort != "newest" && f.sort != "duration") {
    return Status::Invalid("sort: score, level, newest or duration");
  }
  return Status::Ok();
}

// An episode of a list, with where its score is kept (filled in when the list needs it).
struct Candidate {
  const warn::EpisodeRefs* episode;
  const GroupedEpisodes* grouped;  // the episode's grouping (its counted tags)
  EpisodeScores* sheet;
  uint32_t index;  // in the grouping and its sheet
  const EpisodeScore* score = nullptr;
};

// Fills in the scores of `candidates`: only the episodes a list filters or orders by score are
// scored (a badge that counts none scores none).
void ScoreCandidates(std::vector<Candidate>& candidates, Workspace& ws) {
  // Two sheets at most (the shared one and the list's own): found by a look along a vector.
  std::vector<std::pair<EpisodeScores*, std::vector<uint32_t>>> by_sheet;
  auto of = [&](EpisodeScores* sheet) -> size_t {
    for (size_t k = 0; k < by_sheet.size(); ++k) {
      if (by_sheet[k].first == sheet) return k;
    }
    by_sheet.push_back({sheet, {}});
    return by_sheet.size() - 1;
  };
  for (const Candidate& c : candidates) by_sheet[of(c.sheet)].second.push_back(c.index);
  std::vector<const std::vector<EpisodeScore>*> scores(by_sheet.size());
  for (size_t k = 0; k < by_sheet.size(); ++k)
    scores[k] = &by_sheet[k].first->Score(by_sheet[k].second, ws);
  for (Candidate& c : candidates) c.score = &(*scores[of(c.sheet)])[c.index];
}

// The counts by level, subject kind, region (its prefecture) and rule of `base`: tallied by the
// tags each grouping gave its episodes, then named (a national badge counts every episode of the
// country; each region's prefecture is found once).
void Count(const std::vector<Candidate>& base, const Catalog& cat, EpisodeCounts* out) {
  struct Tally {
    const GroupedEpisodes* grouped;
    std::vector<int64_t> level, kind, region, rule;  // by label
  };
  std::vector<Tally> tallies;  // one per grouping (the shared one and the list's own)
  size_t at = 0;
  for (const Candidate& c : base) {
    const GroupedEpisodes& g = *c.grouped;
    if (at == tallies.size() || tallies[at].grouped != &g) {
      at = 0;
      while (at < tallies.size() && tallies[at].grouped != &g) ++at;
      if (at == tallies.size()) {
        const size_t n = g.labels.size();
        tallies.push_back({&g, std::vector<int64_t>(n), std::vector<int64_t>(n),
                           std::vector<int64_t>(n), std::vector<int64_t>(n)});
      }
    }
    Tally& t = tallies[at];
    const GroupedEpisodes::Tags& tags = g.tags[c.index];
    ++t.level[tags.level];
    ++t.kind[tags.kind];
    ++t.region[tags.region];
    for (uint32_t r = g.rules_from[c.index]; r < g.rules_from[c.index + 1]; ++r)
      ++t.rule[g.counted_rules[r]];
  }
  for (const Tally& t : tallies) {
    const auto& labels = t.grouped->labels;
    for (size_t k = 0; k < labels.size(); ++k) {
      if (t.level[k] != 0) out->by_level[labels[k]] += t.level[k];
      if (t.kind[k] != 0) out->by_kind[labels[k]] += t.kind[k];
      if (t.region[k] != 0) out->by_region[PrefectureCode(cat, labels[k])] += t.region[k];
      if (t.rule[k] != 0) out->by_rule[labels[k]] += t.rule[k];
    }
  }
}

// The list as the filter asks: state, muting and importance, the counts, then level, kind,
// subject and rule, the order and the page (only the page is copied).
EpisodeList Select(Workspace& ws, std::vector<Candidate> all, const EpisodeFilter& f) {
  const Catalog& cat = ws.catalog();
  EpisodeList out;
  std::vector<Candidate> base;
  // By the groupings' tags (their labels are few and close together), not the episodes' heads.
  for (const Candidate& c : all) {
    const GroupedEpisodes::Tags& tags = c.grouped->tags[c.index];
    if (!f.state.empty() && c.grouped->labels[tags.state] != f.state) continue;
    if (!f.include_muted && tags.muted) continue;
    base.push_back(c);
  }
  if (f.min_score > 0) {
    ScoreCandidates(base, ws);
    std::erase_if(base, [&](const Candidate& c) { return c.score->score < f.min_score; });
  }
  out.counts.total = static_cast<int64_t>(base.size());
  Count(base, cat, &out.counts);
  std::vector<Candidate> matched;
  for (const Candidate& c : base) {
    const GroupedEpisodes::Tags& tags = c.grouped->tags[c.index];
    const std::vector<std::string>& labels = c.grouped->labels;
    if (!f.level.empty() && labels[tags.level] != f.level) continue;
    if (!f.kind.empty() && labels[tags.kind] != f.kind) continue;
    const auto& hits = c.episode->hits;
    if (!f.subject_key.empty() && c.episode->head.subject_key != f.subject_key) continue;
    if (!f.rule_id.empty() && std::none_of(hits.begin(), hits.end(), [&](const AlertRecord* a) {
          return a->rule_id == f.rule_id;
        })) {
      continue;
    }
    matched.push_back(c);
  }
  if (f.min_score <= 0) ScoreCandidates(matched, ws);
  enum class Order { kScore, kLevel, kNewest, kDuration };
  const Order order = f.sort == "level"      ? Order::kLevel
                      : f.sort == "newest"   ? Order::kNewest
                      : f.sort == "duration" ? Order::kDuration
                                             : Order::kScore;
  auto by = [order](const Candidate& x, const Candidate& y) {
    const warn::Episode &a = x.episode->head, &b = y.episode->head;
    if (order == Order::kLevel && a.level != b.level)
      return warn::LevelPoints(a.level) > warn::LevelPoints(b.level);
    if (order == Order::kNewest && a.started_at != b.started_at) return a.started_at > b.started_at;
    if (order == Order::kDuration && a.months != b.months) return a.months > b.months;
    if (x.score->score != y.score->score) return x.score->score > y.score->score;
    return a.id < b.id;
  };
  out.matched = static_cast<int64_t>(matched.size());
  const size_t from = std::min(f.offset, matched.size());
  const size_t to = f.limit == 0 ? matched.size() : std::min(matched.size(), from + f.limit);
  // Only the page is put in order (ids are unique: the order is total, the page the same as
  // from a whole sort).
  std::partial_sort(matched.begin(), matched.begin() + static_cast<std::ptrdiff_t>(to),
                    matched.end(), by);
  for (size_t i = from; i < to; ++i) {
    warn::Episode e = warn::WithHits(*matched[i].episode);
    const EpisodeScore& s = *matched[i].score;
    e.weight = s.weight;
    e.persistence = s.persistence;
    e.score = s.score;
    e.base_effect = s.base_effect;
    out.episodes.push_back(std::move(e));
  }
  return out;
}

// Every episode of `grouped`, scored in `sheet`, for Select.
void AddCandidates(const GroupedEpisodes& grouped, EpisodeScores* sheet,
                   std::vector<Candidate>* out) {
  for (uint32_t i = 0; i < grouped.episodes.size(); ++i)
    out->push_back({grouped.episodes[i].get(), &grouped, sheet, i});
}

// Every live subject's episode, grouped once per set of live alerts and scored once per snapshot
// (each when a list first needs it), shared by every list: the lists of a page view, its badge and
// every other caller's differ only in which alerts they may see, and grouping and scoring were
// most of a list's time. A new snapshot of the same alerts (a batch the evaluation did not change
// an alert for, or before the evaluation is done) scores them again without grouping them again.
// It holds one grouping (and so its live alerts) until the next list replaces it, never a panel.
class SharedEpisodes {
 public:
  struct Found {
    std::shared_ptr<const GroupedEpisodes> grouped;
    std::shared_ptr<EpisodeScores> scores;  // nullptr: not for this snapshot
  };
  Found Find(const std::shared_ptr<const LiveAlerts>& live,
             const std::shared_ptr<const Snapshot>& snap) {
    std::lock_guard<std::mutex> lock(mu_);
    if (live != live_.lock()) return {};
    // Without a snapshot (none could be read) the scores are made afresh from the latest.
    return {grouped_, snap != nullptr && Serves(snap_.lock(), snap) ? scores_ : nullptr};
  }
  // The grouping held now and its scores, whatever alerts and snapshot they are of.
  Found Last() {
    std::lock_guard<std::mutex> lock(mu_);
    return {grouped_, scores_};
  }
  std::mutex& making() { return making_; }
  void Put(const std::shared_ptr<const LiveAlerts>& live,
           const std::shared_ptr<const Snapshot>& snap,
           std::shared_ptr<const GroupedEpisodes> grouped, std::shared_ptr<EpisodeScores> scores) {
    std::lock_guard<std::mutex> lock(mu_);
    if (Older(live, snap, live_.lock(), snap_.lock())) return;
    live_ = live;
    snap_ = snap;
    grouped_ = std::move(grouped);
    scores_ = std::move(scores);
  }

 private:
  std::mutex mu_, making_;
  std::weak_ptr<const LiveAlerts> live_;  // neither kept alive
  std::weak_ptr<const Snapshot> snap_;
  std::shared_ptr<const GroupedEpisodes> grouped_;
  std::shared_ptr<EpisodeScores> scores_;
};

SharedEpisodes& Shared() {
  static auto* cache = new SharedEpisodes();  // never destroyed: outlives every request
  return *cache;
}

// The list of the alerts `view` lets the caller see. An episode all of whose alerts are visible
// is the shared one; one only partly visible is grouped and scored from its visible alerts alone,
// as the list would be without sharing.
Result<EpisodeList> FromView(Warnings& w, const AlertView& view,
                             const std::shared_ptr<const Snapshot>& snap, const EpisodeFilter& f) {
  RETURN_IF_ERROR(CheckFilter(f));
  // The grouping and scores are made by one list at a time: the others made meanwhile use them.
  std::unique_lock<std::mutex> sharing = LockWaiting(Shared().making());
  auto found = Shared().Find(view.held, snap);
  // Scores of the grouping (or the one it is regrouped from) on an earlier snapshot: those whose
  // facts a batch did not move are carried.
  std::shared_ptr<EpisodeScores> earlier;
  if (found.grouped != nullptr && found.scores == nullptr) earlier = Shared().Last().scores;
  if (found.grouped == nullptr) {
    // Another set of live alerts (an evaluation or a handling step since): the subjects whose
    // alerts moved are grouped again, the other episodes (and their scores) kept.
    auto last = Shared().Last();
    if (last.grouped != nullptr) {
      found.grouped = RegroupAlerts(last.grouped, view.held);
      earlier = std::move(last.scores);
    }
  }
  if (found.grouped == nullptr) {
    // Every live alert in the order the lists see them (most severe first, then newest), so
    // that each episode is what grouping a list's own alerts makes of it.
    ASSIGN_OR_RETURN(auto all, w.ViewAlerts(AlertFilter{}));
    if (all.held != view.held) {  // an evaluation came between the two reads: these alone
      sharing.unlock();
      const auto own = GroupAlerts(view.held, view.rows);
      EpisodeScores own_scores(own, snap);
      std::vector<Candidate> candidates;
      AddCandidates(*own, &own_scores, &candidates);
      return Select(w.workspace(), std::move(candidates), f);
    }
    found.grouped = GroupAlerts(all.held, all.rows);
  }
  if (found.scores == nullptr) {
    found.scores = std::make_shared<EpisodeScores>(found.grouped, snap, earlier.get());
    Shared().Put(view.held, snap, found.grouped, found.scores);
  }
  sharing.unlock();
  const GroupedEpisodes& g = *found.grouped;
  std::vector<Candidate> candidates;
  // Every live alert seen (the rows are distinct, and the grouping holds them all): every
  // episode is the shared one, with no pass over the rows (the country's lists).
  if (view.held == g.held && view.rows.size() == g.held->rows.size()) {
    AddCandidates(g, found.scores.get(), &candidates);
    return Select(w.workspace(), std::move(candidates), f);
  }
  // The shared episodes the caller sees every alert of, found from the rows seen (a region's
  // list does not pass over every episode of the country).
  std::vector<uint32_t> visible(g.episodes.size(), 0);
  std::vector<uint32_t> of_row(view.rows.size());
  for (size_t r = 0; r < view.rows.size(); ++r) {
    const uint32_t i = of_row[r] = g.EpisodeOf(view.rows[r]->id);
    if (i != GroupedEpisodes::kNone && ++visible[i] == g.episodes[i]->hits.size())
      candidates.push_back({g.episodes[i].get(), &g, found.scores.get(), i});
  }
  std::vector<const AlertRecord*> partly;
  for (size_t r = 0; r < view.rows.size(); ++r) {
    const uint32_t i = of_row[r];
    if (i != GroupedEpisodes::kNone && visible[i] != g.episodes[i]->hits.size())
      partly.push_back(view.rows[r]);
  }
  const auto own = GroupAlerts(view.held, partly);
  EpisodeScores own_scores(own, snap);
  AddCandidates(*own, &own_scores, &candidates);
  return Select(w.workspace(), std::move(candidates), f);
}

}  // namespace

Result<EpisodeList> ListEpisodes(Warnings& w, const EpisodeFilter& f) {
  AlertFilter af;
  af.region = f.region;
  ASSIGN_OR_RETURN(auto view, w.ViewAlerts(af));
  const auto snapshot = w.workspace().GetSnapshot();
  return FromView(w, view, snapshot.ok() ? *snapshot : nullptr, f);
}

namespace {

Result<std::shared_ptr<const Kept<KeptList>>> KeptEpisodes(Ballast& b, const Caller& c,
                                                           const EpisodeFilter& f) {
  AlertFilter af;
  af.region = f.region;
  RETURN_IF_ERROR(ScopeAlertFilter(b, c, &af));
  ASSIGN_OR_RETURN(auto live, b.warnings().Live());
  // A store without data has no panel: its lists are kept under none.
  auto snapshot = b.workspace().GetSnapshot();
  const std::shared_ptr<const Snapshot> snap = snapshot.ok() ? *snapshot : nullptr;
  const std::string key = ListKey(c, af, f);
  const auto keep = 2 * b.workspace().advance_interval();
  auto found = [&]() -> std::shared_ptr<const Kept<KeptList>> {
    auto hit = Lists().Find(live, snap, key, keep);
    if (hit != nullptr) AuditEnterpriseAlerts(b, c, af, hit->answer().on_enterprises);
    return hit;
  };
  if (auto hit = found()) return hit;
  // Each list is made once: the requests for it that arrive meanwhile (a page and its badge
  // after each new batch, from every open browser) find it made instead of making it again.
  // Other lists are made meanwhile; the grouping and scores they share are made once (FromView).
  const auto making = Lists().MakingOf(key);
  if (auto hit = found()) return hit;
  ASSIGN_OR_RETURN(auto view, ViewAlerts(b, c, af));  // checks and audits again, reads
  KeptList made;
  made.on_enterprises = view.on_enterprises;
  ASSIGN_OR_RETURN(made.list, FromView(b.warnings(), view, snap, f));
  auto kept = std::make_shared<const Kept<KeptList>>(std::move(made));
  Lists().Put(view.held, snap, key, kept, keep);
  return kept;
}

}  // namespace

Result<EpisodeList> ListEpisodes(Ballast& b, const Caller& c, EpisodeFilter f) {
  ASSIGN_OR_RETURN(auto kept, KeptEpisodes(b, c, f));
  return kept->answer().list;
}

Result<std::shared_ptr<const std::string>> ListEpisodes(Ballast& b, const Caller& c,
                                                        const EpisodeFilter& f,
                                                        const Rendering<EpisodeList>& r) {
  ASSIGN_OR_RETURN(auto kept, KeptEpisodes(b, c, f));
  return kept->Rendered(
      {r.name, [render = r.render](const KeptList& k) { return render(k.list); }});
}

Result<EpisodeCounts> CountEpisodes(Ballast& b, const Caller& c, const std::string& region,
                                    double min_score) {
  EpisodeFilter f;
  f.region = region;
  f.min_score = min_score;
  f.limit = 1;
  f.kind = std::string(1, '-');  // nothing matches: only the counts are computed, no scores
  ASSIGN_OR_RETURN(auto list, ListEpisodes(b, c, f));
  return list.counts;
}

}  // namespace ballast::app
