#include "app/warnings_scoped.h"

#include <algorithm>

#include "app/audit.h"

namespace ballast::app {

namespace {

using auth::Permission;

// Alerts on single enterprises carry enterprise-level figures: roles that only read
// aggregates (viewers) do not get them.
bool MaySeeEnterpriseAlerts(const Ballast& b, const Caller& c) {
  return b.access().Allows(c, Permission::kHandleAssigned);
}

// What Visible reads of the caller, looked up once for a whole list.
struct Viewer {
  NodeId scope;  // Access::ScopeNode
  bool enterprise_alerts;
};
Viewer ViewerOf(const Ballast& b, const Caller& c) {
  return {b.access().ScopeNode(c), MaySeeEnterpriseAlerts(b, c)};
}

// `region`: the node of the alert's region code (kNoNode: none or unknown); `marks`: the
// alert's LiveAlerts::MarksOf (a list reads the record only for a handler's project alerts).
bool Visible(const Ballast& b, const Caller& c, const AlertRecord& a, const Viewer& v,
             NodeId region, uint8_t marks) {
  if (!v.enterprise_alerts && (marks & LiveAlerts::kOnEnterprise) != 0) return false;
  // A project's alerts, like the project: a handler sees those of its unit's projects only.
  if (c.role == auth::Role::kHandler && (marks & LiveAlerts::kOnProject) != 0 &&
      (c.unit.empty() || a.units != c.unit))
    return false;
  return b.access().InScope(c, v.scope, (marks & LiveAlerts::kCountryWideCode) != 0, region);
}

bool Visible(const Ballast& b, const Caller& c, const AlertRecord& a) {
  return Visible(b, c, a, ViewerOf(b, c), b.catalog().regions().Find(a.region),
                 LiveAlerts::MarksOf(a));
}

Result<AlertRecord> VisibleAlert(Ballast& b, const Caller& c, int64_t id) {
  auto a = b.warnings().GetAlert(id);
  if (!a.ok() && a.status().code() != StatusCode::kNotFound) return a.status();
  if (!a.ok() || !Visible(b, c, *a)) return NotFoundAs("alert " + std::to_string(id));
  return a;
}

Result<warn::HandlingAction> StepPermission(const Ballast& b, const Caller& c, const AlertRecord& a,
                                            const std::string& step) {
  ASSIGN_OR_RETURN(warn::HandlingAction action, warn::ParseHandlingAction(step));
  const Permission needed = action == warn::HandlingAction::kHandle ? Permission::kHandleAssigned
                                                                    : Permission::kHandleAlerts;
  RETURN_IF_ERROR(b.access().Require(c, needed));
  if (c.role == auth::Role::kHandler && a.assignee != c.unit) {
    return Status::Denied("the alert is not assigned to your unit (" + c.unit + ")");
  }
  return action;
}

Status CheckSilenceScope(const Ballast& b, const Caller& c, const std::string& region) {
  return b.access().CheckRegion(c, region.empty() ? std::string(kCountryCode) : region);
}

}  // namespace

namespace {

// The alerts the caller may see under the filter, read in place (no audit record).
Result<AlertView> ScopedView(Ballast& b, const Caller& c, AlertFilter* f) {
  RETURN_IF_ERROR(ScopeAlertFilter(b, c, f));
  const Viewer v = ViewerOf(b, c);
  return b.warnings().ViewAlerts(*f, [&](const AlertRecord& a, NodeId region, uint8_t marks) {
    return Visible(b, c, a, v, region, marks);
  });
}

}  // namespace

Status ScopeAlertFilter(Ballast& b, const Caller& c, AlertFilter* f) {
  RETURN_IF_ERROR(b.access().Require(c, Permission::kReadAggregate));
  if (!f->region.empty() && b.catalog().regions().Find(f->region) == kNoNode) {
    return Status::Invalid("region: unknown code '" + f->region + "'");
  }
  const std::string region = f->region.empty() ? c.region : f->region;
  RETURN_IF_ERROR(b.access().CheckRegion(c, region));
  // The whole country's users also see subjects without a region (commodities, targets).
  f->region = c.whole_country() && f->region.empty() ? "" : region;
  return Status::Ok();
}

void AuditEnterpriseAlerts(Ballast& b, const Caller& c, const AlertFilter& f,
                           int64_t on_enterprises) {
  if (on_enterprises > 0) {
    AuditSuccess(b, c, "read.enterprise_alerts", "region=" + f.region,
                 std::to_string(on_enterprises) + " alerts on enterprises");
  }
}

Result<AlertView> ViewAlerts(Ballast& b, const Caller& c, AlertFilter f) {
  ASSIGN_OR_RETURN(auto view, ScopedView(b, c, &f));
  AuditEnterpriseAlerts(b, c, f, view.on_enterprises);
  return view;
}

Result<AlertList> ListAlerts(Ballast& b, const Caller& c, AlertFilter f) {
  // Level and limit apply after the counts, so that the counts serve as badges. The alerts are
  // filtered in place and only the page is copied.
  const std::string level = f.level;
  const size_t limit = f.limit;
  f.level.clear();
  f.limit = 0;
  ASSIGN_OR_RETURN(auto view, ScopedView(b, c, &f));
  AlertList out;
  for (const AlertRecord* a : view.rows) out.firing_by_level[a->level] += a->state == "firing";
  for (const AlertRecord* a : view.rows) {
    if (limit > 0 && out.alerts.size() >= limit) break;
    if (level.empty() || a->level == level) out.alerts.push_back(*a);
  }
  AuditEnterpriseAlerts(
      b, c, f, std::count_if(out.alerts.begin(), out.alerts.end(), [](const AlertRecord& a) {
        return a.subject_kind == "enterprise";
      }));
  return out;
}

Result<AlertDetail> GetAlert(Ballast& b, const Caller& c, int64_t id) {
  RETURN_IF_ERROR(b.access().Require(c, Permission::kReadAggregate));
  AlertDetail d;
  ASSIGN_OR_RETURN(d.alert, VisibleAlert(b, c, id));
  ASSIGN_OR_RETURN(d.history, b.warnings().AlertHistory(id));
  if (d.alert.subject_kind == "enterprise") {
    AuditSuccess(b, c, "read.enterprise_alert", d.alert.subject_key, "alert " + std::to_string(id));
  }
  return d;
}

Result<AlertRecord> StepAlert(Ballast& b, const Caller& c, int64_t id, const std::string& step,
                              const std::string& unit, const std::string& deadline,
                              const std::string& note) {
  ASSIGN_OR_RETURN(AlertRecord a, VisibleAlert(b, c, id));
  ASSIGN_OR_RETURN(warn::HandlingAction action, StepPermission(b, c, a, step));
  Warnings& w = b.warnings();
  switch (action) {
    case warn::HandlingAction::kAcknowledge:
      return w.Acknowledge(id, c.username, note);
    case warn::HandlingAction::kAssign:
      return w.Assign(id, unit, deadline, c.username, note);
    case warn::HandlingAction::kHandle:
      return w.Handle(id, note, c.username);
    case warn::HandlingAction::kClose:
      return w.Close(id, c.username, note);
  }
  return Status::Internal("unknown step");
}

std::vector<std::string> AllowedAlertActions(const Ballast& b, const Caller& c,
                                             const AlertRecord& a) {
  std::vector<std::string> out;
  for (const char* step : {"acknowledge", "assign", "handle", "close"}) {
    auto action = StepPermission(b, c, a, step);
    if (!action.ok()) continue;
    // A dry run of the state machine with placeholder input: only the step's legality counts.
    warn::HandlingRequest probe{*action,      "probe", "probe",
                                "2099-12-31", "probe", "2099-12-31T00:00:00Z"};
    if (warn::ApplyHandling(a, probe).ok()) out.emplace_back(step);
  }
  return out;
}

Result<std::vector<SilenceRecord>> ListSilences(Ballast& b, const Caller& c, bool active_only) {
  RETURN_IF_ERROR(b.access().Require(c, Permission::kHandleAlerts));
  ASSIGN_OR_RETURN(auto list, b.warnings().ListSilences(active_only));
  std::erase_if(list,
                [&](const SilenceRecord& s) { return !CheckSilenceScope(b, c, s.region).ok(); });
  return list;
}

Result<SilenceRecord> CreateSilence(Ballast& b, const Caller& c, const SilenceRequest& request) {
  RETURN_IF_ERROR(b.access().Require(c, Permission::kHandleAlerts));
  RETURN_IF_ERROR(CheckSilenceScope(b, c, request.region));
  return b.warnings().CreateSilence(request, c.username);
}

Status ExpireSilence(Ballast& b, const Caller& c, int64_t id) {
  RETURN_IF_ERROR(b.access().Require(c, Permission::kHandleAlerts));
  ASSIGN_OR_RETURN(auto list, b.warnings().ListSilences(false));
  auto it =
      std::find_if(list.begin(), list.end(), [&](const SilenceRecord& s) { return s.id == id; });
  if (it == list.end() || !CheckSilenceScope(b, c, it->region).ok())
    return NotFoundAs("silence " + std::to_string(id));
  return b.warnings().ExpireSilence(id, c.username);
}

Result<std::vector<RuleView>> ListRules(Ballast& b, const Caller& c) {
  RETURN_IF_ERROR(b.access().Require(c, Permission::kReadAggregate));
  return b.warnings().ListRules();
}

// Rules apply to the whole country: only its administrators change them.
Result<RuleView> UpsertRule(Ballast& b, const Caller& c, std::string_view rule_json) {
  RETURN_IF_ERROR(b.access().Require(c, Permission::kAdmin));
  RETURN_IF_ERROR(b.access().CheckCountry(c, "changing the warning rules"));
  return b.warnings().UpsertRule(rule_json, c.username);
}

Result<RuleView> SetRuleEnabled(Ballast& b, const Caller& c, const std::string& rule_id,
                                bool enabled) {
  RETURN_IF_ERROR(b.access().Require(c, Permission::kAdmin));
  RETURN_IF_ERROR(b.access().CheckCountry(c, "changing the warning rules"));
  return b.warnings().SetRuleEnabled(rule_id, enabled, c.username);
}

Result<WarnSummary> Evaluate(Ballast& b, const Caller& c, const std::string& now) {
  RETURN_IF_ERROR(b.access().Require(c, Permission::kImport));
  RETURN_IF_ERROR(b.access().CheckCountry(c, "evaluating the rules"));
  return b.warnings().Evaluate(now);
}

Result<std::vector<CommodityPointRecord>> ListCommodityPoints(Ballast& b, const Caller& c,
                                                              const std::string& code) {
  RETURN_IF_ERROR(b.access().Require(c, Permission::kReadAggregate));
  return b.warnings().ListCommodityPoints(code);
}

Result<CommodityImportResult> ImportCommodities(Ballast& b, const Caller& c, std::string_view bytes,
                                                std::string_view file_name) {
  RETURN_IF_ERROR(b.access().Require(c, Permission::kImport));
  return b.warnings().ImportCommodities(bytes, file_name, c.username);
}

}  // namespace ballast::app
