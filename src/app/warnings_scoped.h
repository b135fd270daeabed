// The early-warning use cases as a caller asks them (app/access.h decides): alerts of subjects
// inside the scope (subjects without a region — commodities, policy targets — for the whole
// country's users only; alerts on single enterprises for roles that read enterprise rows),
// the handling loop with the actions the caller may take now, silences inside the scope, and
// rules and evaluation for the whole country's users.
#ifndef BALLAST_APP_WARNINGS_SCOPED_H_
#define BALLAST_APP_WARNINGS_SCOPED_H_

#include <map>
#include <string>
#include <vector>

#include "app/ballast.h"

namespace ballast::app {

struct AlertList {
  std::vector<AlertRecord> alerts;                 // after the level filter and the limit
  std::map<std::string, int64_t> firing_by_level;  // before them: badges
};
// filter.region: "" = the caller's scope.
Result<AlertList> ListAlerts(Ballast& b, const Caller& caller, AlertFilter filter);
// The same alerts, in the same order, read in place (the records are not copied), with the
// filter's level and limit applied as Warnings::ViewAlerts does (no counts).
Result<AlertView> ViewAlerts(Ballast& b, const Caller& caller, AlertFilter filter);
// What ViewAlerts checks before it reads (permission, region) and the filter's region in the
// caller's scope; and the audit record it writes after (none when no alert is on an enterprise).
// For answers made from a view and kept (app/episodes.cpp): checked and audited on every request.
Status ScopeAlertFilter(Ballast& b, const Caller& caller, AlertFilter* filter);
void AuditEnterpriseAlerts(Ballast& b, const Caller& caller, const AlertFilter& filter,
                           int64_t on_enterprises);

struct AlertDetail {
  AlertRecord alert;
  std::vector<AlertEventRecord> history;
};
Result<AlertDetail> GetAlert(Ballast& b, const Caller& caller, int64_t id);
// step: acknowledge | assign | handle | close.
Result<AlertRecord> StepAlert(Ballast& b, const Caller& caller, int64_t id, const std::string& step,
                              const std::string& unit, const std::string& deadline,
                              const std::string& note);
// The handling steps the caller may take on the alert now (what the UI offers).
std::vector<std::string> AllowedAlertActions(const Ballast& b, const Caller& caller,
                                             const AlertRecord& alert);

Result<std::vector<SilenceRecord>> ListSilences(Ballast& b, const Caller& caller, bool active_only);
Result<SilenceRecord> CreateSilence(Ballast& b, const Caller& caller,
                                    const SilenceRequest& request);
Status ExpireSilence(Ballast& b, const Caller& caller, int64_t id);

Result<std::vector<RuleView>> ListRules(Ballast& b, const Caller& caller);
Result<RuleView> UpsertRule(Ballast& b, const Caller& caller, std::string_view rule_json);
Result<RuleView> SetRuleEnabled(Ballast& b, const Caller& caller, const std::string& rule_id,
                                bool enabled);
Result<WarnSummary> Evaluate(Ballast& b, const Caller& caller, const std::string& now = "");

Result<std::vector<CommodityPointRecord>> ListCommodityPoints(Ballast& b, const Caller& caller,
                                                              const std::string& code);
Result<CommodityImportResult> ImportCommodities(Ballast& b, const Caller& caller,
                                                std::string_view bytes, std::string_view file_name);

}  // namespace ballast::app

#endif  // BALLAST_APP_WARNINGS_SCOPED_H_
