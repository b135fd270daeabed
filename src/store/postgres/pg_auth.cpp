#include "store/postgres/pg_auth.h"

#include "store/audit_chain.h"

namespace ballast::pg_auth {

namespace {

using pg::Conn;
using pg::PgResult;

constexpr const char* kUserColumns =
    "id, username, password_hash, role, region, unit, uscc, disabled, created_at";

// Row i's user, whose kUserColumns begin at column `first`.
UserRecord ReadUser(const PgResult& r, int i, int first = 0) {
  UserRecord u;
  u.id = r.Int(i, first);
  u.username = r.Text(i, first + 1);
  u.password_hash = r.Text(i, first + 2);
  u.role = r.Text(i, first + 3);
  u.region = r.Text(i, first + 4);
  u.unit = r.Text(i, first + 5);
  u.uscc = r.Text(i, first + 6);
  u.disabled = r.Int(i, first + 7) != 0;
  u.created_at = r.Text(i, first + 8);
  return u;
}

Result<std::optional<UserRecord>> OneUser(const PgResult& r) {
  if (r.rows() == 0) return std::optional<UserRecord>();
  return std::optional<UserRecord>(ReadUser(r, 0));
}

// The head in the first five columns of a result's first row (none: no row, or NULLs).
std::optional<AuditHead> HeadIn(const PgResult& r) {
  if (r.rows() == 0 || r.IsNull(0, 0)) return std::nullopt;
  return AuditHead{r.Int(0, 0), r.Int(0, 1), r.Text(0, 2), r.Int(0, 3), r.Text(0, 4)};
}

Result<std::optional<AuditHead>> ReadHead(Conn& c) {
  ASSIGN_OR_RETURN(auto r, c.Query("SELECT entries, last_id, last_hash, keyed_from, mac FROM "
                                   "audit_head WHERE id = 1"));
  return HeadIn(r);
}

// The head's upsert, its five parameters numbered after the statement's first `before`.
std::string HeadUpsert(int before) {
  std::string values;
  for (int i = 1; i <= 5; ++i) values += ", $" + std::to_string(before + i);
  return "INSERT INTO audit_head(id, entries, last_id, last_hash, keyed_from, mac) VALUES(1" +
         values +
         ") ON CONFLICT (id) DO UPDATE SET entries = excluded.entries, last_id = "
         "excluded.last_id, last_hash = excluded.last_hash, keyed_from = excluded.keyed_from, "
         "mac = excluded.mac";
}

void AddHead(AuditHead h, const AuthStore::AuditHeadSeal& seal_head, pg::Params* params) {
  h.mac = seal_head(h);
  params->Add(h.entries);
  params->Add(h.last_id);
  params->Add(h.last_hash);
  params->Add(h.keyed_from);
  params->Add(h.mac);
}

Status WriteHead(Conn& c, const AuditHead& h, const AuthStore::AuditHeadSeal& seal_head) {
  pg::Params params;
  AddHead(h, seal_head, &params);
  return c.Execute(HeadUpsert(0), params, 0).status();
}

Result<AuditHead> CurrentLog(Conn& c) {
  ASSIGN_OR_RETURN(auto r, c.Query("SELECT COUNT(*), COALESCE(MAX(id), 0), "
                                   "COALESCE((SELECT hash FROM audit_log ORDER BY id DESC LIMIT "
                                   "1), '') FROM audit_log"));
  AuditHead h;
  h.entries = r.Int(0, 0);
  h.last_id = r.Int(0, 1);
  h.last_hash = r.Text(0, 2);
  return h;
}

}  // namespace

Result<UserRecord> CreateUser(Conn& c, UserRecord u) {
  auto r = c.Query(
      "INSERT INTO app_user(username, password_hash, role, region, unit, uscc, disabled, "
      "created_at) VALUES($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id",
      u.username, u.password_hash, u.role, u.region, u.unit, u.uscc, u.disabled, u.created_at);
  if (!r.ok()) {
    if (c.last_sqlstate() == "23505")
      return Status::AlreadyExists("user '" + u.username + "' already exists");
    return r.status();
  }
  u.id = r->Int(0, 0);
  return u;
}

Status UpdateUser(Conn& c, const UserRecord& u) {
  ASSIGN_OR_RETURN(auto r,
                   c.Query("UPDATE app_user SET password_hash = $1, role = $2, region = "
                           "$3, unit = $4, uscc = $5, disabled = $6 WHERE id = $7",
                           u.password_hash, u.role, u.region, u.unit, u.uscc, u.disabled, u.id));
  if (r.Affected() != 1)
    return Status::NotFound("user " + std::to_string(u.id) + " does not exist");
  return Status::Ok();
}

Result<std::optional<UserRecord>> FindUser(Conn& c, const std::string& username) {
  ASSIGN_OR_RETURN(
      auto r, c.Query(std::string("SELECT ") + kUserColumns + " FROM app_user WHERE username = $1",
                      username));
  return OneUser(r);
}

Result<std::optional<UserRecord>> GetUser(Conn& c, int64_t id) {
  ASSIGN_OR_RETURN(
      auto r, c.Query(std::string("SELECT ") + kUserColumns + " FROM app_user WHERE id = $1", id));
  return OneUser(r);
}

Result<std::vector<UserRecord>> ListUsers(Conn& c) {
  ASSIGN_OR_RETURN(auto r,
                   c.Query(std::string("SELECT ") + kUserColumns + " FROM app_user ORDER BY id"));
  std::vector<UserRecord> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(ReadUser(r, i));
  return out;
}

Status CreateSession(Conn& c, const SessionRecord& s) {
  return c.Run(
      "INSERT INTO session(token_hash, user_id, csrf_token, created_at, last_seen, expires_at, "
      "revoked) VALUES($1,$2,$3,$4,$5,$6,0)",
      s.token_hash, s.user_id, s.csrf_token, s.created_at, s.last_seen, s.expires_at);
}

Result<std::optional<SessionAndUser>> FindSession(Conn& c, const std::string& token_hash) {
  ASSIGN_OR_RETURN(
      auto r, c.Query("SELECT s.token_hash, s.user_id, s.csrf_token, s.created_at, s.last_seen, "
                      "s.expires_at, s.revoked, u.id, u.username, u.password_hash, u.role, "
                      "u.region, u.unit, u.uscc, u.disabled, u.created_at FROM session s LEFT "
                      "JOIN app_user u ON u.id = s.user_id WHERE s.token_hash = $1",
                      token_hash));
  if (r.rows() == 0) return std::optional<SessionAndUser>();
  SessionAndUser found;
  SessionRecord& s = found.session;
  s.token_hash = r.Text(0, 0);
  s.user_id = r.Int(0, 1);
  s.csrf_token = r.Text(0, 2);
  s.created_at = r.Int(0, 3);
  s.last_seen = r.Int(0, 4);
  s.expires_at = r.Int(0, 5);
  s.revoked = r.Int(0, 6) != 0;
  if (!r.IsNull(0, 7)) found.user = ReadUser(r, 0, 7);
  return std::optional<SessionAndUser>(std::move(found));
}

Status TouchSession(Conn& c, const std::string& token_hash, int64_t last_seen) {
  return c.Run("UPDATE session SET last_seen = $1 WHERE token_hash = $2", last_seen, token_hash);
}

Status RevokeSession(Conn& c, const std::string& token_hash) {
  return c.Run("UPDATE session SET revoked = 1 WHERE token_hash = $1", token_hash);
}

Status RevokeUserSessions(Conn& c, int64_t user_id) {
  return c.Run("UPDATE session SET revoked = 1 WHERE user_id = $1", user_id);
}

Status RecordLoginFailure(Conn& c, const std::vector<std::string>& keys, int64_t at,
                          int64_t forget_before) {
  return c.InTransaction([&]() -> Status {
    RETURN_IF_ERROR(c.Run("DELETE FROM login_failure WHERE at <= $1", forget_before));
    for (const auto& k : keys) {
      RETURN_IF_ERROR(c.Run("INSERT INTO login_failure(key, at) VALUES($1, $2)", k, at));
    }
    return Status::Ok();
  });
}

Result<int64_t> CountLoginFailures(Conn& c, const std::string& key, int64_t since) {
  ASSIGN_OR_RETURN(
      auto r, c.Query("SELECT COUNT(*) FROM login_failure WHERE key = $1 AND at > $2", key, since));
  return r.Int(0, 0);
}

Status ClearLoginFailures(Conn& c, const std::string& key) {
  return c.Run("DELETE FROM login_failure WHERE key = $1", key);
}

Result<std::vector<AuditEntry>> AppendAudits(Conn& c, std::vector<AuditEntry> entries,
                                             const AuthStore::AuditSeal& seal,
                                             const AuthStore::AuditHeadSeal& seal_head) {
  if (entries.empty()) return entries;
  AuditAppendSteps steps;
  // Three round trips: BEGIN, the lock and the head with the last entry (one statement, read
  // under the lock); the group's entries with the head's update (one statement); COMMIT.
  std::optional<AuditHead> head;
  AuditTail tail;
  steps.read_head = [&]() -> Result<std::optional<AuditHead>> { return head; };
  steps.read_tail = [&]() -> Result<AuditTail> { return tail; };
  // The group's insert waits for the head's update, to be sent with it.
  std::string insert;
  pg::Params params;
  auto send_insert = [&]() -> Status {
    if (insert.empty()) return Status::Ok();
    const std::string sql = std::move(insert);
    insert.clear();
    return c.Execute(sql, params, 0).status();
  };
  steps.insert = [&](const std::vector<AuditEntry>& chained) -> Status {
    // A row of twelve parameters per entry.
    insert =
        "INSERT INTO audit_log(id, ts, actor, role, address, action, target, result, detail, "
        "prev_hash, hash, scheme) VALUES";
    for (const AuditEntry& e : chained) {
      const int k = params.size();
      insert += k == 0 ? "(" : ",(";
      for (int i = 1; i <= 12; ++i) insert += (i > 1 ? ",$" : "$") + std::to_string(k + i);
      insert += ")";
      for (const auto& v : {std::to_string(e.id), e.ts, e.actor, e.role, e.address, e.action,
                            e.target, e.result, e.detail, e.prev_hash, e.hash, e.scheme})
        params.Add(v);
    }
    return Status::Ok();
  };
  steps.current_log = [&]() -> Result<AuditHead> {
    RETURN_IF_ERROR(send_insert());  // the log counted with the group in it
    return CurrentLog(c);
  };
  steps.write_head = [&](const AuditHead& h) -> Status {
    if (insert.empty()) return WriteHead(c, h, seal_head);
    // A data-modifying WITH runs whole whether or not the statement reads it.
    const std::string sql = "WITH appended AS (" + insert + ") " + HeadUpsert(params.size());
    insert.clear();
    AddHead(h, seal_head, &params);
    return c.Execute(sql, params, 0).status();
  };
  // The advisory lock makes reading the last entry, the append and the head's update one step
  // for every process on the database: the chain stays linear.
  Status st = c.InLockedTransaction(
      pg::kAuditLock,
      "SELECT h.entries, h.last_id, h.last_hash, h.keyed_from, h.mac, t.id, t.hash FROM (SELECT "
      "1) one LEFT JOIN audit_head h ON h.id = 1 LEFT JOIN (SELECT id, hash FROM audit_log ORDER "
      "BY id DESC LIMIT 1) t ON true",
      [&](const pg::PgResult& r) -> Status {
        if (r.rows() != 1) return c.Error("the audit head could not be read");
        if (!r.IsNull(0, 5)) tail.id = r.Int(0, 5), tail.hash = r.Text(0, 6);
        head = HeadIn(r);
        RETURN_IF_ERROR(AppendAuditChain(entries, seal, seal_head, steps));
        return send_insert();  // without a head to update (no audit key)
      });
  RETURN_IF_ERROR(st);
  return entries;
}

Result<std::vector<AuditEntry>> ListAudit(Conn& c, int64_t after_id, int64_t limit) {
  ASSIGN_OR_RETURN(auto r,
                   c.Query("SELECT id, ts, actor, role, address, action, target, result, "
                           "detail, prev_hash, hash, scheme FROM audit_log WHERE id > $1 "
                           "ORDER BY id LIMIT $2",
                           after_id, limit > 0 ? std::optional<int64_t>(limit) : std::nullopt));
  std::vector<AuditEntry> out;
  for (int i = 0; i < r.rows(); ++i) {
    AuditEntry e;
    e.id = r.Int(i, 0);
    std::string* fields[] = {&e.ts,     &e.actor,  &e.role,      &e.address, &e.action, &e.target,
                             &e.result, &e.detail, &e.prev_hash, &e.hash,    &e.scheme};
    for (int f = 0; f < 11; ++f) *fields[f] = r.Text(i, f + 1);
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::optional<AuditHead>> GetAuditHead(Conn& c) { return ReadHead(c); }

Status EnsureAuditHead(Conn& c, const AuthStore::AuditHeadSeal& seal_head) {
  return c.InLockedTransaction(pg::kAuditLock, [&]() -> Status {
    ASSIGN_OR_RETURN(std::optional<AuditHead> head, ReadHead(c));
    if (head) return Status::Ok();
    ASSIGN_OR_RETURN(AuditHead h, CurrentLog(c));
    h.keyed_from = h.last_id + 1;
    return WriteHead(c, h, seal_head);
  });
}

}  // namespace ballast::pg_auth
