// The service tables in the SQLite store file, on a connection of their own.
#include <sqlite3.h>

#include "store/service_store.h"
#include "store/sqlite/connection.h"

namespace ballast {

namespace {

constexpr int kServiceSchemaVersion =
    13;  // 004, 007, 014 and 016 (the 13th entry) make these tables
constexpr const char* kWho = "service store";

constexpr const char* kAppealColumns =
    "id, version, uscc, enterprise_name, region, category, title, description, attachments, "
    "contact, "
    "channel, filed_by, filed_at, state, unit, co_units, complexity, dispatched_at, response_due, "
    "due, "
    "first_response_at, replied_at, reply, extension_days_requested, extensions, escalations, "
    "reopen_count, "
    "rating_solved, satisfaction, rated_at, closed_at, merged_into, updated_at, accept_due, "
    "rating_due";

std::vector<std::string*> TextFields(AppealRecord& a) {
  return {&a.uscc,          &a.enterprise_name, &a.region,  &a.category,          &a.title,
          &a.description,   &a.attachments,     &a.contact, &a.channel,           &a.filed_by,
          &a.filed_at,      &a.state,           &a.unit,    &a.co_units,          &a.complexity,
          &a.dispatched_at, &a.response_due,    &a.due,     &a.first_response_at, &a.replied_at,
          &a.reply};
}
std::vector<int32_t*> IntFields(AppealRecord& a) {
  return {&a.extension_days_requested, &a.extensions, &a.escalations, &a.reopen_count,
          &a.rating_solved};
}

AppealRecord ReadAppeal(Stmt& s) {
  AppealRecord a;
  int c = 0;
  a.id = s.Int(c++);
  a.version = s.Int(c++);
  for (auto* t : TextFields(a)) *t = s.Text(c++);
  for (auto* i : IntFields(a)) *i = static_cast<int32_t>(s.Int(c++));
  a.satisfaction = s.Text(c++);
  a.rated_at = s.Text(c++);
  a.closed_at = s.Text(c++);
  a.merged_into = s.Int(c++);
  a.updated_at = s.Text(c++);
  a.accept_due = s.Text(c++);
  a.rating_due = s.Text(c++);
  return a;
}

// Binds every column from `version` on, from parameter 1, then `extra` (an update's keys).
template <typename... Extra>
Status BindAppeal(Stmt& s, AppealRecord a, const Extra&... extra) {
  return s.BindAll(a.version, TextFields(a), IntFields(a), a.satisfaction, a.rated_at, a.closed_at,
                   a.merged_into, a.updated_at, a.accept_due, a.rating_due, extra...);
}

class SqliteServiceStore final : public ServiceStore {
 public:
  explicit SqliteServiceStore(sqlite3* db) : db_(db) {}
  ~SqliteServiceStore() override { sqlite3_close_v2(db_); }

  Status Exec(const char* sql) { return ExecSql(db_, sql, kWho); }
  Status Error(const char* what) { return SqlError(db_, what, kWho); }

  Status Configure() {
    return ConfigureAtSchema(db_, kServiceSchemaVersion, "service tables", kWho);
  }

  template <typename Fn>
  Status InTransaction(Fn fn) {
    return ballast::InTransaction(db_, fn, kWho);
  }

  Status InsertEvent(AppealEventRecord& e) {
    Stmt s(db_,
           "INSERT INTO service_appeal_event(appeal_id, at, actor, party, action, from_state, "
           "to_state, unit, "
           "reason, body) VALUES(?,?,?,?,?,?,?,?,?,?)");
    if (!s.ok()) return Error("preparing event insert");
    RETURN_IF_ERROR(s.BindAll(e.appeal_id, e.at, e.actor, e.party, e.action, e.from_state,
                              e.to_state, e.unit, e.reason, e.body));
    if (s.Step() != SQLITE_DONE) return Error("writing appeal event");
    e.id = sqlite3_last_insert_rowid(db_);
    return Status::Ok();
  }

