// The warning tables in the SQLite store file, on a connection of their own.
#include <sqlite3.h>

#include "core/clock.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/process_lock.h"
#include "store/warn_store.h"

namespace ballast {

namespace {

constexpr const char* kWho = "warn store";
// Writes whose removals are kept for AlertsSince (a process further behind reads every alert).
constexpr int64_t kKeptRemovals = 1000;

double Double(Stmt& s, int col) { return s.Double(col); }

constexpr const char* kAlertColumns =
    "id, fingerprint, rule_id, family, subject_kind, subject_key, subject_name, region, industry, "
    "units, "
    "level, state, period, value, threshold, streak, message_zh, message_en, starts_at, fired_at, "
    "updated_at, resolved_at, silenced_by, inhibited, handling, assignee, deadline, note";

AlertRecord ReadAlert(Stmt& s) {
  AlertRecord a;
  a.id = s.Int(0);
  a.fingerprint = s.Text(1);
  a.rule_id = s.Text(2);
  a.family = s.Text(3);
  a.subject_kind = s.Text(4);
  a.subject_key = s.Text(5);
  a.subject_name = s.Text(6);
  a.region = s.Text(7);
  a.industry = s.Text(8);
  a.units = s.Text(9);
  a.level = s.Text(10);
  a.state = s.Text(11);
  a.period = s.Text(12);
  a.value = Double(s, 13);
  a.threshold = Double(s, 14);
  a.streak = static_cast<int32_t>(s.Int(15));
  a.message_zh = s.Text(16);
  a.message_en = s.Text(17);
  a.starts_at = s.Text(18);
  a.fired_at = s.Text(19);
  a.updated_at = s.Text(20);
  a.resolved_at = s.Text(21);
  a.silenced_by = s.Int(22);
  a.inhibited = s.Int(23) != 0;
  a.handling = s.Text(24);
  a.assignee = s.Text(25);
  a.deadline = s.Text(26);
  a.note = s.Text(27);
  return a;
}

// Binds every column but id, from parameter 1 on, then `extra` (the id of an update).
template <typename... Extra>
Status BindAlert(Stmt& s, const AlertRecord& a, const Extra&... extra) {
  return s.BindAll(
      std::vector<const std::string*>{&a.fingerprint, &a.rule_id, &a.family, &a.subject_kind,
                                      &a.subject_key, &a.subject_name, &a.region, &a.industry,
                                      &a.units, &a.level, &a.state, &a.period},
      a.value, a.threshold, a.streak,
      std::vector<const std::string*>{&a.message_zh, &a.message_en, &a.starts_at, &a.fired_at,
                                      &a.updated_at, &a.resolved_at},
      a.silenced_by, a.inhibited ? 1 : 0,
      std::vector<const std::string*>{&a.handling, &a.assignee, &a.deadline, &a.note}, extra...);
}

class SqliteWarnStore final : public WarnStore {
 public:
  SqliteWarnStore(sqlite3* db, const std::string& path)
      : db_(db), evaluation_lock_(path + "-evaluating") {}
  ~SqliteWarnStore() override { sqlite3_close_v2(db_); }

  Status Exec(const char* sql) { return ExecSql(db_, sql, kWho); }
  Status Error(const char* what) { return SqlError(db_, what, kWho); }

  Status Configure() { return ConfigureAtSchema(db_, kWarnSchemaVersion, "warning tables", kWho); }

  template <typename Fn>
  Status InTransaction(Fn fn) {
    return ballast::InTransaction(db_, fn, kWho);
  }

  Result<RuleRevision> AddRuleRevision(RuleRevision r) override {
    if (r.created_at.empty()) r.created_at = FormatUtc(SystemClock().Now());
    ASSIGN_OR_RETURN(r.revision, AppendRevision(db_, "warn_rule", "rule_id",
                                                {r.rule_id, r.body, r.author, r.created_at}, kWho));
    return r;
  }

