#include "app/users.h"

#include <algorithm>

#include "app/analysis.h"
#include "auth/crypto.h"
#include "policy/catalog.h"

namespace ballast::app {

namespace {

Result<UserRecord> FindUser(Ballast& b, const std::string& username) {
  ASSIGN_OR_RETURN(auto users, b.auth().ListUsers());
  for (auto& u : users) {
    if (u.username == username) return std::move(u);
  }
  return NotFoundAs("user '" + username + "'");
}

// The user's region, enterprise and unit all lie in the administrator's scope.
Status CheckNewUser(Ballast& b, const Caller& c, const auth::NewUser& u) {
  const Access& access = b.access();
  const std::string region = u.region.empty() ? std::string(kCountryCode) : u.region;
  if (b.catalog().regions().Find(region) == kNoNode) return Status::Invalid("region: unknown code '" + region + "'");
  RETURN_IF_ERROR(access.CheckRegion(c, region));
  if (!u.uscc.empty()) {
    // An enterprise login reads the enterprise's figures and appeals: the enterprise must be
    // registered inside both scopes. Anything else reads as an unknown enterprise.
    auto e = GetEnterprise(b.workspace(), u.uscc);
    if (!e.ok() || !access.InScope(c, e->region.code)) {
      return Status::Invalid("uscc: no such enterprise among those you may see");
    }
    const CodeTree& regions = b.catalog().regions();
    if (!regions.Contains(regions.Find(region), regions.Find(e->region.code))) {
      return Status::Invalid("uscc: enterprise " + u.uscc + " is not registered in region " + region);
    }
  }
  if (!u.unit.empty()) {
    if (auto home = UnitRegion(b, u.unit); home && !access.InScope(c, *home)) {
      return Status::Denied("unit: " + u.unit + " belongs to region " + *home + ", outside your scope " + c.region);
    }
  }
  return Status::Ok();
}

void AddRegion(const CodeTree& regions, NodeId n, NodeId* common) {
  if (n == kNoNode) return;
  if (*common == kNoNode) {
    *common = n;
    return;
  }
  while (*common != kNoNode && !regions.Contains(*common, n)) *common = regions.node(*common).parent;
}

}  // namespace

Result<auth::Session> Login(Ballast& b, const std::string& username, const std::string& password,
                            const std::string& address) {
  return b.auth().Login(username, password, address);
}

Result<Caller> Authenticate(Ballast& b, const std::string& token, const std::string& address,
                            auth::Principal* principal) {
  ASSIGN_OR_RETURN(auth::Principal p, b.auth().Authenticate(token));
  Caller c{p.username, p.role, p.uscc, p.unit, p.region_code, address};
  if (principal != nullptr) *principal = std::move(p);
  return c;
}

Status Logout(Ballast& b, const auth::Principal& principal, const std::string& address) {
  return b.auth().Logout(principal, address);
}

bool CsrfTokenMatches(const auth::Principal& principal, const std::string& token) {
  return auth::SecureEquals(token, principal.csrf_token);
}

Result<std::vector<UserRecord>> ListUsers(Ballast& b, const Caller& c) {
  RETURN_IF_ERROR(b.access().Require(c, auth::Permission::kAdmin));
  ASSIGN_OR_RETURN(auto users, b.auth().ListUsers());
  std::erase_if(users, [&](const UserRecord& u) { return !b.access().InScope(c, u.region); });
  return users;
}

Result<UserRecord> AddUser(Ballast& b, const Caller& c, auth::NewUser u, std::string* generated) {
  RETURN_IF_ERROR(b.access().Require(c, auth::Permission::kAdmin));
  RETURN_IF_ERROR(CheckNewUser(b, c, u));
  if (u.password.empty()) {
    u.password = auth::RandomPassword();
    if (generated != nullptr) *generated = u.password;
  }
  return b.auth().AddUser(u, c.username, c.address);
}

std::string NewPassword() { return auth::RandomPassword(); }

Status ChangeUser(Ballast& b, const Caller& c, const std::string& username, const UserChange& change) {
  RETURN_IF_ERROR(b.access().Require(c, auth::Permission::kAdmin));
  ASSIGN_OR_RETURN(UserRecord u, FindUser(b, username));
  if (!b.access().InScope(c, u.region)) return NotFoundAs("user '" + username + "'");
  if (change.disabled) RETURN_IF_ERROR(b.auth().SetDisabled(username, *change.disabled, c.username));
  if (!change.password.empty()) RETURN_IF_ERROR(b.auth().SetPassword(username, change.password, c.username));
  return Status::Ok();
}

Result<std::vector<AuditEntry>> ListAudit(Ballast& b, const Caller& c, int64_t after_id, int64_t limit) {
  RETURN_IF_ERROR(b.access().Require(c, auth::Permission::kAdmin));
  RETURN_IF_ERROR(b.access().CheckCountry(c, "the audit log"));
  return b.auth().ListAudit(after_id, limit);
}

Status VerifyAudit(Ballast& b, const Caller& c) {
  RETURN_IF_ERROR(b.access().Require(c, auth::Permission::kAdmin));
  RETURN_IF_ERROR(b.access().CheckCountry(c, "the audit log"));
  return b.auth().VerifyAudit();
}

std::optional<std::string> UnitRegion(Ballast& b, const std::string& unit) {
  const CodeTree& regions = b.catalog().regions();
  NodeId common = kNoNode;
  for (const auto& r : b.service().catalogue().rules()) {
    if (r.region.empty()) continue;
    const bool names = r.unit == unit || std::find(r.co_units.begin(), r.co_units.end(), unit) != r.co_units.end();
    if (names) AddRegion(regions, regions.Find(r.region), &common);
  }
  if (auto docs = policy::EmbeddedPolicyCatalog(); docs.ok()) {
    for (const auto& d : *docs) {
      for (const auto& t : d.targets) {
        const bool names = std::find(t.lead_units.begin(), t.lead_units.end(), unit) != t.lead_units.end() ||
                           std::find(t.cooperating_units.begin(), t.cooperating_units.end(), unit) !=
                               t.cooperating_units.end();
        if (names) AddRegion(regions, d.region == kCountryCode ? b.catalog().country() : regions.Find(d.region), &common);
      }
    }
  }
  if (common == kNoNode) return std::nullopt;
  return regions.node(common).code;
}

}  // namespace ballast::app