  Result<AppealRecord> InsertAppeal(AppealRecord a, AppealEventRecord e) override {
    a.version = 1;
    Status st = InTransaction([&]() -> Status {
      const std::string cols = kAppealColumns + 4;  // from "version": id is assigned
      std::string q = "INSERT INTO service_appeal(" + cols + ") VALUES(?";
      for (char c : cols) {
        if (c == ',') q += ",?";
      }
      q += ")";
      Stmt s(db_, q.c_str());
      if (!s.ok()) return Error("preparing appeal insert");
      RETURN_IF_ERROR(BindAppeal(s, a));
      if (s.Step() != SQLITE_DONE) return Error("writing appeal");
      a.id = sqlite3_last_insert_rowid(db_);
      e.appeal_id = a.id;
      return InsertEvent(e);
    });
    RETURN_IF_ERROR(st);
    return a;
  }

  Result<AppealRecord> UpdateAppeal(AppealRecord a, int64_t expected,
                                    std::vector<AppealEventRecord> events,
                                    NoticeWrite* notice) override {
    a.version = expected + 1;
    Status st = InTransaction([&]() -> Status {
      std::string sql = "UPDATE service_appeal SET ";
      std::string cols = kAppealColumns + 4;  // from "version"
      size_t start = 0;
      while (start < cols.size()) {
        size_t end = cols.find(", ", start);
        if (end == std::string::npos) end = cols.size();
        sql += (start ? ", " : "") + cols.substr(start, end - start) + " = ?";
        start = end + 2;
      }
      sql += " WHERE id = ? AND version = ?";
      Stmt s(db_, sql.c_str());
      if (!s.ok()) return Error("preparing appeal update");
      RETURN_IF_ERROR(BindAppeal(s, a, a.id, expected));
      if (s.Step() != SQLITE_DONE) return Error("writing appeal");
      if (sqlite3_changes(db_) != 1) {
        return Status::Precondition("appeal " + std::to_string(a.id) +
                                    " was changed by someone else (version " +
                                    std::to_string(expected) + " is stale); reload and retry");
      }
      for (auto& e : events) RETURN_IF_ERROR(InsertEvent(e));
      if (notice == nullptr) return Status::Ok();
      // The 督办 notice of an escalation, in the same transaction: both or neither.
      notice->notice.appeal_id = a.id;
      return WriteRow("service_notice", kNoticeColumns, notice->notice, &NoticeFields,
                      notice->event);
    });
    RETURN_IF_ERROR(st);
    return a;
  }

  Result<AppealRecord> GetAppeal(int64_t id) override {
    Stmt s(db_,
           (std::string("SELECT ") + kAppealColumns + " FROM service_appeal WHERE id = ?").c_str());
    if (!s.ok()) return Error("reading appeal");
    RETURN_IF_ERROR(s.BindAll(id));
    const int rc = s.Step();
    if (rc == SQLITE_DONE) return Status::NotFound("no appeal " + std::to_string(id));
    if (rc != SQLITE_ROW) return Error("reading appeal");
    return ReadAppeal(s);
  }

  Result<std::vector<AppealRecord>> ListAppeals(const AppealQuery& q) override {
    Stmt s(db_, (std::string("SELECT ") + kAppealColumns +
                 " FROM service_appeal WHERE (?1 = '' OR uscc = ?1) AND (?2 = '' OR unit = ?2) AND "
                 "(?3 = '' OR state = ?3) ORDER BY id")
                    .c_str());
    if (!s.ok()) return Error("listing appeals");
    RETURN_IF_ERROR(s.BindAll(q.uscc, q.unit, q.state));
    std::vector<AppealRecord> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back(ReadAppeal(s));
    if (rc != SQLITE_DONE) return Error("listing appeals");
    return out;
  }

  Result<std::vector<AppealEventRecord>> AppealEvents(int64_t appeal_id) override {
    Stmt s(
        db_,
        "SELECT id, appeal_id, at, actor, party, action, from_state, to_state, unit, reason, body "
        "FROM service_appeal_event WHERE appeal_id = ? ORDER BY id");
    if (!s.ok()) return Error("reading appeal events");
    RETURN_IF_ERROR(s.BindAll(appeal_id));
    std::vector<AppealEventRecord> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      AppealEventRecord e;
      e.id = s.Int(0);
      e.appeal_id = s.Int(1);
      int c = 2;
      for (std::string* t : {&e.at, &e.actor, &e.party, &e.action, &e.from_state, &e.to_state,
                             &e.unit, &e.reason, &e.body}) {
        *t = s.Text(c++);
      }
      out.push_back(std::move(e));
    }
    if (rc != SQLITE_DONE) return Error("reading appeal events");
    return out;
  }

