// Early-warning use cases: evaluate the rules over the panel, commodity series and policy
// targets; list and edit rules; list alerts and walk the handling loop; silences; commodity
// import. Keeps its own connection to the store file (WarnStore). Actors are the user names the
// caller authenticated; every write records who and when. Thread-safe: one mutex for the store
// and the alerts held, another that keeps evaluations one at a time while their rules run.
//
// Evaluation after every import: after Workspace::Import returns an outcome with status
// kImported, call Warnings::AfterImport(outcome) (the API import route and `ballast import`).
#ifndef BALLAST_APP_WARNINGS_H_
#define BALLAST_APP_WARNINGS_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "app/workspace.h"
#include "store/warn_store.h"
#include "warn/alerts.h"
#include "warn/commodity.h"
#include "warn/evaluator.h"
#include "warn/rule.h"

namespace ballast::app {

struct WarnSummary {
  std::string evaluated_at;   // UTC ISO 8601
  int32_t rules = 0;          // rules evaluated
  int32_t rules_carried = 0;  // of which carried from the last evaluation here (moved redone)
  int64_t firing = 0, pending = 0;
  std::map<std::string, int64_t> firing_by_level;              // red/orange/yellow/blue → alerts
  int64_t opened = 0, updated = 0, resolved = 0, removed = 0;  // changes written
  std::vector<std::string> problems;  // rules skipped (bad code, measure …)
  // Where the time went: the rules over the data, reading the stored alerts (or checking that
  // the ones held in memory are current), the comparison with them, and the write.
  double evaluate_seconds = 0, load_seconds = 0, reconcile_seconds = 0, write_seconds = 0;
  double total_seconds = 0;
  int64_t alerts_written = 0, events_written = 0;  // rows inserted, updated or deleted
  BatchId through_batch = 0;                       // the newest batch the data evaluated held
};

struct RuleView {
  warn::Rule rule;
  std::string json;      // the rule in the file format
  std::string source;    // "default" (shipped) or "custom" (saved through the API/CLI)
  int64_t revision = 0;  // 0 for a shipped rule never edited
  std::string updated_by, updated_at;
};

struct AlertFilter {
  std::string level;     // red | orange | yellow | blue (exact)
  std::string state;     // pending | firing | resolved
  std::string handling;  // open | acknowledged | assigned | handled | closed
  std::string region;    // region code: alerts of subjects within its subtree
  std::string unit;      // responsible unit: assignee, or one of a target's units
  std::string rule_id, subject_kind, subject_key;
  bool include_closed = false;  // resolved-and-closed episodes
  bool include_muted = true;    // silenced or inhibited alerts
  size_t limit = 0;             // 0 = all
};

// Where an alert comes in the lists (Warnings::ViewAlerts): most severe first, then newest
// (ids are unique: the order is total).
struct ListPlace {
  int rank;  // of its level: red highest
  int64_t id;
  bool operator<(const ListPlace& o) const { return rank != o.rank ? rank > o.rank : id > o.id; }
};
ListPlace PlaceOf(const AlertRecord& a);

// The live alerts (not both resolved and closed) as the store last held them, read-only and
// shared: an evaluation compares with them and list requests filter them without reading the
// store; `version` is the store's write counter (WarnStore::AlertsVersion) they reflect.
struct LiveAlerts {
  int64_t version = -1;
  std::vector<std::shared_ptr<const AlertRecord>> rows;  // by id
  // The rows in the lists' order (PlaceOf), each with its region's node (kNoNode: none or an
  // unknown code): sorted once per set, by the first list that asks, rather than once a list.
  struct Listed {
    std::vector<const AlertRecord*> rows;
    std::vector<NodeId> regions;
    // What the lists test of every row, beside each (Marks): a list of the country's alerts
    // passes over these without reading the records.
    std::vector<uint8_t> marks;
    std::vector<ListPlace> places;  // PlaceOf each row: a set made from this one merges by them
    // The tree the nodes were found in, and its owner: while held, a set made from this one finds
    // the same tree at the same address and takes the nodes without comparing codes.
    const CodeTree* tree = nullptr;
    std::shared_ptr<const void> tree_owner;
  };
  enum Marks : uint8_t {
    kMuted = 1,            // silenced or inhibited
    kOnEnterprise = 2,     // subject_kind "enterprise"
    kOnProject = 4,        // subject_kind "project"
    kCountryWideCode = 8,  // no region code, or the country's (Access::CountryWide)
  };
  static uint8_t MarksOf(const AlertRecord& a);
  // `owner`, when given, owns `regions` (its catalog).
  const Listed& InListOrder(const CodeTree& regions,
                            std::shared_ptr<const void> owner = nullptr) const;
  // The places in InListOrder of the rows whose region lies within `region`, in that order:
  // found once per set and region, so that a province's lists pass over its own alerts, not the
  // country's, each time they are made (issue 11). nullptr beyond kWithinKept regions: the
  // caller passes over every row.
  std::shared_ptr<const std::vector<uint32_t>> Within(NodeId region, const CodeTree& regions) const;
  static constexpr size_t kWithinKept = 32;
  // The rows by fingerprint (warn::FingerprintIndex), for the evaluation's comparison: made once
  // per set, by CarryFingerprints or else from every row.
  const warn::FingerprintIndex& ByFingerprint() const;
  // Makes ByFingerprint from `before`'s, when it has made it (these rows are `before`'s with
  // some written since): only the rows written since are parsed, not the country's alerts.
  void CarryFingerprints(const LiveAlerts& before);
  // The set these rows were made from (most rows shared): its order, once made, is merged with
  // the rows written since rather than all sorted again.
  std::weak_ptr<const LiveAlerts> from;

