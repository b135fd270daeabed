#include "app/episode_scores.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <unordered_set>

#include "app/snapshot_memo.h"
#include "engine/measure_context.h"

namespace ballast::app {

namespace {

constexpr const char* kOutput = "output_value";
constexpr const char* kChainLeader = "链主";

// The facts of subjects (regions, industries, enterprises), kept for the latest panel snapshot
// they were read from: a region's or industry's is a scan of the panel, an enterprise's needs the
// figures of every enterprise of its prefecture, and the episodes are scored again for every new
// set of live alerts and every new batch. A batch of values moves few enterprises: the facts of
// the next snapshot keep those of the subjects it cannot have moved.
// Each with the region whose enterprises moving can move it (the score carried over a batch that
// moved none: EpisodeScores).
struct ScopedFacts {
  warn::SubjectFacts facts;
  NodeId scope = kNoNode;
};
using CellFactsCache = SnapshotMemo<ScopedFacts>;

CellFactsCache& CellFacts() {
  static auto* cache = new CellFactsCache();  // never destroyed: outlives every request
  return *cache;
}

// The key of the facts an episode's subject is scored by: an enterprise's, or a region's or an
// industry's cell; "" for the subjects scored without facts (targets, projects, commodities).
std::string FactsKey(const warn::Episode& e) {
  if (e.subject_kind == "enterprise") return e.subject_kind + '\x1f' + e.subject_key;
  if (e.subject_kind == "region" || e.subject_kind == "industry")
    return e.subject_kind + '\x1f' + e.region + '\x1f' + e.industry;
  return "";
}

// What the panel says of each episode's subject: its weight and its growth now and over two
// years (the output figures, at the latest month with output data).
class FactFinder {
 public:
  explicit FactFinder(Workspace& ws) {
    auto snap = ws.GetSnapshot();
    if (snap.ok()) Start(*snap);
  }
  explicit FactFinder(std::shared_ptr<const Snapshot> snap) { Start(std::move(snap)); }

  ScopedFacts Facts(const warn::Episode& e) {
    if (period_ == 0) return {};
    if (e.subject_kind == "enterprise") {
      // Kept too: alerts that change without a new batch (an evaluation, a handling step) are
      // scored again from what this snapshot already said of their subjects.
      const std::string key = FactsKey(e);
      if (auto known = Known(key)) return *known;
      NodeId prefecture = kNoNode;
      const warn::SubjectFacts f = Enterprise(e.subject_key, &prefecture);
      Keep(key, f, prefecture);
      return {f, prefecture};
    }
    if (e.subject_kind == "region" || e.subject_kind == "industry") return Cell(e);
    return {};
  }

  // Reads the facts of the region and industry subjects when one among `episodes` is not known
  // yet for this snapshot, all together (Query::Cells: a few passes over the panel, not one per
  // subject). A region weighs its share of its parent region's output; an industry (within a
  // region) its share of that region's whole industrial output, year to date.
  // `all` (the region and industry subjects of the grouping and of those before it, in one
  // order: CellSubjectSet) is read whenever one is missing, not the missing ones alone: the
  // passes are then asked for the same cells on every snapshot and kept by block
  // (engine/sums_memo.h), so after a batch that moved one enterprise they sum its block again,
  // not the panel (issue 11: the subjects a batch's scope left unscored differed every time, and
  // each set was a fresh pass over 500,000 enterprises).
  void Prefetch(std::span<const warn::Episode* const> episodes,
                std::span<const warn::Episode* const> all) {
    if (period_ == 0) return;
    const bool missing = std::any_of(episodes.begin(), episodes.end(), [&](const auto* e) {
      return (e->subject_kind == "region" || e->subject_kind == "industry") && !Known(FactsKey(*e));
    });
    if (missing) Read(all);
  }

 private:
  // Reads and keeps the facts of the region and industry subjects of `episodes`.
  void Read(std::span<const warn::Episode* const> episodes) {
    const Catalog& cat = snap_->panel->catalog();
    struct Pending {
      std::string key;
      bool region;
      size_t row;  // of its kind's cells; an industry's region total follows it
      NodeId scope;
    };
    std::vector<Pending> pending;
    std::vector<CellRef> regions, industries;
    std::unordered_set<std::string> seen;
    for (const warn::Episode* ep : episodes) {
      const warn::Episode& e = *ep;
      const bool region = e.subject_kind == "region";
      if (!region && e.subject_kind != "industry") continue;
      std::string key = FactsKey(e);
      if (!seen.insert(key).second) continue;
      const NodeId r = cat.regions().Find(e.region.empty() ? std::string(kCountryCode) : e.region);
      const NodeId i = e.industry.empty() ? cat.all_industry() : cat.FindIndustry(e.industry);
      if (r == kNoNode || i == kNoNode) {
        Keep(key, {}, kNoNode);
        continue;
      }
      std::vector<CellRef>& cells = region ? regions : industries;
      // A region's share moves with its parent's output, an industry's with its region's.
      const NodeId parent = cat.regions().node(r).parent;
      const NodeId scope = region && parent != kNoNode ? parent : r;
      pending.push_back({std::move(key), region, cells.size(), scope});
      cells.push_back({ind_, period_, r, i});
      if (!region) cells.push_back({ind_, period_, r, cat.all_industry()});
    }
    if (pending.empty()) return;
    const auto by_region = snap_->query->Cells(
        regions, {Measure::kYoy, Measure::kYoy2y, Measure::kShare}, Dimension::kRegion);
    const auto by_industry = snap_->query->Cells(
        industries, {Measure::kYoy, Measure::kYoy2y, Measure::kYtd}, Dimension::kIndustry);
    for (const Pending& p : pending) {
      warn::SubjectFacts f;
      const auto& row = p.region ? by_region[p.row] : by_industry[p.row];
      if (row.ok()) {
        f.yoy = row->values[0];
        f.yoy_2y = row->values[1];
        if (p.region) {
          f.share_pct = row->values[2];
        } else if (const auto& all = by_industry[p.row + 1];
                   all.ok() && all->values[2] && row->values[2] && *all->values[2] > 0) {
          f.share_pct = *row->values[2] / *all->values[2] * 100;
        }
      }
      Keep(p.key, f, p.scope);
    }
  }