  Status UpsertOfficial(const OfficialRecord& o) override {
    Stmt s(db_,
           "INSERT OR REPLACE INTO service_official(uscc, username, name, unit, region, "
           "assigned_by, assigned_at) "
           "VALUES(?,?,?,?,?,?,?)");
    if (!s.ok()) return Error("preparing official");
    RETURN_IF_ERROR(
        s.BindAll(o.uscc, o.username, o.name, o.unit, o.region, o.assigned_by, o.assigned_at));
    if (s.Step() != SQLITE_DONE) return Error("writing official");
    return Status::Ok();
  }

  Status RemoveOfficial(const std::string& uscc, const std::string& username) override {
    Stmt s(db_, "DELETE FROM service_official WHERE uscc = ? AND username = ?");
    if (!s.ok()) return Error("preparing official removal");
    RETURN_IF_ERROR(s.BindAll(uscc, username));
    if (s.Step() != SQLITE_DONE) return Error("removing official");
    if (sqlite3_changes(db_) == 0)
      return Status::NotFound(username + " is not assigned to " + uscc);
    return Status::Ok();
  }

  Result<std::vector<OfficialRecord>> ListOfficials(const std::string& uscc) override {
    Stmt s(
        db_,
        "SELECT uscc, username, name, unit, region, assigned_by, assigned_at FROM service_official "
        "WHERE ?1 = '' OR uscc = ?1 ORDER BY uscc, username");
    if (!s.ok()) return Error("listing officials");
    RETURN_IF_ERROR(s.BindAll(uscc));
    std::vector<OfficialRecord> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      OfficialRecord o;
      int c = 0;
      for (std::string* t :
           {&o.uscc, &o.username, &o.name, &o.unit, &o.region, &o.assigned_by, &o.assigned_at}) {
        *t = s.Text(c++);
      }
      out.push_back(std::move(o));
    }
    if (rc != SQLITE_DONE) return Error("listing officials");
    return out;
  }

  Result<MatchEventRecord> AddMatchEvent(MatchEventRecord e) override {
    Stmt s(db_,
           "INSERT INTO service_match_event(type, title, date, region, organiser, participants, "
           "financing_amount, research_results, hires, outcome, created_by, created_at) "
           "VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!s.ok()) return Error("preparing event");
    RETURN_IF_ERROR(s.BindAll(e.type, e.title, e.date, e.region, e.organiser, e.participants,
                              e.financing_amount, e.research_results, e.hires, e.outcome,
                              e.created_by, e.created_at));
    if (s.Step() != SQLITE_DONE) return Error("writing event");
    e.id = sqlite3_last_insert_rowid(db_);
    return e;
  }

  Result<std::vector<MatchEventRecord>> ListMatchEvents() override {
    Stmt s(db_,
           "SELECT id, type, title, date, region, organiser, participants, financing_amount, "
           "research_results, "
           "hires, outcome, created_by, created_at FROM service_match_event ORDER BY date, id");
    if (!s.ok()) return Error("listing events");
    std::vector<MatchEventRecord> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      MatchEventRecord e;
      e.id = s.Int(0);
      int c = 1;
      for (std::string* t : {&e.type, &e.title, &e.date, &e.region, &e.organiser, &e.participants})
        *t = s.Text(c++);
      e.financing_amount = s.Double(c++);
      e.research_results = static_cast<int32_t>(s.Int(c++));
      e.hires = static_cast<int32_t>(s.Int(c++));
      for (std::string* t : {&e.outcome, &e.created_by, &e.created_at}) *t = s.Text(c++);
      out.push_back(std::move(e));
    }
    if (rc != SQLITE_DONE) return Error("listing events");
    return out;
  }

