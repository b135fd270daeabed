// The SQL of users, sessions, login failures and the audit log (used by the SQLite store).
#ifndef BALLAST_STORE_SQLITE_SQLITE_AUTH_H_
#define BALLAST_STORE_SQLITE_SQLITE_AUTH_H_

#include <sqlite3.h>

#include <optional>
#include <vector>

#include "core/status.h"
#include "store/auth_store.h"

namespace ballast::sqlite_auth {

Result<UserRecord> CreateUser(sqlite3* db, UserRecord user);
Status UpdateUser(sqlite3* db, const UserRecord& user);
Result<std::optional<UserRecord>> FindUser(sqlite3* db, const std::string& username);
Result<std::optional<UserRecord>> GetUser(sqlite3* db, int64_t id);
Result<std::vector<UserRecord>> ListUsers(sqlite3* db);
Status CreateSession(sqlite3* db, const SessionRecord& s);
Result<std::optional<SessionAndUser>> FindSession(sqlite3* db, const std::string& token_hash);
Status TouchSession(sqlite3* db, const std::string& token_hash, int64_t last_seen);
Status RevokeSession(sqlite3* db, const std::string& token_hash);
Status RevokeUserSessions(sqlite3* db, int64_t user_id);
Status RecordLoginFailure(sqlite3* db, const std::vector<std::string>& keys, int64_t at,
                          int64_t forget_before);
Result<int64_t> CountLoginFailures(sqlite3* db, const std::string& key, int64_t since);
Status ClearLoginFailures(sqlite3* db, const std::string& key);
Result<std::vector<AuditEntry>> AppendAudits(sqlite3* db, std::vector<AuditEntry> entries,
                                             const AuthStore::AuditSeal& seal,
                                             const AuthStore::AuditHeadSeal& seal_head);
Result<std::vector<AuditEntry>> ListAudit(sqlite3* db, int64_t after_id, int64_t limit);
Result<std::optional<AuditHead>> GetAuditHead(sqlite3* db);
Status EnsureAuditHead(sqlite3* db, const AuthStore::AuditHeadSeal& seal_head);

}  // namespace ballast::sqlite_auth

#endif  // BALLAST_STORE_SQLITE_SQLITE_AUTH_H_
