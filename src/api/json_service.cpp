#include "api/json_service.h"

#include <cctype>
#include <nlohmann/json.hpp>

#include "api/json_depth.h"

namespace ballast::api {

using Json = nlohmann::ordered_json;

namespace {

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Json RatioJson(const service::Ratio& r) {
  auto p = r.Percent();
  return Json{{"num", r.num}, {"den", r.den}, {"percent", p ? Json(*p) : Json(nullptr)}};
}

Json AppealObject(const AppealRecord& a, const AppealContext& ctx) {
  Json j{{"id", a.id},
         {"version", a.version},
         {"uscc", a.uscc},
         {"enterprise_name", a.enterprise_name},
         {"region", a.region},
         {"category", a.category},
         {"title", a.title},
         {"description", a.description},
         {"attachments", Split(a.attachments, '\n')},
         {"contact", a.contact},
         {"channel", a.channel},
         {"filed_by", a.filed_by},
         {"filed_at", a.filed_at},
         {"state", a.state},
         {"unit", a.unit},
         {"co_units", Split(a.co_units, ';')},
         {"complexity", a.complexity},
         {"dispatched_at", a.dispatched_at},
         {"response_due", a.response_due},
         {"due", a.due},
         {"accept_due", a.accept_due},
         {"rating_due", a.rating_due},
         {"first_response_at", a.first_response_at},
         {"replied_at", a.replied_at},
         {"reply", a.reply},
         {"extension_days_requested", a.extension_days_requested},
         {"extensions", a.extensions},
         {"escalations", a.escalations},
         {"reopen_count", a.reopen_count},
         {"rating_solved", a.rating_solved < 0 ? Json(nullptr) : Json(a.rating_solved == 1)},
         {"satisfaction", a.satisfaction},
         {"rated_at", a.rated_at},
         {"closed_at", a.closed_at},
         {"merged_into", a.merged_into},
         {"updated_at", a.updated_at}};
  // The one overdue rule of the service (lists and reminders use it too).
  const auto today = service::ParseDay(ctx.today);
  j["overdue"] = today && service::IsOverdue(a, *today);
  const std::string_view which = service::CurrentDeadline(a);
  const std::string& deadline = which == "dispatch" ? a.accept_due : a.due;
  j["due_provisional"] = !which.empty() && ctx.provisional && ctx.provisional(deadline);
  j["allowed_actions"] = ctx.allowed ? ctx.allowed(a) : std::vector<std::string>{};
  return j;
}

}  // namespace

std::string CategoriesJson(const service::ServiceCatalogue& c) {
  Json arr = Json::array();
  for (const auto& cat : c.categories()) {
    arr.push_back(Json{{"code", cat.code}, {"name", cat.name}, {"complexity", cat.complexity}});
  }
  const auto& d = c.defaults();
  return Dump(Json{{"categories", arr},
                   {"deadlines",
                    {{"first_response", d.first_response},
                     {"simple", d.simple},
                     {"complex", d.complex},
                     {"accept", d.accept},
                     {"rating_window", d.rating_window}}}});
}

std::string AppealJson(const AppealRecord& a, const AppealContext& ctx,
                       const std::vector<int64_t>& duplicates) {
  Json j{{"appeal", AppealObject(a, ctx)}};
  j["possible_duplicates"] = duplicates;
  return Dump(j);
}

std::string AppealsJson(const std::vector<AppealRecord>& appeals, const AppealContext& ctx) {
  Json arr = Json::array();
  for (const auto& a : appeals) arr.push_back(AppealObject(a, ctx));
  return Dump(Json{{"appeals", arr}});
}

std::string AppealViewJson(const app::AppealView& v, const AppealContext& ctx) {
  Json history = Json::array();
  for (const auto& e : v.history) {
    history.push_back(Json{{"at", e.at},
                           {"actor", e.actor},
                           {"party", e.party},
                           {"action", e.action},
                           {"from", e.from_state},
                           {"to", e.to_state},
                           {"unit", e.unit},
                           {"reason", e.reason}});
  }
  Json replies = Json::array();
  for (const auto& r : v.replies) {
    replies.push_back(Json{{"at", r.at}, {"author", r.author}, {"unit", r.unit}, {"body", r.body}});
  }
  return Dump(Json{{"appeal", AppealObject(v.appeal, ctx)},
                   {"history", history},
                   {"replies", replies},
                   {"internal", v.internal},
                   {"officials", Json::parse(OfficialsJson(v.officials))["officials"]}});
}

std::string NotificationsJson(const app::Service::NotificationList& l) {
  Json arr = Json::array();
  for (const auto& n : l.items) {
    arr.push_back(Json{{"id", n.id},
                       {"kind", n.kind},
                       {"appeal_id", n.appeal_id},
                       {"title", n.title},
                       {"body", n.body},
                       {"created_at", n.created_at},
                       {"read", !n.read_at.empty()},
                       {"delivery", n.delivery}});
  }
  return Dump(Json{{"notifications", arr}, {"unread", l.unread}});
}

std::string CalendarStatusJson(const app::Service::CalendarStatus& s) {
  Json sources = Json::array();
  for (const auto& c : s.sources) {
    sources.push_back(Json{{"year", c.year},
                           {"title", c.title},
                           {"number", c.number},
                           {"date", c.date},
                           {"verified", c.verified}});
  }
  return Dump(Json{{"known_to", s.known_to},
                   {"warning", s.warning},
                   {"warning_days", app::Service::kCalendarWarningDays},
                   {"sources", sources}});
}

std::string RemindersJson(const std::vector<service::Reminder>& reminders) {
  Json arr = Json::array();
  for (const auto& r : reminders) {
    arr.push_back(Json{{"appeal_id", r.appeal_id},
                       {"deadline", r.deadline},
                       {"kind", std::string(service::ReminderKindName(r.kind))},
                       {"due", service::FormatDay(r.due)}});
  }
  return Dump(Json{{"reminders", arr}});
}

std::string ServiceMetricsJson(const app::MetricsReport& r) {
  Json rows = Json::array();
  for (const auto& m : r.rows) {
    auto avg = m.AverageHandlingDays();
    rows.push_back(Json{{"key", m.key},
                        {"period", m.period},
                        {"region", m.region},
                        {"filed", m.filed},
                        {"withdrawn", m.withdrawn},
                        {"merged", m.merged},
                        {"not_responsible", m.not_responsible},
                        {"in_scope", m.in_scope},
                        {"dispatch", RatioJson(m.dispatch)},
                        {"response", RatioJson(m.response)},
                        {"on_time_closure", RatioJson(m.on_time_closure)},
                        {"resolution", RatioJson(m.resolution)},
                        {"satisfaction", RatioJson(m.satisfaction)},
                        {"reopen", RatioJson(m.reopen)},
                        {"unrated_default", m.unrated_default},
                        {"average_handling_days", avg ? Json(*avg) : Json(nullptr)}});
  }
  return Dump(Json{{"rows", rows},
                   {"resolution_target",
                    {{"id", r.resolution_target_id}, {"percent", r.resolution_target_percent}}}});
}

std::string ServiceStatisticsJson(const service::Statistics& s, const std::string& today) {
  Json cross = Json::array(), topics = Json::array(), units = Json::array();
  for (const auto& c : s.cross) {
    cross.push_back(Json{{"category", c.category},
                         {"region", c.region},
                         {"unit", c.unit},
                         {"filed", c.filed},
                         {"in_scope", c.in_scope},
                         {"open", c.open},
                         {"closed", c.closed},
                         {"overdue", c.overdue}});
  }
  for (const auto& t : s.topics)
    topics.push_back(Json{{"period", t.period}, {"category", t.category}, {"filed", t.filed}});
  for (const auto& u : s.units) {
    units.push_back(Json{{"unit", u.unit},
                         {"in_scope", u.metrics.in_scope},
                         {"open", u.open},
                         {"overdue", RatioJson(u.overdue)},
                         {"escalated", RatioJson(u.escalated)},
                         {"escalations", u.escalations},
                         {"satisfaction", RatioJson(u.metrics.satisfaction)},
                         {"resolution", RatioJson(u.metrics.resolution)},
                         {"on_time_closure", RatioJson(u.metrics.on_time_closure)},
                         {"unrated_default", u.metrics.unrated_default}});
  }
  auto names = [](const std::vector<service::UnitRow>& rows) {
    Json arr = Json::array();
    for (const auto& u : rows) arr.push_back(u.unit);
    return arr;
  };
  return Dump(Json{{"today", today},
                   {"cross", cross},
                   {"topics", topics},
                   {"units", units},
                   {"overdue_ranking", names(s.overdue_ranking)},
                   {"escalation_ranking", names(s.escalation_ranking)}});
}

namespace {
Json AttachmentObject(const AttachmentRecord& a) {
  return Json{{"id", a.id},
              {"appeal_id", a.appeal_id},
              {"name", a.name},
              {"content_type", a.content_type},
              {"size", a.size},
              {"sha256", a.sha256},
              {"internal", a.internal},
              {"uploaded_by", a.uploaded_by},
              {"uploaded_at", a.uploaded_at}};
}
}  // namespace

std::string AttachmentJson(const AttachmentRecord& a) { return Dump(AttachmentObject(a)); }

std::string AttachmentsJson(const std::vector<AttachmentRecord>& list) {
  Json arr = Json::array();
  for (const auto& a : list) arr.push_back(AttachmentObject(a));
  return Dump(Json{{"attachments", arr}});
}

std::string ContentDisposition(const std::string& name) {
  std::string ascii, encoded;
  static const char* kHex = "0123456789ABCDEF";
  for (unsigned char ch : name) {
    const bool plain = (ch < 0x80 && std::isalnum(ch)) || ch == '.' || ch == '-' || ch == '_';
    if ((ch & 0xC0) != 0x80) ascii += plain ? static_cast<char>(ch) : '_';  // one '_' a code point
    if (plain) {
      encoded += static_cast<char>(ch);
    } else {
      encoded += '%';
      encoded += kHex[ch >> 4];
      encoded += kHex[ch & 15];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

std::string CoverageJson(const std::vector<app::CoverageRow>& rows) {
  Json arr = Json::array();
  for (const auto& r : rows) arr.push_back(Json{{"key", r.key}, {"covered", RatioJson(r.covered)}});
  return Dump(Json{{"rows", arr}});
}

std::string OfficialsJson(const std::vector<OfficialRecord>& officials) {
  Json arr = Json::array();
  for (const auto& o : officials) {
    arr.push_back(Json{{"uscc", o.uscc},
                       {"username", o.username},
                       {"name", o.name},
                       {"unit", o.unit},
                       {"region", o.region},
                       {"assigned_by", o.assigned_by},
                       {"assigned_at", o.assigned_at}});
  }
  return Dump(Json{{"officials", arr}});
}

namespace {
Json EventObject(const MatchEventRecord& e) {
  return Json{{"id", e.id},
              {"type", e.type},
              {"title", e.title},
              {"date", e.date},
              {"region", e.region},
              {"organiser", e.organiser},
              {"participants", Split(e.participants, ';')},
              {"financing_amount", e.financing_amount},
              {"research_results", e.research_results},
              {"hires", e.hires},
              {"outcome", e.outcome},
              {"created_by", e.created_by},
              {"created_at", e.created_at}};
}
}  // namespace

std::string MatchEventsJson(const std::vector<MatchEventRecord>& events) {
  Json arr = Json::array();
  for (const auto& e : events) arr.push_back(EventObject(e));
  return Dump(Json{{"events", arr}});
}

std::string MatchEventJson(const MatchEventRecord& e) {
  return Dump(Json{{"event", EventObject(e)}});
}

std::string MatchTotalsJson(const service::MatchTotals& t) {
  return Dump(Json{{"events_by_type", t.events_by_type},
                   {"finance_events", t.finance_events()},
                   {"financing_amount", t.financing_amount},
                   {"research_results", t.research_results},
                   {"hires", t.hires},
                   {"enterprises", t.enterprises},
                   {"targets",
                    {{"finance_events", service::MatchTotals::kFinanceEventsTarget},
                     {"financing_amount", service::MatchTotals::kFinancingAmountTarget},
                     {"research_results", service::MatchTotals::kResearchResultsTarget}}}});
}

Result<ServiceBody> ParseServiceBody(const std::string& text) {
  ServiceBody b;
  if (text.empty()) return b;
  RETURN_IF_ERROR(CheckJsonDepth(text));
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::Invalid("body: expected a JSON object");
  auto str = [&j](const char* name, std::string* out) -> Status {
    if (!j.contains(name) || j[name].is_null()) return Status::Ok();
    if (!j[name].is_string())
      return Status::Invalid(std::string("body: '") + name + "' must be a string");
    *out = j[name].get<std::string>();
    return Status::Ok();
  };
  for (auto [name, field] : {std::pair{"uscc", &b.uscc},
                             {"category", &b.category},
                             {"title", &b.title},
                             {"description", &b.description},
                             {"contact", &b.contact},
                             {"channel", &b.channel},
                             {"reason", &b.reason},
                             {"unit", &b.unit},
                             {"complexity", &b.complexity},
                             {"reply", &b.reply},
                             {"satisfaction", &b.satisfaction},
                             {"username", &b.username},
                             {"name", &b.name},
                             {"type", &b.event.type},
                             {"date", &b.event.date},
                             {"region", &b.event.region},
                             {"organiser", &b.event.organiser},
                             {"outcome", &b.event.outcome}}) {
    RETURN_IF_ERROR(str(name, field));
  }
  b.event.title = b.title;
  for (auto [name, list] : {std::pair{"attachments", &b.attachments}, {"co_units", &b.co_units}}) {
    if (!j.contains(name)) continue;
    if (!j[name].is_array())
      return Status::Invalid(std::string("body: '") + name + "' must be a list of strings");
    for (const auto& v : j[name]) {
      if (!v.is_string())
        return Status::Invalid(std::string("body: '") + name + "' must be a list of strings");
      list->push_back(v.get<std::string>());
    }
  }
  if (j.contains("participants")) {
    if (!j["participants"].is_array())
      return Status::Invalid("body: 'participants' must be a list of codes");
    for (const auto& v : j["participants"]) {
      if (!v.is_string()) return Status::Invalid("body: 'participants' must be a list of codes");
      b.event.participants += (b.event.participants.empty() ? "" : ";") + v.get<std::string>();
    }
  }
  auto integer = [&j](const char* name, std::optional<int64_t>* out) -> Status {
    if (!j.contains(name)) return Status::Ok();
    if (!j[name].is_number_integer())
      return Status::Invalid(std::string("body: '") + name + "' must be a whole number");
    *out = j[name].get<int64_t>();
    return Status::Ok();
  };
  std::optional<int64_t> version;
  RETURN_IF_ERROR(integer("version", &version));
  b.version = version.value_or(0);
  RETURN_IF_ERROR(integer("days", &b.days));
  RETURN_IF_ERROR(integer("into", &b.into));
  for (auto [name, field] : {std::pair{"approve", &b.approve}, {"solved", &b.solved}}) {
    if (!j.contains(name)) continue;
    if (!j[name].is_boolean())
      return Status::Invalid(std::string("body: '") + name + "' must be true or false");
    *field = j[name].get<bool>();
  }
  for (auto [name, field] : {std::pair{"financing_amount", &b.event.financing_amount}}) {
    if (!j.contains(name)) continue;
    if (!j[name].is_number())
      return Status::Invalid(std::string("body: '") + name + "' must be a number");
    *field = j[name].get<double>();
  }
  for (auto [name, field] :
       {std::pair{"research_results", &b.event.research_results}, {"hires", &b.event.hires}}) {
    if (!j.contains(name)) continue;
    if (!j[name].is_number_integer())
      return Status::Invalid(std::string("body: '") + name + "' must be a whole number");
    *field = j[name].get<int32_t>();
  }
  return b;
}

}  // namespace ballast::api
