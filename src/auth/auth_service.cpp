#include "auth/auth_service.h"

#include "auth/crypto.h"
#include "core/hash.h"
#include "core/uscc.h"

namespace ballast::auth {

namespace {

// A stored hash for unknown users, so that a wrong name costs the same time as a wrong password.
const std::string& DummyHash() {
  static const std::string h = HashPassword("ballast-dummy-password").value();
  return h;
}

std::string AuditText(const AuditEntry& e) {
  std::string text;
  for (const std::string* f : {&e.prev_hash, &e.ts, &e.actor, &e.role, &e.address, &e.action,
                               &e.target, &e.result, &e.detail}) {
    text += *f;
    text += '\x1f';
  }
  return text;
}

std::string UserFields(const UserRecord& u) {
  return "role=" + u.role + " region=" + u.region + " unit=" + u.unit + " uscc=" + u.uscc +
         " disabled=" + (u.disabled ? "yes" : "no");
}

}  // namespace

std::string AuditHash(const AuditEntry& e) { return Sha256Hex(AuditText(e)); }

std::string KeyedAuditHash(const AuditEntry& e, std::string_view key) {
  // The id is covered too: an entry cannot be moved to another place in the chain.
  return HmacSha256Hex(key,
                       "ballast-audit-entry\x1f" + std::to_string(e.id) + '\x1f' + AuditText(e));
}

std::string AuditHeadMac(const AuditHead& h, std::string_view key) {
  return HmacSha256Hex(key, "ballast-audit-head\x1f" + std::to_string(h.entries) + '\x1f' +
                                std::to_string(h.last_id) + '\x1f' + h.last_hash + '\x1f' +
                                std::to_string(h.keyed_from));
}

AuthService::AuthService(AuthStore& store, std::mutex& mu, const Catalog& catalog,
                         AuthOptions options, Clock clock)
    : store_(store),
      mu_(mu),
      catalog_(catalog),
      options_(options),
      clock_(clock ? std::move(clock) : [] { return SystemClock().Now(); }) {}

AuthService::AuthService(AuthStore& store, std::mutex& mu, const Catalog& catalog,
                         AuthOptions options, const ballast::Clock& clock)
    : AuthService(store, mu, catalog, options, Clock([&clock] { return clock.Now(); })) {}

Status AuthService::SetAuditKey(std::string key) {
  if (key.empty()) return Status::Invalid("the audit key is empty");
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto seal = [&key](const AuditHead& h) { return AuditHeadMac(h, key); };
    RETURN_IF_ERROR(store_.EnsureAuditHead(seal));
    ASSIGN_OR_RETURN(auto head, store_.GetAuditHead());
    // A wrong key would append entries that never verify: refuse it before anything is written.
    if (!head || !SecureEquals(seal(*head), head->mac)) {
      return Status::Internal(
          "the audit log's head record does not match the audit key (a wrong key file, or the "
          "head was rewritten)");
    }
  }
  std::lock_guard<std::mutex> own(audit_store_mu_);  // never while holding mu_
  audit_key_ = std::move(key);
  return Status::Ok();
}

Result<bool> AuthService::AuditLogKeyed() {
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(auto head, store_.GetAuditHead());
  return head.has_value();
}

Result<bool> AuthService::Throttled(const std::string& key, int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(int64_t n, store_.CountLoginFailures(key, now - options_.window_seconds));
  return n >= options_.max_failures;
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
  if (p.region == kNoNode)
    return Status::Internal("user '" + u.username + "' has an unknown region scope");
  p.unit = u.unit;
  p.uscc = u.uscc;
  return p;
}

