// The warning tables in the SQLite store file, on a connection of their own.
#include <sqlite3.h>

#include <chrono>
#include <ctime>
#include <filesystem>

#include "store/sqlite/stmt.h"
#include "store/warn_store.h"

namespace ballast {

std::string WarnNowUtc() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

namespace {

constexpr int kWarnSchemaVersion = 5;  // the newest migration these tables need (005: the evaluation mark)

void BindDouble(Stmt& s, int i, double v) { sqlite3_bind_double(s.get(), i, v); }
double Double(Stmt& s, int col) { return sqlite3_column_double(s.get(), col); }

constexpr const char* kAlertColumns =
    "id, fingerprint, rule_id, family, subject_kind, subject_key, subject_name, region, industry, units, "
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

// Binds every column but id, from parameter 1 on; returns the next parameter index.
int BindAlert(Stmt& s, const AlertRecord& a) {
  int i = 1;
  for (const std::string* t : {&a.fingerprint, &a.rule_id, &a.family, &a.subject_kind, &a.subject_key,
                               &a.subject_name, &a.region, &a.industry, &a.units, &a.level, &a.state,
                               &a.period}) {
    s.Bind(i++, *t);
  }
  BindDouble(s, i++, a.value);
  BindDouble(s, i++, a.threshold);
  s.Bind(i++, static_cast<int64_t>(a.streak));
  for (const std::string* t : {&a.message_zh, &a.message_en, &a.starts_at, &a.fired_at, &a.updated_at,
                               &a.resolved_at}) {
    s.Bind(i++, *t);
  }
  s.Bind(i++, a.silenced_by);
  s.Bind(i++, static_cast<int64_t>(a.inhibited ? 1 : 0));
  for (const std::string* t : {&a.handling, &a.assignee, &a.deadline, &a.note}) s.Bind(i++, *t);
  return i;
}

class SqliteWarnStore final : public WarnStore {
 public:
  explicit SqliteWarnStore(sqlite3* db) : db_(db) {}
  ~SqliteWarnStore() override { sqlite3_close_v2(db_); }

  Status Exec(const char* sql) { return ExecSql(db_, sql, "warn store"); }
  Status Error(const char* what) { return SqlError(db_, what, "warn store"); }

  Status Configure() { return ConfigureAtSchema(db_, kWarnSchemaVersion, "warning tables", "warn store"); }

  template <typename Fn>
  Status InTransaction(Fn fn) {
    return ballast::InTransaction(db_, fn, "warn store");
  }

  Result<RuleRevision> AddRuleRevision(RuleRevision r) override {
    r.created_at = r.created_at.empty() ? WarnNowUtc() : r.created_at;
    Status st = InTransaction([&]() -> Status {
      Stmt max(db_, "SELECT COALESCE(MAX(revision), 0) FROM warn_rule WHERE rule_id = ?");
      if (!max.ok()) return Error("reading rules");
      max.Bind(1, r.rule_id);
      if (max.Step() != SQLITE_ROW) return Error("reading rules");
      r.revision = max.Int(0) + 1;
      Stmt s(db_, "INSERT INTO warn_rule(rule_id, revision, body, author, created_at) VALUES(?,?,?,?,?)");
      if (!s.ok()) return Error("preparing rule insert");
      s.Bind(1, r.rule_id);
      s.Bind(2, r.revision);
      s.Bind(3, r.body);
      s.Bind(4, r.author);
      s.Bind(5, r.created_at);
      if (s.Step() != SQLITE_DONE) return Error("writing rule");
      return Status::Ok();
    });
    RETURN_IF_ERROR(st);
    return r;
  }

  Result<std::vector<RuleRevision>> ReadRules(const char* sql, const std::string* id) {
    Stmt s(db_, sql);
    if (!s.ok()) return Error("reading rules");
    if (id != nullptr) s.Bind(1, *id);
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
        "SELECT rule_id, revision, body, author, created_at FROM warn_rule WHERE rule_id = ? ORDER BY revision",
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
    if (q.id) s.Bind(1, *q.id);
    std::vector<AlertRecord> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back(ReadAlert(s));
    if (rc != SQLITE_DONE) return Error("reading alerts");
    return out;
  }

