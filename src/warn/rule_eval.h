// The parts of warn/evaluator.cpp that more than one kind of rule uses (internal to warn/):
// a rule's codes resolved against the catalog, the periods a streak walks back over, and the
// region and industry rules (warn/cell_rules.cpp).
#ifndef BALLAST_WARN_RULE_EVAL_H_
#define BALLAST_WARN_RULE_EVAL_H_

#include <compare>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/measures.h"
#include "engine/panel.h"
#include "engine/query.h"
#include "warn/evaluator.h"
#include "warn/rule.h"

namespace ballast::warn::detail {

// How far back a streak is counted (months of data): longer runs read "36 months or more".
constexpr int kMaxStreak = 36;

// A rule's indicator and filters resolved against the catalog.
struct Compiled {
  int indicator = -1;
  std::vector<NodeId> regions, industries;
  std::vector<EnterpriseSize> sizes;
};

// Whether `node` lies under any of `roots` (no roots: anywhere).
inline bool InAny(const CodeTree& tree, const std::vector<NodeId>& roots, NodeId node) {
  if (roots.empty()) return true;
  if (node == kNoNode) return false;
  for (NodeId r : roots) {
    if (tree.Contains(r, node)) return true;
  }
  return false;
}

// The latest period with data for the indicator, or nullopt.
inline std::optional<Period> LatestPeriod(const Panel& panel, int indicator) {
  if (panel.empty()) return std::nullopt;
  for (Period p = panel.last_period(); p >= panel.first_period(); --p) {
    if (panel.HasData(indicator, p)) return p;
  }
  return std::nullopt;
}

// The data periods from t backwards (periods nobody reported, such as January for the
// financial forms, are skipped: they are no evidence either way), at most `count`.
inline std::vector<Period> DataPeriods(const Panel& panel, int indicator, Period t, int count) {
  std::vector<Period> out;
  for (Period p = t; p >= panel.first_period() && static_cast<int>(out.size()) < count; --p) {
    if (panel.HasData(indicator, p)) out.push_back(p);
  }
  return out;
}

// A region or industry rule's sums of each atom (an enterprise's deepest frame × its node at
// the rule's depth) at each period the rule read, with whether that period was the one measured
// (its options differ), kept from one evaluation to the next in parts by frame: after a batch,
// only the atoms holding a moved enterprise are summed again, from their own enterprises, and
// the cells are merged from the atoms as a whole evaluation merges them (so to the bit). Before,
// the cells were summed again from every enterprise of their nodes: for an industry evaluated in
// every region, each moved enterprise's whole division in the country (issue 11).
struct KeptAtomSums {
  struct Key {
    Period period = 0;
    bool measured = false;
    auto operator<=>(const Key&) const = default;
  };
  using Frames = std::vector<std::shared_ptr<const std::vector<CellSums>>>;  // width atoms each
  struct Sums {
    Frames frames;
    // Atoms whose enterprises moved since (the period was not read since): summed again when
    // it is next read. Ascending.
    std::vector<uint32_t> stale;
  };
  std::map<Key, Sums> at;
};

// Region or industry rules (warn/cell_rules.cpp). `moved` (sorted), when given: only the
// subjects whose cells hold a moved enterprise are evaluated, and listed in `redone`. `index`,
// when given, receives each finding's subject index (frame × nodes + node). `before`: the atom
// sums kept by the evaluation `moved` is counted from; `kept`, when given, receives this one's.
void EvaluateCells(size_t ri, const Rule& r, const Compiled& c, const Panel& panel,
                   const Query& query, const std::vector<uint32_t>* moved, EvaluationResult* res,
                   std::vector<uint32_t>* index, std::vector<uint32_t>* redone,
                   const KeptAtomSums* before, std::shared_ptr<const KeptAtomSums>* kept);

// One rule's findings, evaluated apart from the others (warn/evaluator.cpp). `moved`: the
// enterprises a batch moved, when only they (or the cells that hold them) are to be evaluated;
// `index` and `redone` as for EvaluateCells (enterprise rules: panel indices).
// `before` and `kept`: a region or industry rule's atom sums, as for EvaluateCells.
EvaluationResult EvaluateRule(size_t i, const Rule& r, const EvaluationInput& in,
                              const std::vector<uint32_t>* moved, std::vector<uint32_t>* index,
                              std::vector<uint32_t>* redone, const KeptAtomSums* before = nullptr,
                              std::shared_ptr<const KeptAtomSums>* kept = nullptr);

// The incremental evaluation (warn/evaluation_memo.cpp). Whether a rule's findings are kept in
// the memo: enterprise rules, and region and industry rules whose measure does not compare with
// a parent cell (a moved enterprise then moves the cells that hold it, and no others).
bool Memorable(const Rule& r);
// The rule as the memo knows it: its JSON and the targets it was given.
std::string MemoKey(const Rule& r);
// The memo's part for `r` when its findings can be carried over, else nullptr.
const EvaluationMemo::Part* Carriable(const Rule& r, const std::string& key,
                                      const EvaluationInput& in);
// One rule's findings and their subjects.
struct RulePart {
  std::string rule;  // MemoKey
  EvaluationResult result;
  std::vector<uint32_t> subject;
  std::shared_ptr<const KeptAtomSums> atoms;
};
// The carried findings (moved out of the previous memo) with the moved subjects evaluated again.
RulePart Carry(size_t i, const Rule& r, const EvaluationMemo::Part& before,
               const EvaluationInput& in);

}  // namespace ballast::warn::detail

#endif  // BALLAST_WARN_RULE_EVAL_H_
