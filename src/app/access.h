// The permission rules of Ballast, in one place: which role may do what (auth/roles.h holds
// the role × permission table this applies), and which regions, enterprises and records lie in
// a caller's scope. Every use case of app/ asks here; api/ and cli/ decide nothing.
//
// Out of scope reads as absent: an enterprise, alert, appeal or user outside the scope answers
// NotFound exactly like one that does not exist. Region codes are public (GB/T 2260), so an
// aggregate over a region outside the scope is refused (PermissionDenied) naming the scope.
#ifndef BALLAST_APP_ACCESS_H_
#define BALLAST_APP_ACCESS_H_

#include <string>
#include <string_view>

#include "app/caller.h"
#include "auth/roles.h"
#include "core/catalog.h"
#include "core/status.h"

namespace ballast::app {

class Access {
 public:
  explicit Access(const Catalog& catalog) : catalog_(catalog) {}

  // The role may do this at all (deny by default).
  Status Require(const Caller& c, auth::Permission p) const;
  bool Allows(const Caller& c, auth::Permission p) const;

  // The caller's scope as a node of the region tree (the country for an empty scope).
  NodeId ScopeNode(const Caller& c) const;
  // `node` lies in the caller's scope.
  bool InScope(const Caller& c, NodeId node) const;
  bool InScope(const Caller& c, const std::string& region_code) const;
  // The same by code, with the caller's scope node (ScopeNode) and the code's node (kNoNode:
  // unknown) looked up already: a list checks thousands of alerts.
  bool InScope(const Caller& c, NodeId scope, std::string_view region_code, NodeId node) const;
  // The same with CountryWide(region_code) found already (kept with each live alert).
  bool InScope(const Caller& c, NodeId scope, bool country_wide_code, NodeId node) const;
  // A code that stands for the whole country: none, or the country's own. Only callers whose
  // scope is the country see what carries it.
  static bool CountryWide(std::string_view region_code);
  // An aggregate over a region: refused outside the scope; an unknown code passes (the use
  // case names it as unknown).
  Status CheckRegion(const Caller& c, const std::string& region_code) const;
  // Something that spans the whole country (rules, the calendar, the audit log, evaluation).
  Status CheckCountry(const Caller& c, const std::string& what) const;

  // Enterprise-level rows (figures of single enterprises): analysts and above, in scope; an
  // enterprise user only its own. region_code: where the enterprise is registered ("" = unknown).
  bool MaySeeEnterprise(const Caller& c, const std::string& uscc, const std::string& region_code) const;
  // Lists of enterprise-level rows over a region (not for enterprise users).
  bool MayListEnterprises(const Caller& c) const;
  // Whose figures a caller reads when asking for `unit` ("" = every unit of the scope): a
  // handler its own unit's only ("" reads as its own; another unit is refused), others any.
  Result<std::string> UnitOfFigures(const Caller& c, const std::string& unit) const;

  // Major projects (issue 15). Seeing one: every role with aggregates in its region scope,
  // except handlers (the projects whose responsible unit is theirs, in scope) and enterprises
  // (those they invest in, read only).
  bool MaySeeProject(const Caller& c, const std::string& region, const std::string& unit,
                     const std::string& investor_uscc) const;
  // Registering and editing (the register, imports): admin, analyst and dispatcher, in scope.
  bool MayEditProjects(const Caller& c) const;
  bool MayEditProject(const Caller& c, const std::string& region) const;
  // The monthly report: editors in scope, or a handler of the project's responsible unit.
  bool MayReportProject(const Caller& c, const std::string& region, const std::string& unit) const;

  // Policy matching (issue 14 item 6; app/benefits.h). The policy library: administrators,
  // analysts and dispatchers whose scope is a province or the whole country.
  bool MayEditBenefitPolicies(const Caller& c) const;
  // 免申即享 lists over a region of the scope: administrators, analysts, dispatchers.
  bool MayListBenefitMatches(const Caller& c) const;
  // Recording a benefit of an enterprise registered in `region`: staff (not viewers, not
  // enterprises) whose scope covers it.
  bool MayRecordBenefit(const Caller& c, const std::string& region) const;
  // Standard answers owned by `region`: edited by dispatchers and administrators whose scope
  // covers it; read by the appeals' staff whose scope covers it or lies under it.
  bool MayEditStandardAnswer(const Caller& c, const std::string& region) const;
  bool MayReadStandardAnswer(const Caller& c, const std::string& region) const;

  const Catalog& catalog() const { return catalog_; }

 private:
  const Catalog& catalog_;
};

// The NotFound answer for anything out of scope, worded like the answer for absence.
Status NotFoundAs(const std::string& what);
// The same for an enterprise: the answer never repeats the code, so that it reads alike
// whether the code is unknown or registered outside the scope.
Status EnterpriseNotFound();

}  // namespace ballast::app

#endif  // BALLAST_APP_ACCESS_H_
