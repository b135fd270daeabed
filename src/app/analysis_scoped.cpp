// The analysis use cases as a caller asks them: scope, derived-figure scope, enterprise-level
// rows and their audit (see analysis.h).
#include <algorithm>

#include "app/analysis.h"
#include "app/ballast.h"

namespace ballast::app {

namespace {

bool IsParentRelative(const std::string& measure) {
  return measure == "share" || measure == "contrib_pp" || measure == "contrib_share";
}

// A share or contribution of region R along the region dimension compares R with its parent:
// from R's value and share anyone can divide out the parent's total. Outside the scope, they go.
void RestrictDerived(const Ballast& b, const Caller& caller, const std::vector<std::string>& measures,
                     const std::string& of, const std::string& region_code, Row& row) {
  if (of != "region" || caller.whole_country()) return;
  const CodeTree& regions = b.catalog().regions();
  const NodeId n = regions.Find(region_code);
  if (n == kNoNode) return;
  const NodeId parent = regions.node(n).parent;
  if (parent != kNoNode && b.access().InScope(caller, parent)) return;
  for (size_t i = 0; i < measures.size() && i < row.values.size(); ++i) {
    if (IsParentRelative(measures[i])) row.values[i] = std::nullopt;
  }
}

std::string OfOf(const CellRequest& r) { return r.of.empty() ? "industry" : r.of; }

Status CheckAggregate(Ballast& b, const Caller& caller, const CellRequest& r) {
  RETURN_IF_ERROR(b.access().Require(caller, auth::Permission::kReadAggregate));
  return b.access().CheckRegion(caller, r.region);
}

void AuditRead(Ballast& b, const Caller& c, const std::string& action, const std::string& target,
               const std::string& detail) {
  (void)b.auth().Audit({c.username, std::string(auth::RoleName(c.role)), c.address, action, target, "success", detail});
}

// An enterprise the caller may see at all; NotFound alike for unknown and out of scope.
Result<EnterpriseInfo> VisibleEnterprise(Ballast& b, const Caller& caller, const std::string& uscc, BatchId as_of) {
  auto e = GetEnterprise(b.workspace(), uscc, as_of);
  const bool own = caller.role == auth::Role::kEnterprise && uscc == caller.uscc;
  if (!e.ok()) {
    if (e.status().code() == StatusCode::kNotFound && !own) return EnterpriseNotFound();
    return e.status();
  }
  if (!b.access().MaySeeEnterprise(caller, uscc, e->region.code)) return EnterpriseNotFound();
  AuditRead(b, caller, "read.enterprise", uscc, "");
  return e;
}

}  // namespace

Result<CellAnswer> QueryCell(Ballast& b, const Caller& caller, const CellRequest& request) {
  RETURN_IF_ERROR(CheckAggregate(b, caller, request));
  ASSIGN_OR_RETURN(CellAnswer a, QueryCell(b.workspace(), request));
  RestrictDerived(b, caller, a.measures, OfOf(request), a.region.code, a.row);
  return a;
}

Result<TableAnswer> QueryTable(Ballast& b, const Caller& caller, const TableRequest& request) {
  RETURN_IF_ERROR(CheckAggregate(b, caller, request));
  const bool enterprises = request.dim == "enterprise";
  if (enterprises && !b.access().MayListEnterprises(caller)) {
    return Status::Denied("enterprise-level rows need the analyst role");
  }
  ASSIGN_OR_RETURN(TableAnswer t, QueryTable(b.workspace(), request));
  // The node's own row compares it with its parent along the table's dimension.
  const std::string dim = t.dim == "enterprise" ? "industry" : t.dim;
  RestrictDerived(b, caller, t.parent.measures, dim, t.parent.region.code, t.parent.row);
  if (enterprises) {
    AuditRead(b, caller, "read.enterprise_rows", "region=" + t.parent.region.code + " industry=" + t.parent.industry.code,
              std::to_string(t.rows.size()) + " enterprises");
  }
  return t;
}

Result<SeriesAnswer> QuerySeries(Ballast& b, const Caller& caller, const SeriesRequest& request) {
  RETURN_IF_ERROR(CheckAggregate(b, caller, request));
  ASSIGN_OR_RETURN(SeriesAnswer s, QuerySeries(b.workspace(), request));
  const std::string of = OfOf(request);
  for (auto& [period, row] : s.points) RestrictDerived(b, caller, s.cell.measures, of, s.cell.region.code, row);
  RestrictDerived(b, caller, s.cell.measures, of, s.cell.region.code, s.cell.row);
  return s;
}

Result<RankingAnswer> QueryRanking(Ballast& b, const Caller& caller, const CellRequest& request) {
  RETURN_IF_ERROR(CheckAggregate(b, caller, request));
  ASSIGN_OR_RETURN(RankingAnswer a, QueryRanking(b.workspace(), request));
  RestrictDerived(b, caller, a.parent.measures, "region", a.parent.region.code, a.parent.row);
  return a;
}

Result<EnterpriseInfo> GetEnterprise(Ballast& b, const Caller& caller, const std::string& uscc, BatchId as_of) {
  return VisibleEnterprise(b, caller, uscc, as_of);
}

Result<std::vector<EnterprisePoint>> GetEnterpriseSeries(Ballast& b, const Caller& caller, const std::string& uscc,
                                                         const std::string& indicator, const std::string& from,
                                                         const std::string& to, BatchId as_of) {
  RETURN_IF_ERROR(VisibleEnterprise(b, caller, uscc, as_of).status());
  return GetEnterpriseSeries(b.workspace(), uscc, indicator, from, to, as_of);
}

}  // namespace ballast::app