Result<Session> AuthService::Login(const std::string& username, const std::string& password,
                                   const std::string& address) {
  const int64_t now = Now();
  const std::string account_key = "account:" + username, address_key = "address:" + address;
  ASSIGN_OR_RETURN(bool account_locked, Throttled(account_key, now));
  ASSIGN_OR_RETURN(bool address_locked, Throttled(address_key, now));
  if (account_locked || address_locked) {
    RETURN_IF_ERROR(
        Audit({username, "", address, "login", username, "throttled", "too many failed logins"}));
    return Status::Exhausted("too many failed logins; try again in " +
                             std::to_string(options_.window_seconds / 60) + " minutes");
  }
  std::optional<UserRecord> user;
  {
    std::lock_guard<std::mutex> lock(mu_);
    ASSIGN_OR_RETURN(user, store_.FindUser(username));
  }
  const bool password_ok = VerifyPassword(password, user ? user->password_hash : DummyHash());
  if (!user || !password_ok || user->disabled) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      RETURN_IF_ERROR(store_.RecordLoginFailure({account_key, address_key}, now,
                                                now - options_.window_seconds));
    }
    RETURN_IF_ERROR(
        Audit({username, user ? user->role : "", address, "login", username, "failure",
               !user ? "unknown user" : (!password_ok ? "wrong password" : "user disabled")}));
    return Status::Unauthenticated("wrong username or password");
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    RETURN_IF_ERROR(store_.ClearLoginFailures(account_key));
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
  ASSIGN_OR_RETURN(auto found, store_.FindSession(hash));
  const SessionRecord* session = found ? &found->session : nullptr;
  if (session == nullptr || session->revoked)
    return Status::Unauthenticated("the session has ended; log in again");
  if (now >= session->expires_at || now - session->last_seen > options_.idle_seconds) {
    return Status::Unauthenticated("the session has expired; log in again");
  }
  const std::optional<UserRecord>& user = found->user;
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
  return Audit(
      {p.username, std::string(RoleName(p.role)), address, "logout", p.username, "success", ""});
}

Result<UserRecord> AuthService::AddUser(const NewUser& n, const std::string& actor) {
  return AddUser(n, actor, "");
}

Result<UserRecord> AuthService::AddUser(const NewUser& n, const std::string& actor,
                                        const std::string& address) {
  if (n.username.empty() || n.username.size() > 64 ||
      n.username.find_first_of(" \t\r\n/\\?#%&\"'<>") != std::string::npos) {
    return Status::Invalid("username: 1 to 64 characters without spaces, slashes or quotes");
  }
  if (n.password.size() < 10) return Status::Invalid("password: at least 10 characters");
  auto role = ParseRole(n.role);
  if (!role)
    return Status::Invalid("role: one of admin, analyst, dispatcher, handler, enterprise, viewer");
  const std::string region = n.region.empty() ? std::string(kCountryCode) : n.region;
  if (catalog_.regions().Find(region) == kNoNode)
    return Status::Invalid("region: unknown code '" + region + "'");
  if (*role == Role::kHandler && n.unit.empty())
    return Status::Invalid("unit: a handler belongs to a responsible unit");
  if (*role == Role::kEnterprise && CheckUscc(n.uscc) == UsccCheck::kMalformed) {
    return Status::Invalid(
        "uscc: an enterprise user needs its enterprise's unified social credit code");
  }
  UserRecord u;
  u.username = n.username;
  ASSIGN_OR_RETURN(u.password_hash, HashPassword(n.password));
  u.role = n.role;
  u.region = region;
  u.unit = n.unit;
  u.uscc = n.uscc;
  u.created_at = FormatUtc(Now());
  Result<UserRecord> created = Status::Internal("unset");
  {
    std::lock_guard<std::mutex> lock(mu_);
    created = store_.CreateUser(u);
  }
  RETURN_IF_ERROR(Audit({actor, "", address, "user.add", n.username,
                         created.ok() ? "success" : "failure", UserFields(u) + " password=set"}));
  return created;
}

Status AuthService::SetPassword(const std::string& username, const std::string& password,
                                const std::string& actor) {
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
  return Audit(
      {actor, "", "", "user.passwd", username, "success", "password=changed sessions=ended"});
}

Status AuthService::SetDisabled(const std::string& username, bool disabled,
                                const std::string& actor) {
  std::string fields;
  {
    std::lock_guard<std::mutex> lock(mu_);
    ASSIGN_OR_RETURN(auto user, store_.FindUser(username));
    if (!user) return Status::NotFound("user '" + username + "' does not exist");
    user->disabled = disabled;
    RETURN_IF_ERROR(store_.UpdateUser(*user));
    if (disabled) RETURN_IF_ERROR(store_.RevokeUserSessions(user->id));
    fields = UserFields(*user);
  }
  return Audit(
      {actor, "", "", disabled ? "user.disable" : "user.enable", username, "success", fields});
}

Result<std::vector<UserRecord>> AuthService::ListUsers() {
  std::lock_guard<std::mutex> lock(mu_);
  return store_.ListUsers();
}

Status AuthService::Audit(const AuditRecord& r) {
  AuditEntry e;
  e.ts = FormatUtc(Now());
  e.actor = r.actor;
  e.role = r.role;
  e.address = r.address;
  e.action = r.action;
  e.target = r.target;
  e.result = r.result;
  e.detail = r.detail;
  return audit_queue_.Append(std::move(e), [this](std::vector<AuditEntry> entries) {
    return WriteAudits(std::move(entries));
  });
}

