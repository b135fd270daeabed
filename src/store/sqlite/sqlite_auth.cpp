#include "store/sqlite/sqlite_auth.h"

#include "store/sqlite/stmt.h"

namespace ballast::sqlite_auth {

namespace {

Status Error(sqlite3* db, const char* what) { return SqlError(db, what); }

constexpr const char* kUserColumns = "id, username, password_hash, role, region, unit, uscc, disabled, created_at";

UserRecord ReadUser(Stmt& s) {
  UserRecord u;
  u.id = s.Int(0);
  u.username = s.Text(1);
  u.password_hash = s.Text(2);
  u.role = s.Text(3);
  u.region = s.Text(4);
  u.unit = s.Text(5);
  u.uscc = s.Text(6);
  u.disabled = s.Int(7) != 0;
  u.created_at = s.Text(8);
  return u;
}

Result<std::optional<UserRecord>> OneUser(sqlite3* db, Stmt& s) {
  int rc = s.Step();
  if (rc == SQLITE_ROW) return std::optional<UserRecord>(ReadUser(s));
  if (rc != SQLITE_DONE) return Error(db, "reading users");
  return std::optional<UserRecord>();
}

}  // namespace

Result<UserRecord> CreateUser(sqlite3* db, UserRecord u) {
  Stmt s(db, "INSERT INTO app_user(username, password_hash, role, region, unit, uscc, disabled, created_at) VALUES(?,?,?,?,?,?,?,?)");
  if (!s.ok()) return Error(db, "preparing user insert");
  s.Bind(1, u.username);
  s.Bind(2, u.password_hash);
  s.Bind(3, u.role);
  s.Bind(4, u.region);
  s.Bind(5, u.unit);
  s.Bind(6, u.uscc);
  s.Bind(7, static_cast<int64_t>(u.disabled));
  s.Bind(8, u.created_at);
  int rc = s.Step();
  if (rc == SQLITE_CONSTRAINT) return Status::AlreadyExists("user '" + u.username + "' already exists");
  if (rc != SQLITE_DONE) return Error(db, "writing user");
  u.id = sqlite3_last_insert_rowid(db);
  return u;
}

Status UpdateUser(sqlite3* db, const UserRecord& u) {
  Stmt s(db, "UPDATE app_user SET password_hash = ?, role = ?, region = ?, unit = ?, uscc = ?, disabled = ? WHERE id = ?");
  if (!s.ok()) return Error(db, "preparing user update");
  s.Bind(1, u.password_hash);
  s.Bind(2, u.role);
  s.Bind(3, u.region);
  s.Bind(4, u.unit);
  s.Bind(5, u.uscc);
  s.Bind(6, static_cast<int64_t>(u.disabled));
  s.Bind(7, u.id);
  if (s.Step() != SQLITE_DONE) return Error(db, "updating user");
  if (sqlite3_changes(db) != 1) return Status::NotFound("user " + std::to_string(u.id) + " does not exist");
  return Status::Ok();
}

Result<std::optional<UserRecord>> FindUser(sqlite3* db, const std::string& username) {
  Stmt s(db, (std::string("SELECT ") + kUserColumns + " FROM app_user WHERE username = ?").c_str());
  if (!s.ok()) return Error(db, "reading users");
  s.Bind(1, username);
  return OneUser(db, s);
}

Result<std::optional<UserRecord>> GetUser(sqlite3* db, int64_t id) {
  Stmt s(db, (std::string("SELECT ") + kUserColumns + " FROM app_user WHERE id = ?").c_str());
  if (!s.ok()) return Error(db, "reading users");
  s.Bind(1, id);
  return OneUser(db, s);
}

Result<std::vector<UserRecord>> ListUsers(sqlite3* db) {
  Stmt s(db, (std::string("SELECT ") + kUserColumns + " FROM app_user ORDER BY id").c_str());
  if (!s.ok()) return Error(db, "reading users");
  std::vector<UserRecord> out;
  while (s.Step() == SQLITE_ROW) out.push_back(ReadUser(s));
  return out;
}

Status CreateSession(sqlite3* db, const SessionRecord& r) {
  Stmt s(db, "INSERT INTO session(token_hash, user_id, csrf_token, created_at, last_seen, expires_at, revoked) VALUES(?,?,?,?,?,?,0)");
  if (!s.ok()) return Error(db, "preparing session insert");
  s.Bind(1, r.token_hash);
  s.Bind(2, r.user_id);
  s.Bind(3, r.csrf_token);
  s.Bind(4, r.created_at);
  s.Bind(5, r.last_seen);
  s.Bind(6, r.expires_at);
  if (s.Step() != SQLITE_DONE) return Error(db, "writing session");
  return Status::Ok();
}

Result<std::optional<SessionRecord>> FindSession(sqlite3* db, const std::string& token_hash) {
  Stmt s(db, "SELECT token_hash, user_id, csrf_token, created_at, last_seen, expires_at, revoked FROM session WHERE token_hash = ?");
  if (!s.ok()) return Error(db, "reading sessions");
  s.Bind(1, token_hash);
  int rc = s.Step();
  if (rc == SQLITE_DONE) return std::optional<SessionRecord>();
  if (rc != SQLITE_ROW) return Error(db, "reading sessions");
  SessionRecord r;
  r.token_hash = s.Text(0);
  r.user_id = s.Int(1);
  r.csrf_token = s.Text(2);
  r.created_at = s.Int(3);
  r.last_seen = s.Int(4);
  r.expires_at = s.Int(5);
  r.revoked = s.Int(6) != 0;
  return std::optional<SessionRecord>(r);
}

Status TouchSession(sqlite3* db, const std::string& token_hash, int64_t last_seen) {
  Stmt s(db, "UPDATE session SET last_seen = ? WHERE token_hash = ?");
  if (!s.ok()) return Error(db, "preparing session update");
  s.Bind(1, last_seen);
  s.Bind(2, token_hash);
  if (s.Step() != SQLITE_DONE) return Error(db, "updating session");
  return Status::Ok();
}

Status RevokeSession(sqlite3* db, const std::string& token_hash) {
  Stmt s(db, "UPDATE session SET revoked = 1 WHERE token_hash = ?");
  if (!s.ok()) return Error(db, "preparing session update");
  s.Bind(1, token_hash);
  if (s.Step() != SQLITE_DONE) return Error(db, "revoking session");
  return Status::Ok();
}

Status RevokeUserSessions(sqlite3* db, int64_t user_id) {
  Stmt s(db, "UPDATE session SET revoked = 1 WHERE user_id = ?");
  if (!s.ok()) return Error(db, "preparing session update");
  s.Bind(1, user_id);
  if (s.Step() != SQLITE_DONE) return Error(db, "revoking sessions");
  return Status::Ok();
}

Result<AuditEntry> AppendAudit(sqlite3* db, AuditEntry e, const std::function<std::string(const AuditEntry&)>& seal) {
  // IMMEDIATE: the read of the last hash and the append are one step for every writer.
  if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) return Error(db, "audit");
  auto fail = [db](const char* what) {
    Status st = Error(db, what);
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return st;
  };
  {
    Stmt last(db, "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1");
    if (!last.ok()) return fail("reading the audit log");
    e.prev_hash = last.Step() == SQLITE_ROW ? last.Text(0) : std::string(64, '0');
  }
  e.hash = seal(e);
  Stmt s(db, "INSERT INTO audit_log(ts, actor, role, address, action, target, result, detail, prev_hash, hash) VALUES(?,?,?,?,?,?,?,?,?,?)");
  if (!s.ok()) return fail("preparing audit insert");
  const std::string* fields[] = {&e.ts, &e.actor, &e.role, &e.address, &e.action, &e.target, &e.result, &e.detail, &e.prev_hash, &e.hash};
  for (int i = 0; i < 10; ++i) s.Bind(i + 1, *fields[i]);
  if (s.Step() != SQLITE_DONE) return fail("writing the audit log");
  e.id = sqlite3_last_insert_rowid(db);
  if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) return fail("audit commit");
  return e;
}

Result<std::vector<AuditEntry>> ListAudit(sqlite3* db, int64_t after_id, int64_t limit) {
  Stmt s(db, "SELECT id, ts, actor, role, address, action, target, result, detail, prev_hash, hash FROM audit_log "
             "WHERE id > ? ORDER BY id LIMIT ?");
  if (!s.ok()) return Error(db, "reading the audit log");
  s.Bind(1, after_id);
  s.Bind(2, limit > 0 ? limit : -1);
  std::vector<AuditEntry> out;
  while (s.Step() == SQLITE_ROW) {
    AuditEntry e;
    e.id = s.Int(0);
    std::string* fields[] = {&e.ts, &e.actor, &e.role, &e.address, &e.action, &e.target, &e.result, &e.detail, &e.prev_hash, &e.hash};
    for (int i = 0; i < 10; ++i) *fields[i] = s.Text(i + 1);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace ballast::sqlite_auth