  void Start(std::shared_ptr<const Snapshot> snap) {
    snap_ = std::move(snap);
    const Panel& panel = *snap_->panel;
    ind_ = panel.catalog().FindIndicator(kOutput);
    if (ind_ < 0 || panel.empty()) return;
    for (Period p = panel.last_period(); p >= panel.first_period(); --p) {
      if (panel.HasData(ind_, p)) {
        period_ = p;
        break;
      }
    }
  }
  // Shares use the base (上年同期): a stopped firm weighs what it normally produces.
  void LoadEnterprises() {
    if (loaded_) return;
    loaded_ = true;
    const Panel& panel = *snap_->panel;
    const CodeTree& regions = panel.catalog().regions();
    now_.Load(panel, ind_, period_, EnterpriseFigures::kMonthly);
    has_year_ago_ = period_ - 12 >= panel.first_period();
    if (has_year_ago_) year_ago_.Load(panel, ind_, period_ - 12, EnterpriseFigures::kBx);
    const size_t n = panel.num_enterprises();
    prefecture_.assign(n, kNoNode);
    for (uint32_t e = 0; e < n; ++e) {
      const NodeId r = panel.enterprise(e).region;
      if (r == kNoNode) continue;
      prefecture_[e] = regions.AncestorAtDepth(r, std::min<int32_t>(2, regions.node(r).depth));
      const double size = Size(e);
      if (!std::isnan(size)) totals_[prefecture_[e]] += size;
    }
  }
  double Size(uint32_t e) const {
    const double b = now_.bx()[e], x = now_.x()[e];
    return !std::isnan(b) && b > 0 ? b : !std::isnan(x) && x > 0 ? x : NAN;
  }

  warn::SubjectFacts Enterprise(const std::string& uscc, NodeId* prefecture) {
    warn::SubjectFacts f;
    const Panel& panel = *snap_->panel;
    const int64_t idx = panel.FindEnterprise(uscc);
    if (idx < 0) return f;
    LoadEnterprises();
    const auto e = static_cast<uint32_t>(idx);
    *prefecture = prefecture_[e];
    const auto& tags = panel.enterprise(e).tags;
    f.chain_leader = std::find(tags.begin(), tags.end(), kChainLeader) != tags.end();
    const double size = Size(e);
    if (prefecture_[e] != kNoNode && !std::isnan(size)) {
      const double total = totals_[prefecture_[e]];
      if (total > 0) f.share_pct = size / total * 100;
    }
    const double x = now_.x()[e], b = now_.bx()[e];
    const double b2 = has_year_ago_ ? year_ago_.bx()[e] : NAN;  // the value two years ago
    if (!std::isnan(x) && !std::isnan(b) && b > 0) f.yoy = (x / b - 1) * 100;
    if (!std::isnan(x) && !std::isnan(b2) && b2 > 0 && x >= 0)
      f.yoy_2y = (std::sqrt(x / b2) - 1) * 100;
    return f;
  }

  // One subject's facts read alone: when the grouping's were not read beforehand.
  ScopedFacts Cell(const warn::Episode& e) {
    if (auto known = Known(FactsKey(e))) return *known;
    if (period_ == 0) return ScopedFacts{};
    const warn::Episode* one = &e;
    Read(std::span<const warn::Episode* const>(&one, 1));
    return Known(FactsKey(e)).value_or(ScopedFacts{});
  }

  // The shared facts, and this finder's own: the shared ones are of the latest snapshot alone,
  // and a list still on the one before must not read each subject's afresh.
  std::optional<ScopedFacts> Known(const std::string& key) {
    auto it = own_.find(key);
    if (it != own_.end()) return it->second;
    return CellFacts().Find(snap_, key);
  }
  void Keep(const std::string& key, const warn::SubjectFacts& f, NodeId scope) {
    own_[key] = {f, scope};
    CellFacts().Put(snap_, key, {f, scope}, scope);
  }

  std::shared_ptr<const Snapshot> snap_;
  std::unordered_map<std::string, ScopedFacts> own_;
  int ind_ = -1;
  Period period_ = 0;
  bool loaded_ = false, has_year_ago_ = false;
  EnterpriseFigures now_, year_ago_;
  std::vector<NodeId> prefecture_;
  std::unordered_map<NodeId, double> totals_;
};

}  // namespace

// The region and industry subjects whose facts are read together (FactFinder::Prefetch's `all`),
// each once, in the order of their keys; each a shell of its episode (kind, key, region,
// industry).
struct CellSubjectSet {
  std::map<std::string, warn::Episode> by_key;
  std::vector<const warn::Episode*> in_order;
};

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
  facts.Prefetch(heads, cell_subjects_->in_order);
  for (uint32_t i : missing) {
    if (done_[i]) continue;  // listed twice
    scores_[i] = ScoreOf(facts, grouped_->episodes[i]->head, grouped_->growth[i]);
    done_[i] = true;
  }
  return scores_;
}

}  // namespace ballast::app
