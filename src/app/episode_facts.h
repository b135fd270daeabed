// What the panel says of an episode's subject (warn::SubjectFacts: its weight and its growth),
// read for app/episode_scores.h: an enterprise's from its prefecture's figures, a region's or an
// industry's from the cells of the latest month with output data, all region and industry
// subjects of a grouping in a few passes (Query::Cells).
#ifndef BALLAST_APP_EPISODE_FACTS_H_
#define BALLAST_APP_EPISODE_FACTS_H_

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/workspace.h"
#include "engine/measure_context.h"
#include "warn/episode.h"

namespace ballast::app {

// Facts with the region whose enterprises moving can move them (the score carried over a batch
// that moved none: EpisodeScores).
struct ScopedFacts {
  warn::SubjectFacts facts;
  NodeId scope = kNoNode;
};

// The prefecture a region belongs to (its ancestor at depth 2), or the region itself when it lies
// above one (the country, a province): what an enterprise is weighed against and what the lists'
// counts by region group by.
NodeId PrefectureOf(const CodeTree& regions, NodeId region);

// The key of the facts an episode's subject is scored by: an enterprise's, or a region's or an
// industry's cell; "" for the subjects scored without facts (targets, projects, commodities).
std::string FactsKey(const warn::Episode& e);

// The cells that read a set of region and industry subjects at one month, worked out once per
// set, catalog and month, and the facts they gave at the newest snapshot read
// (app/episode_facts.cpp).
struct SubjectCells;

// The region and industry subjects whose facts are read together (FactFinder::Prefetch's `all`),
// each once, in the order of their keys; each a shell of its episode (kind, key, region,
// industry). Immutable once made but for its cells, made when first asked.
class CellSubjectSet {
 public:
  std::map<std::string, warn::Episode> by_key;
  std::vector<const warn::Episode*> in_order;

  std::shared_ptr<const SubjectCells> CellsFor(const std::shared_ptr<const Catalog>& catalog,
                                               int indicator, Period period) const;

 private:
  mutable std::mutex mu_;
  mutable std::shared_ptr<const SubjectCells> cells_;
};

// The facts of one snapshot's subjects: an enterprise's read when asked (its figures and its
// prefecture's total, kept once per snapshot); the region and industry subjects' all together,
// once per snapshot.
class FactFinder {
 public:
  explicit FactFinder(Workspace& ws);
  explicit FactFinder(std::shared_ptr<const Snapshot> snap);

  ScopedFacts Facts(const warn::Episode& e);

  // Reads the facts of every region and industry subject of `all` when one among `episodes`
  // is one, all together and once per snapshot (SubjectCells: a few passes over the panel, not
  // one per subject). A region weighs its share of its parent region's output; an industry
  // (within a region) its share of that region's whole industrial output, year to date.
  // `all` (the region and industry subjects of the grouping and of those before it) is read
  // whole, not the subjects a batch moved alone: the passes are then asked for the same cells on
  // every snapshot and kept by block (engine/block_memo.h), so after a batch that moved one
  // enterprise they sum its block again, not the panel (issue 11: the subjects a batch's scope
  // left unscored differed every time, and each set was a fresh pass over 500,000 enterprises).
  // Their facts are then read by position, without a key looked up in a shared memo each.
  void Prefetch(std::span<const warn::Episode* const> episodes, const CellSubjectSet& all);

 private:
  void Start(std::shared_ptr<const Snapshot> snap);
  ScopedFacts Cell(const warn::Episode& e);
  warn::SubjectFacts Enterprise(const std::string& uscc, NodeId* prefecture);
  double Size(uint32_t e) const;
  void LoadEnterprises();

  std::shared_ptr<const Snapshot> snap_;
  std::unordered_map<std::string, ScopedFacts> own_;  // cells read alone (Cell)
  // The region and industry subjects read together (Prefetch) and their facts at snap_.
  std::shared_ptr<const SubjectCells> cells_;
  std::shared_ptr<const std::vector<ScopedFacts>> cell_facts_;
  int ind_ = -1;
  Period period_ = 0;
  bool loaded_ = false, has_year_ago_ = false;
  EnterpriseFigures now_, year_ago_;
  // Each enterprise's prefecture and each prefecture's output (by node), shared by the finders
  // of one snapshot (app/episode_facts.cpp).
  struct Prefectures;
  std::shared_ptr<const Prefectures> prefectures_;
};

}  // namespace ballast::app

#endif  // BALLAST_APP_EPISODE_FACTS_H_