 private:
  mutable std::once_flag listed_once_;
  mutable std::atomic<bool> listed_done_{false};
  mutable Listed listed_;
  mutable std::mutex within_mu_;
  mutable std::unordered_map<NodeId, std::shared_ptr<const std::vector<uint32_t>>> within_;
  mutable std::once_flag fingerprints_once_;
  mutable std::atomic<bool> fingerprints_done_{false};
  mutable warn::FingerprintIndex by_fingerprint_;
};

// Alerts read in place: `rows` point into `held`, which keeps them alive.
struct AlertView {
  std::shared_ptr<const LiveAlerts> held;
  std::vector<const AlertRecord*> rows;
  int64_t on_enterprises = 0;  // rows on enterprises (the audit record counts them)
};

struct SilenceRequest {
  std::string rule_id, family, subject_key, region;  // matchers (at least one)
  std::string reason;
  std::string starts_at;  // UTC ISO 8601; empty = now
  std::string ends_at;    // UTC ISO 8601, after starts_at
};

struct CommodityImportResult {
  bool imported = false;  // false: nothing written, see errors
  std::string file_name, format;
  int64_t rows = 0, points = 0;
  std::vector<warn::CommodityProblem> errors;
  std::optional<WarnSummary> evaluation;
};

class Warnings {
 public:
  // db_path: the store file the Workspace was opened on.
  static Result<std::unique_ptr<Warnings>> Open(Workspace& ws, const std::string& db_path);

  // Evaluates every enabled rule over the latest data and reconciles the alerts. now: UTC ISO
  // 8601 (empty = the clock); its month is "today" for policy targets.
  Result<WarnSummary> Evaluate(const std::string& now = "");
  // The hook for Workspace::Import: evaluates when a batch was written, else does nothing.
  // Imports that land while an evaluation runs share the one after it (each waits for an
  // evaluation whose data hold its batch, and answers its summary), rather than queueing one
  // evaluation each: at a few imports a second, one per import never catches up. They start at
  // most once per the workspace's advance interval, as snapshots are made. Nor is a batch
  // evaluated again that another instance's evaluation held (the store's EvaluatedThrough):
  // then nullopt, as for a batch not written.
  Result<std::optional<WarnSummary>> AfterImport(const ingest::ImportOutcome& outcome);

  // The effective rules: shipped defaults overridden by saved revisions of the same id.
  Result<std::vector<RuleView>> ListRules();
  // Creates or replaces a rule (JSON object of the rules format); a new revision is saved.
  Result<RuleView> UpsertRule(std::string_view rule_json, const std::string& actor);
  Result<RuleView> SetRuleEnabled(const std::string& rule_id, bool enabled,
                                  const std::string& actor);
  Result<std::vector<RuleRevision>> RuleHistory(const std::string& rule_id);

  // Alerts, most severe first, then newest.
  Result<std::vector<AlertRecord>> ListAlerts(const AlertFilter& filter);
  // The same alerts in the same order, read in place (the records are not copied), keeping
  // only those for which `keep` holds (when given; it is given the node of the alert's region,
  // kNoNode for none or an unknown code, and its LiveAlerts::Marks) before `filter.limit` applies.
  Result<AlertView> ViewAlerts(
      const AlertFilter& filter,
      const std::function<bool(const AlertRecord&, NodeId, uint8_t)>& keep = nullptr);
  // The live alerts as held now (read again when another process wrote since).
  Result<std::shared_ptr<const LiveAlerts>> Live();
  Result<AlertRecord> GetAlert(int64_t id);
  Result<std::vector<AlertEventRecord>> AlertHistory(int64_t id);
  Result<AlertRecord> Acknowledge(int64_t id, const std::string& actor,
                                  const std::string& note = "");
  Result<AlertRecord> Assign(int64_t id, const std::string& unit, const std::string& deadline,
                             const std::string& actor, const std::string& note = "");
  Result<AlertRecord> Handle(int64_t id, const std::string& note, const std::string& actor);
  Result<AlertRecord> Close(int64_t id, const std::string& actor, const std::string& note = "");

