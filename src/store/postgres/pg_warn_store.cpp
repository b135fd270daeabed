// The warning tables in a PostgreSQL store, on a connection of their own.
#include <algorithm>
#include <string>
#include <vector>

#include "core/clock.h"
#include "store/postgres/pg_conn.h"
#include "store/postgres/pg_revision.h"
#include "store/postgres/pg_schema.h"
#include "store/postgres/pg_store.h"

namespace ballast {

namespace {

using pg::Conn;
using pg::PgResult;

constexpr const char* kWho = "warn store";
// Writes whose removals are kept for AlertsSince (a process further behind reads every alert).
constexpr int64_t kKeptRemovals = 1000;

constexpr const char* kAlertColumns =
    "id, fingerprint, rule_id, family, subject_kind, subject_key, subject_name, region, industry, "
    "units, level, state, period, value, threshold, streak, message_zh, message_en, starts_at, "
    "fired_at, updated_at, resolved_at, silenced_by, inhibited, handling, assignee, deadline, note";

AlertRecord ReadAlert(const PgResult& r, int i) {
  AlertRecord a;
  a.id = r.Int(i, 0);
  int c = 1;
  for (std::string* t :
       {&a.fingerprint, &a.rule_id, &a.family, &a.subject_kind, &a.subject_key, &a.subject_name,
        &a.region, &a.industry, &a.units, &a.level, &a.state, &a.period})
    *t = r.Text(i, c++);
  a.value = r.Double(i, c++);
  a.threshold = r.Double(i, c++);
  a.streak = static_cast<int32_t>(r.Int(i, c++));
  for (std::string* t :
       {&a.message_zh, &a.message_en, &a.starts_at, &a.fired_at, &a.updated_at, &a.resolved_at})
    *t = r.Text(i, c++);
  a.silenced_by = r.Int(i, c++);
  a.inhibited = r.Int(i, c++) != 0;
  for (std::string* t : {&a.handling, &a.assignee, &a.deadline, &a.note}) *t = r.Text(i, c++);
  return a;
}

void AddAlert(pg::Params& p, const AlertRecord& a) {
  p.Add(std::vector<const std::string*>{&a.fingerprint, &a.rule_id, &a.family, &a.subject_kind,
                                        &a.subject_key, &a.subject_name, &a.region, &a.industry,
                                        &a.units, &a.level, &a.state, &a.period});
  p.Add(a.value);
  p.Add(a.threshold);
  p.Add(a.streak);
  p.Add(std::vector<const std::string*>{&a.message_zh, &a.message_en, &a.starts_at, &a.fired_at,
                                        &a.updated_at, &a.resolved_at});
  p.Add(a.silenced_by);
  p.Add(a.inhibited ? 1 : 0);
  p.Add(std::vector<const std::string*>{&a.handling, &a.assignee, &a.deadline, &a.note});
}

class PostgresWarnStore final : public WarnStore {
 public:
  explicit PostgresWarnStore(std::unique_ptr<Conn> c) : c_(std::move(c)) {}
  ~PostgresWarnStore() override {
    if (evaluation_locked_) (void)UnlockEvaluation();
  }

  Result<RuleRevision> AddRuleRevision(RuleRevision r) override {
    if (r.created_at.empty()) r.created_at = FormatUtc(SystemClock().Now());
    ASSIGN_OR_RETURN(r.revision, pg::AppendRevision(*c_, "warn_rule", "rule_id",
                                                    {r.rule_id, r.body, r.author, r.created_at}));
    return r;
  }

  Result<std::vector<RuleRevision>> ReadRules(const PgResult& r) {
    std::vector<RuleRevision> out;
    for (int i = 0; i < r.rows(); ++i)
      out.push_back({r.Text(i, 0), r.Int(i, 1), r.Text(i, 2), r.Text(i, 3), r.Text(i, 4)});
    return out;
  }
  Result<std::vector<RuleRevision>> LatestRuleRevisions() override {
    ASSIGN_OR_RETURN(auto r, c_->Query("SELECT DISTINCT ON (rule_id COLLATE \"C\") rule_id, "
                                       "revision, body, author, created_at FROM warn_rule ORDER "
                                       "BY rule_id COLLATE \"C\", revision DESC"));
    return ReadRules(r);
  }
  Result<std::vector<RuleRevision>> RuleHistory(const std::string& rule_id) override {
    ASSIGN_OR_RETURN(auto r, c_->Query("SELECT rule_id, revision, body, author, created_at FROM "
                                       "warn_rule WHERE rule_id = ? ORDER BY revision",
                                       rule_id));
    return ReadRules(r);
  }

