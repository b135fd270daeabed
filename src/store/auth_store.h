// Storage of users, sessions, login failures and the audit log. Implemented by the SQLite store
// (on the same file and connection as the panel's Store).
#ifndef BALLAST_STORE_AUTH_STORE_H_
#define BALLAST_STORE_AUTH_STORE_H_

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "store/auth_records.h"

namespace ballast {

class AuthStore {
 public:
  virtual ~AuthStore() = default;

  // Users. Usernames are unique; CreateUser sets the id.
  virtual Result<UserRecord> CreateUser(UserRecord user) = 0;
  virtual Status UpdateUser(const UserRecord& user) = 0;  // by id
  virtual Result<std::optional<UserRecord>> FindUser(const std::string& username) = 0;
  virtual Result<std::optional<UserRecord>> GetUser(int64_t id) = 0;
  virtual Result<std::vector<UserRecord>> ListUsers() = 0;

  // Sessions, keyed by the token's hash.
  virtual Status CreateSession(const SessionRecord& session) = 0;
  virtual Result<std::optional<SessionAndUser>> FindSession(const std::string& token_hash) = 0;
  virtual Status TouchSession(const std::string& token_hash, int64_t last_seen) = 0;
  virtual Status RevokeSession(const std::string& token_hash) = 0;
  virtual Status RevokeUserSessions(int64_t user_id) = 0;

  // Failed logins, shared by every process on the store. Record adds one failure at `at` for
  // each key and forgets failures at or before `forget_before`.
  virtual Status RecordLoginFailure(const std::vector<std::string>& keys, int64_t at,
                                    int64_t forget_before) = 0;
  // Failures of `key` after `since`.
  virtual Result<int64_t> CountLoginFailures(const std::string& key, int64_t since) = 0;
  virtual Status ClearLoginFailures(const std::string& key) = 0;

  using AuditSeal = std::function<std::string(const AuditEntry&)>;
  using AuditHeadSeal = std::function<std::string(const AuditHead&)>;
  // Appends `entries` to the audit log in order, in one transaction (all or none): `seal`
  // receives each entry with id and prev_hash set and returns its hash. With `seal_head`, the
  // head record is updated (created if absent) in the same transaction; without it, a log that
  // has a head refuses the append (a keyed log takes no unkeyed entries). Returns the entries
  // as written.
  virtual Result<std::vector<AuditEntry>> AppendAudits(std::vector<AuditEntry> entries,
                                                       const AuditSeal& seal,
                                                       const AuditHeadSeal& seal_head) = 0;
  Result<AuditEntry> AppendAudit(AuditEntry entry, const AuditSeal& seal,
                                 const AuditHeadSeal& seal_head) {
    std::vector<AuditEntry> one;
    one.push_back(std::move(entry));
    ASSIGN_OR_RETURN(auto written, AppendAudits(std::move(one), seal, seal_head));
    return std::move(written.front());
  }
  Result<AuditEntry> AppendAudit(AuditEntry entry, const AuditSeal& seal) {
    return AppendAudit(std::move(entry), seal, nullptr);
  }
  // Entries with id > after_id, oldest first, at most `limit` (0 = all).
  virtual Result<std::vector<AuditEntry>> ListAudit(int64_t after_id, int64_t limit) = 0;
  virtual Result<std::optional<AuditHead>> GetAuditHead() = 0;
  // Creates the head record of the log as it stands if there is none: a legacy log is adopted
  // when its key is created, and every later entry must be keyed.
  virtual Status EnsureAuditHead(const AuditHeadSeal& seal_head) = 0;
};

}  // namespace ballast

#endif  // BALLAST_STORE_AUTH_STORE_H_