  Result<std::vector<RuleRevision>> ReadRules(const char* sql, const std::string* id) {
    Stmt s(db_, sql);
    if (!s.ok()) return Error("reading rules");
    if (id != nullptr) RETURN_IF_ERROR(s.BindAll(*id));
    std::vector<RuleRevision> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      out.push_back({s.Text(0), s.Int(1), s.Text(2), s.Text(3), s.Text(4)});
    }
    if (rc != SQLITE_DONE) return Error("reading rules");
    return out;
  }
  Result<std::vector<RuleRevision>> LatestRuleRevisions() override {
    return ReadRules(
        "SELECT rule_id, revision, body, author, created_at FROM warn_rule r WHERE revision = "
        "(SELECT MAX(revision) FROM warn_rule q WHERE q.rule_id = r.rule_id) ORDER BY rule_id",
        nullptr);
  }
  Result<std::vector<RuleRevision>> RuleHistory(const std::string& rule_id) override {
    return ReadRules(
        "SELECT rule_id, revision, body, author, created_at FROM warn_rule WHERE rule_id = ? ORDER "
        "BY revision",
        &rule_id);
  }

  Result<std::vector<AlertRecord>> LoadAlerts(const AlertQuery& q) override {
    std::string sql = std::string("SELECT ") + kAlertColumns + " FROM warn_alert";
    if (q.id) {
      sql += " WHERE id = ?";
    } else if (q.live_only) {
      sql += " WHERE NOT (state = 'resolved' AND handling = 'closed')";
    }
    sql += " ORDER BY id";
    Stmt s(db_, sql.c_str());
    if (!s.ok()) return Error("reading alerts");
    if (q.id) RETURN_IF_ERROR(s.BindAll(*q.id));
    std::vector<AlertRecord> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back(ReadAlert(s));
    if (rc != SQLITE_DONE) return Error("reading alerts");
    return out;
  }

  Result<AlertDelta> AlertsSince(int64_t since) override {
    // One read transaction: the counter, the rows and the removals of one moment.
    RETURN_IF_ERROR(Exec("BEGIN"));
    auto delta = ReadDelta(since);
    Status end = Exec(delta.ok() ? "COMMIT" : "ROLLBACK");
    if (delta.ok() && !end.ok()) return end;
    return delta;
  }

  Result<AlertDelta> ReadDelta(int64_t since) {
    AlertDelta d;
    int64_t removals_from = 0;
    {
      Stmt v(db_, "SELECT version, removals_from FROM warn_alert_version WHERE id = 1");
      if (!v.ok() || v.Step() != SQLITE_ROW) return Error("reading the alerts' write counter");
      d.version = v.Int(0);
      removals_from = v.Int(1);
    }
    if (since < removals_from || since > d.version) {
      d.whole = true;
      ASSIGN_OR_RETURN(d.rows, LoadAlerts({true, std::nullopt}));
      return d;
    }
    if (since == d.version) return d;
    const std::string sql =
        std::string("SELECT ") + kAlertColumns + " FROM warn_alert WHERE written > ? ORDER BY id";
    Stmt s(db_, sql.c_str());
    Stmt r(db_, "SELECT alert_id FROM warn_alert_removed WHERE written > ? ORDER BY alert_id");
    if (!s.ok() || !r.ok()) return Error("reading the alerts written since");
    RETURN_IF_ERROR(s.BindAll(since));
    RETURN_IF_ERROR(r.BindAll(since));
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) d.rows.push_back(ReadAlert(s));
    if (rc != SQLITE_DONE) return Error("reading the alerts written since");
    while ((rc = r.Step()) == SQLITE_ROW) d.removed.push_back(r.Int(0));
    if (rc != SQLITE_DONE) return Error("reading the alerts removed since");
    return d;
  }

  Result<std::vector<AlertChange>> ApplyAlertChanges(std::vector<AlertChange> changes) override {
    RETURN_IF_ERROR(InTransaction([&]() -> Status { return WriteChanges(changes); }));
    return changes;
  }

  Result<std::vector<AlertChange>> ApplyEvaluation(std::vector<AlertChange> changes,
                                                   int64_t through_batch,
                                                   const std::string& at) override {
    Status st = InTransaction([&]() -> Status {
      RETURN_IF_ERROR(WriteChanges(changes));
      return WriteMark(through_batch, at);
    });
    RETURN_IF_ERROR(st);
    return changes;
  }

