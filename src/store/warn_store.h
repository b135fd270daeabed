// Storage for early warning and policy tracking, separate from the Store of the panel so that
// each can evolve on its own. The SQLite implementation opens its own connection to the same
// database file (WAL lets both write); its tables come from migration 003.
#ifndef BALLAST_STORE_WARN_STORE_H_
#define BALLAST_STORE_WARN_STORE_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "store/warn_records.h"

namespace ballast {

// The newest migration the warning tables need, by its position in the migration lists
// (sqlite/migrations.cpp, postgres/pg_schema.cpp): 021_alert_delta.sql, the alerts each write
// touched. The one constant both stores check.
inline constexpr int64_t kWarnSchemaVersion = 19;  // the 19th entry

struct AlertQuery {
  bool live_only = false;  // skip alerts that are both resolved and closed
  std::optional<int64_t> id;
};

// What the alerts' writes since the counter stood at `since` did, as one consistent read.
struct AlertDelta {
  int64_t version = 0;  // the write counter the answer reflects
  // `since` is older than the removals kept (or not a value the counter had): `rows` are every
  // live alert, as LoadAlerts({true}) reads them, and `removed` is empty.
  bool whole = false;
  std::vector<AlertRecord> rows;  // inserted or updated since (live or not), by id
  std::vector<int64_t> removed;   // ids deleted since (a row may be deleted and written again)
};

class WarnStore {
 public:
  virtual ~WarnStore() = default;

  // Rule revisions: Add assigns the next revision of the id and created_at.
  virtual Result<RuleRevision> AddRuleRevision(RuleRevision revision) = 0;
  // The latest revision of every rule id.
  virtual Result<std::vector<RuleRevision>> LatestRuleRevisions() = 0;
  virtual Result<std::vector<RuleRevision>> RuleHistory(const std::string& rule_id) = 0;

  virtual Result<std::vector<AlertRecord>> LoadAlerts(const AlertQuery& query) = 0;
  // Applies inserts, updates, removals and events in one transaction, raising the alerts'
  // write counter (AlertsVersion) when there is at least one change; returns the changes with
  // the ids of inserted alerts and events filled in.
  virtual Result<std::vector<AlertChange>> ApplyAlertChanges(std::vector<AlertChange> changes) = 0;
  // An evaluation's write: its changes as ApplyAlertChanges and the evaluation mark
  // (SetEvaluatedThrough) in one transaction.
  virtual Result<std::vector<AlertChange>> ApplyEvaluation(std::vector<AlertChange> changes,
                                                           int64_t through_batch,
                                                           const std::string& at) = 0;
  // The alerts' write counter: unchanged means no process wrote an alert since it was read.
  virtual Result<int64_t> AlertsVersion() = 0;
  // The alerts written and removed since the counter stood at `since`: a process holding the
  // live alerts of then applies the removals and then the rows (a row of id x in `rows` is x
  // as it stands now).
  virtual Result<AlertDelta> AlertsSince(int64_t since) = 0;
  virtual Result<std::vector<AlertEventRecord>> AlertEvents(int64_t alert_id) = 0;

  virtual Result<SilenceRecord> AddSilence(SilenceRecord silence) = 0;
  virtual Result<std::vector<SilenceRecord>> ListSilences() = 0;
  // Ends a silence now (sets expired_at/by); NotFound for an unknown id.
  virtual Status ExpireSilence(int64_t id, const std::string& actor, const std::string& at) = 0;

  // Inserts or replaces points by (code, date): a re-import revises, never duplicates.
  virtual Status UpsertCommodityPoints(const std::vector<CommodityPointRecord>& points) = 0;
  // Every point, by code then date.
  virtual Result<std::vector<CommodityPointRecord>> LoadCommodityPoints() = 0;

  virtual Result<ProgressRecord> AddProgress(ProgressRecord record) = 0;
  virtual Result<std::vector<ProgressRecord>> ListProgress(
      const std::string& target_id) = 0;  // "" = all

  // The newest batch the rules were evaluated after (0 = never), and recording a new one.
  virtual Result<int64_t> EvaluatedThrough() = 0;
  virtual Status SetEvaluatedThrough(int64_t batch, const std::string& at) = 0;

  // Several processes on one store: exactly one evaluates the rules at a time.
  // TryLockEvaluation is false while another process holds the lock; the holder calls
  // UnlockEvaluation when done (PostgreSQL: an advisory lock; SQLite: a file lock beside the
  // store, for servers sharing one file).
  virtual Result<bool> TryLockEvaluation() { return true; }
  virtual Status UnlockEvaluation() { return Status::Ok(); }
};

// Opens the warning tables of an existing Ballast store file (the Store applies migrations when
// it opens; this checks that migration 003 is there).
Result<std::unique_ptr<WarnStore>> OpenSqliteWarnStore(const std::string& path);

// The current UTC time as ISO 8601 ("2026-10-05T08:00:00Z"): a thin alias of the one clock,
// kept for the callers in app/ until they take the composition root's clock.
inline std::string WarnNowUtc() { return FormatUtc(SystemClock().Now()); }

}  // namespace ballast

#endif  // BALLAST_STORE_WARN_STORE_H_