  Result<std::vector<AlertChange>> ApplyAlertChanges(std::vector<AlertChange> changes) override {
    Status st = InTransaction([&]() -> Status {
      std::string insert_sql = std::string("INSERT INTO warn_alert(") + (kAlertColumns + 4) +
                               ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
      std::string update_sql =
          "UPDATE warn_alert SET fingerprint=?, rule_id=?, family=?, subject_kind=?, subject_key=?, "
          "subject_name=?, region=?, industry=?, units=?, level=?, state=?, period=?, value=?, threshold=?, "
          "streak=?, message_zh=?, message_en=?, starts_at=?, fired_at=?, updated_at=?, resolved_at=?, "
          "silenced_by=?, inhibited=?, handling=?, assignee=?, deadline=?, note=? WHERE id=?";
      Stmt ins(db_, insert_sql.c_str());
      Stmt upd(db_, update_sql.c_str());
      Stmt del(db_, "DELETE FROM warn_alert WHERE id = ?");
      Stmt ev(db_,
              "INSERT INTO warn_alert_event(alert_id, at, actor, action, from_state, to_state, detail) "
              "VALUES(?,?,?,?,?,?,?)");
      if (!ins.ok() || !upd.ok() || !del.ok() || !ev.ok()) return Error("preparing alert writes");
      for (auto& c : changes) {
        if (c.remove) {
          if (c.alert.id == 0) continue;
          del.Bind(1, c.alert.id);
          if (del.Step() != SQLITE_DONE) return Error("removing alert");
          del.Reset();
          continue;
        }
        if (c.alert.id == 0) {
          BindAlert(ins, c.alert);
          if (ins.Step() != SQLITE_DONE) return Error("writing alert");
          ins.Reset();
          c.alert.id = sqlite3_last_insert_rowid(db_);
        } else {
          int next = BindAlert(upd, c.alert);
          upd.Bind(next, c.alert.id);
          if (upd.Step() != SQLITE_DONE) return Error("updating alert");
          upd.Reset();
        }
        for (auto& e : c.events) {
          e.alert_id = c.alert.id;
          ev.Bind(1, e.alert_id);
          ev.Bind(2, e.at);
          ev.Bind(3, e.actor);
          ev.Bind(4, e.action);
          ev.Bind(5, e.from);
          ev.Bind(6, e.to);
          ev.Bind(7, e.detail);
          if (ev.Step() != SQLITE_DONE) return Error("writing alert event");
          ev.Reset();
          e.id = sqlite3_last_insert_rowid(db_);
        }
      }
      return Status::Ok();
    });
    RETURN_IF_ERROR(st);
    return changes;
  }

  Result<std::vector<AlertEventRecord>> AlertEvents(int64_t alert_id) override {
    Stmt s(db_,
           "SELECT id, alert_id, at, actor, action, from_state, to_state, detail FROM warn_alert_event "
           "WHERE alert_id = ? ORDER BY id");
    if (!s.ok()) return Error("reading alert events");
    s.Bind(1, alert_id);
    std::vector<AlertEventRecord> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      out.push_back({s.Int(0), s.Int(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Text(6), s.Text(7)});
    }
    if (rc != SQLITE_DONE) return Error("reading alert events");
    return out;
  }

  Result<SilenceRecord> AddSilence(SilenceRecord r) override {
    Stmt s(db_,
           "INSERT INTO warn_silence(rule_id, family, subject_key, region, author, reason, starts_at, ends_at, "
           "expired_at, expired_by) VALUES(?,?,?,?,?,?,?,?,?,?)");
    if (!s.ok()) return Error("preparing silence insert");
    int i = 1;
    for (const std::string* t : {&r.rule_id, &r.family, &r.subject_key, &r.region, &r.author, &r.reason,
                                 &r.starts_at, &r.ends_at, &r.expired_at, &r.expired_by}) {
      s.Bind(i++, *t);
    }
    if (s.Step() != SQLITE_DONE) return Error("writing silence");
    r.id = sqlite3_last_insert_rowid(db_);
    return r;
  }

  Result<std::vector<SilenceRecord>> ListSilences() override {
    Stmt s(db_,
           "SELECT id, rule_id, family, subject_key, region, author, reason, starts_at, ends_at, expired_at, "
           "expired_by FROM warn_silence ORDER BY id");
    if (!s.ok()) return Error("reading silences");
    std::vector<SilenceRecord> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      out.push_back({s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Text(6), s.Text(7),
                     s.Text(8), s.Text(9), s.Text(10)});
    }
    if (rc != SQLITE_DONE) return Error("reading silences");
    return out;
  }