  Result<int64_t> AlertsVersion() override {
    Stmt s(db_, "SELECT version FROM warn_alert_version WHERE id = 1");
    if (!s.ok() || s.Step() != SQLITE_ROW) return Error("reading the alerts' write counter");
    return s.Int(0);
  }

  // Inside a transaction: the write counter when anything changed, then the alerts, marked
  // with it (`written`), their events, and the removals (pruned to the last kKeptRemovals).
  Status WriteChanges(std::vector<AlertChange>& changes) {
    if (changes.empty()) return Status::Ok();
    Stmt bump(db_, "UPDATE warn_alert_version SET version = version + 1 WHERE id = 1");
    if (!bump.ok() || bump.Step() != SQLITE_DONE) return Error("raising the alerts' write counter");
    constexpr const char* kCounter = "(SELECT version FROM warn_alert_version WHERE id = 1)";
    std::string insert_sql =
        std::string("INSERT INTO warn_alert(") + (kAlertColumns + 4) +
        ", written) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?," + kCounter + ")";
    std::string update_sql =
        "UPDATE warn_alert SET fingerprint=?, rule_id=?, family=?, subject_kind=?, "
        "subject_key=?, "
        "subject_name=?, region=?, industry=?, units=?, level=?, state=?, period=?, value=?, "
        "threshold=?, "
        "streak=?, message_zh=?, message_en=?, starts_at=?, fired_at=?, updated_at=?, "
        "resolved_at=?, "
        "silenced_by=?, inhibited=?, handling=?, assignee=?, deadline=?, note=?, written=" +
        std::string(kCounter) + " WHERE id=?";
    Stmt ins(db_, insert_sql.c_str());
    Stmt upd(db_, update_sql.c_str());
    Stmt del(db_, "DELETE FROM warn_alert WHERE id = ?");
    const std::string removed_sql =
        std::string("INSERT OR REPLACE INTO warn_alert_removed(alert_id, written) VALUES(?, ") +
        kCounter + ")";
    Stmt removed(db_, removed_sql.c_str());
    // A pending alert that clears leaves no trace: its events go with it.
    Stmt del_events(db_, "DELETE FROM warn_alert_event WHERE alert_id = ?");
    Stmt ev(
        db_,
        "INSERT INTO warn_alert_event(alert_id, at, actor, action, from_state, to_state, detail) "
        "VALUES(?,?,?,?,?,?,?)");
    if (!ins.ok() || !upd.ok() || !del.ok() || !removed.ok() || !del_events.ok() || !ev.ok())
      return Error("preparing alert writes");
    bool any_removed = false;
    for (auto& c : changes) {
      if (c.remove) {
        if (c.alert.id == 0) continue;
        RETURN_IF_ERROR(del_events.BindAll(c.alert.id));
        if (del_events.Step() != SQLITE_DONE) return Error("removing alert events");
        del_events.Reset();
        RETURN_IF_ERROR(del.BindAll(c.alert.id));
        if (del.Step() != SQLITE_DONE) return Error("removing alert");
        del.Reset();
        RETURN_IF_ERROR(removed.BindAll(c.alert.id));
        if (removed.Step() != SQLITE_DONE) return Error("recording a removed alert");
        removed.Reset();
        any_removed = true;
        continue;
      }
      if (c.alert.id == 0) {
        RETURN_IF_ERROR(BindAlert(ins, c.alert));
        if (ins.Step() != SQLITE_DONE) return Error("writing alert");
        ins.Reset();
        c.alert.id = sqlite3_last_insert_rowid(db_);
      } else {
        RETURN_IF_ERROR(BindAlert(upd, c.alert, c.alert.id));
        if (upd.Step() != SQLITE_DONE) return Error("updating alert");
        upd.Reset();
      }
      for (auto& e : c.events) {
        e.alert_id = c.alert.id;
        RETURN_IF_ERROR(ev.BindAll(e.alert_id, e.at, e.actor, e.action, e.from, e.to, e.detail));
        if (ev.Step() != SQLITE_DONE) return Error("writing alert event");
        ev.Reset();
        e.id = sqlite3_last_insert_rowid(db_);
      }
    }
    if (!any_removed) return Status::Ok();
    const std::string prune =
        "DELETE FROM warn_alert_removed WHERE written <= " + std::string(kCounter) + " - " +
        std::to_string(kKeptRemovals) +
        "; UPDATE warn_alert_version SET removals_from = MAX(removals_from, version - " +
        std::to_string(kKeptRemovals) + ") WHERE id = 1";
    return Exec(prune.c_str());
  }

