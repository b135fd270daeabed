// The SQL of users, sessions, login failures and the audit log (used by the PostgreSQL store).
#ifndef BALLAST_STORE_POSTGRES_PG_AUTH_H_
#define BALLAST_STORE_POSTGRES_PG_AUTH_H_

#include <optional>
#include <vector>

#include "core/status.h"
#include "store/auth_store.h"
#include "store/postgres/pg_conn.h"

namespace ballast::pg_auth {

Result<UserRecord> CreateUser(pg::Conn& c, UserRecord user);
Status UpdateUser(pg::Conn& c, const UserRecord& user);
Result<std::optional<UserRecord>> FindUser(pg::Conn& c, const std::string& username);
Result<std::optional<UserRecord>> GetUser(pg::Conn& c, int64_t id);
Result<std::vector<UserRecord>> ListUsers(pg::Conn& c);
Status CreateSession(pg::Conn& c, const SessionRecord& s);
Result<std::optional<SessionAndUser>> FindSession(pg::Conn& c, const std::string& token_hash);
Status TouchSession(pg::Conn& c, const std::string& token_hash, int64_t last_seen);
Status RevokeSession(pg::Conn& c, const std::string& token_hash);
Status RevokeUserSessions(pg::Conn& c, int64_t user_id);
Status RecordLoginFailure(pg::Conn& c, const std::vector<std::string>& keys, int64_t at,
                          int64_t forget_before);
Result<int64_t> CountLoginFailures(pg::Conn& c, const std::string& key, int64_t since);
Status ClearLoginFailures(pg::Conn& c, const std::string& key);
Result<std::vector<AuditEntry>> AppendAudits(pg::Conn& c, std::vector<AuditEntry> entries,
                                             const AuthStore::AuditSeal& seal,
                                             const AuthStore::AuditHeadSeal& seal_head);
Result<std::vector<AuditEntry>> ListAudit(pg::Conn& c, int64_t after_id, int64_t limit);
Result<std::optional<AuditHead>> GetAuditHead(pg::Conn& c);
Status EnsureAuditHead(pg::Conn& c, const AuthStore::AuditHeadSeal& seal_head);

}  // namespace ballast::pg_auth

#endif  // BALLAST_STORE_POSTGRES_PG_AUTH_H_