  Result<std::vector<AlertRecord>> LoadAlerts(const AlertQuery& q) override {
    std::string sql = std::string("SELECT ") + kAlertColumns + " FROM warn_alert";
    pg::Params p;
    if (q.id) {
      sql += " WHERE id = ?";
      p.Add(*q.id);
    } else if (q.live_only) {
      sql += " WHERE NOT (state = 'resolved' AND handling = 'closed')";
    }
    sql += " ORDER BY id";
    ASSIGN_OR_RETURN(auto r, c_->Execute(sql, p, 0));
    std::vector<AlertRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(ReadAlert(r, i));
    return out;
  }

  Result<AlertDelta> AlertsSince(int64_t since) override {
    AlertDelta d;
    // One snapshot for the counter, the rows and the removals.
    Status read = c_->InTransaction([&]() -> Status {
      RETURN_IF_ERROR(c_->Script("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"));
      ASSIGN_OR_RETURN(auto v, c_->Query("SELECT version, removals_from FROM warn_alert_version "
                                         "WHERE id = 1"));
      if (v.rows() == 0)
        return Status::Internal("warn store: the alerts' write counter is missing");
      d.version = v.Int(0, 0);
      if (since < v.Int(0, 1) || since > d.version) {
        d.whole = true;
        ASSIGN_OR_RETURN(d.rows, LoadAlerts({true, std::nullopt}));
        return Status::Ok();
      }
      if (since == d.version) return Status::Ok();
      ASSIGN_OR_RETURN(auto rows, c_->Query(std::string("SELECT ") + kAlertColumns +
                                                " FROM warn_alert WHERE written > ? ORDER BY id",
                                            since));
      for (int i = 0; i < rows.rows(); ++i) d.rows.push_back(ReadAlert(rows, i));
      ASSIGN_OR_RETURN(auto removed, c_->Query("SELECT alert_id FROM warn_alert_removed WHERE "
                                               "written > ? ORDER BY alert_id",
                                               since));
      for (int i = 0; i < removed.rows(); ++i) d.removed.push_back(removed.Int(i, 0));
      return Status::Ok();
    });
    RETURN_IF_ERROR(read);
    return d;
  }

  Result<std::vector<AlertChange>> ApplyAlertChanges(std::vector<AlertChange> changes) override {
    RETURN_IF_ERROR(c_->InTransaction([&]() -> Status { return WriteChanges(changes); }));
    return changes;
  }

  Result<std::vector<AlertChange>> ApplyEvaluation(std::vector<AlertChange> changes,
                                                   int64_t through_batch,
                                                   const std::string& at) override {
    Status st = c_->InTransaction([&]() -> Status {
      RETURN_IF_ERROR(WriteChanges(changes));
      return SetEvaluatedThrough(through_batch, at);
    });
    RETURN_IF_ERROR(st);
    return changes;
  }

  Result<int64_t> AlertsVersion() override {
    ASSIGN_OR_RETURN(auto r, c_->Query("SELECT version FROM warn_alert_version WHERE id = 1"));
    if (r.rows() == 0) return Status::Internal("warn store: the alerts' write counter is missing");
    return r.Int(0, 0);
  }

