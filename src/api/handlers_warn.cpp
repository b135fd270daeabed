// Handlers of the warning and policy-target routes.
#include <algorithm>
#include <charconv>
#include <map>

#include "api/handlers.h"
#include "api/json_codec.h"
#include "api/json_warn.h"
#include "app/policy.h"
#include "app/warnings.h"

namespace ballast::api {

namespace {

using Req = httplib::Request;
using Res = httplib::Response;

// Alerts on single enterprises carry enterprise-level figures: roles that only see aggregates
// (viewers) do not get them.
bool MaySeeEnterpriseAlerts(const auth::Principal& p) {
  return auth::RoleAllows(p.role, auth::Permission::kHandleAssigned);
}

// An alert is visible when its subject lies in the caller's scope (subjects without a region,
// such as commodities and policy targets, only to the whole country's users).
Status CheckAlert(app::Workspace& ws, const Ctx& c, const AlertRecord& a) {
  if (a.subject_kind == "enterprise" && !MaySeeEnterpriseAlerts(*c.principal)) {
    return Status::Denied("alerts on single enterprises are not for your role");
  }
  return CheckRegion(ws, c, a.region.empty() ? std::string(kCountryCode) : a.region);
}

Result<AlertRecord> VisibleAlert(app::Workspace& ws, const Ctx& c, int64_t id) {
  ASSIGN_OR_RETURN(AlertRecord a, c.warnings->GetAlert(id));
  RETURN_IF_ERROR(CheckAlert(ws, c, a));
  return a;
}

void ListAlerts(app::Workspace& ws, const Ctx& c, const Req& req, Res& res) {
  app::AlertFilter f;
  f.level = Param(req, "level");
  f.state = Param(req, "state");
  f.handling = Param(req, "handling");
  f.unit = Param(req, "unit");
  f.rule_id = Param(req, "rule");
  f.subject_kind = Param(req, "kind");
  f.include_closed = Param(req, "include_closed") == "1";
  std::string region = Param(req, "region");
  if (!region.empty() && ws.catalog().regions().Find(region) == kNoNode) {
    return SendError(res, 400, "invalid_argument", "region: unknown code '" + region + "'");
  }
  if (Status st = CheckRegion(ws, c, region.empty() ? c.principal->region_code : region);
      !st.ok()) {
    return SendStatus(res, st);
  }
  // The whole country's users also see subjects without a region (commodities, targets).
  const bool country = c.principal->region == ws.catalog().country() && region.empty();
  f.region = country ? "" : (region.empty() ? c.principal->region_code : region);
  if (std::string limit = Param(req, "limit"); !limit.empty()) {
    auto [p, ec] = std::from_chars(limit.data(), limit.data() + limit.size(), f.limit);
    if (ec != std::errc() || p != limit.data() + limit.size()) {
      return SendError(res, 400, "invalid_argument", "limit: not a whole number");
    }
  }
  // Level and limit apply after the counts, so that the counts serve as badges.
  const std::string level = f.level;
  const size_t limit = f.limit;
  f.level.clear();
  f.limit = 0;
  auto alerts = c.warnings->ListAlerts(f);
  if (!alerts.ok()) return SendStatus(res, alerts.status());
  if (!MaySeeEnterpriseAlerts(*c.principal)) {
    std::erase_if(*alerts, [](const AlertRecord& a) { return a.subject_kind == "enterprise"; });
  }
  std::map<std::string, int64_t> counts;
  for (const auto& a : *alerts) counts[a.level] += a.state == "firing";
  if (!level.empty())
    std::erase_if(*alerts, [&](const AlertRecord& a) { return a.level != level; });
  if (limit > 0 && alerts->size() > limit) alerts->resize(limit);
  const auto on_enterprises =
      std::count_if(alerts->begin(), alerts->end(),
                    [](const AlertRecord& a) { return a.subject_kind == "enterprise"; });
  if (on_enterprises > 0) {
    AuditRead(ws, c, "read.enterprise_alerts", "region=" + f.region,
              std::to_string(on_enterprises) + " alerts on enterprises");
  }
  SendJson(res, 200, AlertsJson(*alerts, counts));
}

void GetAlert(app::Workspace& ws, const Ctx& c, const Req& req, Res& res) {
  auto id = PathId(req);
  if (!id.ok()) return SendStatus(res, id.status());
  auto a = VisibleAlert(ws, c, *id);
  if (!a.ok()) return SendStatus(res, a.status());
  auto events = c.warnings->AlertHistory(*id);
  if (!events.ok()) return SendStatus(res, events.status());
  if (a->subject_kind == "enterprise") {
    AuditRead(ws, c, "read.enterprise_alert", a->subject_key, "alert " + std::to_string(*id));
  }
  SendJson(res, 200, AlertDetailJson(*a, *events));
}

// One step of the handling loop; a handler acts only on alerts assigned to its unit.
void AlertStep(app::Workspace& ws, const Ctx& c, const Req& req, Res& res,
               const std::string& step) {
  auto id = PathId(req);
  if (!id.ok()) return SendStatus(res, id.status());
  auto body = ParseWarnBody(req.body);
  if (!body.ok()) return SendStatus(res, body.status());
  auto a = VisibleAlert(ws, c, *id);
  if (!a.ok()) return SendStatus(res, a.status());
  const auth::Principal& p = *c.principal;
  if (p.role == auth::Role::kHandler && a->assignee != p.unit) {
    return SendStatus(res,
                      Status::Denied("the alert is not assigned to your unit (" + p.unit + ")"));
  }
  Result<AlertRecord> r = Status::Internal("unknown step");
  if (step == "acknowledge") r = c.warnings->Acknowledge(*id, p.username, body->note);
  if (step == "assign")
    r = c.warnings->Assign(*id, body->unit, body->deadline, p.username, body->note);
  if (step == "handle") r = c.warnings->Handle(*id, body->note, p.username);
  if (step == "close") r = c.warnings->Close(*id, p.username, body->note);
  Reply(res, r, AlertJson);
}

Status CheckSilenceScope(app::Workspace& ws, const Ctx& c, const std::string& region) {
  return CheckRegion(ws, c, region.empty() ? std::string(kCountryCode) : region);
}

void ListSilences(app::Workspace& ws, const Ctx& c, const Req& req, Res& res) {
  auto list = c.warnings->ListSilences(Param(req, "active") == "1");
  if (!list.ok()) return SendStatus(res, list.status());
  std::erase_if(*list,
                [&](const SilenceRecord& s) { return !CheckSilenceScope(ws, c, s.region).ok(); });
  SendJson(res, 200, SilencesJson(*list));
}

void CreateSilence(app::Workspace& ws, const Ctx& c, const Req& req, Res& res) {
  auto body = ParseWarnBody(req.body);
  if (!body.ok()) return SendStatus(res, body.status());
  if (Status st = CheckSilenceScope(ws, c, body->region); !st.ok()) return SendStatus(res, st);
  app::SilenceRequest s{body->rule_id, body->family,    body->subject_key, body->region,
                        body->reason,  body->starts_at, body->ends_at};
  Reply(res, c.warnings->CreateSilence(s, c.principal->username), SilenceJson, 201);
}

void ExpireSilence(app::Workspace& ws, const Ctx& c, const Req& req, Res& res) {
  auto id = PathId(req);
  if (!id.ok()) return SendStatus(res, id.status());
  auto list = c.warnings->ListSilences(false);
  if (!list.ok()) return SendStatus(res, list.status());
  auto it =
      std::find_if(list->begin(), list->end(), [&](const SilenceRecord& s) { return s.id == *id; });
  if (it == list->end())
    return SendError(res, 404, "not_found", "silence " + std::to_string(*id) + " does not exist");
  if (Status st = CheckSilenceScope(ws, c, it->region); !st.ok()) return SendStatus(res, st);
  if (Status st = c.warnings->ExpireSilence(*id, c.principal->username); !st.ok())
    return SendStatus(res, st);
  SendJson(res, 200, R"({"status":"expired"})");
}

// Rules apply to the whole country: only its administrators change them.
Status CheckCountry(app::Workspace& ws, const Ctx& c) {
  return CheckRegion(ws, c, std::string(kCountryCode));
}

void UpsertRule(app::Workspace& ws, const Ctx& c, const Req& req, Res& res) {
  if (Status st = CheckCountry(ws, c); !st.ok()) return SendStatus(res, st);
  Reply(res, c.warnings->UpsertRule(req.body, c.principal->username), RuleJson);
}

void PatchRule(app::Workspace& ws, const Ctx& c, const Req& req, Res& res) {
  if (Status st = CheckCountry(ws, c); !st.ok()) return SendStatus(res, st);
  auto body = ParseWarnBody(req.body);
  if (!body.ok()) return SendStatus(res, body.status());
  if (!body->enabled)
    return SendError(res, 400, "invalid_argument", "body: give {\"enabled\": true|false}");
  Reply(res, c.warnings->SetRuleEnabled(req.matches[1], *body->enabled, c.principal->username),
        RuleJson);
}

void ImportCommodities(app::Workspace&, const Ctx& c, const Req& req, Res& res) {
  if (!req.is_multipart_form_data() || !req.has_file("file")) {
    return SendError(res, 400, "invalid_argument",
                     "file: send the file as multipart/form-data field 'file'");
  }
  const auto file = req.get_file_value("file");
  auto r = c.warnings->ImportCommodities(file.content, file.filename, c.principal->username);
  if (!r.ok()) return SendStatus(res, r.status());
  if (!r->imported) {
    return SendError(res, 422, "validation_failed",
                     std::to_string(r->errors.size()) + " error(s); nothing was imported",
                     CommodityReportJson(*r));
  }
  SendJson(res, 201, CommodityImportJson(*r));
}

void ListTargets(app::Workspace&, const Ctx& c, const Req& req, Res& res) {
  app::TargetFilter f;
  f.document = Param(req, "document");
  f.unit = Param(req, "unit");
  f.status = Param(req, "status");
  Reply(res, app::ListTargets(*c.warnings, f), TargetsJson);
}

void GetTarget(app::Workspace&, const Ctx& c, const Req& req, Res& res) {
  auto t = app::GetTarget(*c.warnings, req.matches[1]);
  if (!t.ok()) return SendStatus(res, t.status());
  auto progress = app::ListProgress(*c.warnings, req.matches[1]);
  if (!progress.ok()) return SendStatus(res, progress.status());
  SendJson(res, 200, TargetDetailJson(*t, *progress));
}

void AddProgress(app::Workspace&, const Ctx& c, const Req& req, Res& res) {
  auto body = ParseWarnBody(req.body);
  if (!body.ok()) return SendStatus(res, body.status());
  if (!body->value) return SendError(res, 400, "invalid_argument", "value: a number is required");
  auto t = app::GetTarget(*c.warnings, req.matches[1]);
  if (!t.ok()) return SendStatus(res, t.status());
  const auth::Principal& p = *c.principal;
  if (p.role == auth::Role::kHandler) {
    const auto& lead = t->target.lead_units;
    const auto& coop = t->target.cooperating_units;
    if (std::find(lead.begin(), lead.end(), p.unit) == lead.end() &&
        std::find(coop.begin(), coop.end(), p.unit) == coop.end()) {
      return SendStatus(
          res, Status::Denied("your unit (" + p.unit + ") is not responsible for this target"));
    }
  }
  app::ProgressRequest r{req.matches[1], *body->value, body->date, body->note, body->attachment};
  Reply(res, app::AddProgress(*c.warnings, r, p.username), ProgressJson, 201);
}

}  // namespace

const std::map<std::string, Handler>& WarnHandlers() {
  static const std::map<std::string, Handler> handlers = {
      {"GET /api/v1/alerts", ListAlerts},
      {"GET /api/v1/alerts/{id}", GetAlert},
      {"POST /api/v1/alerts/{id}/acknowledge",
       [](app::Workspace& ws, const Ctx& c, const Req& q, Res& r) {
         AlertStep(ws, c, q, r, "acknowledge");
       }},
      {"POST /api/v1/alerts/{id}/assign", [](app::Workspace& ws, const Ctx& c, const Req& q,
                                             Res& r) { AlertStep(ws, c, q, r, "assign"); }},
      {"POST /api/v1/alerts/{id}/handle", [](app::Workspace& ws, const Ctx& c, const Req& q,
                                             Res& r) { AlertStep(ws, c, q, r, "handle"); }},
      {"POST /api/v1/alerts/{id}/close", [](app::Workspace& ws, const Ctx& c, const Req& q,
                                            Res& r) { AlertStep(ws, c, q, r, "close"); }},
      {"GET /api/v1/silences", ListSilences},
      {"POST /api/v1/silences", CreateSilence},
      {"DELETE /api/v1/silences/{id}", ExpireSilence},
      {"GET /api/v1/rules", [](app::Workspace&, const Ctx& c, const Req&,
                               Res& r) { Reply(r, c.warnings->ListRules(), RulesJson); }},
      {"POST /api/v1/rules", UpsertRule},
      {"PATCH /api/v1/rules/{id}", PatchRule},
      {"POST /api/v1/warnings/evaluate",
       [](app::Workspace& ws, const Ctx& c, const Req&, Res& r) {
         if (Status st = CheckRegion(ws, c, std::string(kCountryCode)); !st.ok())
           return SendStatus(r, st);
         Reply(r, c.warnings->Evaluate(), WarnSummaryJson);
       }},
      {"GET /api/v1/commodities",
       [](app::Workspace&, const Ctx& c, const Req& q, Res& r) {
         Reply(r, c.warnings->ListCommodityPoints(Param(q, "code")), CommodityPointsJson);
       }},
      {"POST /api/v1/commodities", ImportCommodities},
      {"GET /api/v1/targets", ListTargets},
      {"GET /api/v1/targets/{id}", GetTarget},
      {"POST /api/v1/targets/{id}/progress", AddProgress},
  };
  return handlers;
}

}  // namespace ballast::api
