// Evaluates warning rules over the panel (enterprises, regions, industries) and over series
// that other modules provide (commodities, policy targets). A finding is a subject whose
// condition holds in the latest period with data; `streak` counts the consecutive periods it
// has held, so persistence ("for N periods") is a property of the data, not of how often the
// evaluation ran: re-running on the same data gives the same findings.
#ifndef BALLAST_WARN_EVALUATOR_H_
#define BALLAST_WARN_EVALUATOR_H_

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "engine/panel.h"
#include "engine/query.h"
#include "store/warn_records.h"
#include "warn/rule.h"

namespace ballast::warn {

struct Finding {
  size_t rule = 0;  // index into the evaluated rules
  std::string subject_key, subject_name, region, industry, units;
  Level level = Level::kNone;
  double value = 0, threshold = 0;
  int32_t streak = 0;   // consecutive periods the condition held (the true run, up to 36)
  std::string period;   // YYYY-MM, or the date of a series point
  bool firing = false;  // streak >= for
};

// One observation of an outside series, oldest first in a vector.
struct SeriesPoint {
  std::string period;  // YYYY-MM or YYYY-MM-DD
  double value = 0;
};

// A commodity or a policy target, with one series per measure (e.g. "change_pct", "behind_pct").
struct ExternalSubject {
  SubjectKind kind = SubjectKind::kCommodity;
  std::string key, name, region, units;
  std::vector<std::pair<std::string, std::vector<SeriesPoint>>> series;
};

struct EvaluationMemo;
namespace detail {
struct KeptAtomSums;  // warn/rule_eval.h
}  // namespace detail

// What warn::Reconcile made of one finding, kept for the next evaluation's findings carried
// unchanged from it (EvaluationResult::was): its two messages (FindingMessage), Chinese and
// English, its fingerprint's 64 bits, and the stored alert it was found to equal field by field
// (null: none, or it was written). Held, so that the same object seen again is that alert
// unchanged: no other can take its address while the memo keeps it.
struct ReconciledFinding {
  std::string zh, en;
  uint64_t fingerprint = 0;
  std::shared_ptr<const AlertRecord> as_stored;
};

struct EvaluationInput {
  const Panel* panel = nullptr;  // may be null (no data yet): panel rules are skipped
  const Query* query = nullptr;
  std::vector<ExternalSubject> externals;
  // Rules evaluated side by side; 0 = one per core.
  int threads = 0;
  // Incremental (both or neither): an earlier evaluation's memo and what changed in the panel
  // since the one it was made on. A rule is then evaluated again for the enterprises that moved
  // (or the cells that hold them) only, when its indicator's months with data did not change.
  // The previous memo's findings are moved out of it, not copied: it is used up.
  EvaluationMemo* previous = nullptr;
  const PanelChanges* changes = nullptr;
};

struct EvaluationResult {
  std::vector<Finding> findings;
  // Rules that were evaluated (a rule whose indicator has no data yet is not: its alerts keep
  // their state rather than resolve for lack of data).
  std::set<std::string> evaluated;
  std::vector<std::string> problems;  // rules skipped for a bad indicator, measure or code
  int32_t carried = 0;  // rules whose findings came from the memo, the moved subjects redone
  // Per finding, when any was carried: its index among the previous evaluation's findings if it
  // is that finding unchanged (its rule the same to the last field), else -1. Empty: none was.
  std::vector<int32_t> was;
};

// The findings of one evaluation's enterprise rules, and of its region and industry rules
// whose measure does not compare with a parent cell, kept for the next evaluation
// (EvaluationInput; warn/evaluation_memo.cpp).
// Nationally an evaluation finds 230,000 subjects: the memo holds the findings themselves (the
// caller gives them back once it has compared them with the alerts), so that they are moved,
// never copied, from one evaluation to the next.
struct EvaluationMemo {
  std::shared_ptr<const void> enterprises;  // Panel::EnterprisesToken of the panel evaluated
  struct Part {
    std::string rule;  // the rule as evaluated (its JSON and the targets it was given)
    std::set<std::string> evaluated;
    size_t offset = 0;  // its findings: findings[offset, offset + subject.size())
    // Each finding's subject: an enterprise's panel index, or a cell's index among the rule's
    // subjects (frame × node); ascending, as a whole evaluation orders the findings.
    std::vector<uint32_t> subject;
    // A region or industry rule's sums by atom at each period it read (null: none kept).
    std::shared_ptr<const detail::KeptAtomSums> atoms;
  };
  std::map<std::string, Part> parts;  // by rule id
  // The evaluation's findings (EvaluationResult::findings), given back by the caller; without
  // them nothing is carried.
  std::vector<Finding> findings;
  // What warn::Reconcile made of them (ReconcileInput::reconciled), one per finding or none: a
  // finding carried unchanged takes its messages and fingerprint rather than making them again,
  // and is as stored when its stored alert is the very one it was as stored with.
  std::vector<ReconciledFinding> reconciled;
};

// `memo` (not input.previous), when given, receives what a later evaluation of the next panel
// can start from; the caller then moves the result's findings into memo->findings when done
// with them.
EvaluationResult Evaluate(const std::vector<Rule>& rules, const EvaluationInput& input,
                          EvaluationMemo* memo = nullptr);

// The fields a message template can use for a finding.
std::string FindingMessage(const Rule& rule, const Finding& f, bool zh, const Catalog* catalog);

}  // namespace ballast::warn

#endif  // BALLAST_WARN_EVALUATOR_H_
