// Users, sessions and audit entries as the store keeps them.
#ifndef BALLAST_STORE_AUTH_RECORDS_H_
#define BALLAST_STORE_AUTH_RECORDS_H_

#include <cstdint>
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

struct AuditEntry {
  int64_t id = 0;
  std::string ts, actor, role, address, action, target, result, detail;
  std::string prev_hash, hash;
};

}  // namespace ballast

#endif  // BALLAST_STORE_AUTH_RECORDS_H_
