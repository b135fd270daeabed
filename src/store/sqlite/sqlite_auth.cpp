#include "store/sqlite/sqlite_auth.h"

#include "store/audit_chain.h"
#include "store/sqlite/connection.h"

namespace ballast::sqlite_auth {

namespace {

Status Error(sqlite3* db, const char* what) { return SqlError(db, what); }

constexpr const char* kUserColumns =
    "id, username, password_hash, role, region, unit, uscc, disabled, created_at";

// The user whose kUserColumns begin at column `first`.
UserRecord ReadUser(Stmt& s, int first = 0) {
  UserRecord u;
  u.id = s.Int(first);
  u.username = s.Text(first + 1);
  u.password_hash = s.Text(first + 2);
  u.role = s.Text(first + 3);
  u.region = s.Text(first + 4);
  u.unit = s.Text(first + 5);
  u.uscc = s.Text(first + 6);
  u.disabled = s.Int(first + 7) != 0;
  u.created_at = s.Text(first + 8);
  return u;
}

Result<std::optional<UserRecord>> OneUser(sqlite3* db, Stmt& s) {
  int rc = s.Step();
  if (rc == SQLITE_ROW) return std::optional<UserRecord>(ReadUser(s));
  if (rc != SQLITE_DONE) return Error(db, "reading users");
  return std::optional<UserRecord>();
}

// Runs a statement that returns no rows.
template <typename... Ts>
Status Run(sqlite3* db, const char* sql, const char* what, const Ts&... args) {
  Stmt s(db, sql);
  if (!s.ok()) return Error(db, what);
  RETURN_IF_ERROR(s.BindAll(args...));
  if (s.Step() != SQLITE_DONE) return Error(db, what);
  return Status::Ok();
}

Result<std::optional<AuditHead>> ReadHead(sqlite3* db) {
  Stmt s(db, "SELECT entries, last_id, last_hash, keyed_from, mac FROM audit_head WHERE id = 1");
  if (!s.ok()) return Error(db, "reading the audit head");
  const int rc = s.Step();
  if (rc == SQLITE_DONE) return std::optional<AuditHead>();
  if (rc != SQLITE_ROW) return Error(db, "reading the audit head");
  return std::optional<AuditHead>(AuditHead{s.Int(0), s.Int(1), s.Text(2), s.Int(3), s.Text(4)});
}

Status WriteHead(sqlite3* db, AuditHead h, const AuthStore::AuditHeadSeal& seal_head) {
  h.mac = seal_head(h);
  return Run(db,
             "INSERT OR REPLACE INTO audit_head(id, entries, last_id, last_hash, keyed_from, mac) "
             "VALUES(1, ?, ?, ?, ?, ?)",
             "writing the audit head", h.entries, h.last_id, h.last_hash, h.keyed_from, h.mac);
}

// The head of the log as it stands (before any head record existed).
Result<AuditHead> CurrentLog(sqlite3* db) {
  Stmt s(db,
         "SELECT COUNT(*), COALESCE(MAX(id), 0), "
         "COALESCE((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') FROM audit_log");
  if (!s.ok() || s.Step() != SQLITE_ROW) return Error(db, "reading the audit log");
  AuditHead h;
  h.entries = s.Int(0);
  h.last_id = s.Int(1);
  h.last_hash = s.Text(2);
  return h;
}

}  // namespace

Result<UserRecord> CreateUser(sqlite3* db, UserRecord u) {
  Stmt s(db,
         "INSERT INTO app_user(username, password_hash, role, region, unit, uscc, disabled, "
         "created_at) VALUES(?,?,?,?,?,?,?,?)");
  if (!s.ok()) return Error(db, "preparing user insert");
  RETURN_IF_ERROR(s.BindAll(u.username, u.password_hash, u.role, u.region, u.unit, u.uscc,
                            u.disabled, u.created_at));
  int rc = s.Step();
  if (rc == SQLITE_CONSTRAINT)
    return Status::AlreadyExists("user '" + u.username + "' already exists");
  if (rc != SQLITE_DONE) return Error(db, "writing user");
  u.id = sqlite3_last_insert_rowid(db);
  return u;
}

Status UpdateUser(sqlite3* db, const UserRecord& u) {
  RETURN_IF_ERROR(Run(db,
                      "UPDATE app_user SET password_hash = ?, role = ?, region = ?, unit = ?, uscc "
                      "= ?, disabled = ? WHERE id = ?",
                      "updating user", u.password_hash, u.role, u.region, u.unit, u.uscc,
                      u.disabled, u.id));
  if (sqlite3_changes(db) != 1)
    return Status::NotFound("user " + std::to_string(u.id) + " does not exist");
  return Status::Ok();
}

Result<std::optional<UserRecord>> FindUser(sqlite3* db, const std::string& username) {
  Stmt s(db, std::string("SELECT ") + kUserColumns + " FROM app_user WHERE username = ?");
  if (!s.ok()) return Error(db, "reading users");
  RETURN_IF_ERROR(s.BindAll(username));
  return OneUser(db, s);
}

Result<std::optional<UserRecord>> GetUser(sqlite3* db, int64_t id) {
  Stmt s(db, std::string("SELECT ") + kUserColumns + " FROM app_user WHERE id = ?");
  if (!s.ok()) return Error(db, "reading users");
  RETURN_IF_ERROR(s.BindAll(id));
  return OneUser(db, s);
}

Result<std::vector<UserRecord>> ListUsers(sqlite3* db) {
  Stmt s(db, std::string("SELECT ") + kUserColumns + " FROM app_user ORDER BY id");
  if (!s.ok()) return Error(db, "reading users");
  std::vector<UserRecord> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.push_back(ReadUser(s));
  if (rc != SQLITE_DONE) return Error(db, "reading users");
  return out;
}

Status CreateSession(sqlite3* db, const SessionRecord& r) {
  return Run(db,
             "INSERT INTO session(token_hash, user_id, csrf_token, created_at, last_seen, "
             "expires_at, revoked) "
             "VALUES(?,?,?,?,?,?,0)",
             "writing session", r.token_hash, r.user_id, r.csrf_token, r.created_at, r.last_seen,
             r.expires_at);
}

Result<std::optional<SessionAndUser>> FindSession(sqlite3* db, const std::string& token_hash) {
  Stmt s(db,
         "SELECT s.token_hash, s.user_id, s.csrf_token, s.created_at, s.last_seen, s.expires_at, "
         "s.revoked, u.id, u.username, u.password_hash, u.role, u.region, u.unit, u.uscc, "
         "u.disabled, u.created_at FROM session s LEFT JOIN app_user u ON u.id = s.user_id "
         "WHERE s.token_hash = ?");
  if (!s.ok()) return Error(db, "reading sessions");
  RETURN_IF_ERROR(s.BindAll(token_hash));
  int rc = s.Step();
  if (rc == SQLITE_DONE) return std::optional<SessionAndUser>();
  if (rc != SQLITE_ROW) return Error(db, "reading sessions");
  SessionAndUser found;
  SessionRecord& r = found.session;
  r.token_hash = s.Text(0);
  r.user_id = s.Int(1);
  r.csrf_token = s.Text(2);
  r.created_at = s.Int(3);
  r.last_seen = s.Int(4);
  r.expires_at = s.Int(5);
  r.revoked = s.Int(6) != 0;
  if (!s.IsNull(7)) found.user = ReadUser(s, 7);
  return std::optional<SessionAndUser>(std::move(found));
}

Status TouchSession(sqlite3* db, const std::string& token_hash, int64_t last_seen) {
  return Run(db, "UPDATE session SET last_seen = ? WHERE token_hash = ?", "updating session",
             last_seen, token_hash);
}

Status RevokeSession(sqlite3* db, const std::string& token_hash) {
  return Run(db, "UPDATE session SET revoked = 1 WHERE token_hash = ?", "revoking session",
             token_hash);
}

Status RevokeUserSessions(sqlite3* db, int64_t user_id) {
  return Run(db, "UPDATE session SET revoked = 1 WHERE user_id = ?", "revoking sessions", user_id);
}

Status RecordLoginFailure(sqlite3* db, const std::vector<std::string>& keys, int64_t at,
                          int64_t forget_before) {
  return InTransaction(db, [&]() -> Status {
    RETURN_IF_ERROR(Run(db, "DELETE FROM login_failure WHERE at <= ?", "forgetting login failures",
                        forget_before));
    for (const auto& k : keys) {
      RETURN_IF_ERROR(Run(db, "INSERT INTO login_failure(key, at) VALUES(?, ?)",
                          "recording a login failure", k, at));
    }
    return Status::Ok();
  });
}

Result<int64_t> CountLoginFailures(sqlite3* db, const std::string& key, int64_t since) {
  Stmt s(db, "SELECT COUNT(*) FROM login_failure WHERE key = ? AND at > ?");
  if (!s.ok()) return Error(db, "reading login failures");
  RETURN_IF_ERROR(s.BindAll(key, since));
  if (s.Step() != SQLITE_ROW) return Error(db, "reading login failures");
  return s.Int(0);
}

Status ClearLoginFailures(sqlite3* db, const std::string& key) {
  return Run(db, "DELETE FROM login_failure WHERE key = ?", "clearing login failures", key);
}

Result<std::vector<AuditEntry>> AppendAudits(sqlite3* db, std::vector<AuditEntry> entries,
                                             const AuthStore::AuditSeal& seal,
                                             const AuthStore::AuditHeadSeal& seal_head) {
  if (entries.empty()) return entries;
  AuditAppendSteps steps;
  steps.read_head = [&] { return ReadHead(db); };
  steps.read_tail = [&]() -> Result<AuditTail> {
    Stmt last(db, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
    if (!last.ok()) return Error(db, "reading the audit log");
    const int rc = last.Step();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Error(db, "reading the audit log");
    AuditTail tail;
    if (rc == SQLITE_ROW) tail.id = last.Int(0), tail.hash = last.Text(1);
    return tail;
  };
  steps.insert = [&](const std::vector<AuditEntry>& chained) -> Status {
    for (const AuditEntry& e : chained) {
      RETURN_IF_ERROR(
          Run(db,
              "INSERT INTO audit_log(id, ts, actor, role, address, action, target, "
              "result, detail, prev_hash, hash, scheme) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
              "writing the audit log", e.id, e.ts, e.actor, e.role, e.address, e.action, e.target,
              e.result, e.detail, e.prev_hash, e.hash, e.scheme));
    }
    return Status::Ok();
  };
  steps.current_log = [&] { return CurrentLog(db); };
  steps.write_head = [&](const AuditHead& h) { return WriteHead(db, h, seal_head); };
  // IMMEDIATE: reading the last entry and the head, the append and the head's update are one
  // step for every writer.
  RETURN_IF_ERROR(InTransaction(
      db, [&]() -> Status { return AppendAuditChain(entries, seal, seal_head, steps); }));
  return entries;
}

Result<std::vector<AuditEntry>> ListAudit(sqlite3* db, int64_t after_id, int64_t limit) {
  Stmt s(db,
         "SELECT id, ts, actor, role, address, action, target, result, detail, prev_hash, hash, "
         "scheme "
         "FROM audit_log WHERE id > ? ORDER BY id LIMIT ?");
  if (!s.ok()) return Error(db, "reading the audit log");
  RETURN_IF_ERROR(s.BindAll(after_id, limit > 0 ? limit : -1));
  std::vector<AuditEntry> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    AuditEntry e;
    e.id = s.Int(0);
    std::string* fields[] = {&e.ts,     &e.actor,  &e.role,      &e.address, &e.action, &e.target,
                             &e.result, &e.detail, &e.prev_hash, &e.hash,    &e.scheme};
    for (int i = 0; i < 11; ++i) *fields[i] = s.Text(i + 1);
    out.push_back(std::move(e));
  }
  if (rc != SQLITE_DONE) return Error(db, "reading the audit log");
  return out;
}

Result<std::optional<AuditHead>> GetAuditHead(sqlite3* db) { return ReadHead(db); }

Status EnsureAuditHead(sqlite3* db, const AuthStore::AuditHeadSeal& seal_head) {
  return InTransaction(db, [&]() -> Status {
    ASSIGN_OR_RETURN(std::optional<AuditHead> head, ReadHead(db));
    if (head) return Status::Ok();
    ASSIGN_OR_RETURN(AuditHead h, CurrentLog(db));
    h.keyed_from = h.last_id + 1;
    return WriteHead(db, h, seal_head);
  });
}

}  // namespace ballast::sqlite_auth