  Result<std::vector<AlertEventRecord>> AlertEvents(int64_t alert_id) override {
    Stmt s(db_,
           "SELECT id, alert_id, at, actor, action, from_state, to_state, detail FROM "
           "warn_alert_event "
           "WHERE alert_id = ? ORDER BY id");
    if (!s.ok()) return Error("reading alert events");
    RETURN_IF_ERROR(s.BindAll(alert_id));
    std::vector<AlertEventRecord> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      out.push_back(
          {s.Int(0), s.Int(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Text(6), s.Text(7)});
    }
    if (rc != SQLITE_DONE) return Error("reading alert events");
    return out;
  }

  Result<SilenceRecord> AddSilence(SilenceRecord r) override {
    Stmt s(db_,
           "INSERT INTO warn_silence(rule_id, family, subject_key, region, author, reason, "
           "starts_at, ends_at, "
           "expired_at, expired_by) VALUES(?,?,?,?,?,?,?,?,?,?)");
    if (!s.ok()) return Error("preparing silence insert");
    RETURN_IF_ERROR(s.BindAll(r.rule_id, r.family, r.subject_key, r.region, r.author, r.reason,
                              r.starts_at, r.ends_at, r.expired_at, r.expired_by));
    if (s.Step() != SQLITE_DONE) return Error("writing silence");
    r.id = sqlite3_last_insert_rowid(db_);
    return r;
  }

