// Users, sessions and audit entries as the store keeps them.
#ifndef BALLAST_STORE_AUTH_RECORDS_H_
#define BALLAST_STORE_AUTH_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string>

namespace ballast {

struct UserRecord {
  int64_t id = 0;
  std::string username, password_hash, role, region, unit, uscc;
  bool disabled = false;
  std::string created_at;
};

struct SessionRecord {
  std::string token_hash, csrf_token;
  int64_t user_id = 0;
  int64_t created_at = 0, last_seen = 0, expires_at = 0;  // unix seconds
  bool revoked = false;
};

// A session with its user (none when the user is gone): what every request reads, in one query.
struct SessionAndUser {
  SessionRecord session;
  std::optional<UserRecord> user;
};

// The hash schemes of audit entries: the unkeyed chain of stores made before audit keys, and
// the keyed chain (HMAC-SHA256 with a key kept outside the store).
inline constexpr const char* kAuditSchemeLegacy = "sha256";
inline constexpr const char* kAuditSchemeKeyed = "hmac-sha256";

struct AuditEntry {
  int64_t id = 0;
  std::string ts, actor, role, address, action, target, result, detail;
  std::string prev_hash, hash;
  std::string scheme = kAuditSchemeKeyed;
};

// The count and newest entry of the audit log, MACed with the audit key.
struct AuditHead {
  int64_t entries = 0, last_id = 0;
  std::string last_hash;
  int64_t keyed_from = 0;  // entries with id >= keyed_from must use the keyed scheme
  std::string mac;
};

}  // namespace ballast

#endif  // BALLAST_STORE_AUTH_RECORDS_H_