  // Inside a transaction: the alerts, their events, and the write counter when anything changed.
  // New alerts and every event go many rows to a statement, their ids drawn beforehand: a first
  // evaluation opens hundreds of thousands, and a round trip per row took minutes.
  Status WriteChanges(std::vector<AlertChange>& changes) {
    if (changes.empty()) return Status::Ok();
    // The counter first: its row lock orders concurrent writers, and each row written is
    // marked with the value of its write (AlertsSince).
    ASSIGN_OR_RETURN(auto counter, c_->Query("UPDATE warn_alert_version SET version = version + 1 "
                                             "WHERE id = 1 RETURNING version"));
    if (counter.rows() == 0)
      return Status::Internal("warn store: the alerts' write counter is missing");
    const int64_t written = counter.Int(0, 0);
    bool any_removed = false;
    size_t opened = 0, logged = 0;
    for (const auto& c : changes) {
      if (c.remove) continue;
      opened += c.alert.id == 0 ? 1 : 0;
      logged += c.events.size();
    }
    ASSIGN_OR_RETURN(auto alert_ids, NextIds("warn_alert", opened));
    ASSIGN_OR_RETURN(auto event_ids, NextIds("warn_alert_event", logged));
    std::vector<const AlertRecord*> inserts, updates;
    std::vector<const AlertEventRecord*> events;
    size_t next_alert = 0, next_event = 0;
    for (auto& c : changes) {
      if (c.remove) {
        if (c.alert.id == 0) continue;
        // A pending alert that clears leaves no trace: its events go with it.
        RETURN_IF_ERROR(c_->Run("DELETE FROM warn_alert_event WHERE alert_id = ?", c.alert.id));
        RETURN_IF_ERROR(c_->Run("DELETE FROM warn_alert WHERE id = ?", c.alert.id));
        RETURN_IF_ERROR(
            c_->Run("INSERT INTO warn_alert_removed(alert_id, written) VALUES (?, ?) "
                    "ON CONFLICT (alert_id) DO UPDATE SET written = EXCLUDED.written",
                    c.alert.id, written));
        any_removed = true;
        continue;
      }
      if (c.alert.id == 0) {
        c.alert.id = alert_ids[next_alert++];
        inserts.push_back(&c.alert);
      } else {
        updates.push_back(&c.alert);
      }
      for (auto& e : c.events) {
        e.alert_id = c.alert.id;
        e.id = event_ids[next_event++];
        events.push_back(&e);
      }
    }
    RETURN_IF_ERROR(
        InsertRows(std::string("INSERT INTO warn_alert(") + kAlertColumns + ", written) VALUES ",
                   29, inserts.size(), [&](pg::Params& p, size_t i) {
                     p.Add(inserts[i]->id);
                     AddAlert(p, *inserts[i]);
                     p.Add(written);
                   }));
    RETURN_IF_ERROR(UpdateAlerts(updates, written));
    RETURN_IF_ERROR(InsertRows(
        "INSERT INTO warn_alert_event(id, alert_id, at, actor, action, from_state, to_state, "
        "detail) VALUES ",
        8, events.size(), [&](pg::Params& p, size_t i) {
          const AlertEventRecord& e = *events[i];
          p.Add(e.id);
          p.Add(e.alert_id);
          p.Add(std::vector<const std::string*>{&e.at, &e.actor, &e.action, &e.from, &e.to,
                                                &e.detail});
        }));
    if (!any_removed) return Status::Ok();
    RETURN_IF_ERROR(
        c_->Run("DELETE FROM warn_alert_removed WHERE written <= ?", written - kKeptRemovals));
    return c_->Run(
        "UPDATE warn_alert_version SET removals_from = GREATEST(removals_from, ?) WHERE id = 1",
        written - kKeptRemovals);
  }

  // Rewrites the alerts whole. A new month moves every open alert (its period, value and
  // messages): they go into a temporary table a thousand rows to a statement, and one UPDATE
  // takes them from there, instead of a round trip per alert.
  Status UpdateAlerts(const std::vector<const AlertRecord*>& updates, int64_t written) {
    if (updates.empty()) return Status::Ok();
    RETURN_IF_ERROR(
        c_->Run("CREATE TEMP TABLE warn_alert_changed (LIKE warn_alert) ON COMMIT DROP"));
    RETURN_IF_ERROR(InsertRows(
        std::string("INSERT INTO warn_alert_changed(") + kAlertColumns + ", written) VALUES ", 29,
        updates.size(), [&](pg::Params& p, size_t i) {
          p.Add(updates[i]->id);
          AddAlert(p, *updates[i]);
          p.Add(written);
        }));
    std::string sql = "UPDATE warn_alert a SET ";
    const std::string columns = kAlertColumns;
    bool first = true;
    for (size_t from = 0; from < columns.size();) {
      size_t to = columns.find(',', from);
      if (to == std::string::npos) to = columns.size();
      std::string name = columns.substr(from, to - from);
      name.erase(0, name.find_first_not_of(' '));
      from = to + 1;
      if (name == "id") continue;
      sql += (first ? "" : ", ") + name + " = u." + name;
      first = false;
    }
    sql += ", written = u.written FROM warn_alert_changed u WHERE a.id = u.id";
    RETURN_IF_ERROR(c_->Run(sql));
    return c_->Run("DROP TABLE warn_alert_changed");
  }