  Result<std::vector<SilenceRecord>> ListSilences() override {
    Stmt s(db_,
           "SELECT id, rule_id, family, subject_key, region, author, reason, starts_at, ends_at, "
           "expired_at, "
           "expired_by FROM warn_silence ORDER BY id");
    if (!s.ok()) return Error("reading silences");
    std::vector<SilenceRecord> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      out.push_back({s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Text(6),
                     s.Text(7), s.Text(8), s.Text(9), s.Text(10)});
    }
    if (rc != SQLITE_DONE) return Error("reading silences");
    return out;
  }

  Status ExpireSilence(int64_t id, const std::string& actor, const std::string& at) override {
    Stmt s(
        db_,
        "UPDATE warn_silence SET expired_at = ?, expired_by = ? WHERE id = ? AND expired_at = ''");
    if (!s.ok()) return Error("preparing silence update");
    RETURN_IF_ERROR(s.BindAll(at, actor, id));
    if (s.Step() != SQLITE_DONE) return Error("updating silence");
    if (sqlite3_changes(db_) == 0) {
      return Status::NotFound("silence " + std::to_string(id) +
                              " does not exist or has already been ended");
    }
    return Status::Ok();
  }

  Status UpsertCommodityPoints(const std::vector<CommodityPointRecord>& points) override {
    return InTransaction([&]() -> Status {
      Stmt s(db_,
             "INSERT OR REPLACE INTO commodity_point(code, date, name, unit, price, stock_days, "
             "source, user_name, "
             "imported_at) VALUES(?,?,?,?,?,?,?,?,?)");
      if (!s.ok()) return Error("preparing commodity insert");
      for (const auto& p : points) {
        RETURN_IF_ERROR(
            s.BindAll(p.code, p.date, p.name, p.unit, p.price,
                      p.has_stock_days ? std::optional<double>(p.stock_days) : std::nullopt,
                      p.source, p.user, p.imported_at));
        if (s.Step() != SQLITE_DONE) return Error("writing commodity point");
        s.Reset();
      }
      return Status::Ok();
    });
  }

  Result<std::vector<CommodityPointRecord>> LoadCommodityPoints() override {
    Stmt s(db_,
           "SELECT code, date, name, unit, price, stock_days, source, user_name, imported_at FROM "
           "commodity_point "
           "ORDER BY code, date");
    if (!s.ok()) return Error("reading commodity points");
    std::vector<CommodityPointRecord> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      CommodityPointRecord p;
      p.code = s.Text(0);
      p.date = s.Text(1);
      p.name = s.Text(2);
      p.unit = s.Text(3);
      p.price = Double(s, 4);
      p.has_stock_days = !s.IsNull(5);
      p.stock_days = p.has_stock_days ? Double(s, 5) : 0;
      p.source = s.Text(6);
      p.user = s.Text(7);
      p.imported_at = s.Text(8);
      out.push_back(std::move(p));
    }
    if (rc != SQLITE_DONE) return Error("reading commodity points");
    return out;
  }

  Result<ProgressRecord> AddProgress(ProgressRecord r) override {
    if (r.created_at.empty()) r.created_at = FormatUtc(SystemClock().Now());
    Stmt s(
        db_,
        "INSERT INTO policy_progress(target_id, value, date, note, attachment, actor, created_at) "
        "VALUES(?,?,?,?,?,?,?)");
    if (!s.ok()) return Error("preparing progress insert");
    RETURN_IF_ERROR(
        s.BindAll(r.target_id, r.value, r.date, r.note, r.attachment, r.actor, r.created_at));
    if (s.Step() != SQLITE_DONE) return Error("writing progress");
    r.id = sqlite3_last_insert_rowid(db_);
    return r;
  }

  Result<std::vector<ProgressRecord>> ListProgress(const std::string& target_id) override {
    Stmt s(db_, target_id.empty() ? "SELECT id, target_id, value, date, note, attachment, actor, "
                                    "created_at FROM policy_progress "
                                    "ORDER BY target_id, date, id"
                                  : "SELECT id, target_id, value, date, note, attachment, actor, "
                                    "created_at FROM policy_progress "
                                    "WHERE target_id = ? ORDER BY date, id");
    if (!s.ok()) return Error("reading progress");
    if (!target_id.empty()) RETURN_IF_ERROR(s.BindAll(target_id));
    std::vector<ProgressRecord> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      out.push_back({s.Int(0), s.Text(1), Double(s, 2), s.Text(3), s.Text(4), s.Text(5), s.Text(6),
                     s.Text(7)});
    }
    if (rc != SQLITE_DONE) return Error("reading progress");
    return out;
  }

  Result<int64_t> EvaluatedThrough() override {
    Stmt s(db_, "SELECT through_batch FROM warn_evaluation WHERE id = 1");
    if (!s.ok()) return Error("reading the evaluation mark");
    const int rc = s.Step();
    if (rc == SQLITE_DONE) return int64_t{0};
    if (rc != SQLITE_ROW) return Error("reading the evaluation mark");
    return s.Int(0);
  }

  Status SetEvaluatedThrough(int64_t batch, const std::string& at) override {
    return WriteMark(batch, at);
  }

  Status WriteMark(int64_t batch, const std::string& at) {
    Stmt s(db_,
           "INSERT INTO warn_evaluation(id, through_batch, evaluated_at) VALUES(1, ?, ?) "
           "ON CONFLICT(id) DO UPDATE SET through_batch = excluded.through_batch, evaluated_at = "
           "excluded.evaluated_at");
    if (!s.ok()) return Error("writing the evaluation mark");
    RETURN_IF_ERROR(s.BindAll(batch, at));
    if (s.Step() != SQLITE_DONE) return Error("writing the evaluation mark");
    return Status::Ok();
  }

  // Servers sharing the file evaluate one at a time, as on PostgreSQL (an advisory lock there).
  Result<bool> TryLockEvaluation() override { return evaluation_lock_.TryLock(); }
  Status UnlockEvaluation() override { return evaluation_lock_.Unlock(); }

 private:
  sqlite3* db_;
  ProcessLock evaluation_lock_;
};

}  // namespace

Result<std::unique_ptr<WarnStore>> OpenSqliteWarnStore(const std::string& path) {
  ASSIGN_OR_RETURN(sqlite3 * db, OpenExistingFile(path, kWho));
  auto store = std::make_unique<SqliteWarnStore>(db, path);
  RETURN_IF_ERROR(store->Configure());
  return std::unique_ptr<WarnStore>(std::move(store));
}

}  // namespace ballast