  Result<SilenceRecord> CreateSilence(const SilenceRequest& request, const std::string& actor);
  Result<std::vector<SilenceRecord>> ListSilences(bool active_only);
  Status ExpireSilence(int64_t id, const std::string& actor);

  // Imports price/supply series (see warn/commodity.h); re-imported dates replace earlier
  // values; evaluates afterwards.
  Result<CommodityImportResult> ImportCommodities(std::string_view bytes,
                                                  std::string_view file_name,
                                                  const std::string& user);
  Result<std::vector<CommodityPointRecord>> ListCommodityPoints(const std::string& code = "");

  // Internal metrics of policy targets (metric kind "internal"), computed by other services:
  // e.g. "appeal_resolution_rate" by the enterprise service. Returns the value and its month.
  using InternalMetric = std::function<std::optional<std::pair<double, Period>>()>;
  void SetInternalMetric(const std::string& code, InternalMetric fn) {
    internal_metrics_[code] = std::move(fn);
  }
  const InternalMetric* FindInternalMetric(const std::string& code) const {
    auto it = internal_metrics_.find(code);
    return it == internal_metrics_.end() ? nullptr : &it->second;
  }

  // Subjects computed by other domains (policy targets behind their path), asked for at every
  // evaluation with the month that is "today"; wired by the composition root (app/ballast.h).
  using ExternalSubjectsFn =
      std::function<Result<std::vector<warn::ExternalSubject>>(Period today)>;
  void SetExternalSubjects(ExternalSubjectsFn fn) { external_subjects_ = std::move(fn); }

  // The newest batch the rules were last evaluated after (0 = never).
  Result<int64_t> EvaluatedThrough();

  // Progress reports on policy targets (kept in the warnings' store; app/policy.h decides).
  Result<std::vector<ProgressRecord>> ListProgress(const std::string& target_id);  // "" = all
  Result<ProgressRecord> AddProgress(ProgressRecord record);

  Workspace& workspace() { return ws_; }

 private:
  Warnings(Workspace& ws, std::unique_ptr<WarnStore> store) : ws_(ws), store_(std::move(store)) {}
  Result<std::vector<RuleView>> EffectiveRules();
  // unless_held > 0: nothing (nullopt) when an evaluation already held that batch.
  Result<std::optional<WarnSummary>> EvaluateLocked(const std::string& now,
                                                    std::vector<warn::ExternalSubject> externals,
                                                    BatchId unless_held);
  // Evaluate's and AfterImport's one way in: the other domains' subjects gathered, then
  // EvaluateLocked under eval_mu_ (unless_held > 0: skipped once the mark holds it).
  Result<std::optional<WarnSummary>> EvaluateAt(const std::string& now, BatchId unless_held);
  Result<WarnSummary> EvaluateHoldingLock(const std::string& now,
                                          std::vector<warn::ExternalSubject> externals);
  std::string Now() const;
  Result<AlertRecord> Step(int64_t id, warn::HandlingRequest request);
  Status RefreshMutes(const std::string& now, const std::string& actor);
  // mu_ held. The live alerts: those held in memory while the store's write counter says no
  // process wrote since, else read again.
  Result<std::shared_ptr<const LiveAlerts>> LiveLocked();
  // mu_ held. Folds this process's write (as the store returned it) into the alerts held in
  // memory, or lets them go when another process wrote in between.
  void Remember(const std::vector<AlertChange>& applied);

  Workspace& ws_;
  std::unique_ptr<WarnStore> store_;
  // Evaluations one at a time; held while the rules run, when mu_ is not.
  std::mutex eval_mu_;
  // The last evaluation's findings, the batch its panel held through and its prices and rates.
  std::unique_ptr<warn::EvaluationMemo> memo_;  // guarded by eval_mu_
  BatchId memo_through_ = 0;                    // guarded by eval_mu_
  uint64_t memo_references_ = 0;                // guarded by eval_mu_
  std::mutex mu_;
  std::shared_ptr<const LiveAlerts> live_;  // guarded by mu_
  // AfterImport's turn: one evaluation at a time, and the last one's summary.
  std::mutex after_mu_;
  std::condition_variable after_cv_;
  bool after_running_ = false;                             // guarded by after_mu_
  std::chrono::steady_clock::time_point after_started_{};  // guarded by after_mu_
  std::optional<WarnSummary> after_last_;                  // guarded by after_mu_
  // The newest batch another instance's evaluation was seen to hold (the store's mark).
  BatchId after_covered_ = 0;  // guarded by after_mu_
  std::map<std::string, InternalMetric> internal_metrics_;
  ExternalSubjectsFn external_subjects_;
};

}  // namespace ballast::app

#endif  // BALLAST_APP_WARNINGS_H_