  // `count` ids of the table's identity column, in one round trip.
  Result<std::vector<int64_t>> NextIds(const char* table, size_t count) {
    std::vector<int64_t> ids;
    if (count == 0) return ids;
    ASSIGN_OR_RETURN(auto r, c_->Query(std::string("SELECT nextval(pg_get_serial_sequence('") +
                                           table + "', 'id')) FROM generate_series(1, ?)",
                                       static_cast<int64_t>(count)));
    for (int i = 0; i < r.rows(); ++i) ids.push_back(r.Int(i, 0));
    if (ids.size() != count) return Status::Internal("warn store: too few ids drawn");
    return ids;
  }

  // `rows` rows of `columns` values each, a thousand to a statement (PostgreSQL takes at most
  // 65,535 parameters in one).
  template <typename AddRow>
  Status InsertRows(const std::string& head, int columns, size_t rows, AddRow add_row) {
    constexpr size_t kPerStatement = 1000;
    for (size_t from = 0; from < rows; from += kPerStatement) {
      const size_t to = std::min(rows, from + kPerStatement);
      std::string tuple = "(";
      for (int c = 0; c < columns; ++c) tuple += c == 0 ? "?" : ",?";
      tuple += ")";
      std::string sql = head;
      pg::Params p;
      for (size_t i = from; i < to; ++i) {
        sql += i == from ? "" : ",";
        sql += tuple;
        add_row(p, i);
      }
      RETURN_IF_ERROR(c_->Execute(sql, p, 0).status());
    }
    return Status::Ok();
  }

  Result<std::vector<AlertEventRecord>> AlertEvents(int64_t alert_id) override {
    ASSIGN_OR_RETURN(auto r, c_->Query("SELECT id, alert_id, at, actor, action, from_state, "
                                       "to_state, detail FROM warn_alert_event WHERE alert_id = ? "
                                       "ORDER BY id",
                                       alert_id));
    std::vector<AlertEventRecord> out;
    for (int i = 0; i < r.rows(); ++i) {
      out.push_back({r.Int(i, 0), r.Int(i, 1), r.Text(i, 2), r.Text(i, 3), r.Text(i, 4),
                     r.Text(i, 5), r.Text(i, 6), r.Text(i, 7)});
    }
    return out;
  }

  Result<SilenceRecord> AddSilence(SilenceRecord s) override {
    ASSIGN_OR_RETURN(auto r,
                     c_->Query("INSERT INTO warn_silence(rule_id, family, subject_key, "
                               "region, author, reason, starts_at, ends_at, expired_at, "
                               "expired_by) VALUES(?,?,?,?,?,?,?,?,?,?) RETURNING id",
                               s.rule_id, s.family, s.subject_key, s.region, s.author, s.reason,
                               s.starts_at, s.ends_at, s.expired_at, s.expired_by));
    s.id = r.Int(0, 0);
    return s;
  }

  Result<std::vector<SilenceRecord>> ListSilences() override {
    ASSIGN_OR_RETURN(auto r, c_->Query("SELECT id, rule_id, family, subject_key, region, author, "
                                       "reason, starts_at, ends_at, expired_at, expired_by FROM "
                                       "warn_silence ORDER BY id"));
    std::vector<SilenceRecord> out;
    for (int i = 0; i < r.rows(); ++i) {
      out.push_back({r.Int(i, 0), r.Text(i, 1), r.Text(i, 2), r.Text(i, 3), r.Text(i, 4),
                     r.Text(i, 5), r.Text(i, 6), r.Text(i, 7), r.Text(i, 8), r.Text(i, 9),
                     r.Text(i, 10)});
    }
    return out;
  }

  Status ExpireSilence(int64_t id, const std::string& actor, const std::string& at) override {
    ASSIGN_OR_RETURN(auto r, c_->Query("UPDATE warn_silence SET expired_at = ?, expired_by = ? "
                                       "WHERE id = ? AND expired_at = ''",
                                       at, actor, id));
    if (r.Affected() == 0) {
      return Status::NotFound("silence " + std::to_string(id) +
                              " does not exist or has already been ended");
    }
    return Status::Ok();
  }

  Status UpsertCommodityPoints(const std::vector<CommodityPointRecord>& points) override {
    return c_->InTransaction([&]() -> Status {
      for (const auto& p : points) {
        RETURN_IF_ERROR(c_->Run(
            "INSERT INTO commodity_point(code, date, name, unit, price, stock_days, source, "
            "user_name, imported_at) VALUES(?,?,?,?,?,?,?,?,?) ON CONFLICT (code, date) DO "
            "UPDATE SET name = excluded.name, unit = excluded.unit, price = excluded.price, "
            "stock_days = excluded.stock_days, source = excluded.source, user_name = "
            "excluded.user_name, imported_at = excluded.imported_at",
            p.code, p.date, p.name, p.unit, p.price,
            p.has_stock_days ? std::optional<double>(p.stock_days) : std::nullopt, p.source, p.user,
            p.imported_at));
      }
      return Status::Ok();
    });
  }

