// The parts of warn/evaluator.cpp that more than one kind of rule uses (internal to warn/):
// a rule's codes resolved against the catalog, the periods a streak walks back over, and the
// region and industry rules (warn/cell_rules.cpp).
#ifndef BALLAST_WARN_RULE_EVAL_H_
#define BALLAST_WARN_RULE_EVAL_H_

#include <optional>
#include <vector>

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

// Region or industry rules (warn/cell_rules.cpp).
void EvaluateCells(size_t ri, const Rule& r, const Compiled& c, const Panel& panel,
                   const Query& query, EvaluationResult* res);

}  // namespace ballast::warn::detail

#endif  // BALLAST_WARN_RULE_EVAL_H_
