// Users, sessions, login throttling and the hash-chained audit log, over the Store.
#ifndef BALLAST_AUTH_AUTH_SERVICE_H_
#define BALLAST_AUTH_AUTH_SERVICE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "auth/roles.h"
#include "core/catalog.h"
#include "store/store.h"

namespace ballast::auth {

// Who is calling, after authentication.
struct Principal {
  int64_t user_id = 0;
  std::string username;
  Role role = Role::kViewer;
  NodeId region = kNoNode;  // the scope: this node's subtree
  std::string region_code, unit, uscc;
  std::string token_hash, csrf_token;  // of the session (empty for the CLI)
};

struct Session {
  std::string token;  // give to the client once; only its hash is stored
  std::string csrf_token;
  Principal principal;
  int64_t expires_at = 0;
};

struct NewUser {
  std::string username, password, role, region, unit, uscc;
};

struct AuthOptions {
  int64_t idle_seconds = 30 * 60;
  int64_t absolute_seconds = 12 * 3600;
  int max_failures = 5;            // per account and per address ...
  int64_t window_seconds = 15 * 60;  // ... within this window, then locked for the window
};

struct AuditRecord {
  std::string actor, role, address, action, target, result, detail;
};

class AuthService {
 public:
  using Clock = std::function<int64_t()>;  // unix seconds
  // `mu` serialises store access with the other users of the same Store.
  AuthService(Store& store, std::mutex& mu, const Catalog& catalog, AuthOptions options = {}, Clock clock = {});

  Result<Session> Login(const std::string& username, const std::string& password, const std::string& address);
  // The principal of a valid, unexpired, unrevoked session of an enabled user.
  Result<Principal> Authenticate(const std::string& token);
  Status Logout(const Principal& p, const std::string& address);

  Result<UserRecord> AddUser(const NewUser& u, const std::string& actor);
  Status SetPassword(const std::string& username, const std::string& password, const std::string& actor);
  // Disabling ends the user's sessions at once.
  Status SetDisabled(const std::string& username, bool disabled, const std::string& actor);
  Result<std::vector<UserRecord>> ListUsers();

  Status Audit(const AuditRecord& r);
  Result<std::vector<AuditEntry>> ListAudit(int64_t after_id, int64_t limit);
  // Re-computes the chain; an error names the first entry that does not match.
  Status VerifyAudit();

  int64_t Now() const { return clock_(); }

 private:
  bool Throttled(const std::string& key, int64_t now);
  void RecordFailure(const std::string& key, int64_t now);
  Result<Principal> ToPrincipal(const UserRecord& u);

  Store& store_;
  std::mutex& mu_;
  const Catalog& catalog_;
  AuthOptions options_;
  Clock clock_;
  std::mutex throttle_mu_;
  std::map<std::string, std::vector<int64_t>> failures_;  // key -> failure times in the window
};

// The canonical text an audit entry's hash covers.
std::string AuditHash(const AuditEntry& e);
std::string UtcNow(int64_t unix_seconds);

}  // namespace ballast::auth

#endif  // BALLAST_AUTH_AUTH_SERVICE_H_