  static constexpr const char* kNotificationColumns =
      "id, username, kind, dedupe, appeal_id, title, body, created_at, read_at, email, delivery, "
      "attempts, "
      "next_attempt_at";

  static NotificationRecord ReadNotification(Stmt& s) {
    NotificationRecord n;
    n.id = s.Int(0);
    n.username = s.Text(1);
    n.kind = s.Text(2);
    n.dedupe = s.Text(3);
    n.appeal_id = s.Int(4);
    int c = 5;
    for (std::string* t : {&n.title, &n.body, &n.created_at, &n.read_at, &n.email, &n.delivery})
      *t = s.Text(c++);
    n.attempts = static_cast<int32_t>(s.Int(c++));
    n.next_attempt_at = s.Text(c++);
    return n;
  }

  Result<std::vector<NotificationRecord>> Notifications(const std::string& sql,
                                                        const std::string& a, int64_t limit) {
    Stmt s(db_,
           (std::string("SELECT ") + kNotificationColumns + " FROM service_notification " + sql)
               .c_str());
    if (!s.ok()) return Error("listing notifications");
    RETURN_IF_ERROR(s.BindAll(a, limit));
    std::vector<NotificationRecord> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back(ReadNotification(s));
    if (rc != SQLITE_DONE) return Error("listing notifications");
    return out;
  }

  Result<int64_t> AddNotification(NotificationRecord n) override {
    Stmt s(db_,
           "INSERT INTO service_notification(username, kind, dedupe, appeal_id, title, body, "
           "created_at, read_at, "
           "email, delivery, attempts, next_attempt_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?) "
           "ON CONFLICT (username, dedupe) DO NOTHING");
    if (!s.ok()) return Error("preparing notification");
    RETURN_IF_ERROR(s.BindAll(n.username, n.kind, n.dedupe, n.appeal_id, n.title, n.body,
                              n.created_at, n.read_at, n.email, n.delivery, n.attempts,
                              n.next_attempt_at));
    if (s.Step() != SQLITE_DONE) return Error("writing notification");
    return sqlite3_changes(db_) == 0 ? int64_t{0}
                                     : static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
  }

  Result<std::vector<NotificationRecord>> ListNotifications(const std::string& username,
                                                            bool unread_only,
                                                            int64_t limit) override {
    return Notifications(std::string("WHERE username = ?1") +
                             (unread_only ? " AND read_at = ''" : "") +
                             " ORDER BY id DESC LIMIT ?2",
                         username, limit);
  }

  Result<int64_t> UnreadNotifications(const std::string& username) override {
    Stmt s(db_, "SELECT COUNT(*) FROM service_notification WHERE username = ? AND read_at = ''");
    if (!s.ok()) return Error("counting notifications");
    RETURN_IF_ERROR(s.BindAll(username));
    if (s.Step() != SQLITE_ROW) return Error("counting notifications");
    return s.Int(0);
  }

  Status MarkNotificationsRead(const std::string& username, int64_t id,
                               const std::string& at) override {
    Stmt s(db_,
           "UPDATE service_notification SET read_at = ?1 WHERE username = ?2 AND read_at = '' AND "
           "(?3 = 0 OR id = ?3)");
    if (!s.ok()) return Error("preparing notification update");
    RETURN_IF_ERROR(s.BindAll(at, username, id));
    if (s.Step() != SQLITE_DONE) return Error("marking notifications read");
    if (id != 0 && sqlite3_changes(db_) == 0) {
      Stmt q(db_, "SELECT 1 FROM service_notification WHERE username = ? AND id = ?");
      if (!q.ok()) return Error("reading notification");
      RETURN_IF_ERROR(q.BindAll(username, id));
      if (q.Step() != SQLITE_ROW) return Status::NotFound("no notification " + std::to_string(id));
    }
    return Status::Ok();
  }

  Result<std::vector<NotificationRecord>> DueDeliveries(const std::string& now,
                                                        int64_t limit) override {
    return Notifications(
        "WHERE delivery = 'pending' AND next_attempt_at <= ?1 ORDER BY next_attempt_at, id LIMIT "
        "?2",
        now, limit);
  }

