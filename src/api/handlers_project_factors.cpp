// Routes of the factor-guarantee ledger of major projects (要素保障台账, issue 15 item 1): list,
// one item with its history, opening an item of a project, and the steps of the service loop.
// app/project_factors.h decides who sees and acts; these only translate HTTP and JSON.
#include <nlohmann/json.hpp>

#include "api/http_util.h"
#include "api/json_depth.h"
#include "api/route.h"
#include "app/project_factors.h"

namespace ballast::api {
namespace {

using Req = httplib::Request;
using Res = httplib::Response;
using Json = nlohmann::ordered_json;
using auth::Permission;

Json ItemJson(const app::FactorRow& r) {
  const projects::FactorItem& f = r.item;
  return {{"id", f.id},
          {"version", f.version},
          {"project_id", f.project_id},
          {"project_code", r.project_code},
          {"project_name", r.project_name},
          {"region", r.region},
          {"factor", projects::FactorName(f.factor)},
          {"factor_zh", projects::FactorNameZh(f.factor)},
          {"description", f.description},
          {"unit", f.unit},
          {"days", f.days},
          {"source", f.source},
          {"opened_by", f.opened_by},
          {"opened_at", f.opened_at},
          {"open", f.open},
          {"state", f.state},
          {"dispatched_at", f.dispatched_at},
          {"response_due", f.response_due},
          {"due", f.due},
          {"first_response_at", f.first_response_at},
          {"replied_at", f.replied_at},
          {"reply", f.reply},
          {"closed_at", f.closed_at},
          {"updated_at", f.updated_at},
          {"extension_days_requested", f.extension_days_requested},
          {"extensions", f.extensions},
          {"escalations", f.escalations},
          {"overdue", r.overdue},
          {"actions", r.actions}};
}

std::string ItemAnswer(const app::FactorRow& r) { return Json{{"item", ItemJson(r)}}.dump(); }

Result<Json> Body(const Req& req) {
  RETURN_IF_ERROR(CheckJsonDepth(req.body));
  Json j = Json::parse(req.body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::Invalid("body: expected a JSON object");
  return j;
}

Status Str(const Json& j, const char* name, std::string* out) {
  if (!j.contains(name) || j[name].is_null()) return Status::Ok();
  if (!j[name].is_string())
    return Status::Invalid(std::string("body: '") + name + "' must be a string");
  *out = j[name].get<std::string>();
  return Status::Ok();
}

Status Int(const Json& j, const char* name, int64_t lo, int64_t hi, int64_t* out) {
  if (!j.contains(name) || j[name].is_null()) return Status::Ok();
  if (!j[name].is_number_integer() || j[name].get<int64_t>() < lo || j[name].get<int64_t>() > hi)
    return Status::Invalid(std::string("body: '") + name + "' must be an integer " +
                           std::to_string(lo) + "–" + std::to_string(hi));
  *out = j[name].get<int64_t>();
  return Status::Ok();
}

void List(const Ctx& c, const Req& req, Res& res) {
  app::FactorFilter f;
  f.region = Param(req, "region");
  f.state = Param(req, "state");
  f.unit = Param(req, "unit");
  f.factor = Param(req, "factor");
  auto project = IntParam(req, "project", 0);
  if (!project.ok()) return SendStatus(res, project.status());
  f.project_id = *project;
  f.open_only = Param(req, "open") == "true" || Param(req, "open") == "1";
  f.overdue_only = Param(req, "overdue") == "true" || Param(req, "overdue") == "1";
  Reply(res, app::ListFactorItems(c.app, *c.caller, f), [](const std::vector<app::FactorRow>& v) {
    Json list = Json::array();
    for (const auto& r : v) list.push_back(ItemJson(r));
    return Json{{"items", list}}.dump();
  });
}

void Get(const Ctx& c, const Req& req, Res& res) {
  auto id = PathId(req);
  if (!id.ok()) return SendStatus(res, id.status());
  Reply(res, app::GetFactorItem(c.app, *c.caller, *id), [](const app::FactorView& v) {
    Json history = Json::array();
    for (const auto& e : v.history) {
      history.push_back({{"at", e.at},
                         {"actor", e.actor},
                         {"party", e.party},
                         {"action", e.action},
                         {"from_state", e.from_state},
                         {"to_state", e.to_state},
                         {"unit", e.unit},
                         {"reason", e.reason},
                         {"body", e.body}});
    }
    return Json{{"item", ItemJson(v.row)}, {"history", history}}.dump();
  });
}

void Open(const Ctx& c, const Req& req, Res& res) {
  auto id = PathId(req);
  if (!id.ok()) return SendStatus(res, id.status());
  auto j = Body(req);
  if (!j.ok()) return SendStatus(res, j.status());
  app::NewFactorItem n;
  n.project_id = *id;
  int64_t days = 0;
  for (Status s : {Str(*j, "factor", &n.factor), Str(*j, "description", &n.description),
                   Str(*j, "unit", &n.unit), Int(*j, "days", 0, 100000, &days)}) {
    if (!s.ok()) return SendStatus(res, s);
  }
  n.days = static_cast<int32_t>(days);
  Reply(res, app::OpenFactorItem(c.app, *c.caller, n), ItemAnswer, 201);
}

void Step(const Ctx& c, const Req& req, Res& res) {
  auto id = PathId(req);
  if (!id.ok()) return SendStatus(res, id.status());
  auto j = Body(req);
  if (!j.ok()) return SendStatus(res, j.status());
  app::FactorStepRequest r;
  r.id = *id;
  if (!j->contains("version") || !(*j)["version"].is_number_integer())
    return SendStatus(res, Status::Invalid("body: 'version' (the version you read) is required"));
  r.version = (*j)["version"].get<int64_t>();
  int64_t days = 0;
  for (Status s :
       {Str(*j, "action", &r.action), Str(*j, "reason", &r.reason), Str(*j, "reply", &r.reply),
        Str(*j, "unit", &r.unit), Int(*j, "days", 0, 100000, &days)}) {
    if (!s.ok()) return SendStatus(res, s);
  }
  r.days = static_cast<int32_t>(days);
  if (j->contains("approve")) {
    if (!(*j)["approve"].is_boolean())
      return SendStatus(res, Status::Invalid("body: 'approve' must be true or false"));
    r.approve = (*j)["approve"].get<bool>();
  }
  Reply(res, app::StepFactorItem(c.app, *c.caller, r), ItemAnswer);
}

constexpr const char* kOpenBody =
    R"({"factor":"eia","description":"环评批复待办","unit":"省生态环境厅","days":10})";
// Version 0 never matches (items start at 1): the matrix probes who may step, never changes it.
constexpr const char* kStepBody = R"({"version":0,"action":"start"})";

}  // namespace

std::vector<Route> ProjectFactorRoutes() {
  const ParamSpec id{"id", "integer", true, "factor item id", {}, "path"};
  const ParamSpec project_id{"id", "integer", true, "project id", {}, "path"};
  return {
      {"GET",
       "/api/v1/projects/factors",
       "The factor-guarantee ledger (要素保障台账): items of the projects in the caller's scope (a "
       "handler: those assigned to its unit)",
       Permission::kReadAggregate,
       {{"region", "string", false, "GB/T 2260 code (default: the caller's scope)"},
        {"state", "string", false, "a state of the service loop"},
        {"unit", "string", false, "the assigned unit"},
        {"factor",
         "string",
         false,
         "the factor",
         {"land", "energy", "eia", "funds", "approval", "labour"}},
        {"project", "integer", false, "one project's items"},
        {"open", "boolean", false, "open items only"},
        {"overdue", "boolean", false, "items past their handling deadline only"}},
       "",
       "FactorItems",
       200,
       List,
       "/api/v1/projects/factors?region=410100",
       "/api/v1/projects/factors?region=419001",
       ""},
      {"GET",
       "/api/v1/projects/factors/{id}",
       "One factor item with its history and the steps the caller may take",
       Permission::kReadAggregate,
       {id},
       "",
       "FactorItemView",
       200,
       Get,
       "/api/v1/projects/factors/{factor_in}",
       "/api/v1/projects/factors/{factor_out}",
       ""},
      {"POST",
       "/api/v1/projects/factors/{id}/steps",
       "A step of the service loop on a factor item (dispatch, reassign, return, start, "
       "request_extension, approve_extension, escalate, reply, close, decline); send the version "
       "you read",
       Permission::kAuthenticated,
       {id},
       "FactorStep",
       "FactorItemAnswer",
       200,
       Step,
       "/api/v1/projects/factors/{factor_in}/steps",
       "/api/v1/projects/factors/{factor_out}/steps",
       kStepBody,
       Permission::kHandleAssigned},
      {"POST",
       "/api/v1/projects/{id}/factors",
       "Open a factor item of a project by hand (one open item per project and factor; 409 "
       "otherwise)",
       Permission::kAuthenticated,
       {project_id},
       "FactorItemNew",
       "FactorItemAnswer",
       201,
       Open,
       "/api/v1/projects/{project_in}/factors",
       "/api/v1/projects/{project_out}/factors",
       kOpenBody,
       Permission::kHandleAlerts},
  };
}

}  // namespace ballast::api
