// Users, sessions, login throttling and the keyed, hash-chained audit log, over the AuthStore.
#ifndef BALLAST_AUTH_AUTH_SERVICE_H_
#define BALLAST_AUTH_AUTH_SERVICE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "auth/audit_queue.h"
#include "auth/roles.h"
#include "core/catalog.h"
#include "core/clock.h"
#include "store/auth_store.h"

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
  // Failed logins are counted in the store, so the limit holds across restarts and for every
  // server process on one store.
  int max_failures = 5;              // per account and per address ...
  int64_t window_seconds = 15 * 60;  // ... within this window, then locked for the window
};

struct AuditRecord {
  std::string actor, role, address, action, target, result, detail;
};

class AuthService {
 public:
  using Clock = std::function<int64_t()>;  // unix seconds; empty = the system clock
  // `mu` serialises store access with the other users of the same Store.
  AuthService(AuthStore& store, std::mutex& mu, const Catalog& catalog, AuthOptions options = {},
              Clock clock = {});
  // The same with the program's clock (core/clock.h), which must outlive the service.
  AuthService(AuthStore& store, std::mutex& mu, const Catalog& catalog, AuthOptions options,
              const ballast::Clock& clock);

  // Keys the audit chain with `key` (bytes, from auth/audit_key.h): new entries and the head
  // record are MACed with it. A log without a head record (a store made before audit keys) gets
  // one now; its older entries keep verifying with the unkeyed hash. Without a key, entries use
  // the unkeyed hash and a keyed log refuses them. A key that does not match the log's head
  // record is refused (Internal), so that it writes nothing.
  Status SetAuditKey(std::string key);
  // Whether the store's audit log is keyed (has a head record), i.e. needs its key.
  Result<bool> AuditLogKeyed();
  // Audit groups are written on a store connection of their own, which `open` makes when the
  // first group is written (if it fails, or without an opener, they are written on the
  // service's store under its mutex). On PostgreSQL a group's synchronous commit, and its wait
  // for another instance's group holding the chain's head row, held that mutex, and every
  // request's session lookup waited behind it. Call before the first Audit.
  using AuditStoreOpener = std::function<Result<std::unique_ptr<AuthStore>>()>;
  void SetAuditStoreOpener(AuditStoreOpener open);

  Result<Session> Login(const std::string& username, const std::string& password,
                        const std::string& address);
  // The principal of a valid, unexpired, unrevoked session of an enabled user.
  Result<Principal> Authenticate(const std::string& token);
  Status Logout(const Principal& p, const std::string& address);

  // Every user change is audited with all its fields (never the password).
  Result<UserRecord> AddUser(const NewUser& u, const std::string& actor);
  Result<UserRecord> AddUser(const NewUser& u, const std::string& actor,
                             const std::string& address);
  Status SetPassword(const std::string& username, const std::string& password,
                     const std::string& actor);
  // Disabling ends the user's sessions at once.
  Status SetDisabled(const std::string& username, bool disabled, const std::string& actor);
  Result<std::vector<UserRecord>> ListUsers();

  Status Audit(const AuditRecord& r);
  Result<std::vector<AuditEntry>> ListAudit(int64_t after_id, int64_t limit);
  // Re-computes the chain with the key and checks the head record (count and newest entry); an
  // error names the first entry that does not match, or the entries removed from the end.
  Status VerifyAudit();

  int64_t Now() const { return clock_(); }

 private:
  Result<bool> Throttled(const std::string& key, int64_t now);
  Result<Principal> ToPrincipal(const UserRecord& u);
  // Writes one group of entries (the audit queue's writer, one at a time).
  Status WriteAudits(std::vector<AuditEntry> entries);

  AuthStore& store_;
  std::mutex& mu_;
  const Catalog& catalog_;
  AuthOptions options_;
  Clock clock_;
  AuditQueue audit_queue_;  // the entries of concurrent requests written together
  // Guards the key, the opener and the audit connection; taken before mu_ (a group written on
  // the service's store), never while mu_ is held.
  std::mutex audit_store_mu_;
  std::string audit_key_;  // empty: unkeyed (legacy) entries
  AuditStoreOpener audit_store_opener_;
  std::unique_ptr<AuthStore> audit_store_;
};

// The unkeyed hash of an audit entry (scheme "sha256", entries written before audit keys).
std::string AuditHash(const AuditEntry& e);
// The keyed hash (scheme "hmac-sha256"): HMAC-SHA256 over the entry's id and content.
std::string KeyedAuditHash(const AuditEntry& e, std::string_view key);
// The MAC of the audit head record.
std::string AuditHeadMac(const AuditHead& h, std::string_view key);
// A thin alias of FormatUtc (core/clock.h) for existing callers.
inline std::string UtcNow(int64_t unix_seconds) { return FormatUtc(unix_seconds); }

}  // namespace ballast::auth

#endif  // BALLAST_AUTH_AUTH_SERVICE_H_
