// The service tables in a PostgreSQL store, on a connection of their own.
#include "store/postgres/pg_conn.h"
#include "store/postgres/pg_revision.h"
#include "store/postgres/pg_schema.h"
#include "store/postgres/pg_store.h"

namespace ballast {

namespace {

using pg::Conn;
using pg::PgResult;

constexpr int kServiceSchemaVersion = 15;  // 004, 007, 014 and 016 (the 15th entry, after 015 parks
                                           // and 017 benefits) make these tables
constexpr const char* kWho = "service store";

constexpr const char* kAppealColumns =
    "id, version, uscc, enterprise_name, region, category, title, description, attachments, "
    "contact, channel, filed_by, filed_at, state, unit, co_units, complexity, dispatched_at, "
    "response_due, due, first_response_at, replied_at, reply, extension_days_requested, "
    "extensions, escalations, reopen_count, rating_solved, satisfaction, rated_at, closed_at, "
    "merged_into, updated_at, accept_due, rating_due";

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

AppealRecord ReadAppeal(const PgResult& r, int i) {
  AppealRecord a;
  int c = 0;
  a.id = r.Int(i, c++);
  a.version = r.Int(i, c++);
  for (auto* t : TextFields(a)) *t = r.Text(i, c++);
  for (auto* n : IntFields(a)) *n = static_cast<int32_t>(r.Int(i, c++));
  a.satisfaction = r.Text(i, c++);
  a.rated_at = r.Text(i, c++);
  a.closed_at = r.Text(i, c++);
  a.merged_into = r.Int(i, c++);
  a.updated_at = r.Text(i, c++);
  a.accept_due = r.Text(i, c++);
  a.rating_due = r.Text(i, c++);
  return a;
}

// Every column from `version` on.
pg::Params AppealParams(AppealRecord a) {
  pg::Params p;
  p.Add(a.version);
  p.Add(TextFields(a));
  p.Add(IntFields(a));
  for (const std::string* t : {&a.satisfaction, &a.rated_at, &a.closed_at}) p.Add(*t);
  p.Add(a.merged_into);
  p.Add(a.updated_at);
  p.Add(a.accept_due);
  p.Add(a.rating_due);
  return p;
}

class PostgresServiceStore final : public ServiceStore {
 public:
  explicit PostgresServiceStore(std::unique_ptr<Conn> c) : c_(std::move(c)) {}

  Status InsertEvent(AppealEventRecord& e) {
    ASSIGN_OR_RETURN(auto r, c_->Query("INSERT INTO service_appeal_event(appeal_id, at, actor, "
                                       "party, action, from_state, to_state, unit, reason, body) "
                                       "VALUES(?,?,?,?,?,?,?,?,?,?) RETURNING id",
                                       e.appeal_id, e.at, e.actor, e.party, e.action, e.from_state,
                                       e.to_state, e.unit, e.reason, e.body));
    e.id = r.Int(0, 0);
    return Status::Ok();
  }

  Result<AppealRecord> InsertAppeal(AppealRecord a, AppealEventRecord e) override {
    a.version = 1;
    Status tx = c_->InTransaction([&]() -> Status {
      const std::string cols = kAppealColumns + 4;  // from "version": id is assigned
      std::string q = "INSERT INTO service_appeal(" + cols + ") VALUES(?";
      for (char ch : cols) {
        if (ch == ',') q += ",?";
      }
      q += ") RETURNING id";
      ASSIGN_OR_RETURN(auto r, c_->Execute(q, AppealParams(a), 0));
      a.id = r.Int(0, 0);
      e.appeal_id = a.id;
      return InsertEvent(e);
    });
    RETURN_IF_ERROR(tx);
    return a;
  }