void AuthService::SetAuditStoreOpener(AuditStoreOpener open) {
  std::lock_guard<std::mutex> lock(audit_store_mu_);
  audit_store_opener_ = std::move(open);
}

Status AuthService::WriteAudits(std::vector<AuditEntry> entries) {
  std::lock_guard<std::mutex> own(audit_store_mu_);
  const std::string& key = audit_key_;  // the key in force when the group is written
  auto append = [&](AuthStore& store) -> Status {
    if (key.empty()) {
      for (AuditEntry& x : entries) x.scheme = kAuditSchemeLegacy;
      return store.AppendAudits(std::move(entries), AuditHash, nullptr).status();
    }
    for (AuditEntry& x : entries) x.scheme = kAuditSchemeKeyed;
    return store
        .AppendAudits(
            std::move(entries), [&key](const AuditEntry& x) { return KeyedAuditHash(x, key); },
            [&key](const AuditHead& h) { return AuditHeadMac(h, key); })
        .status();
  };
  if (audit_store_ == nullptr && audit_store_opener_) {
    auto opened = audit_store_opener_();
    audit_store_opener_ = nullptr;  // tried once: the service's store serves otherwise
    if (opened.ok()) audit_store_ = std::move(opened).value();
  }
  if (audit_store_ != nullptr) return append(*audit_store_);
  std::lock_guard<std::mutex> lock(mu_);
  return append(store_);
}

Result<std::vector<AuditEntry>> AuthService::ListAudit(int64_t after_id, int64_t limit) {
  std::lock_guard<std::mutex> lock(mu_);
  return store_.ListAudit(after_id, limit);
}

Status AuthService::VerifyAudit() {
  std::string audit_key;
  {
    std::lock_guard<std::mutex> own(audit_store_mu_);
    audit_key = audit_key_;
  }
  std::optional<AuditHead> head;
  {
    std::lock_guard<std::mutex> lock(mu_);
    ASSIGN_OR_RETURN(head, store_.GetAuditHead());
  }
  if (head && audit_key.empty()) {
    return Status::Precondition(
        "the audit log is keyed: verify it with its audit key (--audit-key FILE)");
  }
  if (!head && !audit_key.empty()) {
    return Status::Internal(
        "the audit log's head record is missing (removed): the log cannot be trusted");
  }
  if (head && !SecureEquals(AuditHeadMac(*head, audit_key), head->mac)) {
    return Status::Internal(
        "the audit log's head record does not match the audit key (a wrong key file, or the "
        "head was rewritten)");
  }
  std::string prev(64, '0');
  int64_t after = 0, count = 0;
  while (true) {
    ASSIGN_OR_RETURN(auto batch, ListAudit(after, 10000));
    if (batch.empty()) break;
    for (const auto& e : batch) {
      const std::string id = std::to_string(e.id);
      if (e.prev_hash != prev) {
        return Status::Internal(
            "audit entry " + id +
            " does not follow its predecessor (an entry was removed or inserted)");
      }
      if (e.scheme == kAuditSchemeKeyed) {
        if (audit_key.empty())
          return Status::Precondition("audit entry " + id + " is keyed: give the audit key");
        if (!SecureEquals(KeyedAuditHash(e, audit_key), e.hash)) {
          return Status::Internal(
              "audit entry " + id +
              " was altered or written without the audit key (its MAC does not match)");
        }
      } else if (e.scheme == kAuditSchemeLegacy) {
        if (head && e.id >= head->keyed_from) {
          return Status::Internal(
              "audit entry " + id +
              " carries an unkeyed hash although the log was keyed from entry " +
              std::to_string(head->keyed_from) + " on (the chain was rewritten)");
        }
        if (AuditHash(e) != e.hash) {
          return Status::Internal("audit entry " + id + " was altered (its hash does not match)");
        }
      } else {
        return Status::Internal("audit entry " + id + " has an unknown hash scheme '" + e.scheme +
                                "'");
      }
      prev = e.hash;
      after = e.id;
      ++count;
    }
  }
  if (!head) return Status::Ok();
  if (count < head->entries) {
    return Status::Internal("the audit log holds " + std::to_string(count) +
                            " entries but its head record counts " + std::to_string(head->entries) +
                            ": the newest " + std::to_string(head->entries - count) +
                            " entries were removed (truncated)");
  }
  if (count > head->entries || head->last_id != after ||
      head->last_hash != (count ? prev : head->last_hash)) {
    return Status::Internal("the audit log's newest entry (" + std::to_string(after) +
                            ") is not the one its head record names (" +
                            std::to_string(head->last_id) +
                            "): entries were removed, replaced or added without the key");
  }
  return Status::Ok();
}

}  // namespace ballast::auth
