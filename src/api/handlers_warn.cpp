// Routes of early warning and policy targets. app/warnings_scoped.h and app/policy.h decide
// who sees and does what; these only translate HTTP.
#include <cstdlib>

#include "api/http_util.h"
#include "api/json_codec.h"
#include "api/json_warn.h"
#include "api/route.h"
#include "app/episodes.h"
#include "app/judgement.h"
#include "app/policy.h"
#include "app/warnings_scoped.h"

namespace ballast::api {

namespace {

using Req = httplib::Request;
using Res = httplib::Response;
using auth::Permission;

std::function<std::vector<std::string>(const AlertRecord&)> Allowed(const Ctx& c) {
  return [&c](const AlertRecord& a) { return app::AllowedAlertActions(c.app, *c.caller, a); };
}

void ListAlerts(const Ctx& c, const Req& req, Res& res) {
  app::AlertFilter f;
  f.level = Param(req, "level");
  f.state = Param(req, "state");
  f.handling = Param(req, "handling");
  f.unit = Param(req, "unit");
  f.rule_id = Param(req, "rule");
  f.subject_kind = Param(req, "kind");
  f.region = Param(req, "region");
  f.include_closed = Param(req, "include_closed") == "1";
  auto limit = IntParam(req, "limit", 0);
  if (!limit.ok()) return SendStatus(res, limit.status());
  f.limit = static_cast<size_t>(*limit);
  auto list = app::ListAlerts(c.app, *c.caller, f);
  if (!list.ok()) return SendStatus(res, list.status());
  SendJson(res, 200, AlertsJson(list->alerts, list->firing_by_level, Allowed(c)));
}

void GetAlert(const Ctx& c, const Req& req, Res& res) {
  auto id = PathId(req);
  if (!id.ok()) return SendStatus(res, id.status());
  auto d = app::GetAlert(c.app, *c.caller, *id);
  if (!d.ok()) return SendStatus(res, d.status());
  SendJson(res, 200, AlertDetailJson(d->alert, d->history, Allowed(c)(d->alert)));
}

// min_score: "" = 0; else a number >= 0.
Result<double> MinScore(const Req& req) {
  if (!req.has_param("min_score")) return 0.0;
  const std::string v = Param(req, "min_score");
  char* end = nullptr;
  const double x = std::strtod(v.c_str(), &end);
  if (v.empty() || *end != '\0' || !(x >= 0) || x > 1e9) return Status::Invalid("min_score: a number >= 0");
  return x;
}

void ListEpisodes(const Ctx& c, const Req& req, Res& res) {
  app::EpisodeFilter f;
  f.region = Param(req, "region");
  f.level = Param(req, "level");
  f.kind = Param(req, "kind");
  f.rule_id = Param(req, "rule");
  f.subject_key = Param(req, "subject");
  if (req.has_param("state")) f.state = Param(req, "state");
  if (req.has_param("sort")) f.sort = Param(req, "sort");
  f.include_muted = Param(req, "include_muted") == "1";
  auto min_score = MinScore(req);
  if (!min_score.ok()) return SendStatus(res, min_score.status());
  f.min_score = *min_score;
  auto offset = IntParam(req, "offset", 0);
  if (!offset.ok()) return SendStatus(res, offset.status());
  auto limit = IntParam(req, "limit", 50);
  if (!limit.ok()) return SendStatus(res, limit.status());
  if (*offset < 0 || *limit < 0 || *limit > 1000) {
    return SendError(res, 400, "invalid_argument", "offset >= 0 and 0 <= limit <= 1000 (0 = 50)");
  }
  f.offset = static_cast<size_t>(*offset);
  f.limit = *limit == 0 ? 50 : static_cast<size_t>(*limit);
  // The actions depend on the caller's role and unit, which the list's cache key holds.
  const auto allowed = Allowed(c);
  Reply(res, app::ListEpisodes(c.app, *c.caller, f,
                               {"json", [&](const app::EpisodeList& l) { return EpisodesJson(l, allowed); }}));
}

void CountEpisodes(const Ctx& c, const Req& req, Res& res) {
  auto min_score = MinScore(req);
  if (!min_score.ok()) return SendStatus(res, min_score.status());
  Reply(res, app::CountEpisodes(c.app, *c.caller, Param(req, "region"), *min_score), EpisodeCountsJson);
}

void Judge(const Ctx& c, const Req& req, Res& res) {
  const std::string indicator =
      req.has_param("indicator") ? Param(req, "indicator") : "output_value";
  auto j = app::Judge(c.app, *c.caller, Param(req, "region"), Param(req, "industry"), indicator);
  if (!j.ok()) return SendStatus(res, j.status());
  SendJson(res, 200, JudgementJson(*j, Allowed(c)));
}

template <const char* kStep>
void AlertStep(const Ctx& c, const Req& req, Res& res) {
  auto id = PathId(req);
  if (!id.ok()) return SendStatus(res, id.status());
  auto body = ParseWarnBody(req.body);
  if (!body.ok()) return SendStatus(res, body.status());
  auto a = app::StepAlert(c.app, *c.caller, *id, kStep, body->unit, body->deadline, body->note);
  if (!a.ok()) return SendStatus(res, a.status());
  SendJson(res, 200, AlertJson(*a, Allowed(c)(*a)));
}
constexpr char kAcknowledge[] = "acknowledge", kAssign[] = "assign", kHandle[] = "handle", kClose[] = "close";

void CreateSilence(const Ctx& c, const Req& req, Res& res) {
  auto body = ParseWarnBody(req.body);
  if (!body.ok()) return SendStatus(res, body.status());
  app::SilenceRequest s{body->rule_id, body->family,    body->subject_key, body->region,
                        body->reason,  body->starts_at, body->ends_at};
  Reply(res, app::CreateSilence(c.app, *c.caller, s), SilenceJson, 201);
}

void ExpireSilence(const Ctx& c, const Req& req, Res& res) {
  auto id = PathId(req);
  if (!id.ok()) return SendStatus(res, id.status());
  if (Status st = app::ExpireSilence(c.app, *c.caller, *id); !st.ok()) return SendStatus(res, st);
  SendJson(res, 200, R"({"status":"expired"})");
}

void PatchRule(const Ctx& c, const Req& req, Res& res) {
  auto body = ParseWarnBody(req.body);
  if (!body.ok()) return SendStatus(res, body.status());
  if (!body->enabled) return SendError(res, 400, "invalid_argument", "body: give {\"enabled\": true|false}");
  Reply(res, app::SetRuleEnabled(c.app, *c.caller, req.matches[1], *body->enabled), RuleJson);
}

void ImportCommodities(const Ctx& c, const Req& req, Res& res) {
  if (!req.is_multipart_form_data() || !req.has_file("file")) {
    return SendError(res, 400, "invalid_argument", "file: send the file as multipart/form-data field 'file'");
  }
  const auto file = req.get_file_value("file");
  auto r = app::ImportCommodities(c.app, *c.caller, file.content, file.filename);
  if (!r.ok()) return SendStatus(res, r.status());
  if (!r->imported) {
    return SendError(res, 422, "validation_failed", std::to_string(r->errors.size()) + " error(s); nothing was imported",
                     CommodityReportJson(*r));
  }
  SendJson(res, 201, CommodityImportJson(*r));
}

void ListTargets(const Ctx& c, const Req& req, Res& res) {
  app::TargetFilter f;
  f.document = Param(req, "document");
  f.unit = Param(req, "unit");
  f.status = Param(req, "status");
  Period today = 0;
  if (req.has_param("today")) {
    auto p = ParsePeriod(Param(req, "today"));
    if (!p.ok()) return SendError(res, 400, "invalid_argument", "today: a month YYYY-MM");
    today = *p;
  }
  Reply(res, app::ListTargets(c.app, *c.caller, f, today), TargetsJson);
}

void GetTarget(const Ctx& c, const Req& req, Res& res) {
  auto d = app::GetTarget(c.app, *c.caller, req.matches[1]);
  if (!d.ok()) return SendStatus(res, d.status());
  SendJson(res, 200, TargetDetailJson(d->view, d->progress));
}

void AddProgress(const Ctx& c, const Req& req, Res& res) {
  auto body = ParseWarnBody(req.body);
  if (!body.ok()) return SendStatus(res, body.status());
  if (!body->value) return SendError(res, 400, "invalid_argument", "value: a number is required");
  app::ProgressRequest r{req.matches[1], *body->value, body->date, body->note, body->attachment};
  Reply(res, app::AddProgress(c.app, *c.caller, r), ProgressJson, 201);
}

}  // namespace

std::vector<Route> WarnRoutes() {
  const ParamSpec id{"id", "integer", true, "the alert's id", {}, "path"};
  const std::string note_body = R"({"note":"matrix"})";
  return {
      {"GET", "/api/v1/alerts", "Alerts in the caller's scope, most severe first, with firing counts by level",
       Permission::kReadAggregate,
       {{"level", "string", false, "only this level (counts stay over all levels)", {"red", "orange", "yellow", "blue"}},
        {"state", "string", false, "alert state", {"pending", "firing", "resolved"}},
        {"handling", "string", false, "handling step", {"open", "acknowledged", "assigned", "handled", "closed"}},
        {"region", "string", false, "subjects in this region's subtree (default the caller's scope)"},
        {"unit", "string", false, "responsible unit"},
        {"rule", "string", false, "rule id"},
        {"kind", "string", false, "subject kind", {"enterprise", "region", "industry", "commodity", "target", "project"}},
        {"include_closed", "string", false, "1: also resolved-and-closed episodes", {"0", "1"}},
        {"limit", "integer", false, "at most this many (after the counts)"}},
       "", "Alerts", 200, ListAlerts, "/api/v1/alerts?region=410100", "/api/v1/alerts?region=419001", ""},
      {"GET", "/api/v1/episodes",
       "Episodes (one per subject, collecting its rule hits) in the caller's scope, most important first, with "
       "counts by level, subject kind, region and rule over all of them",
       Permission::kReadAggregate,
       {{"region", "string", false, "subjects in this region's subtree (default the caller's scope)"},
        {"state", "string", false, "firing (default), pending, or empty for both", {"firing", "pending", ""}},
        {"level", "string", false, "only this worst level (counts stay over all levels)",
         {"red", "orange", "yellow", "blue"}},
        {"kind", "string", false, "subject kind", {"enterprise", "region", "industry", "commodity", "target", "project"}},
        {"rule", "string", false, "episodes with a hit of this rule"},
        {"subject", "string", false, "one subject key"},
        {"include_muted", "string", false, "1: also episodes whose every hit is silenced or inhibited", {"0", "1"}},
        {"min_score", "number", false, "only episodes at least this important (counts too); the UI's default list uses 20"},
        {"sort", "string", false, "score (default), level, newest, duration",
         {"score", "level", "newest", "duration"}},
        {"offset", "integer", false, "skip this many (pagination)"},
        {"limit", "integer", false, "page size, at most 1000 (default 50)"}},
       "", "Episodes", 200, ListEpisodes, "/api/v1/episodes?region=410100", "/api/v1/episodes?region=419001", ""},
      {"GET", "/api/v1/episodes/count", "Counts of firing, unmuted episodes in the caller's scope (the badge)",
       Permission::kReadAggregate,
       {{"region", "string", false, "a region in the caller's scope (default the scope)"},
        {"min_score", "number", false, "only episodes at least this important (the UI's badge uses 20)"}},
       "", "EpisodeCounts", 200,
       CountEpisodes, "/api/v1/episodes/count?region=410100", "/api/v1/episodes/count?region=419001", ""},
      {"GET", "/api/v1/judgement",
       "研判: how many enterprises decline and how widely, the top pulls, duration, what turned down this month, "
       "and the region and industry episodes of a node",
       Permission::kReadAggregate,
       {{"region", "string", false, "region code (default the caller's scope)"},
        {"industry", "string", false, "industry code (default BCD)"},
        {"indicator", "string", false, "a base indicator (default output_value)"}},
       "", "Judgement", 200, Judge, "/api/v1/judgement?region=410100", "/api/v1/judgement?region=419001", ""},
      {"GET", "/api/v1/alerts/{id}", "One alert with its history", Permission::kReadAggregate, {id}, "", "AlertDetail",
       200, GetAlert, "/api/v1/alerts/{alert_in}", "/api/v1/alerts/{alert_out}", "", Permission::kHandleAssigned},
      {"POST", "/api/v1/alerts/{id}/acknowledge", "Acknowledge an alert", Permission::kHandleAlerts, {id}, "AlertStep",
       "Alert", 200, AlertStep<kAcknowledge>, "/api/v1/alerts/{alert_in}/acknowledge",
       "/api/v1/alerts/{alert_out}/acknowledge", note_body},
      {"POST", "/api/v1/alerts/{id}/assign", "Assign an alert to a responsible unit with a deadline",
       Permission::kHandleAlerts, {id}, "AlertStep", "Alert", 200, AlertStep<kAssign>,
       "/api/v1/alerts/{alert_in}/assign", "/api/v1/alerts/{alert_out}/assign",
       R"({"unit":"省工业和信息化厅","deadline":"2030-01-31","note":"matrix"})"},
      {"POST", "/api/v1/alerts/{id}/handle", "Record how an alert was handled (a handler: alerts of its unit)",
       Permission::kHandleAssigned, {id}, "AlertStep", "Alert", 200, AlertStep<kHandle>,
       "/api/v1/alerts/{alert_in}/handle", "/api/v1/alerts/{alert_out}/handle", note_body},
      {"POST", "/api/v1/alerts/{id}/close", "Close an alert", Permission::kHandleAlerts, {id}, "AlertStep", "Alert",
       200, AlertStep<kClose>, "/api/v1/alerts/{alert_in}/close", "/api/v1/alerts/{alert_out}/close", note_body},
      {"GET", "/api/v1/silences", "Silences in the caller's scope", Permission::kHandleAlerts,
       {{"active", "string", false, "1: only active ones", {"0", "1"}}}, "", "Silences", 200,
       [](const Ctx& c, const Req& q, Res& r) {
         Reply(r, app::ListSilences(c.app, *c.caller, Param(q, "active") == "1"), SilencesJson);
       },
       "/api/v1/silences", "", ""},
      {"POST", "/api/v1/silences", "Silence alerts (matchers: rule_id, family, subject_key, region)",
       Permission::kHandleAlerts, {}, "NewSilence", "Silence", 201, CreateSilence, "/api/v1/silences",
       "/api/v1/silences", R"({"region":"410100","reason":"matrix","ends_at":"2030-01-01T00:00:00Z"})"},
      {"DELETE", "/api/v1/silences/{id}", "End a silence now", Permission::kHandleAlerts,
       {{"id", "integer", true, "the silence's id", {}, "path"}}, "", "StatusMessage", 200, ExpireSilence,
       "/api/v1/silences/{silence_in}", "/api/v1/silences/{silence_out}", ""},
      {"GET", "/api/v1/rules", "The effective warning rules", Permission::kReadAggregate, {}, "", "Rules", 200,
       [](const Ctx& c, const Req&, Res& r) { Reply(r, app::ListRules(c.app, *c.caller), RulesJson); },
       "/api/v1/rules", "", ""},
      {"POST", "/api/v1/rules", "Create or revise a rule (administrators of the whole country)", Permission::kAdmin,
       {}, "RuleBody", "Rule", 200,
       [](const Ctx& c, const Req& q, Res& r) { Reply(r, app::UpsertRule(c.app, *c.caller, q.body), RuleJson); }, "",
       "/api/v1/rules", "{}"},
      {"PATCH", "/api/v1/rules/{id}", "Enable or disable a rule (administrators of the whole country)",
       Permission::kAdmin, {{"id", "string", true, "the rule's id", {}, "path"}}, "RuleSwitch", "Rule", 200, PatchRule,
       "", "/api/v1/rules/ent_output_drop", R"({"enabled":true})"},
      {"POST", "/api/v1/warnings/evaluate", "Evaluate the rules now (the whole country's importers)",
       Permission::kImport, {}, "", "WarnSummary", 200,
       [](const Ctx& c, const Req&, Res& r) { Reply(r, app::Evaluate(c.app, *c.caller), WarnSummaryJson); }, "",
       "/api/v1/warnings/evaluate", ""},
      {"GET", "/api/v1/commodities", "Commodity price and supply series", Permission::kReadAggregate,
       {{"code", "string", false, "one commodity"}}, "", "CommodityPoints", 200,
       [](const Ctx& c, const Req& q, Res& r) {
         Reply(r, app::ListCommodityPoints(c.app, *c.caller, Param(q, "code")), CommodityPointsJson);
       },
       "/api/v1/commodities", "", ""},
      {"POST", "/api/v1/commodities", "Import commodity prices (multipart field 'file')", Permission::kImport, {},
       "multipart", "CommodityImport", 201, ImportCommodities, "/api/v1/commodities", "", "commodities"},
      {"GET", "/api/v1/targets", "Policy targets with status against the expected path", Permission::kReadAggregate,
       {{"document", "string", false, "policy document id"},
        {"unit", "string", false, "a lead or cooperating unit"},
        {"status", "string", false, "only this status"},
        {"today", "string", false, "status as of this month YYYY-MM (reports dated on or before its last day)"}},
       "", "Targets", 200, ListTargets, "/api/v1/targets", "", ""},
      {"GET", "/api/v1/targets/{id}", "One target with its progress reports", Permission::kReadAggregate,
       {{"id", "string", true, "the target's id", {}, "path"}}, "", "TargetDetail", 200, GetTarget,
       "/api/v1/targets/henan2022.1.enterprises_served", "", ""},
      {"POST", "/api/v1/targets/{id}/progress",
       "Report progress on a target of a region in the caller's scope (a handler: targets naming its unit)",
       Permission::kReportProgress, {{"id", "string", true, "the target's id", {}, "path"}}, "NewProgress", "Progress",
       201, AddProgress, "", "/api/v1/targets/henan2022.1.enterprises_served/progress",
       R"({"value":1000,"date":"2022-06-30","note":"matrix"})"},
  };
}

}  // namespace ballast::api
