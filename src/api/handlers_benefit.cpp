// Routes of policy matching (惠企政策, issue 14 item 6) and of the standard answers (标准答复) of
// the appeals: app/benefits.h decides who may see and record what; these only translate HTTP
// and JSON.
#include <cmath>
#include <nlohmann/json.hpp>

#include "api/http_util.h"
#include "api/json_depth.h"
#include "api/route.h"
#include "app/benefits.h"

namespace ballast::api {
namespace {

using Req = httplib::Request;
using Res = httplib::Response;
using Json = nlohmann::ordered_json;
using auth::Permission;

Json Opt(const std::optional<double>& v) {
  return v && std::isfinite(*v) ? Json(*v) : Json(nullptr);
}

Json ConditionJson(const benefit::Condition& c) {
  Json j = {{"field", benefit::FieldName(c.field)}, {"field_zh", benefit::FieldNameZh(c.field)}};
  if (benefit::IsFigure(c.field)) {
    j["op"] = c.at_least ? ">=" : "<=";
    j["bound"] = c.bound;
  } else {
    j["op"] = "=";
    j["values"] = c.values;
  }
  return j;
}

Json PolicyJson(const app::PolicyView& v) {
  const auto& p = v.policy;
  Json conds = Json::array();
  for (const auto& c : p.conditions) conds.push_back(ConditionJson(c));
  return {{"id", p.id},
          {"title", p.title},
          {"issuer", p.issuer},
          {"doc_number", p.doc_number},
          {"valid_from", p.valid_from},
          {"valid_to", p.valid_to},
          {"in_force", v.in_force},
          {"summary", p.summary},
          {"benefit", p.benefit},
          {"conditions", v.conditions},
          {"condition_list", conds},
          {"updated_by", p.updated_by},
          {"updated_at", p.updated_at}};
}

Json RecordJson(const BenefitRecord& r) {
  return {{"policy_id", r.policy_id},     {"uscc", r.uscc},
          {"region", r.region},           {"status", r.status},
          {"applied_on", r.applied_on},   {"decided_on", r.decided_on},
          {"amount", Opt(r.amount)},      {"note", r.note},
          {"recorded_by", r.recorded_by}, {"recorded_at", r.recorded_at}};
}

Json MatchJson(const app::MatchRow& m) {
  Json j = {{"uscc", m.uscc}, {"name", m.name}, {"region", m.region},   {"industry", m.industry},
            {"size", m.size}, {"tags", m.tags}, {"verdict", m.verdict}, {"unknown", m.unknown}};
  if (m.figures_shown) {
    j["revenue"] = Opt(m.revenue);
    j["growth"] = Opt(m.growth);
    j["rd"] = Opt(m.rd);
  }
  j["record"] = m.record ? RecordJson(*m.record) : Json(nullptr);
  return j;
}

Json AnswerJson(const StandardAnswer& a) {
  return {{"id", a.id},
          {"region", a.region},
          {"category", a.category},
          {"title", a.title},
          {"body", a.body},
          {"version", a.version},
          {"edited_by", a.edited_by},
          {"edited_at", a.edited_at}};
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

std::string PathText(const Req& req) {
  return req.matches.size() > 1 ? std::string(req.matches[1]) : "";
}

void ListPolicies(const Ctx& c, const Req&, Res& res) {
  Reply(res, app::ListBenefitPolicies(c.app, *c.caller), [](const std::vector<app::PolicyView>& v) {
    Json list = Json::array();
    for (const auto& p : v) list.push_back(PolicyJson(p));
    return Json{{"policies", list}}.dump();
  });
}

void GetPolicy(const Ctx& c, const Req& req, Res& res) {
  Reply(res, app::GetBenefitPolicy(c.app, *c.caller, PathText(req)), [](const app::PolicyView& p) {
    return Json{{"policy", PolicyJson(p)}}.dump();
  });
}

void ImportPolicies(const Ctx& c, const Req& req, Res& res) {
  // Without a file the use case still answers who may import first (403 before 400).
  std::string bytes, name = "upload.csv";
  if (req.is_multipart_form_data() && req.has_file("file")) {
    const auto file = req.get_file_value("file");
    bytes = file.content;
    if (!file.filename.empty()) name = file.filename;
  }
  Reply(
      res, app::ImportBenefitPolicies(c.app, *c.caller, bytes, name),
      [](const app::PolicyImportSummary& s) {
        return Json{{"created", s.created}, {"updated", s.updated}}.dump();
      },
      201);
}

void Matches(const Ctx& c, const Req& req, Res& res) {
  Reply(res, app::MatchBenefitPolicy(c.app, *c.caller, PathText(req), Param(req, "region")),
        [](const app::MatchList& m) {
          Json matched = Json::array(), possible = Json::array();
          for (const auto& r : m.matched) matched.push_back(MatchJson(r));
          for (const auto& r : m.possible) possible.push_back(MatchJson(r));
          return Json{{"policy", PolicyJson(m.policy)},
                      {"region", m.region},
                      {"period", m.period},
                      {"revenue_year", m.revenue_year},
                      {"considered", m.considered},
                      {"matched_count", m.matched.size()},
                      {"possible_count", m.possible.size()},
                      {"matched", matched},
                      {"possible", possible}}
              .dump();
        });
}

void ForEnterprise(const Ctx& c, const Req& req, Res& res) {
  Reply(res, app::PoliciesForEnterprise(c.app, *c.caller, Param(req, "uscc")),
        [](const std::vector<app::PolicyForYou>& v) {
          Json list = Json::array();
          for (const auto& p : v) {
            list.push_back({{"policy", PolicyJson(p.policy)},
                            {"verdict", p.verdict},
                            {"unknown", p.unknown},
                            {"record", p.record ? RecordJson(*p.record) : Json(nullptr)}});
          }
          return Json{{"policies", list}}.dump();
        });
}

void ListRecords(const Ctx& c, const Req& req, Res& res) {
  Reply(res, app::ListBenefitRecords(c.app, *c.caller, Param(req, "policy")),
        [](const std::vector<BenefitRecord>& v) {
          Json list = Json::array();
          for (const auto& r : v) list.push_back(RecordJson(r));
          return Json{{"records", list}}.dump();
        });
}

void AddRecord(const Ctx& c, const Req& req, Res& res) {
  auto j = Body(req);
  if (!j.ok()) return SendStatus(res, j.status());
  app::BenefitRecordRequest q;
  for (auto [name, field] : {std::pair{"policy_id", &q.policy_id},
                             {"uscc", &q.uscc},
                             {"status", &q.status},
                             {"applied_on", &q.applied_on},
                             {"decided_on", &q.decided_on},
                             {"note", &q.note}}) {
    if (Status s = Str(*j, name, field); !s.ok()) return SendStatus(res, s);
  }
  if (j->contains("amount") && !(*j)["amount"].is_null()) {
    if (!(*j)["amount"].is_number())
      return SendStatus(res, Status::Invalid("body: 'amount' must be a number (万元)"));
    q.amount = (*j)["amount"].get<double>();
  }
  Reply(
      res, app::RecordBenefit(c.app, *c.caller, q),
      [](const BenefitRecord& r) {
        return Json{{"record", RecordJson(r)}}.dump();
      },
      201);
}

void Counts(const Ctx& c, const Req& req, Res& res) {
  Reply(res, app::BenefitCounts(c.app, *c.caller, Param(req, "region")),
        [](const std::vector<app::BenefitCountRow>& v) {
          Json list = Json::array();
          for (const auto& r : v) {
            list.push_back({{"policy_id", r.policy_id},
                            {"region", r.region},
                            {"applied", r.applied},
                            {"granted", r.granted},
                            {"refused", r.refused},
                            {"amount", Opt(r.amount)},
                            {"suppressed", r.suppressed}});
          }
          return Json{{"counts", list}}.dump();
        });
}

void ListAnswers(const Ctx& c, const Req& req, Res& res) {
  Reply(res, app::ListStandardAnswers(c.app, *c.caller, Param(req, "category")),
        [](const std::vector<StandardAnswer>& v) {
          Json list = Json::array();
          for (const auto& a : v) list.push_back(AnswerJson(a));
          return Json{{"answers", list}}.dump();
        });
}

Result<StandardAnswer> ParseAnswer(const Req& req, int64_t id) {
  ASSIGN_OR_RETURN(Json j, Body(req));
  StandardAnswer a;
  a.id = id;
  RETURN_IF_ERROR(Str(j, "region", &a.region));
  RETURN_IF_ERROR(Str(j, "category", &a.category));
  RETURN_IF_ERROR(Str(j, "title", &a.title));
  RETURN_IF_ERROR(Str(j, "body", &a.body));
  if (id != 0) {
    if (!j.contains("version") || !j["version"].is_number_integer())
      return Status::Invalid("body: 'version' (the version you read) is required");
    a.version = j["version"].get<int64_t>();
  }
  return a;
}

void AddAnswer(const Ctx& c, const Req& req, Res& res) {
  auto a = ParseAnswer(req, 0);
  if (!a.ok()) return SendStatus(res, a.status());
  Reply(
      res, app::SaveStandardAnswer(c.app, *c.caller, std::move(*a)),
      [](const StandardAnswer& x) {
        return Json{{"answer", AnswerJson(x)}}.dump();
      },
      201);
}

void PutAnswer(const Ctx& c, const Req& req, Res& res) {
  auto id = PathId(req);
  if (!id.ok()) return SendStatus(res, id.status());
  auto a = ParseAnswer(req, *id);
  if (!a.ok()) return SendStatus(res, a.status());
  Reply(res, app::SaveStandardAnswer(c.app, *c.caller, std::move(*a)), [](const StandardAnswer& x) {
    return Json{{"answer", AnswerJson(x)}}.dump();
  });
}

void DeleteAnswer(const Ctx& c, const Req& req, Res& res) {
  auto id = PathId(req);
  if (!id.ok()) return SendStatus(res, id.status());
  auto version = IntParam(req, "version", 0);
  if (!version.ok()) return SendStatus(res, version.status());
  Status s = app::DeleteStandardAnswer(c.app, *c.caller, *id, *version);
  if (!s.ok()) return SendStatus(res, s);
  SendJson(res, 200, Json{{"deleted", *id}}.dump());
}

constexpr const char* kRecordBody =
    R"({"policy_id":"P-IN","uscc":"91310110666007217T","status":"applied","applied_on":"2025-01-10"})";
constexpr const char* kAnswerBody =
    R"({"region":"410100","category":"financing","title":"续贷政策答复","body":"可申请无还本续贷。"})";
constexpr const char* kAnswerEditBody =
    R"({"version":1,"category":"financing","title":"续贷政策答复","body":"可申请无还本续贷。"})";

}  // namespace

std::vector<Route> BenefitRoutes() {
  const ParamSpec pid{"id", "string", true, "policy id", {}, "path"};
  const ParamSpec aid{"id", "integer", true, "standard answer id", {}, "path"};
  const ParamSpec region{"region", "string", false, "GB/T 2260 code (default: the caller's scope)"};
  const ParamSpec uscc{"uscc", "string", false,
                       "the enterprise (an enterprise user: its own, the default)"};
  const ParamSpec policy{"policy", "string", false, "one policy's records only"};
  const ParamSpec category{"category", "string", false, "an appeal category"};
  const ParamSpec version{"version", "integer", true, "the version you read"};
  return {
      {"GET",
       "/api/v1/benefits/policies",
       "The policy library (惠企政策): issuer, validity, eligibility conditions",
       Permission::kAuthenticated,
       {},
       "",
       "BenefitPolicies",
       200,
       ListPolicies,
       "/api/v1/benefits/policies",
       "",
       ""},
      {"POST",
       "/api/v1/benefits/policies/import",
       "Import policies (multipart field 'file', CSV/XLSX; the condition syntax of "
       "docs/benefits.md): administrators, analysts and dispatchers of a province or the "
       "whole country; all or nothing",
       Permission::kHandleAlerts,
       {},
       "multipart",
       "BenefitImport",
       201,
       ImportPolicies,
       "",
       "/api/v1/benefits/policies/import",
       ""},
      {"GET",
       "/api/v1/benefits/policies/{id}",
       "One policy",
       Permission::kAuthenticated,
       {pid},
       "",
       "BenefitPolicy",
       200,
       GetPolicy,
       "/api/v1/benefits/policies/P-IN",
       "",
       ""},
      {"GET",
       "/api/v1/benefits/policies/{id}/matches",
       "免申即享: the enterprises of a region in scope that qualify for a policy, and the 待核实 "
       "ones (a figure they lack) apart, with counts",
       Permission::kHandleAlerts,
       {pid, region},
       "",
       "BenefitMatches",
       200,
       Matches,
       "/api/v1/benefits/policies/P-IN/matches?region=410100",
       "/api/v1/benefits/policies/P-IN/matches?region=419001",
       ""},
      {"GET",
       "/api/v1/benefits/for-me",
       "为您推荐的政策: the policies in force an enterprise qualifies for, on its own figures",
       Permission::kAppeals,
       {uscc},
       "",
       "BenefitsForEnterprise",
       200,
       ForEnterprise,
       "/api/v1/benefits/for-me?uscc=91310110666007217T",
       "/api/v1/benefits/for-me?uscc=91330000755918469E",
       ""},
      {"GET",
       "/api/v1/benefits/records",
       "Benefit records the caller may see (staff: its scope; an enterprise: its own)",
       Permission::kAuthenticated,
       {policy},
       "",
       "BenefitRecords",
       200,
       ListRecords,
       "/api/v1/benefits/records",
       "",
       ""},
      {"POST",
       "/api/v1/benefits/records",
       "Record an application, a grant (date, amount 万元) or a refusal for an enterprise of "
       "the caller's scope",
       Permission::kHandleAssigned,
       {},
       "BenefitRecordRequest",
       "BenefitRecord",
       201,
       AddRecord,
       "/api/v1/benefits/records",
       "/api/v1/benefits/records",
       kRecordBody},
      {"GET",
       "/api/v1/benefits/counts",
       "Applications, grants and refusals by policy and region (children of the region); "
       "granted amounts under disclosure control",
       Permission::kReadAggregate,
       {region},
       "",
       "BenefitCounts",
       200,
       Counts,
       "/api/v1/benefits/counts?region=410100",
       "/api/v1/benefits/counts?region=419001",
       ""},
      {"GET",
       "/api/v1/service/standard-answers",
       "Standard answers (标准答复) per appeal category, for the reply box",
       Permission::kHandleAssigned,
       {category},
       "",
       "StandardAnswers",
       200,
       ListAnswers,
       "/api/v1/service/standard-answers?category=financing",
       "",
       ""},
      {"POST",
       "/api/v1/service/standard-answers",
       "Add a standard answer (dispatchers and administrators of the region)",
       Permission::kDispatch,
       {},
       "StandardAnswerEdit",
       "StandardAnswer",
       201,
       AddAnswer,
       "/api/v1/service/standard-answers",
       "/api/v1/service/standard-answers",
       kAnswerBody},
      {"PUT",
       "/api/v1/service/standard-answers/{id}",
       "Edit a standard answer (send the version you read; a stale one is refused with 409)",
       Permission::kDispatch,
       {aid},
       "StandardAnswerEdit",
       "StandardAnswer",
       200,
       PutAnswer,
       "/api/v1/service/standard-answers/{answer_in}",
       "/api/v1/service/standard-answers/{answer_out}",
       kAnswerEditBody},
      {"DELETE",
       "/api/v1/service/standard-answers/{id}",
       "Delete a standard answer",
       Permission::kDispatch,
       {aid, version},
       "",
       "StandardAnswerDeleted",
       200,
       DeleteAnswer,
       "/api/v1/service/standard-answers/{answer_in}?version=99",
       "/api/v1/service/standard-answers/{answer_out}?version=99",
       ""},
  };
}

}  // namespace ballast::api
