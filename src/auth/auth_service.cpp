#include "auth/auth_service.h"

#include <chrono>
#include <ctime>

#include "auth/crypto.h"
#include "core/hash.h"
#include "core/uscc.h"

namespace ballast::auth {

namespace {

int64_t SystemNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// A stored hash for unknown users, so that a wrong name costs the same time as a wrong password.
const std::string& DummyHash() {
  static const std::string h = HashPassword("ballast-dummy-password").value();
  return h;
}

}  // namespace

std::string UtcNow(int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string AuditHash(const AuditEntry& e) {
  std::string text;
  for (const std::string* f : {&e.prev_hash, &e.ts, &e.actor, &e.role, &e.address, &e.action, &e.target, &e.result,
                               &e.detail}) {
    text += *f;
    text += '\x1f';
  }
  return Sha256Hex(text);
}

AuthService::AuthService(Store& store, std::mutex& mu, const Catalog& catalog, AuthOptions options, Clock clock)
    : store_(store), mu_(mu), catalog_(catalog), options_(options), clock_(clock ? std::move(clock) : SystemNow) {}

bool AuthService::Throttled(const std::string& key, int64_t now) {
  std::lock_guard<std::mutex> lock(throttle_mu_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return false;
  auto& times = it->second;
  std::erase_if(times, [&](int64_t t) { return t <= now - options_.window_seconds; });
  return static_cast<int>(times.size()) >= options_.max_failures;
}

void AuthService::RecordFailure(const std::string& key, int64_t now) {
  std::lock_guard<std::mutex> lock(throttle_mu_);
  failures_[key].push_back(now);
}

Result<Principal> AuthService::ToPrincipal(const UserRecord& u) {
  Principal p;
  p.user_id = u.id;
  p.username = u.username;
  auto role = ParseRole(u.role);
  if (!role) return Status::Internal("user '" + u.username + "' has an unknown role");
  p.role = *role;
  p.region_code = u.region;
  p.region = catalog_.regions().Find(u.region);
  if (p.region == kNoNode) return Status::Internal("user '" + u.username + "' has an unknown region scope");
  p.unit = u.unit;
  p.uscc = u.uscc;
  return p;
}

Result<Session> AuthService::Login(const std::string& username, const std::string& password, const std::string& address) {
  const int64_t now = Now();
  const std::string account_key = "account:" + username, address_key = "address:" + address;
  if (Throttled(account_key, now) || Throttled(address_key, now)) {
    RETURN_IF_ERROR(Audit({username, "", address, "login", username, "throttled", "too many failed logins"}));
    return Status::Exhausted("too many failed logins; try again in " + std::to_string(options_.window_seconds / 60) +
                             " minutes");
  }
  std::optional<UserRecord> user;
  {
    std::lock_guard<std::mutex> lock(mu_);
    ASSIGN_OR_RETURN(user, store_.FindUser(username));
  }
  const bool password_ok = VerifyPassword(password, user ? user->password_hash : DummyHash());
  if (!user || !password_ok || user->disabled) {
    RecordFailure(account_key, now);
    RecordFailure(address_key, now);
    RETURN_IF_ERROR(Audit({username, user ? user->role : "", address, "login", username, "failure",
                           !user ? "unknown user" : (!password_ok ? "wrong password" : "user disabled")}));
    return Status::Unauthenticated("wrong username or password");
  }
  {
    std::lock_guard<std::mutex> lock(throttle_mu_);
    failures_.erase(account_key);
  }
  ASSIGN_OR_RETURN(Principal p, ToPrincipal(*user));
  Session s;
  s.token = RandomHex(32);  // 256 bits
  s.csrf_token = RandomHex(16);
  s.expires_at = now + options_.absolute_seconds;
  SessionRecord r;
  r.token_hash = Sha256Hex(s.token);
  r.csrf_token = s.csrf_token;
  r.user_id = user->id;
  r.created_at = r.last_seen = now;
  r.expires_at = s.expires_at;
  {
    std::lock_guard<std::mutex> lock(mu_);
    RETURN_IF_ERROR(store_.CreateSession(r));
  }
  p.token_hash = r.token_hash;
  p.csrf_token = r.csrf_token;
  s.principal = p;
  RETURN_IF_ERROR(Audit({username, user->role, address, "login", username, "success", ""}));
  return s;
}

Result<Principal> AuthService::Authenticate(const std::string& token) {
  if (token.empty()) return Status::Unauthenticated("log in first");
  const int64_t now = Now();
  const std::string hash = Sha256Hex(token);
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(auto session, store_.FindSession(hash));
  if (!session || session->revoked) return Status::Unauthenticated("the session has ended; log in again");
  if (now >= session->expires_at || now - session->last_seen > options_.idle_seconds) {
    return Status::Unauthenticated("the session has expired; log in again");
  }
  ASSIGN_OR_RETURN(auto user, store_.GetUser(session->user_id));
  if (!user || user->disabled) return Status::Unauthenticated("the user is disabled");
  // Refresh the idle clock at most once a minute, to spare the store a write per request.
  if (now - session->last_seen >= 60) RETURN_IF_ERROR(store_.TouchSession(hash, now));
  ASSIGN_OR_RETURN(Principal p, ToPrincipal(*user));
  p.token_hash = hash;
  p.csrf_token = session->csrf_token;
  return p;
}

Status AuthService::Logout(const Principal& p, const std::string& address) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    RETURN_IF_ERROR(store_.RevokeSession(p.token_hash));
  }
  return Audit({p.username, std::string(RoleName(p.role)), address, "logout", p.username, "success", ""});
}

Result<UserRecord> AuthService::AddUser(const NewUser& n, const std::string& actor) {
  if (n.username.empty() || n.username.size() > 64 ||
      n.username.find_first_of(" \t\r\n/\\?#%&\"'<>") != std::string::npos) {
    return Status::Invalid("username: 1 to 64 characters without spaces, slashes or quotes");
  }
  if (n.password.size() < 10) return Status::Invalid("password: at least 10 characters");
  auto role = ParseRole(n.role);
  if (!role) return Status::Invalid("role: one of admin, analyst, dispatcher, handler, enterprise, viewer");
  const std::string region = n.region.empty() ? std::string(kCountryCode) : n.region;
  if (catalog_.regions().Find(region) == kNoNode) return Status::Invalid("region: unknown code '" + region + "'");
  if (*role == Role::kHandler && n.unit.empty()) return Status::Invalid("unit: a handler belongs to a responsible unit");
  if (*role == Role::kEnterprise && CheckUscc(n.uscc) == UsccCheck::kMalformed) {
    return Status::Invalid("uscc: an enterprise user needs its enterprise's unified social credit code");
  }
  UserRecord u;
  u.username = n.username;
  ASSIGN_OR_RETURN(u.password_hash, HashPassword(n.password));
  u.role = n.role;
  u.region = region;
  u.unit = n.unit;
  u.uscc = n.uscc;
  u.created_at = UtcNow(Now());
  Result<UserRecord> created = Status::Internal("unset");
  {
    std::lock_guard<std::mutex> lock(mu_);
    created = store_.CreateUser(u);
  }
  RETURN_IF_ERROR(Audit({actor, "", "", "user.add", n.username, created.ok() ? "success" : "failure",
                         "role=" + n.role + " region=" + region}));
  return created;
}

Status AuthService::SetPassword(const std::string& username, const std::string& password, const std::string& actor) {
  if (password.size() < 10) return Status::Invalid("password: at least 10 characters");
  ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  {
    std::lock_guard<std::mutex> lock(mu_);
    ASSIGN_OR_RETURN(auto user, store_.FindUser(username));
    if (!user) return Status::NotFound("user '" + username + "' does not exist");
    user->password_hash = hash;
    RETURN_IF_ERROR(store_.UpdateUser(*user));
    RETURN_IF_ERROR(store_.RevokeUserSessions(user->id));  // a new password ends old sessions
  }
  return Audit({actor, "", "", "user.passwd", username, "success", ""});
}

Status AuthService::SetDisabled(const std::string& username, bool disabled, const std::string& actor) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    ASSIGN_OR_RETURN(auto user, store_.FindUser(username));
    if (!user) return Status::NotFound("user '" + username + "' does not exist");
    user->disabled = disabled;
    RETURN_IF_ERROR(store_.UpdateUser(*user));
    if (disabled) RETURN_IF_ERROR(store_.RevokeUserSessions(user->id));
  }
  return Audit({actor, "", "", disabled ? "user.disable" : "user.enable", username, "success", ""});
}

