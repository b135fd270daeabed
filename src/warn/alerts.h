// The alert lifecycle, modelled on Prometheus and Alertmanager, plus the handling loop of the
// authorities:
//   state:    pending (condition holds, fewer than `for` periods) → firing → resolved; a
//             pending alert that clears before firing leaves no trace; a resolved alert that
//             fires again is reopened unless its handling was closed (then a new episode).
//   handling: open → acknowledged → assigned (unit, deadline) → handled (note) → closed; a
//             resolved alert may be closed from any handling state.
// Silences mute matching alerts between two times; a firing region alert inhibits the
// enterprise alerts of the same rule family inside that region. Every change is an event.
#ifndef BALLAST_WARN_ALERTS_H_
#define BALLAST_WARN_ALERTS_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "store/warn_records.h"
#include "warn/evaluator.h"
#include "warn/rule.h"

namespace ballast::warn {

// Stable across runs and machines: FNV-1a 64 of rule id, subject kind and subject key, in hex.
std::string Fingerprint(const std::string& rule_id, const std::string& subject_kind,
                        const std::string& subject_key);

// Stored alerts by fingerprint: its 64 bits and the alert's place among them, sorted (an alert
// whose fingerprint Fingerprint did not write is left out). Reconcile finds a finding's stored
// alert in it, the last of equal fingerprints.
using FingerprintIndex = std::vector<std::pair<uint64_t, size_t>>;
FingerprintIndex IndexFingerprints(const std::vector<const AlertRecord*>& alerts);
// A stored fingerprint back to its 64 bits (false for anything Fingerprint does not write).
bool FingerprintBits(const std::string& fingerprint, uint64_t* out);

struct ReconcileInput {
  const std::vector<Rule>* rules = nullptr;  // the rules the findings refer to (by index)
  const EvaluationResult* evaluation = nullptr;
  std::vector<AlertRecord> live;  // live alerts (not both resolved and closed)
  // Instead of `live`: the live alerts read in place (held in memory between evaluations), by
  // id; only those that change are copied. Only these are kept as ReconciledFinding::as_stored.
  const std::vector<std::shared_ptr<const AlertRecord>>* live_rows = nullptr;
  // With `live_rows`: their IndexFingerprints, kept with them between evaluations (nationally
  // the stored alerts' fingerprints, parsed and sorted, were a fifth of the comparison); made
  // here when not given.
  const FingerprintIndex* live_index = nullptr;
  std::vector<SilenceRecord> silences;
  std::string now;  // UTC ISO 8601
  std::string actor = "system";
  const Catalog* catalog = nullptr;  // for messages and region containment
  int threads = 0;                   // messages formatted side by side; 0 = one per core
  // What the previous evaluation's Reconcile made of its findings (EvaluationMemo::reconciled),
  // taken (moved) by the findings carried unchanged from it (EvaluationResult::was) instead of
  // formatting their messages and hashing their fingerprints again; such a finding whose stored
  // alert is still the object it was as stored with is as stored without comparing the fields.
  std::vector<ReconciledFinding>* previous = nullptr;
  // Receives what this one makes of each finding (for the next evaluation's memo).
  std::vector<ReconciledFinding>* reconciled = nullptr;
};

// The alerts that change (inserts, updates, removals) with their events, and nothing else: an
// alert whose every field and mute stays as stored is not in the result, so an evaluation of
// unchanged data writes nothing. Alerts of rules that were not evaluated keep their state,
// unless the rule is gone or disabled (then they resolve).
std::vector<AlertChange> Reconcile(const ReconcileInput& input);

// Applies silences and inhibition to `alerts` in place; returns the indexes that changed.
std::vector<size_t> ApplyMutes(std::vector<AlertRecord>* alerts,
                               const std::vector<SilenceRecord>& silences, const std::string& now,
                               const Catalog* catalog);
bool SilenceActive(const SilenceRecord& s, const std::string& now);
bool SilenceMatches(const SilenceRecord& s, const AlertRecord& a, const Catalog* catalog);

enum class HandlingAction { kAcknowledge, kAssign, kHandle, kClose };
struct HandlingRequest {
  HandlingAction action = HandlingAction::kAcknowledge;
  std::string actor;
  std::string unit;      // assign: the responsible unit
  std::string deadline;  // assign: YYYY-MM-DD
  std::string note;      // handle: required; others: optional
  std::string now;
};
// The alert after one handling step, with its event; an illegal step is FailedPrecondition,
// a missing unit, deadline or note InvalidArgument.
Result<AlertChange> ApplyHandling(const AlertRecord& alert, const HandlingRequest& request);
std::string_view HandlingActionName(HandlingAction a);
Result<HandlingAction> ParseHandlingAction(std::string_view s);

}  // namespace ballast::warn

#endif  // BALLAST_WARN_ALERTS_H_
