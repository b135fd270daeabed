// Routes of joint handling (会办) and 督办 notices of appeals (issue 14 item 5). app::Service
// decides who may read and do what (service/joint.h holds the rules); these translate HTTP.
// Escalating itself is the loop's step POST /appeals/{id}/escalate (handlers_service.cpp), whose
// body may name the notice's unit and days.
#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "api/http_util.h"
#include "api/json_depth.h"
#include "api/route.h"

namespace ballast::api {

namespace {

using Req = httplib::Request;
using Res = httplib::Response;
using Json = nlohmann::ordered_json;
using auth::Permission;

std::string Today(const Ctx& c) { return BeijingDate(c.app.clock().Now()); }

struct JointBody {
  std::string unit, question, answer, reason;
  int32_t days = 0;
};

Result<JointBody> ParseJointBody(const std::string& text) {
  JointBody b;
  if (text.empty()) return b;
  RETURN_IF_ERROR(CheckJsonDepth(text));
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::Invalid("body: expected a JSON object");
  for (auto [name, field] : {std::pair{"unit", &b.unit},
                             {"question", &b.question},
                             {"answer", &b.answer},
                             {"reason", &b.reason}}) {
    if (!j.contains(name) || j[name].is_null()) continue;
    if (!j[name].is_string())
      return Status::Invalid(std::string("body: '") + name + "' must be a string");
    *field = j[name].get<std::string>();
  }
  if (j.contains("days")) {
    if (!j["days"].is_number_integer())
      return Status::Invalid("body: 'days' must be a whole number");
    // Out of range reads as -1 or 31: the rule names the range.
    b.days = static_cast<int32_t>(std::clamp<int64_t>(j["days"].get<int64_t>(), -1, 31));
  }
  return b;
}

Result<int64_t> SecondId(const Req& req, const char* what) {
  const std::string s = req.matches[2];
  int64_t id = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (ec != std::errc() || p != s.data() + s.size() || id <= 0)
    return Status::Invalid(std::string(what) + ": '" + s + "' is not an id");
  return id;
}

Json PartObject(const JointPartRecord& p, const std::string& today) {
  const auto day = service::ParseDay(today);
  return Json{{"id", p.id},
              {"appeal_id", p.appeal_id},
              {"unit", p.unit},
              {"question", p.question},
              {"due", p.due},
              {"state", p.state},
              {"overdue", day && service::IsPartOverdue(p, *day)},
              {"answer", p.answer},
              {"answered_by", p.answered_by},
              {"answered_at", p.answered_at},
              {"waive_reason", p.waive_reason},
              {"waived_by", p.waived_by},
              {"waived_at", p.waived_at},
              {"added_by", p.added_by},
              {"added_at", p.added_at}};
}

Json NoticeObject(const NoticeRecord& n, const std::string& today) {
  const auto day = service::ParseDay(today);
  return Json{{"id", n.id},
              {"number", service::NoticeNumber(n)},
              {"appeal_id", n.appeal_id},
              {"region", n.region},
              {"unit", n.unit},
              {"reason", n.reason},
              {"due", n.due},
              {"state", n.state},
              {"status", std::string(day ? service::NoticeStatus(n, *day) : n.state)},
              {"answer", n.answer},
              {"answered_by", n.answered_by},
              {"answered_at", n.answered_at},
              {"created_by", n.created_by},
              {"created_at", n.created_at}};
}

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

void GetJoint(const Ctx& c, const Req& req, Res& res) {
  auto id = PathId(req);
  if (!id.ok()) return SendStatus(res, id.status());
  auto v = c.app.service().Joint(*c.caller, *id);
  if (!v.ok()) return SendStatus(res, v.status());
  const std::string today = Today(c);
  Json parts = Json::array(), notices = Json::array();
  for (const auto& p : v->parts) parts.push_back(PartObject(p, today));
  for (const auto& n : v->notices) notices.push_back(NoticeObject(n, today));
  SendJson(res, 200, Dump(Json{{"parts", parts}, {"notices", notices}}));
}

void AddCoUnit(const Ctx& c, const Req& req, Res& res) {
  auto id = PathId(req);
  if (!id.ok()) return SendStatus(res, id.status());
  auto b = ParseJointBody(req.body);
  if (!b.ok()) return SendStatus(res, b.status());
  auto p = c.app.service().AddCoUnit(*c.caller, *id, b->unit, b->question, b->days);
  if (!p.ok()) return SendStatus(res, p.status());
  SendJson(res, 201, Dump(PartObject(*p, Today(c))));
}

void PartStep(const Ctx& c, const Req& req, Res& res, bool answer) {
  auto id = PathId(req);
  if (!id.ok()) return SendStatus(res, id.status());
  auto part = SecondId(req, "part");
  if (!part.ok()) return SendStatus(res, part.status());
  auto b = ParseJointBody(req.body);
  if (!b.ok()) return SendStatus(res, b.status());
  app::Service& s = c.app.service();
  auto p = answer ? s.AnswerPart(*c.caller, *id, *part, b->answer)
                  : s.WaivePart(*c.caller, *id, *part, b->reason);
  if (!p.ok()) return SendStatus(res, p.status());
  SendJson(res, 200, Dump(PartObject(*p, Today(c))));
}

void AnswerPart(const Ctx& c, const Req& req, Res& res) { PartStep(c, req, res, true); }
void WaivePart(const Ctx& c, const Req& req, Res& res) { PartStep(c, req, res, false); }

void ListNotices(const Ctx& c, const Req& req, Res& res) {
  const std::string today = Param(req, "today").empty() ? Today(c) : Param(req, "today");
  auto list = c.app.service().ListNotices(*c.caller, Param(req, "status"), today);
  if (!list.ok()) return SendStatus(res, list.status());
  Json arr = Json::array();
  for (const auto& n : *list) arr.push_back(NoticeObject(n, today));
  SendJson(res, 200, Dump(Json{{"notices", arr}}));
}

void AnswerNotice(const Ctx& c, const Req& req, Res& res) {
  auto id = PathId(req);
  if (!id.ok()) return SendStatus(res, id.status());
  auto b = ParseJointBody(req.body);
  if (!b.ok()) return SendStatus(res, b.status());
  auto n = c.app.service().AnswerNotice(*c.caller, *id, b->answer);
  if (!n.ok()) return SendStatus(res, n.status());
  SendJson(res, 200, Dump(NoticeObject(*n, Today(c))));
}

}  // namespace

// Listed before ServiceRoutes: POST /appeals/{id}/{action} would take /appeals/{id}/co-units.
std::vector<Route> ServiceJointRoutes() {
  const ParamSpec id{"id", "integer", true, "the appeal's id", {}, "path"};
  const ParamSpec part{"part", "integer", true, "the co-unit part's id", {}, "path"};
  return {
      {"GET",
       "/api/v1/appeals/{id}/joint",
       "Joint handling (会办) parts and 督办 notices of an appeal, as far as the caller may read "
       "them (the enterprise: none)",
       Permission::kAppeals,
       {id},
       "",
       "JointView",
       200,
       GetJoint,
       "/api/v1/appeals/{appeal_in}/joint",
       "/api/v1/appeals/{appeal_out}/joint",
       ""},
      {"POST",
       "/api/v1/appeals/{id}/co-units",
       "Add a co-unit (会办) with its question and deadline in working days (the dispatcher or "
       "the lead unit)",
       Permission::kAppeals,
       {id},
       "NewCoUnit",
       "JointPart",
       201,
       AddCoUnit,
       "/api/v1/appeals/{appeal_in}/co-units",
       "/api/v1/appeals/{appeal_out}/co-units",
       R"({"unit":"矩阵测试单位","question":"matrix","days":3})",
       Permission::kDispatch},
      {"POST",
       "/api/v1/appeals/{id}/co-units/{part}/answer",
       "The co-unit answers its part (internal: the enterprise never sees it)",
       Permission::kAppeals,
       {id, part},
       "JointAnswer",
       "JointPart",
       200,
       AnswerPart,
       "/api/v1/appeals/{appeal_in}/co-units/999999/answer",
       "/api/v1/appeals/{appeal_out}/co-units/999999/answer",
       R"({"answer":"matrix"})"},
      {"POST",
       "/api/v1/appeals/{id}/co-units/{part}/waive",
       "Waive an open part with a reason (the dispatcher or the lead unit), so that the reply "
       "may go out",
       Permission::kAppeals,
       {id, part},
       "JointWaive",
       "JointPart",
       200,
       WaivePart,
       "/api/v1/appeals/{appeal_in}/co-units/999999/waive",
       "/api/v1/appeals/{appeal_out}/co-units/999999/waive",
       R"({"reason":"matrix"})"},
      {"GET",
       "/api/v1/appeal-notices",
       "督办 notices: the leaders' list over their region, a handler's addressed to its unit",
       Permission::kHandleAssigned,
       {{"status", "string", false, "open, answered or overdue", {"open", "answered", "overdue"}},
        {"today", "string", false, "YYYY-MM-DD for overdue (default today in Beijing)"}},
       "",
       "Notices",
       200,
       ListNotices,
       "/api/v1/appeal-notices?status=open",
       "",
       ""},
      {"POST",
       "/api/v1/appeal-notices/{id}/answer",
       "The addressed unit answers a 督办 notice",
       Permission::kHandleAssigned,
       {{"id", "integer", true, "the notice's id", {}, "path"}},
       "JointAnswer",
       "Notice",
       200,
       AnswerNotice,
       "/api/v1/appeal-notices/999999/answer",
       "/api/v1/appeal-notices/999998/answer",
       R"({"answer":"matrix"})"},
  };
}

}  // namespace ballast::api