Result<std::vector<UserRecord>> AuthService::ListUsers() {
  std::lock_guard<std::mutex> lock(mu_);
  return store_.ListUsers();
}

Status AuthService::Audit(const AuditRecord& r) {
  AuditEntry e;
  e.ts = UtcNow(Now());
  e.actor = r.actor;
  e.role = r.role;
  e.address = r.address;
  e.action = r.action;
  e.target = r.target;
  e.result = r.result;
  e.detail = r.detail;
  std::lock_guard<std::mutex> lock(mu_);
  return store_.AppendAudit(e, AuditHash).status();
}

Result<std::vector<AuditEntry>> AuthService::ListAudit(int64_t after_id, int64_t limit) {
  std::lock_guard<std::mutex> lock(mu_);
  return store_.ListAudit(after_id, limit);
}

Status AuthService::VerifyAudit() {
  std::string prev(64, '0');
  int64_t after = 0;
  while (true) {
    ASSIGN_OR_RETURN(auto batch, ListAudit(after, 10000));
    if (batch.empty()) return Status::Ok();
    for (const auto& e : batch) {
      if (e.prev_hash != prev) {
        return Status::Internal("audit entry " + std::to_string(e.id) + " does not follow its predecessor (an entry was removed or inserted)");
      }
      if (AuditHash(e) != e.hash) {
        return Status::Internal("audit entry " + std::to_string(e.id) + " was altered (its hash does not match)");
      }
      prev = e.hash;
      after = e.id;
    }
  }
}

}  // namespace ballast::auth
