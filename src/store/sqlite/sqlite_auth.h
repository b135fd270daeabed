// The SQL of users, sessions and the audit log (used by the SQLite store).
#ifndef BALLAST_STORE_SQLITE_SQLITE_AUTH_H_
#define BALLAST_STORE_SQLITE_SQLITE_AUTH_H_

#include <sqlite3.h>

#include <functional>
#include <optional>
#include <vector>

#include "core/status.h"
#include "store/auth_records.h"

namespace ballast::sqlite_auth {

Result<UserRecord> CreateUser(sqlite3* db, UserRecord user);
Status UpdateUser(sqlite3* db, const UserRecord& user);
Result<std::optional<UserRecord>> FindUser(sqlite3* db, const std::string& username);
Result<std::optional<UserRecord>> GetUser(sqlite3* db, int64_t id);
Result<std::vector<UserRecord>> ListUsers(sqlite3* db);
Status CreateSession(sqlite3* db, const SessionRecord& s);
Result<std::optional<SessionRecord>> FindSession(sqlite3* db, const std::string& token_hash);
Status TouchSession(sqlite3* db, const std::string& token_hash, int64_t last_seen);
Status RevokeSession(sqlite3* db, const std::string& token_hash);
Status RevokeUserSessions(sqlite3* db, int64_t user_id);
Result<AuditEntry> AppendAudit(sqlite3* db, AuditEntry entry, const std::function<std::string(const AuditEntry&)>& seal);
Result<std::vector<AuditEntry>> ListAudit(sqlite3* db, int64_t after_id, int64_t limit);

}  // namespace ballast::sqlite_auth

#endif  // BALLAST_STORE_SQLITE_SQLITE_AUTH_H_