  Status ExpireSilence(int64_t id, const std::string& actor, const std::string& at) override {
    Stmt s(db_, "UPDATE warn_silence SET expired_at = ?, expired_by = ? WHERE id = ? AND expired_at = ''");
    if (!s.ok()) return Error("preparing silence update");
    s.Bind(1, at);
    s.Bind(2, actor);
    s.Bind(3, id);
    if (s.Step() != SQLITE_DONE) return Error("updating silence");
    if (sqlite3_changes(db_) == 0) {
      return Status::NotFound("silence " + std::to_string(id) + " does not exist or has already been ended");
    }
    return Status::Ok();
  }

  Status UpsertCommodityPoints(const std::vector<CommodityPointRecord>& points) override {
    return InTransaction([&]() -> Status {
      Stmt s(db_,
             "INSERT OR REPLACE INTO commodity_point(code, date, name, unit, price, stock_days, source, user_name, "
             "imported_at) VALUES(?,?,?,?,?,?,?,?,?)");
      if (!s.ok()) return Error("preparing commodity insert");
      for (const auto& p : points) {
        s.Bind(1, p.code);
        s.Bind(2, p.date);
        s.Bind(3, p.name);
        s.Bind(4, p.unit);
        BindDouble(s, 5, p.price);
        if (p.has_stock_days) BindDouble(s, 6, p.stock_days);  // else NULL
        s.Bind(7, p.source);
        s.Bind(8, p.user);
        s.Bind(9, p.imported_at);
        if (s.Step() != SQLITE_DONE) return Error("writing commodity point");
        s.Reset();
      }
      return Status::Ok();
    });
  }

  Result<std::vector<CommodityPointRecord>> LoadCommodityPoints() override {
    Stmt s(db_,
           "SELECT code, date, name, unit, price, stock_days, source, user_name, imported_at FROM commodity_point "
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
      p.has_stock_days = sqlite3_column_type(s.get(), 5) != SQLITE_NULL;
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
    if (r.created_at.empty()) r.created_at = WarnNowUtc();
    Stmt s(db_,
           "INSERT INTO policy_progress(target_id, value, date, note, attachment, actor, created_at) "
           "VALUES(?,?,?,?,?,?,?)");
    if (!s.ok()) return Error("preparing progress insert");
    s.Bind(1, r.target_id);
    BindDouble(s, 2, r.value);
    s.Bind(3, r.date);
    s.Bind(4, r.note);
    s.Bind(5, r.attachment);
    s.Bind(6, r.actor);
    s.Bind(7, r.created_at);
    if (s.Step() != SQLITE_DONE) return Error("writing progress");
    r.id = sqlite3_last_insert_rowid(db_);
    return r;
  }

  Result<std::vector<ProgressRecord>> ListProgress(const std::string& target_id) override {
    Stmt s(db_,
           target_id.empty()
               ? "SELECT id, target_id, value, date, note, attachment, actor, created_at FROM policy_progress "
                 "ORDER BY target_id, date, id"
               : "SELECT id, target_id, value, date, note, attachment, actor, created_at FROM policy_progress "
                 "WHERE target_id = ? ORDER BY date, id");
    if (!s.ok()) return Error("reading progress");
    if (!target_id.empty()) s.Bind(1, target_id);
    std::vector<ProgressRecord> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      out.push_back({s.Int(0), s.Text(1), Double(s, 2), s.Text(3), s.Text(4), s.Text(5), s.Text(6), s.Text(7)});
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
    Stmt s(db_,
           "INSERT INTO warn_evaluation(id, through_batch, evaluated_at) VALUES(1, ?, ?) "
           "ON CONFLICT(id) DO UPDATE SET through_batch = excluded.through_batch, evaluated_at = excluded.evaluated_at");
    if (!s.ok()) return Error("writing the evaluation mark");
    s.Bind(1, batch);
    s.Bind(2, at);
    if (s.Step() != SQLITE_DONE) return Error("writing the evaluation mark");
    return Status::Ok();
  }

 private:
  sqlite3* db_;
};

}  // namespace

Result<std::unique_ptr<WarnStore>> OpenSqliteWarnStore(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Status::NotFound("store '" + path + "' does not exist");
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    std::string m = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Status::Io("cannot open store '" + path + "': " + m);
  }
  auto store = std::make_unique<SqliteWarnStore>(db);
  RETURN_IF_ERROR(store->Configure());
  return std::unique_ptr<WarnStore>(std::move(store));
}

}  // namespace ballast