  Status RecordDelivery(const NotificationRecord& n, const NotificationAttemptRecord& a) override {
    return InTransaction([&]() -> Status {
      Stmt i(db_,
             "INSERT INTO service_notification_attempt(notification_id, at, channel, ok, detail) "
             "VALUES(?,?,?,?,?)");
      if (!i.ok()) return Error("preparing delivery attempt");
      RETURN_IF_ERROR(i.BindAll(n.id, a.at, a.channel, a.ok ? 1 : 0, a.detail));
      if (i.Step() != SQLITE_DONE) return Error("writing delivery attempt");
      Stmt u(db_,
             "UPDATE service_notification SET delivery = ?, attempts = ?, next_attempt_at = ? "
             "WHERE id = ?");
      if (!u.ok()) return Error("preparing delivery update");
      RETURN_IF_ERROR(u.BindAll(n.delivery, n.attempts, n.next_attempt_at, n.id));
      if (u.Step() != SQLITE_DONE) return Error("writing delivery state");
      return Status::Ok();
    });
  }

  Result<std::vector<NotificationAttemptRecord>> DeliveryAttempts(int64_t id) override {
    Stmt s(db_,
           "SELECT id, notification_id, at, channel, ok, detail FROM service_notification_attempt "
           "WHERE notification_id = ? ORDER BY id");
    if (!s.ok()) return Error("reading delivery attempts");
    RETURN_IF_ERROR(s.BindAll(id));
    std::vector<NotificationAttemptRecord> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      out.push_back({s.Int(0), s.Int(1), s.Text(2), s.Text(3), s.Int(4) != 0, s.Text(5)});
    }
    if (rc != SQLITE_DONE) return Error("reading delivery attempts");
    return out;
  }

  Status SetContactEmail(const std::string& username, const std::string& email) override {
    Stmt s(db_, email.empty() ? "DELETE FROM service_contact WHERE username = ?1"
                              : "INSERT INTO service_contact(username, email) VALUES(?1, ?2) "
                                "ON CONFLICT (username) DO UPDATE SET email = excluded.email");
    if (!s.ok()) return Error("preparing contact");
    RETURN_IF_ERROR(email.empty() ? s.BindAll(username) : s.BindAll(username, email));
    if (s.Step() != SQLITE_DONE) return Error("writing contact");
    return Status::Ok();
  }

  Result<std::string> ContactEmail(const std::string& username) override {
    Stmt s(db_, "SELECT email FROM service_contact WHERE username = ?");
    if (!s.ok()) return Error("reading contact");
    RETURN_IF_ERROR(s.BindAll(username));
    const int rc = s.Step();
    if (rc == SQLITE_DONE) return std::string();
    if (rc != SQLITE_ROW) return Error("reading contact");
    return s.Text(0);
  }

  static constexpr const char* kAttachmentColumns =
      "id, appeal_id, name, content_type, size, sha256, internal, uploaded_by, party, uploaded_at";

  static AttachmentRecord AttachmentAt(Stmt& s) {
    AttachmentRecord a;
    a.id = s.Int(0);
    a.appeal_id = s.Int(1);
    a.name = s.Text(2);
    a.content_type = s.Text(3);
    a.size = s.Int(4);
    a.sha256 = s.Text(5);
    a.internal = s.Int(6) != 0;
    a.uploaded_by = s.Text(7);
    a.party = s.Text(8);
    a.uploaded_at = s.Text(9);
    return a;
  }

  Result<int64_t> AddAttachment(const AttachmentRecord& a) override {
    Stmt s(db_,
           "INSERT INTO service_attachment(appeal_id, name, content_type, size, sha256, internal, "
           "uploaded_by, party, uploaded_at, content) VALUES(?,?,?,?,?,?,?,?,?,?)");
    if (!s.ok()) return Error("preparing attachment");
    RETURN_IF_ERROR(s.BindAll(a.appeal_id, a.name, a.content_type, a.size, a.sha256,
                              int64_t{a.internal ? 1 : 0}, a.uploaded_by, a.party, a.uploaded_at,
                              Blob{a.content}));
    if (s.Step() != SQLITE_DONE) return Error("writing attachment");
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
  }

  Result<std::vector<AttachmentRecord>> ListAttachments(int64_t appeal_id) override {
    Stmt s(db_, std::string("SELECT ") + kAttachmentColumns +
                    " FROM service_attachment WHERE appeal_id = ? ORDER BY id");
    if (!s.ok()) return Error("listing attachments");
    RETURN_IF_ERROR(s.BindAll(appeal_id));
    std::vector<AttachmentRecord> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back(AttachmentAt(s));
    if (rc != SQLITE_DONE) return Error("listing attachments");
    return out;
  }

  Result<AttachmentRecord> GetAttachment(int64_t id) override {
    Stmt s(db_, std::string("SELECT ") + kAttachmentColumns +
                    ", content FROM service_attachment WHERE id = ?");
    if (!s.ok()) return Error("reading attachment");
    RETURN_IF_ERROR(s.BindAll(id));
    const int rc = s.Step();
    if (rc == SQLITE_DONE) return Status::NotFound("no attachment " + std::to_string(id));
    if (rc != SQLITE_ROW) return Error("reading attachment");
    AttachmentRecord a = AttachmentAt(s);
    a.content = std::string(s.Blob(10));
    return a;
  }

  Result<ServiceConfigRecord> AddConfigRevision(ServiceConfigRecord r) override {
    ASSIGN_OR_RETURN(r.revision, AppendRevision(db_, "service_config", "key",
                                                {r.key, r.body, r.author, r.created_at}, kWho));
    return r;
  }

  // 会办 parts and 督办 notices (migration 016): text columns after id and appeal_id.
  static std::vector<std::string*> PartFields(JointPartRecord& p) {
    return {&p.unit,      &p.question,    &p.due,         &p.state,
            &p.answer,    &p.answered_by, &p.answered_at, &p.waive_reason,
            &p.waived_by, &p.waived_at,   &p.added_by,    &p.added_at};
  }
  static std::vector<std::string*> NoticeFields(NoticeRecord& n) {
    return {&n.region, &n.unit,        &n.reason,      &n.due,        &n.state,
            &n.answer, &n.answered_by, &n.answered_at, &n.created_by, &n.created_at};
  }
  static constexpr const char* kPartColumns =
      "unit, question, due, state, answer, answered_by, answered_at, waive_reason, waived_by, "
      "waived_at, added_by, added_at";
  static constexpr const char* kNoticeColumns =
      "region, unit, reason, due, state, answer, answered_by, answered_at, created_by, created_at";

  // Inserts (id 0) or rewrites one row of `table` and appends the event, in one transaction.
  template <typename Row>
  Result<Row> SaveRow(const char* table, const char* columns, Row row,
                      std::vector<std::string*> (*fields)(Row&), AppealEventRecord e) {
    Status st = InTransaction([&]() -> Status { return WriteRow(table, columns, row, fields, e); });
    RETURN_IF_ERROR(st);
    return row;
  }

  // SaveRow's writes, inside the caller's transaction (row.id assigned on an insert).
  template <typename Row>
  Status WriteRow(const char* table, const char* columns, Row& row,
                  std::vector<std::string*> (*fields)(Row&), AppealEventRecord& e) {
    const std::vector<std::string*> values = fields(row);
    std::string sql;
    const std::string cols = columns;
    if (row.id == 0) {
      sql = std::string("INSERT INTO ") + table + "(appeal_id, " + cols + ") VALUES(?";
      for (size_t i = 0; i < values.size(); ++i) sql += ",?";
      sql += ")";
    } else {
      sql = std::string("UPDATE ") + table + " SET appeal_id = ?";
      size_t start = 0;
      while (start < cols.size()) {
        size_t end = cols.find(", ", start);
        if (end == std::string::npos) end = cols.size();
        sql += ", " + cols.substr(start, end - start) + " = ?";
        start = end + 2;
      }
      sql += " WHERE id = ?";
    }
    Stmt s(db_, sql.c_str());
    if (!s.ok()) return Error("preparing joint handling row");
    if (row.id == 0) {
      RETURN_IF_ERROR(s.BindAll(row.appeal_id, values));
    } else {
      RETURN_IF_ERROR(s.BindAll(row.appeal_id, values, row.id));
    }
    if (s.Step() != SQLITE_DONE) return Error("writing joint handling row");
    if (row.id == 0) {
      row.id = sqlite3_last_insert_rowid(db_);
    } else if (sqlite3_changes(db_) != 1) {
      return Status::NotFound(std::string("no ") + table + " " + std::to_string(row.id));
    }
    e.appeal_id = row.appeal_id;
    return InsertEvent(e);
  }

  template <typename Row>
  Result<std::vector<Row>> ListRows(const char* table, const char* columns,
                                    std::vector<std::string*> (*fields)(Row&), int64_t id,
                                    int64_t appeal_id, const std::string& unit) {
    Stmt s(db_, (std::string("SELECT id, appeal_id, ") + columns + " FROM " + table +
                 " WHERE (?1 = 0 OR id = ?1) AND (?2 = 0 OR appeal_id = ?2) AND (?3 = '' OR "
                 "unit = ?3) ORDER BY id")
                    .c_str());
    if (!s.ok()) return Error("listing joint handling rows");
    RETURN_IF_ERROR(s.BindAll(id, appeal_id, unit));
    std::vector<Row> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      Row r;
      r.id = s.Int(0);
      r.appeal_id = s.Int(1);
      int c = 2;
      for (auto* f : fields(r)) *f = s.Text(c++);
      out.push_back(std::move(r));
    }
    if (rc != SQLITE_DONE) return Error("listing joint handling rows");
    return out;
  }

  Result<JointPartRecord> SaveJointPart(JointPartRecord p, AppealEventRecord e) override {
    return SaveRow("service_joint_part", kPartColumns, std::move(p), &PartFields, std::move(e));
  }
  Result<std::vector<JointPartRecord>> ListJointParts(int64_t appeal_id,
                                                      const std::string& unit) override {
    return ListRows("service_joint_part", kPartColumns, &PartFields, 0, appeal_id, unit);
  }
  Result<NoticeRecord> SaveNotice(NoticeRecord n, AppealEventRecord e) override {
    return SaveRow("service_notice", kNoticeColumns, std::move(n), &NoticeFields, std::move(e));
  }
  Result<NoticeRecord> GetNotice(int64_t id) override {
    if (id <= 0) return Status::NotFound("no notice " + std::to_string(id));
    ASSIGN_OR_RETURN(auto rows,
                     ListRows("service_notice", kNoticeColumns, &NoticeFields, id, 0, ""));
    if (rows.empty()) return Status::NotFound("no notice " + std::to_string(id));
    return rows.front();
  }
  Result<std::vector<NoticeRecord>> ListNotices(int64_t appeal_id,
                                                const std::string& unit) override {
    return ListRows("service_notice", kNoticeColumns, &NoticeFields, 0, appeal_id, unit);
  }

  Result<std::optional<ServiceConfigRecord>> LatestConfig(const std::string& key) override {
    Stmt s(db_,
           "SELECT key, revision, body, author, created_at FROM service_config WHERE key = ? "
           "ORDER BY revision DESC LIMIT 1");
    if (!s.ok()) return Error("reading config");
    RETURN_IF_ERROR(s.BindAll(key));
    const int rc = s.Step();
    if (rc == SQLITE_DONE) return std::optional<ServiceConfigRecord>();
    if (rc != SQLITE_ROW) return Error("reading config");
    return std::optional<ServiceConfigRecord>(
        ServiceConfigRecord{s.Text(0), s.Int(1), s.Text(2), s.Text(3), s.Text(4)});
  }

 private:
  sqlite3* db_;
};

}  // namespace

Result<std::unique_ptr<ServiceStore>> OpenSqliteServiceStore(const std::string& path) {
  ASSIGN_OR_RETURN(sqlite3 * db, OpenExistingFile(path, kWho));
  auto store = std::make_unique<SqliteServiceStore>(db);
  RETURN_IF_ERROR(store->Configure());
  return std::unique_ptr<ServiceStore>(std::move(store));
}

}  // namespace ballast