  Result<AppealRecord> UpdateAppeal(AppealRecord a, int64_t expected,
                                    std::vector<AppealEventRecord> events,
                                    NoticeWrite* notice) override {
    a.version = expected + 1;
    Status tx = c_->InTransaction([&]() -> Status {
      std::string sql = "UPDATE service_appeal SET ";
      const std::string cols = kAppealColumns + 4;
      size_t start = 0;
      while (start < cols.size()) {
        size_t end = cols.find(", ", start);
        if (end == std::string::npos) end = cols.size();
        sql += (start ? ", " : "") + cols.substr(start, end - start) + " = ?";
        start = end + 2;
      }
      sql += " WHERE id = ? AND version = ?";
      pg::Params p = AppealParams(a);
      p.Add(a.id);
      p.Add(expected);
      // Row locks: a concurrent writer waits, then finds the version changed.
      ASSIGN_OR_RETURN(auto r, c_->Execute(sql, p, 0));
      if (r.Affected() != 1) {
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
    RETURN_IF_ERROR(tx);
    return a;
  }

  Result<AppealRecord> GetAppeal(int64_t id) override {
    ASSIGN_OR_RETURN(auto r, c_->Query(std::string("SELECT ") + kAppealColumns +
                                           " FROM service_appeal WHERE id = ?",
                                       id));
    if (r.rows() == 0) return Status::NotFound("no appeal " + std::to_string(id));
    return ReadAppeal(r, 0);
  }

  Result<std::vector<AppealRecord>> ListAppeals(const AppealQuery& q) override {
    ASSIGN_OR_RETURN(auto r, c_->Query(std::string("SELECT ") + kAppealColumns +
                                           " FROM service_appeal WHERE (?1 = '' OR uscc = ?1) AND "
                                           "(?2 = '' OR unit = ?2) AND (?3 = '' OR state = ?3) "
                                           "ORDER BY id",
                                       q.uscc, q.unit, q.state));
    std::vector<AppealRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(ReadAppeal(r, i));
    return out;
  }

  Result<std::vector<AppealEventRecord>> AppealEvents(int64_t appeal_id) override {
    ASSIGN_OR_RETURN(auto r, c_->Query("SELECT id, appeal_id, at, actor, party, action, "
                                       "from_state, to_state, unit, reason, body FROM "
                                       "service_appeal_event WHERE appeal_id = ? ORDER BY id",
                                       appeal_id));
    std::vector<AppealEventRecord> out;
    for (int i = 0; i < r.rows(); ++i) {
      AppealEventRecord e;
      e.id = r.Int(i, 0);
      e.appeal_id = r.Int(i, 1);
      int c = 2;
      for (std::string* t : {&e.at, &e.actor, &e.party, &e.action, &e.from_state, &e.to_state,
                             &e.unit, &e.reason, &e.body})
        *t = r.Text(i, c++);
      out.push_back(std::move(e));
    }
    return out;
  }

  Status UpsertOfficial(const OfficialRecord& o) override {
    return c_->Run(
        "INSERT INTO service_official(uscc, username, name, unit, region, assigned_by, "
        "assigned_at) VALUES(?,?,?,?,?,?,?) ON CONFLICT (uscc, username) DO UPDATE SET name = "
        "excluded.name, unit = excluded.unit, region = excluded.region, assigned_by = "
        "excluded.assigned_by, assigned_at = excluded.assigned_at",
        o.uscc, o.username, o.name, o.unit, o.region, o.assigned_by, o.assigned_at);
  }

  Status RemoveOfficial(const std::string& uscc, const std::string& username) override {
    ASSIGN_OR_RETURN(
        auto r,
        c_->Query("DELETE FROM service_official WHERE uscc = ? AND username = ?", uscc, username));
    if (r.Affected() == 0) return Status::NotFound(username + " is not assigned to " + uscc);
    return Status::Ok();
  }

  Result<std::vector<OfficialRecord>> ListOfficials(const std::string& uscc) override {
    ASSIGN_OR_RETURN(auto r, c_->Query("SELECT uscc, username, name, unit, region, assigned_by, "
                                       "assigned_at FROM service_official WHERE ?1 = '' OR uscc = "
                                       "?1 ORDER BY uscc COLLATE \"C\", username COLLATE \"C\"",
                                       uscc));
    std::vector<OfficialRecord> out;
    for (int i = 0; i < r.rows(); ++i) {
      OfficialRecord o;
      int c = 0;
      for (std::string* t :
           {&o.uscc, &o.username, &o.name, &o.unit, &o.region, &o.assigned_by, &o.assigned_at})
        *t = r.Text(i, c++);
      out.push_back(std::move(o));
    }
    return out;
  }

  Result<MatchEventRecord> AddMatchEvent(MatchEventRecord e) override {
    ASSIGN_OR_RETURN(auto r, c_->Query("INSERT INTO service_match_event(type, title, date, region, "
                                       "organiser, participants, financing_amount, "
                                       "research_results, hires, outcome, created_by, created_at) "
                                       "VALUES(?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                                       e.type, e.title, e.date, e.region, e.organiser,
                                       e.participants, e.financing_amount, e.research_results,
                                       e.hires, e.outcome, e.created_by, e.created_at));
    e.id = r.Int(0, 0);
    return e;
  }

  Result<std::vector<MatchEventRecord>> ListMatchEvents() override {
    ASSIGN_OR_RETURN(auto r, c_->Query("SELECT id, type, title, date, region, organiser, "
                                       "participants, financing_amount, research_results, hires, "
                                       "outcome, created_by, created_at FROM service_match_event "
                                       "ORDER BY date COLLATE \"C\", id"));
    std::vector<MatchEventRecord> out;
    for (int i = 0; i < r.rows(); ++i) {
      MatchEventRecord e;
      e.id = r.Int(i, 0);
      int c = 1;
      for (std::string* t : {&e.type, &e.title, &e.date, &e.region, &e.organiser, &e.participants})
        *t = r.Text(i, c++);
      e.financing_amount = r.Double(i, c++);
      e.research_results = static_cast<int32_t>(r.Int(i, c++));
      e.hires = static_cast<int32_t>(r.Int(i, c++));
      for (std::string* t : {&e.outcome, &e.created_by, &e.created_at}) *t = r.Text(i, c++);
      out.push_back(std::move(e));
    }
    return out;
  }

  static constexpr const char* kNotificationColumns =
      "id, username, kind, dedupe, appeal_id, title, body, created_at, read_at, email, delivery, "
      "attempts, next_attempt_at";

  static NotificationRecord ReadNotification(const PgResult& r, int i) {
    NotificationRecord n;
    n.id = r.Int(i, 0);
    n.username = r.Text(i, 1);
    n.kind = r.Text(i, 2);
    n.dedupe = r.Text(i, 3);
    n.appeal_id = r.Int(i, 4);
    int c = 5;
    for (std::string* t : {&n.title, &n.body, &n.created_at, &n.read_at, &n.email, &n.delivery})
      *t = r.Text(i, c++);
    n.attempts = static_cast<int32_t>(r.Int(i, c++));
    n.next_attempt_at = r.Text(i, c++);
    return n;
  }

  Result<std::vector<NotificationRecord>> Notifications(const std::string& where,
                                                        const std::string& a, int64_t limit) {
    ASSIGN_OR_RETURN(auto r, c_->Query(std::string("SELECT ") + kNotificationColumns +
                                           " FROM service_notification " + where,
                                       a, limit));
    std::vector<NotificationRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(ReadNotification(r, i));
    return out;
  }

  Result<int64_t> AddNotification(NotificationRecord n) override {
    ASSIGN_OR_RETURN(
        auto r, c_->Query("INSERT INTO service_notification(username, kind, dedupe, appeal_id, "
                          "title, body, created_at, read_at, email, delivery, attempts, "
                          "next_attempt_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT "
                          "(username, dedupe) DO NOTHING RETURNING id",
                          n.username, n.kind, n.dedupe, n.appeal_id, n.title, n.body, n.created_at,
                          n.read_at, n.email, n.delivery, n.attempts, n.next_attempt_at));
    return r.rows() == 0 ? int64_t{0} : r.Int(0, 0);
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
    ASSIGN_OR_RETURN(auto r, c_->Query("SELECT COUNT(*) FROM service_notification WHERE "
                                       "username = ? AND read_at = ''",
                                       username));
    return r.Int(0, 0);
  }

  Status MarkNotificationsRead(const std::string& username, int64_t id,
                               const std::string& at) override {
    ASSIGN_OR_RETURN(auto r, c_->Query("UPDATE service_notification SET read_at = ?1 WHERE "
                                       "username = ?2 AND read_at = '' AND (?3 = 0 OR id = ?3)",
                                       at, username, id));
    if (id != 0 && r.Affected() == 0) {
      ASSIGN_OR_RETURN(auto q, c_->Query("SELECT 1 FROM service_notification WHERE username = ? "
                                         "AND id = ?",
                                         username, id));
      if (q.rows() == 0) return Status::NotFound("no notification " + std::to_string(id));
    }
    return Status::Ok();
  }

  Result<std::vector<NotificationRecord>> DueDeliveries(const std::string& now,
                                                        int64_t limit) override {
    return Notifications(
        "WHERE delivery = 'pending' AND next_attempt_at <= ?1 ORDER BY "
        "next_attempt_at COLLATE \"C\", id LIMIT ?2",
        now, limit);
  }

  Status RecordDelivery(const NotificationRecord& n, const NotificationAttemptRecord& a) override {
    return c_->InTransaction([&]() -> Status {
      RETURN_IF_ERROR(
          c_->Run("INSERT INTO service_notification_attempt(notification_id, at, "
                  "channel, ok, detail) VALUES(?,?,?,?,?)",
                  n.id, a.at, a.channel, int64_t{a.ok ? 1 : 0}, a.detail));
      return c_->Run(
          "UPDATE service_notification SET delivery = ?, attempts = ?, "
          "next_attempt_at = ? WHERE id = ?",
          n.delivery, n.attempts, n.next_attempt_at, n.id);
    });
  }

  Result<std::vector<NotificationAttemptRecord>> DeliveryAttempts(int64_t id) override {
    ASSIGN_OR_RETURN(auto r, c_->Query("SELECT id, notification_id, at, channel, ok, detail FROM "
                                       "service_notification_attempt WHERE notification_id = ? "
                                       "ORDER BY id",
                                       id));
    std::vector<NotificationAttemptRecord> out;
    for (int i = 0; i < r.rows(); ++i) {
      out.push_back(
          {r.Int(i, 0), r.Int(i, 1), r.Text(i, 2), r.Text(i, 3), r.Int(i, 4) != 0, r.Text(i, 5)});
    }
    return out;
  }

  Status SetContactEmail(const std::string& username, const std::string& email) override {
    if (email.empty()) return c_->Run("DELETE FROM service_contact WHERE username = ?", username);
    return c_->Run(
        "INSERT INTO service_contact(username, email) VALUES(?, ?) ON CONFLICT "
        "(username) DO UPDATE SET email = excluded.email",
        username, email);
  }

  Result<std::string> ContactEmail(const std::string& username) override {
    ASSIGN_OR_RETURN(auto r,
                     c_->Query("SELECT email FROM service_contact WHERE username = ?", username));
    if (r.rows() == 0) return std::string();
    return r.Text(0, 0);
  }

  static constexpr const char* kAttachmentColumns =
      "id, appeal_id, name, content_type, size, sha256, internal, uploaded_by, party, uploaded_at";

  static AttachmentRecord AttachmentAt(const pg::PgResult& r, int i) {
    AttachmentRecord a;
    a.id = r.Int(i, 0);
    a.appeal_id = r.Int(i, 1);
    a.name = r.Text(i, 2);
    a.content_type = r.Text(i, 3);
    a.size = r.Int(i, 4);
    a.sha256 = r.Text(i, 5);
    a.internal = r.Int(i, 6) != 0;
    a.uploaded_by = r.Text(i, 7);
    a.party = r.Text(i, 8);
    a.uploaded_at = r.Text(i, 9);
    return a;
  }

  Result<int64_t> AddAttachment(const AttachmentRecord& a) override {
    ASSIGN_OR_RETURN(auto r, c_->Query("INSERT INTO service_attachment(appeal_id, name, "
                                       "content_type, size, sha256, internal, uploaded_by, party, "
                                       "uploaded_at, content) VALUES(?,?,?,?,?,?,?,?,?,?) "
                                       "RETURNING id",
                                       a.appeal_id, a.name, a.content_type, a.size, a.sha256,
                                       int64_t{a.internal ? 1 : 0}, a.uploaded_by, a.party,
                                       a.uploaded_at, pg::Bytes{a.content}));
    return r.Int(0, 0);
  }

  Result<std::vector<AttachmentRecord>> ListAttachments(int64_t appeal_id) override {
    ASSIGN_OR_RETURN(auto r, c_->Query(std::string("SELECT ") + kAttachmentColumns +
                                           " FROM service_attachment WHERE appeal_id = ? "
                                           "ORDER BY id",
                                       appeal_id));
    std::vector<AttachmentRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(AttachmentAt(r, i));
    return out;
  }

  Result<AttachmentRecord> GetAttachment(int64_t id) override {
    ASSIGN_OR_RETURN(auto r, c_->Query(std::string("SELECT ") + kAttachmentColumns +
                                           ", content FROM service_attachment WHERE id = ?",
                                       id));
    if (r.rows() == 0) return Status::NotFound("no attachment " + std::to_string(id));
    AttachmentRecord a = AttachmentAt(r, 0);
    a.content = r.Bytea(0, 10);
    return a;
  }

  Result<ServiceConfigRecord> AddConfigRevision(ServiceConfigRecord rec) override {
    ASSIGN_OR_RETURN(rec.revision,
                     pg::AppendRevision(*c_, "service_config", "key",
                                        {rec.key, rec.body, rec.author, rec.created_at}));
    return rec;
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
    Status tx =
        c_->InTransaction([&]() -> Status { return WriteRow(table, columns, row, fields, e); });
    RETURN_IF_ERROR(tx);
    return row;
  }

  // SaveRow's writes, inside the caller's transaction (row.id assigned on an insert).
  template <typename Row>
  Status WriteRow(const char* table, const char* columns, Row& row,
                  std::vector<std::string*> (*fields)(Row&), AppealEventRecord& e) {
    const std::vector<std::string*> values = fields(row);
    const std::string cols = columns;
    std::string sql;
    pg::Params p;
    p.Add(row.appeal_id);
    p.Add(values);
    if (row.id == 0) {
      sql = std::string("INSERT INTO ") + table + "(appeal_id, " + cols + ") VALUES(?";
      for (size_t i = 0; i < values.size(); ++i) sql += ",?";
      sql += ") RETURNING id";
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
      p.Add(row.id);
    }
    ASSIGN_OR_RETURN(auto r, c_->Execute(sql, p, 0));
    if (row.id == 0) {
      row.id = r.Int(0, 0);
    } else if (r.Affected() != 1) {
      return Status::NotFound(std::string("no ") + table + " " + std::to_string(row.id));
    }
    e.appeal_id = row.appeal_id;
    return InsertEvent(e);
  }

  template <typename Row>
  Result<std::vector<Row>> ListRows(const char* table, const char* columns,
                                    std::vector<std::string*> (*fields)(Row&), int64_t id,
                                    int64_t appeal_id, const std::string& unit) {
    ASSIGN_OR_RETURN(auto r,
                     c_->Query(std::string("SELECT id, appeal_id, ") + columns + " FROM " + table +
                                   " WHERE (?1 = 0 OR id = ?1) AND (?2 = 0 OR appeal_id "
                                   "= ?2) AND (?3 = '' OR unit = ?3) ORDER BY id",
                               id, appeal_id, unit));
    std::vector<Row> out;
    for (int i = 0; i < r.rows(); ++i) {
      Row row;
      row.id = r.Int(i, 0);
      row.appeal_id = r.Int(i, 1);
      int c = 2;
      for (auto* f : fields(row)) *f = r.Text(i, c++);
      out.push_back(std::move(row));
    }
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
    ASSIGN_OR_RETURN(auto r,
                     c_->Query("SELECT key, revision, body, author, created_at FROM "
                               "service_config WHERE key = ? ORDER BY revision DESC LIMIT 1",
                               key));
    if (r.rows() == 0) return std::optional<ServiceConfigRecord>();
    return std::optional<ServiceConfigRecord>(
        ServiceConfigRecord{r.Text(0, 0), r.Int(0, 1), r.Text(0, 2), r.Text(0, 3), r.Text(0, 4)});
  }

 private:
  std::unique_ptr<Conn> c_;
};

}  // namespace

Result<std::unique_ptr<ServiceStore>> OpenPostgresServiceStore(const std::string& uri) {
  ASSIGN_OR_RETURN(auto conn,
                   pg::ConnectAtSchema(uri, kServiceSchemaVersion, "service tables", kWho));
  return std::unique_ptr<ServiceStore>(std::make_unique<PostgresServiceStore>(std::move(conn)));
}

}  // namespace ballast
