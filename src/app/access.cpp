#include "app/access.h"

namespace ballast::app {

Status Access::Require(const Caller& c, auth::Permission p) const {
  if (Allows(c, p)) return Status::Ok();
  return Status::Denied("your role (" + std::string(auth::RoleName(c.role)) + ") may not do this");
}

bool Access::Allows(const Caller& c, auth::Permission p) const { return auth::RoleAllows(c.role, p); }

NodeId Access::ScopeNode(const Caller& c) const {
  if (c.whole_country()) return catalog_.country();
  return catalog_.regions().Find(c.region);  // kNoNode: a scope that no longer exists sees nothing
}

bool Access::InScope(const Caller& c, NodeId node) const {
  const NodeId scope = ScopeNode(c);
  return scope != kNoNode && node != kNoNode && catalog_.regions().Contains(scope, node);
}

bool Access::CountryWide(std::string_view region_code) {
  return region_code.empty() || region_code == kCountryCode;
}

bool Access::InScope(const Caller& c, const std::string& region_code) const {
  if (CountryWide(region_code)) return c.whole_country();
  return InScope(c, ScopeNode(c), region_code, catalog_.regions().Find(region_code));
}

bool Access::InScope(const Caller& c, NodeId scope, std::string_view region_code,
                     NodeId node) const {
  return InScope(c, scope, CountryWide(region_code), node);
}

bool Access::InScope(const Caller& c, NodeId scope, bool country_wide_code, NodeId node) const {
  if (country_wide_code) return c.whole_country();
  return scope != kNoNode && node != kNoNode && catalog_.regions().Contains(scope, node);
}

Status Access::CheckRegion(const Caller& c, const std::string& region_code) const {
  const NodeId n = region_code.empty() ? catalog_.country() : catalog_.regions().Find(region_code);
  if (n == kNoNode) return Status::Ok();
  if (InScope(c, n)) return Status::Ok();
  return Status::Denied("region " + (region_code.empty() ? std::string("100000 (the whole country)") : region_code) +
                        " is outside your scope " + c.region);
}

Status Access::CheckCountry(const Caller& c, const std::string& what) const {
  if (c.whole_country()) return Status::Ok();
  return Status::Denied(what + " is for users with the whole country in scope");
}

bool Access::MaySeeEnterprise(const Caller& c, const std::string& uscc, const std::string& region_code) const {
  if (c.role == auth::Role::kEnterprise) return !c.uscc.empty() && uscc == c.uscc;
  if (!Allows(c, auth::Permission::kReadEnterprise)) return false;
  return !region_code.empty() && InScope(c, region_code);
}

bool Access::MayListEnterprises(const Caller& c) const {
  return c.role != auth::Role::kEnterprise && Allows(c, auth::Permission::kReadEnterprise);
}

Result<std::string> Access::UnitOfFigures(const Caller& c, const std::string& unit) const {
  if (c.role != auth::Role::kHandler) return unit;
  if (c.unit.empty()) return Status::Denied("a handler without a unit has no unit figures");
  if (!unit.empty() && unit != c.unit)
    return Status::Denied("a handler reads its own unit's figures only");
  return c.unit;
}

bool Access::MaySeeProject(const Caller& c, const std::string& region, const std::string& unit,
                           const std::string& investor_uscc) const {
  if (c.role == auth::Role::kEnterprise) return !c.uscc.empty() && investor_uscc == c.uscc;
  if (c.role == auth::Role::kHandler) return !c.unit.empty() && unit == c.unit && InScope(c, region);
  return Allows(c, auth::Permission::kReadAggregate) && !region.empty() && InScope(c, region);
}

bool Access::MayEditProjects(const Caller& c) const {
  return c.role == auth::Role::kAdmin || c.role == auth::Role::kAnalyst || c.role == auth::Role::kDispatcher;
}

bool Access::MayEditProject(const Caller& c, const std::string& region) const {
  return MayEditProjects(c) && !region.empty() && InScope(c, region);
}

bool Access::MayReportProject(const Caller& c, const std::string& region, const std::string& unit) const {
  if (MayEditProject(c, region)) return true;
  return c.role == auth::Role::kHandler && !c.unit.empty() && unit == c.unit && InScope(c, region);
}

// Policy matching (issue 14 item 6).
bool Access::MayEditBenefitPolicies(const Caller& c) const {
  if (c.role != auth::Role::kAdmin && c.role != auth::Role::kAnalyst && c.role != auth::Role::kDispatcher)
    return false;
  if (c.whole_country()) return true;
  const NodeId n = ScopeNode(c);
  return n != kNoNode && catalog_.regions().node(n).level == 1;  // a province
}

bool Access::MayListBenefitMatches(const Caller& c) const {
  return c.role == auth::Role::kAdmin || c.role == auth::Role::kAnalyst || c.role == auth::Role::kDispatcher;
}

bool Access::MayRecordBenefit(const Caller& c, const std::string& region) const {
  if (c.role == auth::Role::kEnterprise || c.role == auth::Role::kViewer) return false;
  return !region.empty() && InScope(c, region);
}

bool Access::MayEditStandardAnswer(const Caller& c, const std::string& region) const {
  if (c.role != auth::Role::kAdmin && c.role != auth::Role::kDispatcher) return false;
  return InScope(c, region);
}

bool Access::MayReadStandardAnswer(const Caller& c, const std::string& region) const {
  if (c.role == auth::Role::kEnterprise || !Allows(c, auth::Permission::kAppeals)) return false;
  if (InScope(c, region)) return true;
  // An answer of a wider region (the province's) serves the regions under it.
  const NodeId owner = region.empty() || region == kCountryCode ? catalog_.country() : catalog_.regions().Find(region);
  const NodeId scope = ScopeNode(c);
  return owner != kNoNode && scope != kNoNode && catalog_.regions().Contains(owner, scope);
}

Status NotFoundAs(const std::string& what) { return Status::NotFound(what + " does not exist"); }

Status EnterpriseNotFound() { return Status::NotFound("no such enterprise among those you may see"); }

}  // namespace ballast::app