  Result<std::vector<CommodityPointRecord>> LoadCommodityPoints() override {
    ASSIGN_OR_RETURN(auto r, c_->Query("SELECT code, date, name, unit, price, stock_days, source, "
                                       "user_name, imported_at FROM commodity_point ORDER BY code "
                                       "COLLATE \"C\", date COLLATE \"C\""));
    std::vector<CommodityPointRecord> out;
    for (int i = 0; i < r.rows(); ++i) {
      CommodityPointRecord p;
      p.code = r.Text(i, 0);
      p.date = r.Text(i, 1);
      p.name = r.Text(i, 2);
      p.unit = r.Text(i, 3);
      p.price = r.Double(i, 4);
      p.has_stock_days = !r.IsNull(i, 5);
      p.stock_days = p.has_stock_days ? r.Double(i, 5) : 0;
      p.source = r.Text(i, 6);
      p.user = r.Text(i, 7);
      p.imported_at = r.Text(i, 8);
      out.push_back(std::move(p));
    }
    return out;
  }

  Result<ProgressRecord> AddProgress(ProgressRecord p) override {
    if (p.created_at.empty()) p.created_at = FormatUtc(SystemClock().Now());
    ASSIGN_OR_RETURN(auto r, c_->Query("INSERT INTO policy_progress(target_id, value, date, note, "
                                       "attachment, actor, created_at) VALUES(?,?,?,?,?,?,?) "
                                       "RETURNING id",
                                       p.target_id, p.value, p.date, p.note, p.attachment, p.actor,
                                       p.created_at));
    p.id = r.Int(0, 0);
    return p;
  }

  Result<std::vector<ProgressRecord>> ListProgress(const std::string& target_id) override {
    ASSIGN_OR_RETURN(auto r,
                     c_->Query("SELECT id, target_id, value, date, note, attachment, actor, "
                               "created_at FROM policy_progress WHERE ?1 = '' OR target_id = ?1 "
                               "ORDER BY target_id COLLATE \"C\", date COLLATE \"C\", id",
                               target_id));
    std::vector<ProgressRecord> out;
    for (int i = 0; i < r.rows(); ++i) {
      out.push_back({r.Int(i, 0), r.Text(i, 1), r.Double(i, 2), r.Text(i, 3), r.Text(i, 4),
                     r.Text(i, 5), r.Text(i, 6), r.Text(i, 7)});
    }
    return out;
  }

  Result<int64_t> EvaluatedThrough() override {
    ASSIGN_OR_RETURN(auto r, c_->Query("SELECT through_batch FROM warn_evaluation WHERE id = 1"));
    return r.rows() == 0 ? int64_t{0} : r.Int(0, 0);
  }

  Status SetEvaluatedThrough(int64_t batch, const std::string& at) override {
    return c_->Run(
        "INSERT INTO warn_evaluation(id, through_batch, evaluated_at) VALUES(1, ?, ?) ON "
        "CONFLICT (id) DO UPDATE SET through_batch = excluded.through_batch, evaluated_at = "
        "excluded.evaluated_at",
        batch, at);
  }

  // A session-level advisory lock: held across the evaluation's several transactions.
  Result<bool> TryLockEvaluation() override {
    ASSIGN_OR_RETURN(auto r, c_->Query("SELECT pg_try_advisory_lock(?)", pg::kEvaluationLock));
    evaluation_locked_ = r.Text(0, 0) == "t";
    return evaluation_locked_;
  }
  Status UnlockEvaluation() override {
    evaluation_locked_ = false;
    return c_->Run("SELECT pg_advisory_unlock(?)", pg::kEvaluationLock);
  }

 private:
  std::unique_ptr<Conn> c_;
  bool evaluation_locked_ = false;
};

}  // namespace

Result<std::unique_ptr<WarnStore>> OpenPostgresWarnStore(const std::string& uri) {
  ASSIGN_OR_RETURN(auto conn, pg::ConnectAtSchema(uri, kWarnSchemaVersion, "warning tables", kWho));
  return std::unique_ptr<WarnStore>(std::make_unique<PostgresWarnStore>(std::move(conn)));
}

}  // namespace ballast
