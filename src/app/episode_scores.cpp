#include "app/episode_scores.h"

#include <mutex>
#include <unordered_set>

#include "app/episode_facts.h"

namespace ballast::app {

namespace {

// `base` with the region and industry subjects of `g`'s episodes added (with `regrouped`, of
// those grouped again only: the others were in the grouping `base` was made for); `base` itself
// when none is new. Subjects are never dropped: a set that only grows asks the same passes from
// one batch to the next (an episode resolved and one fired would change it every time).
std::shared_ptr<const CellSubjectSet> AddSubjects(std::shared_ptr<const CellSubjectSet> base,
                                                  const GroupedEpisodes& g, bool regrouped) {
  std::vector<const warn::Episode*> fresh;
  for (size_t i = 0; i < g.episodes.size(); ++i) {
    if (regrouped && i < g.was.size() && g.was[i] >= 0) continue;
    const warn::Episode& e = g.episodes[i]->head;
    if (e.subject_kind != "region" && e.subject_kind != "industry") continue;
    if (base == nullptr || !base->by_key.contains(FactsKey(e))) fresh.push_back(&e);
  }
  if (fresh.empty() && base != nullptr) return base;
  auto out = std::make_shared<CellSubjectSet>();
  if (base != nullptr) out->by_key = base->by_key;
  for (const warn::Episode* e : fresh) {
    warn::Episode shell;
    shell.subject_kind = e->subject_kind;
    shell.subject_key = e->subject_key;
    shell.region = e->region;
    shell.industry = e->industry;
    out->by_key.try_emplace(FactsKey(*e), std::move(shell));
  }
  out->in_order.reserve(out->by_key.size());
  for (const auto& [key, e] : out->by_key) out->in_order.push_back(&e);
  return out;
}

EpisodeScore ScoreOf(FactFinder& facts, const warn::Episode& e, bool growth) {
  warn::Episode shell;  // what ScoreEpisode reads, without the hits
  shell.subject_kind = e.subject_kind;
  shell.state = e.state;
  shell.level = e.level;
  shell.months = e.months;
  const ScopedFacts f = facts.Facts(e);
  warn::ScoreEpisode(f.facts, &shell);
  EpisodeScore s{shell.weight, shell.persistence, shell.score,
                 growth ? std::move(shell.base_effect) : std::string()};
  s.read_facts = e.subject_kind == "enterprise" || e.subject_kind == "region" ||
                 e.subject_kind == "industry";  // those FactsKey names
  s.scope = f.scope;
  return s;
}

}  // namespace

EpisodeScores::EpisodeScores(std::shared_ptr<const GroupedEpisodes> grouped,
                             std::shared_ptr<const Snapshot> snap, EpisodeScores* previous)
    : grouped_(std::move(grouped)),
      snap_(snap),
      through_(snap != nullptr ? snap->through : -1),
      scores_(grouped_->episodes.size()),
      done_(grouped_->episodes.size(), false) {
  if (snap == nullptr) return;
  std::unordered_set<NodeId> unused;
  mark_.MoveTo(snap, &unused);
  if (previous == nullptr) return;
  const bool regrouped = previous->grouped_ != grouped_;
  if (regrouped && grouped_->from.lock() != previous->grouped_) return;
  std::lock_guard<std::mutex> lock(previous->mu_);
  if (previous->cell_subjects_ != nullptr)
    cell_subjects_ = regrouped ? AddSubjects(previous->cell_subjects_, *grouped_, true)
                               : previous->cell_subjects_;
  const bool same_snap = previous->snap_.lock() == snap;
  if (!same_snap && !(previous->through_ < through_)) return;
  // On a newer snapshot, the scores whose facts no batch since can have moved: their subject's
  // scope holds no enterprise a batch moved (none when the snapshots are not linked).
  std::unordered_set<NodeId> moved;
  SnapshotMark::Step step = SnapshotMark::Step::kSame;
  if (!same_snap) {
    SnapshotMark from = previous->mark_;
    step = from.MoveTo(snap, &moved);
  }
  const bool linked = step == SnapshotMark::Step::kSame || step == SnapshotMark::Step::kSome;
  for (size_t i = 0; i < scores_.size(); ++i) {
    const int32_t k = regrouped ? grouped_->was[i] : static_cast<int32_t>(i);
    if (k < 0 || !previous->done_[static_cast<size_t>(k)]) continue;
    const EpisodeScore& was = previous->scores_[static_cast<size_t>(k)];
    if (was.read_facts && !moved.empty() && (was.scope == kNoNode || moved.contains(was.scope)))
      continue;
    if (was.read_facts && !linked) continue;
    scores_[i] = was;
    done_[i] = true;
  }
}

const std::vector<EpisodeScore>& EpisodeScores::Score(const std::vector<uint32_t>& which,
                                                      Workspace& ws) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<uint32_t> missing;
  for (uint32_t i : which) {
    if (!done_[i]) missing.push_back(i);
  }
  if (missing.empty()) return scores_;
  // The asker holds the snapshot; were it gone, the latest one's facts, never no score.
  const auto snap = snap_.lock();
  FactFinder facts = snap != nullptr ? FactFinder(snap) : FactFinder(ws);
  std::vector<const warn::Episode*> heads;
  heads.reserve(missing.size());
  for (uint32_t i : missing) heads.push_back(&grouped_->episodes[i]->head);
  if (cell_subjects_ == nullptr) cell_subjects_ = AddSubjects(nullptr, *grouped_, false);
  facts.Prefetch(heads, *cell_subjects_);
  for (uint32_t i : missing) {
    if (done_[i]) continue;  // listed twice
    scores_[i] = ScoreOf(facts, grouped_->episodes[i]->head, grouped_->growth[i]);
    done_[i] = true;
  }
  return scores_;
}

}  // namespace ballast::app
