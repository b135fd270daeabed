// Routes of the major projects (issue 15): the register, the monthly dispatch reports, the 三个一批
// rates and the warning cards. app/projects.h decides who sees, edits and reports what; these
// only translate HTTP and JSON.
#include <cmath>
#include <nlohmann/json.hpp>

#include "api/http_util.h"
#include "api/json_depth.h"
#include "api/route.h"
#include "app/projects.h"
#include "core/period.h"

namespace ballast::api {
namespace {

using Req = httplib::Request;
using Res = httplib::Response;
using Json = nlohmann::ordered_json;
using auth::Permission;
using projects::kStageCount;
using projects::Stage;

Json Num(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

Json Stages(const std::array<std::string, kStageCount>& d) {
  Json j = Json::object();
  for (int i = 0; i < kStageCount; ++i)
    j[std::string(projects::StageName(static_cast<Stage>(i)))] = d[static_cast<size_t>(i)];
  return j;
}

Json ProjectJson(const projects::Project& p) {
  return {
      {"id", p.id},
      {"code", p.code},
      {"name", p.name},
      {"investor_uscc", p.investor_uscc},
      {"investor_name", p.investor_name},
      {"region", p.region},
      {"park", p.park},
      {"industry", p.industry},
      {"total_investment", Num(p.total_investment)},
      {"annual_plan", Num(p.annual_plan)},
      {"yi_level", p.yi_level()},
      {"stage", projects::StageName(p.stage())},
      {"planned", Stages(p.planned)},
      {"actual", Stages(p.actual)},
      {"leader_province", p.leader_province},
      {"leader_city", p.leader_city},
      {"leader_county", p.leader_county},
      {"unit", p.unit},
      {"whitelist",
       {{"construction", p.wl_construction}, {"factors", p.wl_factors}, {"finance", p.wl_finance}}},
      {"main_bank", p.main_bank},
      {"version", p.version},
      {"updated_by", p.updated_by},
      {"updated_at", p.updated_at}};
}

std::string ProjectsJson(const std::vector<projects::Project>& ps) {
  Json list = Json::array();
  for (const auto& p : ps) list.push_back(ProjectJson(p));
  return Json{{"projects", list}}.dump();
}

Json ReportJson(const projects::MonthlyReport& r, double cumulative, bool latest) {
  Json blockers = Json::array();
  for (const auto& b : r.blockers) {
    blockers.push_back({{"factor", projects::FactorName(b.factor)},
                        {"factor_zh", projects::FactorNameZh(b.factor)},
                        {"unit", b.unit},
                        {"deadline", b.deadline},
                        {"note", b.note}});
  }
  return {{"project_id", r.project_id},
          {"month", FormatPeriod(r.month)},
          {"version", r.version},
          {"investment", Num(r.investment)},
          {"cumulative", Num(cumulative)},
          {"latest", latest},
          {"stage", r.stage ? Json(projects::StageName(*r.stage)) : Json(nullptr)},
          {"stage_date", r.stage_date},
          {"documents", r.documents},
          {"blockers", blockers},
          {"note", r.note},
          {"reported_by", r.reported_by},
          {"reported_at", r.reported_at}};
}

Json RatioJson(const projects::Ratio& r) {
  auto v = r.value();
  return {{"num", Num(r.num)},
          {"den", Num(r.den)},
          {"rate", v ? Num(*v) : Json(nullptr)},
          {"display", r.Display()}};
}

Json RoundJson(const projects::RoundRates& g) {
  Json actual = Json::object(), planned = Json::object();
  for (int i = 0; i < kStageCount; ++i) {
    const std::string s(projects::StageName(static_cast<Stage>(i)));
    actual[s] = g.actual_in_round[static_cast<size_t>(i)];
    planned[s] = g.planned_in_round[static_cast<size_t>(i)];
  }
  return {{"key", g.key},
          {"projects", g.projects},
          {"actual_in_round", actual},
          {"planned_in_round", planned},
          {"signed_kept", RatioJson(g.signed_kept)},
          {"started", RatioJson(g.started)},
          {"in_production", RatioJson(g.in_production)},
          {"at_capacity", RatioJson(g.at_capacity)},
          {"investment", RatioJson(g.investment)}};
}

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

Status Number(const Json& j, const char* name, double* out) {
  if (!j.contains(name) || j[name].is_null()) return Status::Ok();
  if (!j[name].is_number())
    return Status::Invalid(std::string("body: '") + name + "' must be a number");
  *out = j[name].get<double>();
  return Status::Ok();
}

Status Bool(const Json& j, const char* name, bool* out) {
  if (!j.contains(name) || j[name].is_null()) return Status::Ok();
  if (!j[name].is_boolean())
    return Status::Invalid(std::string("body: '") + name + "' must be true or false");
  *out = j[name].get<bool>();
  return Status::Ok();
}

Status Dates(const Json& j, const char* name, std::array<std::string, kStageCount>* out) {
  if (!j.contains(name) || j[name].is_null()) return Status::Ok();
  if (!j[name].is_object())
    return Status::Invalid(std::string("body: '") + name + "' must be an object of dates");
  for (int i = 0; i < kStageCount; ++i) {
    const std::string s(projects::StageName(static_cast<Stage>(i)));
    RETURN_IF_ERROR(Str(j[name], s.c_str(), &(*out)[static_cast<size_t>(i)]));
  }
  return Status::Ok();
}

Result<projects::Project> ParseProject(const Req& req, int64_t id) {
  ASSIGN_OR_RETURN(Json j, Body(req));
  projects::Project p;
  p.id = id;
  if (!j.contains("version") || !j["version"].is_number_integer())
    return Status::Invalid("body: 'version' (the version you read) is required");
  p.version = j["version"].get<int64_t>();
  for (auto [name, field] : {std::pair{"code", &p.code},
                             {"name", &p.name},
                             {"investor_uscc", &p.investor_uscc},
                             {"investor_name", &p.investor_name},
                             {"region", &p.region},
                             {"park", &p.park},
                             {"industry", &p.industry},
                             {"leader_province", &p.leader_province},
                             {"leader_city", &p.leader_city},
                             {"leader_county", &p.leader_county},
                             {"unit", &p.unit},
                             {"main_bank", &p.main_bank}}) {
    RETURN_IF_ERROR(Str(j, name, field));
  }
  RETURN_IF_ERROR(Number(j, "total_investment", &p.total_investment));
  RETURN_IF_ERROR(Number(j, "annual_plan", &p.annual_plan));
  RETURN_IF_ERROR(Dates(j, "planned", &p.planned));
  RETURN_IF_ERROR(Dates(j, "actual", &p.actual));
  if (j.contains("whitelist")) {
    const Json& w = j["whitelist"];
    if (!w.is_object()) return Status::Invalid("body: 'whitelist' must be an object");
    RETURN_IF_ERROR(Bool(w, "construction", &p.wl_construction));
    RETURN_IF_ERROR(Bool(w, "factors", &p.wl_factors));
    RETURN_IF_ERROR(Bool(w, "finance", &p.wl_finance));
  }
  return p;
}

Result<projects::MonthlyReport> ParseReport(const Req& req, int64_t id) {
  ASSIGN_OR_RETURN(Json j, Body(req));
  projects::MonthlyReport r;
  r.project_id = id;
  std::string month, stage;
  RETURN_IF_ERROR(Str(j, "month", &month));
  auto m = ParsePeriod(month);
  if (!m.ok()) return Status::Invalid("body: 'month': '" + month + "' is not YYYY-MM");
  r.month = *m;
  if (!j.contains("investment") || !j["investment"].is_number())
    return Status::Invalid("body: 'investment' (万元 completed in the month) is required");
  r.investment = j["investment"].get<double>();
  RETURN_IF_ERROR(Str(j, "stage", &stage));
  if (!stage.empty()) {
    r.stage = projects::ParseStage(stage);
    if (!r.stage) return Status::Invalid("body: 'stage': '" + stage + "' is not a stage");
  }
  RETURN_IF_ERROR(Str(j, "stage_date", &r.stage_date));
  RETURN_IF_ERROR(Str(j, "note", &r.note));
  if (j.contains("documents")) {
    if (!j["documents"].is_array())
      return Status::Invalid("body: 'documents' must be a list of names");
    for (const auto& d : j["documents"]) {
      if (!d.is_string()) return Status::Invalid("body: 'documents' must be a list of names");
      r.documents.push_back(d.get<std::string>());
    }
  }
  if (j.contains("blockers")) {
    if (!j["blockers"].is_array()) return Status::Invalid("body: 'blockers' must be a list");
    for (const auto& b : j["blockers"]) {
      if (!b.is_object()) return Status::Invalid("body: 'blockers' must be a list of objects");
      std::string factor;
      projects::Blocker x;
      RETURN_IF_ERROR(Str(b, "factor", &factor));
      auto f = projects::ParseFactor(factor);
      if (!f)
        return Status::Invalid("body: blockers: '" + factor +
                               "' is not 用地/用能/环评/资金/审批/用工");
      x.factor = *f;
      RETURN_IF_ERROR(Str(b, "unit", &x.unit));
      RETURN_IF_ERROR(Str(b, "deadline", &x.deadline));
      RETURN_IF_ERROR(Str(b, "note", &x.note));
      r.blockers.push_back(std::move(x));
    }
  }
  return r;
}

void List(const Ctx& c, const Req& req, Res& res) {
  app::ProjectFilter f;
  f.region = Param(req, "region");
  f.stage = Param(req, "stage");
  f.industry = Param(req, "industry");
  f.unit = Param(req, "unit");
  f.text = Param(req, "q");
  f.yi_level_only = Param(req, "yi") == "true" || Param(req, "yi") == "1";
  Reply(res, app::ListProjects(c.app, *c.caller, f), ProjectsJson);
}

void Get(const Ctx& c, const Req& req, Res& res) {
  auto id = PathId(req);
  if (!id.ok()) return SendStatus(res, id.status());
  Reply(res, app::GetProject(c.app, *c.caller, *id), [](const projects::Project& p) {
    return Json{{"project", ProjectJson(p)}}.dump();
  });
}

void Put(const Ctx& c, const Req& req, Res& res) {
  auto id = PathId(req);
  if (!id.ok()) return SendStatus(res, id.status());
  auto p = ParseProject(req, *id);
  if (!p.ok()) return SendStatus(res, p.status());
  Reply(res, app::UpdateProject(c.app, *c.caller, std::move(*p)), [](const projects::Project& x) {
    return Json{{"project", ProjectJson(x)}}.dump();
  });
}

void Import(const Ctx& c, const Req& req, Res& res) {
  // Without a file the use case still answers who may import first (403 before 400).
  std::string bytes, name = "upload.csv";
  if (req.is_multipart_form_data() && req.has_file("file")) {
    const auto file = req.get_file_value("file");
    bytes = file.content;
    if (!file.filename.empty()) name = file.filename;
  }
  Reply(
      res, app::ImportProjects(c.app, *c.caller, bytes, name),
      [](const app::ProjectImportSummary& s) {
        return Json{{"created", s.created}, {"updated", s.updated}}.dump();
      },
      201);
}

void Reports(const Ctx& c, const Req& req, Res& res) {
  auto id = PathId(req);
  if (!id.ok()) return SendStatus(res, id.status());
  Reply(res, app::ProjectReports(c.app, *c.caller, *id), [](const std::vector<app::ReportView>& v) {
    Json list = Json::array();
    for (const auto& x : v) list.push_back(ReportJson(x.report, x.cumulative, x.latest));
    return Json{{"reports", list}}.dump();
  });
}

void AddReport(const Ctx& c, const Req& req, Res& res) {
  auto id = PathId(req);
  if (!id.ok()) return SendStatus(res, id.status());
  auto r = ParseReport(req, *id);
  if (!r.ok()) return SendStatus(res, r.status());
  auto done = app::ReportMonth(c.app, *c.caller, std::move(*r));
  if (!done.ok()) return SendStatus(res, done.status());
  // The answer carries the cumulative figure as the history computes it.
  auto history = app::ProjectReports(c.app, *c.caller, *id);
  double cumulative = 0;
  if (history.ok()) {
    for (const auto& v : *history) {
      if (v.report.month == done->month && v.report.version == done->version)
        cumulative = v.cumulative;
    }
  }
  SendJson(res, 201, Json{{"report", ReportJson(*done, cumulative, true)}}.dump());
}

void Rates(const Ctx& c, const Req& req, Res& res) {
  const std::string round = Param(req, "round"), by = Param(req, "by");
  Reply(res, app::ProjectRates(c.app, *c.caller, round, by, Param(req, "region")),
        [&](const projects::RatesTable& t) {
          Json groups = Json::array();
          for (const auto& g : t.groups) groups.push_back(RoundJson(g));
          return Json{{"round", round},
                      {"by", by.empty() ? "region" : by},
                      {"total", RoundJson(t.total)},
                      {"groups", groups}}
              .dump();
        });
}

void Cards(const Ctx& c, const Req& req, Res& res) {
  auto idle = IntParam(req, "idle_months", 3);
  if (!idle.ok()) return SendStatus(res, idle.status());
  if (*idle < 1 || *idle > 120)
    return SendStatus(res, Status::Invalid("idle_months: must be 1..120"));
  Reply(res, app::ProjectCards(c.app, *c.caller, Param(req, "region"), static_cast<int>(*idle)),
        [](const std::vector<app::ProjectCardRow>& rows) {
          Json list = Json::array();
          for (const auto& r : rows) {
            list.push_back({{"project_id", r.project_id},
                            {"code", r.code},
                            {"name", r.name},
                            {"region", r.region},
                            {"unit", r.unit},
                            {"kind", r.card.kind},
                            {"level", r.card.level},
                            {"months", r.card.months},
                            {"reason_zh", r.card.reason_zh},
                            {"reason_en", r.card.reason_en}});
          }
          return Json{{"cards", list}}.dump();
        });
}

constexpr const char* kEditBody =
    R"({"version":1,"code":"PRJ-IN","name":"郑州新材料项目","investor_name":"甲装备有限公司",)"
    R"("investor_uscc":"91310110666007217T","region":"410100","industry":"3311","total_investment":120000,)"
    R"("annual_plan":30000,"planned":{"signed":"2025-01-10","started":"2025-04-15"},)"
    R"("actual":{"signed":"2025-01-12"},"unit":"省工业和信息化厅","whitelist":{"factors":true}})";
constexpr const char* kReportBody =
    R"({"month":"2025-05","investment":3000,"documents":["现场照片.jpg"],)"
    R"("blockers":[{"factor":"用地","unit":"市自然资源局","deadline":"2025-06-30"}]})";

}  // namespace

std::vector<Route> ProjectRoutes() {
  const ParamSpec id{"id", "integer", true, "project id", {}, "path"};
  const ParamSpec region{"region", "string", false, "GB/T 2260 code (default: the caller's scope)"};
  const ParamSpec stage{"stage",
                        "string",
                        false,
                        "the stage reached",
                        {"signed", "started", "in_production", "at_capacity"}};
  const ParamSpec industry{"industry", "string", false, "GB/T 4754 code (its subtree)"};
  const ParamSpec unit{"unit", "string", false, "the responsible unit"};
  const ParamSpec q{"q", "string", false, "part of the name, code or investor"};
  const ParamSpec yi{"yi", "boolean", false, "亿元-level projects only"};
  const ParamSpec round{"round", "string", true, "the quarter's round, YYYYQn (e.g. 2025Q2)"};
  const ParamSpec by{"by",
                     "string",
                     false,
                     "grouping (default region)",
                     {"region", "industry", "leader_province", "leader_city", "leader_county"}};
  const ParamSpec idle{"idle_months", "integer", false,
                       "months without investment for a yellow card (default 3)"};
  return {
      {"GET",
       "/api/v1/projects",
       "The major projects the caller may see (region subtree; a handler unit: its own; an "
       "enterprise: those it invests in)",
       Permission::kAuthenticated,
       {region, stage, industry, unit, q, yi},
       "",
       "Projects",
       200,
       List,
       "/api/v1/projects?region=410100",
       "/api/v1/projects?region=419001",
       ""},
      {"GET",
       "/api/v1/projects/rates",
       "三个一批 rates of a quarter's round by region, industry or leader, with numerators and "
       "denominators",
       Permission::kReadAggregate,
       {round, by, region},
       "",
       "ProjectRates",
       200,
       Rates,
       "/api/v1/projects/rates?round=2025Q2&region=410100",
       "/api/v1/projects/rates?round=2025Q2&region=419001",
       ""},
      {"GET",
       "/api/v1/projects/cards",
       "Red and yellow cards of slow projects (behind plan, no investment, overdue blocking "
       "factors), with reasons",
       Permission::kReadAggregate,
       {region, idle},
       "",
       "ProjectCards",
       200,
       Cards,
       "/api/v1/projects/cards?region=410100",
       "/api/v1/projects/cards?region=419001",
       ""},
      {"POST",
       "/api/v1/projects/import",
       "Import the project register (multipart field 'file', CSV/XLSX, Chinese or English "
       "headers); all or nothing",
       Permission::kAuthenticated,
       {},
       "multipart",
       "ProjectImport",
       201,
       Import,
       "/api/v1/projects/import",
       "",
       "",
       Permission::kHandleAlerts},
      {"GET",
       "/api/v1/projects/{id}",
       "One project",
       Permission::kAuthenticated,
       {id},
       "",
       "Project",
       200,
       Get,
       "/api/v1/projects/{project_in}",
       "/api/v1/projects/{project_out}",
       ""},
      {"PUT",
       "/api/v1/projects/{id}",
       "Edit a project (send the version you read; a stale one is refused with 409)",
       Permission::kAuthenticated,
       {id},
       "ProjectEdit",
       "Project",
       200,
       Put,
       "/api/v1/projects/{project_in}",
       "/api/v1/projects/{project_out}",
       kEditBody,
       Permission::kHandleAlerts},
      {"GET",
       "/api/v1/projects/{id}/reports",
       "Every version of a project's monthly dispatch reports, with cumulative investment",
       Permission::kAuthenticated,
       {id},
       "",
       "ProjectReports",
       200,
       Reports,
       "/api/v1/projects/{project_in}/reports",
       "/api/v1/projects/{project_out}/reports",
       ""},
      {"POST",
       "/api/v1/projects/{id}/reports",
       "Report a month of a project (a new version when the month has one; never a future month)",
       Permission::kAuthenticated,
       {id},
       "ProjectReportNew",
       "ProjectReport",
       201,
       AddReport,
       "/api/v1/projects/{project_in}/reports",
       "/api/v1/projects/{project_out}/reports",
       kReportBody,
       Permission::kHandleAssigned},
  };
}

}  // namespace ballast::api
