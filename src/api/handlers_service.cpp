// Routes of the enterprise service (万人助万企). app::Service decides who may see and do what
// (the state machine's parties and the scopes); these only translate HTTP.
#include <charconv>

#include "api/http_util.h"
#include "api/json_service.h"
#include "api/route.h"

namespace ballast::api {

namespace {

using Req = httplib::Request;
using Res = httplib::Response;
using auth::Permission;

std::string Today(const Ctx& c) { return BeijingDate(c.app.clock().Now()); }

void AuditRead(const Ctx& c, const std::string& action, const std::string& target,
               const std::string& detail) {
  (void)c.app.auth().Audit({c.caller->username, std::string(auth::RoleName(c.caller->role)),
                            c.address, action, target, "success", detail});
}

AppealContext Appeals(const Ctx& c) {
  return {[&c](const AppealRecord& a) { return c.app.service().AllowedActions(*c.caller, a); },
          Today(c), [&c](const std::string& day) { return c.app.service().ProvisionalDay(day); }};
}

void FileAppeal(const Ctx& c, const Req& req, Res& res) {
  auto b = ParseServiceBody(req.body);
  if (!b.ok()) return SendStatus(res, b.status());
  app::NewAppeal n;
  n.uscc = b->uscc.empty() ? c.caller->uscc : b->uscc;
  n.category = b->category;
  n.title = b->title;
  n.description = b->description;
  n.attachments = b->attachments;
  n.contact = b->contact;
  n.channel = b->channel.empty() ? "online" : b->channel;
  auto filed = c.app.service().FileAppeal(*c.caller, n);
  if (!filed.ok()) return SendStatus(res, filed.status());
  SendJson(res, 201, AppealJson(filed->appeal, Appeals(c), filed->possible_duplicates));
}

void ListAppeals(const Ctx& c, const Req& req, Res& res) {
  app::AppealFilter f;
  f.state = Param(req, "state");
  f.unit = Param(req, "unit");
  f.category = Param(req, "category");
  f.region = Param(req, "region");
  f.uscc = Param(req, "uscc");
  f.overdue_only = Param(req, "overdue") == "1";
  const std::string today = Today(c);
  f.today = today;
  auto list = c.app.service().ListAppeals(*c.caller, f);
  if (!list.ok()) return SendStatus(res, list.status());
  // Appeals are enterprise-level records: their reads are on the record.
  AuditRead(c, "read.appeals", f.region.empty() ? c.caller->region : f.region,
            std::to_string(list->size()) + " appeals");
  SendJson(res, 200, AppealsJson(*list, Appeals(c)));
}

void GetAppeal(const Ctx& c, const Req& req, Res& res) {
  auto id = PathId(req);
  if (!id.ok()) return SendStatus(res, id.status());
  auto view = c.app.service().GetAppeal(*c.caller, *id);
  if (!view.ok()) return SendStatus(res, view.status());
  AuditRead(c, "read.appeal", view->appeal.uscc, "appeal " + std::to_string(*id));
  SendJson(res, 200, AppealViewJson(*view, Appeals(c)));
}

void AppealStep(const Ctx& c, const Req& req, Res& res) {
  auto id = PathId(req);
  if (!id.ok()) return SendStatus(res, id.status());
  auto b = ParseServiceBody(req.body);
  if (!b.ok()) return SendStatus(res, b.status());
  const std::string action = req.matches[2];
  const app::Caller& actor = *c.caller;
  app::StepArgs args{*id, b->version, b->reason, ""};
  app::DispatchRequest route{b->unit, b->co_units, b->complexity};
  app::Service& s = c.app.service();
  Result<AppealRecord> r =
      Status::Invalid("action: '" + action + "' is not a step of the appeal loop");
  if (action == "accept") {
    r = s.Accept(actor, args);
  } else if (action == "decline") {
    r = s.Decline(actor, args);
  } else if (action == "dispatch") {
    r = s.Dispatch(actor, args, route);
  } else if (action == "return") {
    r = s.Return(actor, args);
  } else if (action == "reassign") {
    r = s.Reassign(actor, args, route);
  } else if (action == "request-extension") {
    if (!b->days)
      return SendError(res, 400, "invalid_argument", "days: the extension in working days");
    r = s.RequestExtension(actor, args, static_cast<int32_t>(*b->days));
  } else if (action == "approve-extension") {
    r = s.ApproveExtension(actor, args, b->approve.value_or(true));
  } else if (action == "escalate") {
    // 督办: the notice's unit ("" = the appeal's) and days to answer (service/joint.h).
    const int32_t days = b->days ? static_cast<int32_t>(std::clamp<int64_t>(*b->days, -1, 31)) : 0;
    r = s.Escalate(actor, args, b->unit, days);
  } else if (action == "merge") {
    if (!b->into)
      return SendError(res, 400, "invalid_argument", "into: the id of the appeal to merge into");
    r = s.Merge(actor, args, *b->into);
  } else if (action == "start") {
    r = s.StartWork(actor, args);
  } else if (action == "reply") {
    r = s.Reply(actor, args, b->reply);
  } else if (action == "rate") {
    if (!b->solved) return SendError(res, 400, "invalid_argument", "solved: true or false");
    r = s.Rate(actor, args, *b->solved, b->satisfaction);
  } else if (action == "reopen") {
    r = s.Reopen(actor, args);
  } else if (action == "close") {
    r = s.Close(actor, args);
  } else if (action == "withdraw") {
    r = s.Withdraw(actor, args);
  }
  if (!r.ok()) return SendStatus(res, r.status());
  SendJson(res, 200, AppealJson(*r, Appeals(c)));
}

void AssignOfficial(const Ctx& c, const Req& req, Res& res) {
  auto b = ParseServiceBody(req.body);
  if (!b.ok()) return SendStatus(res, b.status());
  OfficialRecord o;
  o.uscc = req.matches[1];
  o.username = b->username;
  o.name = b->name;
  o.unit = b->unit;
  if (Status st = c.app.service().AssignOfficial(*c.caller, o); !st.ok())
    return SendStatus(res, st);
  SendJson(res, 201, R"({"status":"assigned"})");
}

void UnassignOfficial(const Ctx& c, const Req& req, Res& res) {
  if (Status st = c.app.service().UnassignOfficial(*c.caller, req.matches[1], req.matches[2]);
      !st.ok()) {
    return SendStatus(res, st);
  }
  SendJson(res, 200, R"({"status":"removed"})");
}

void PostCalendarYear(const Ctx& c, const Req& q, Res& r) {
  app::Caller actor = *c.caller;
  actor.address = c.address;
  if (Status st = c.app.service().LoadCalendarYear(actor, q.body); !st.ok())
    return SendStatus(r, st);
  SendJson(r, 200, CalendarStatusJson(c.app.service().CalendarState(*c.caller)));
}

void ListNotifications(const Ctx& c, const Req& q, Res& r) {
  auto limit = IntParam(q, "limit", 50);
  if (!limit.ok()) return SendStatus(r, limit.status());
  Reply(r, c.app.service().Notifications(*c.caller, Param(q, "unread") == "1", *limit),
        NotificationsJson);
}

void ReadNotification(const Ctx& c, const Req& q, Res& r) {
  auto id = PathId(q);
  if (!id.ok()) return SendStatus(r, id.status());
  if (Status st = c.app.service().MarkNotificationsRead(*c.caller, *id); !st.ok())
    return SendStatus(r, st);
  SendJson(r, 200, R"({"status":"read"})");
}

void SetNotificationEmail(const Ctx& c, const Req& q, Res& r) {
  auto b = ParseServiceBody(q.body);
  if (!b.ok()) return SendStatus(r, b.status());
  if (Status st = c.app.service().SetNotificationEmail(*c.caller, b->email); !st.ok())
    return SendStatus(r, st);
  SendJson(r, 200, R"({"status":"saved"})");
}

void Metrics(const Ctx& c, const Req& q, Res& r) {
  app::MetricsFilter f;
  f.region = Param(q, "region");
  f.unit = Param(q, "unit");
  f.category = Param(q, "category");
  f.from_period = Param(q, "from");
  f.to_period = Param(q, "to");
  if (std::string by = Param(q, "group_by"); !by.empty()) {
    auto g = service::ParseGroupBy(by);
    if (!g)
      return SendError(r, 400, "invalid_argument",
                       "group_by: total, region, unit, category, period or period_region");
    f.group_by = *g;
  }
  Reply(r, c.app.service().Metrics(*c.caller, f), ServiceMetricsJson);
}

void Statistics(const Ctx& c, const Req& q, Res& r) {
  app::MetricsFilter f;
  f.region = Param(q, "region");
  f.unit = Param(q, "unit");
  f.category = Param(q, "category");
  f.from_period = Param(q, "from");
  f.to_period = Param(q, "to");
  std::string today = Param(q, "today");
  if (today.empty()) today = Today(c);
  auto s = c.app.service().Statistics(*c.caller, f, today);
  if (!s.ok()) return SendStatus(r, s.status());
  SendJson(r, 200, ServiceStatisticsJson(*s, today));
}

// Attachments (docs/service.md): an appeal the caller may not see answers 404 before the body
// is looked at; the file goes back as a download (never rendered: octet-stream, attachment).
void ListAttachments(const Ctx& c, const Req& req, Res& res) {
  auto id = PathId(req);
  if (!id.ok()) return SendStatus(res, id.status());
  Reply(res, c.app.service().ListAttachments(*c.caller, *id), AttachmentsJson);
}

void UploadAttachment(const Ctx& c, const Req& req, Res& res) {
  auto id = PathId(req);
  if (!id.ok()) return SendStatus(res, id.status());
  if (auto seen = c.app.service().ListAttachments(*c.caller, *id); !seen.ok())
    return SendStatus(res, seen.status());
  if (!req.is_multipart_form_data() || !req.has_file("file")) {
    return SendError(res, 400, "invalid_argument",
                     "file: send the file as multipart/form-data field 'file'");
  }
  const auto file = req.get_file_value("file");
  const std::string internal =
      req.has_file("internal") ? req.get_file_value("internal").content : Param(req, "internal");
  auto added = c.app.service().AddAttachment(*c.caller, *id, file.filename, file.content,
                                             internal == "1" || internal == "true");
  if (!added.ok()) return SendStatus(res, added.status());
  SendJson(res, 201, AttachmentJson(*added));
}

void DownloadAttachment(const Ctx& c, const Req& req, Res& res) {
  auto id = PathId(req);
  if (!id.ok()) return SendStatus(res, id.status());
  int64_t file_id = 0;
  const std::string s = req.matches[2];
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), file_id);
  if (ec != std::errc() || p != s.data() + s.size() || file_id <= 0)
    return SendError(res, 400, "invalid_argument", "attachment: '" + s + "' is not an id");
  auto a = c.app.service().GetAttachment(*c.caller, *id, file_id);
  if (!a.ok()) return SendStatus(res, a.status());
  AuditRead(c, "read.attachment", std::to_string(*id), "attachment " + std::to_string(file_id));
  res.set_header("Content-Disposition", ContentDisposition(a->name));
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Content-SHA256", a->sha256);
  res.set_content(a->content, "application/octet-stream");
}

void PutCalendar(const Ctx& c, const Req& q, Res& r) {
  if (Status st = c.app.service().UpdateCalendar(*c.caller, q.body); !st.ok())
    return SendStatus(r, st);
  SendJson(r, 200, c.app.service().CalendarJson());
}

}  // namespace

std::vector<Route> ServiceRoutes() {
  const ParamSpec id{"id", "integer", true, "the appeal's id", {}, "path"};
  const ParamSpec uscc{"uscc", "string", true, "unified social credit code", {}, "path"};
  std::vector<std::string> actions;
  for (const auto& t : service::TransitionTable()) {
    std::string name(service::ActionName(t.action));
    std::replace(name.begin(), name.end(), '_', '-');
    if (std::find(actions.begin(), actions.end(), name) == actions.end()) actions.push_back(name);
  }
  return {
      {"GET",
       "/api/v1/appeal-categories",
       "Appeal categories and deadlines",
       Permission::kAuthenticated,
       {},
       "",
       "AppealCategories",
       200,
       [](const Ctx& c, const Req&, Res& r) {
         SendJson(r, 200, CategoriesJson(c.app.service().catalogue()));
       },
       "/api/v1/appeal-categories",
       "",
       ""},
      {"POST",
       "/api/v1/appeals",
       "File an appeal (the enterprise, its 包联 official, or dispatch staff on its behalf)",
       Permission::kAppeals,
       {},
       "NewAppeal",
       "AppealAnswer",
       201,
       FileAppeal,
       "/api/v1/appeals",
       "/api/v1/appeals",
       R"({"uscc":"91310110666007217T","category":"financing","title":"matrix","description":"matrix","contact":"x","channel":"phone"})",
       Permission::kFileAppeal},
      {"GET",
       "/api/v1/appeals",
       "Appeals the caller may see",
       Permission::kAppeals,
       {{"state", "string", false, "appeal state"},
        {"unit", "string", false, "responsible unit"},
        {"category", "string", false, "category code"},
        {"region", "string", false, "appeals of enterprises in this region's subtree"},
        {"uscc", "string", false, "one enterprise"},
        {"overdue", "string", false, "1: only open appeals past their deadline", {"0", "1"}}},
       "",
       "Appeals",
       200,
       ListAppeals,
       "/api/v1/appeals",
       "/api/v1/appeals?region=419001",
       ""},
      {"GET",
       "/api/v1/appeals/{id}",
       "One appeal with its history and officials",
       Permission::kAppeals,
       {id},
       "",
       "AppealView",
       200,
       GetAppeal,
       "/api/v1/appeals/{appeal_in}",
       "/api/v1/appeals/{appeal_out}",
       ""},
      {"GET",
       "/api/v1/appeals/{id}/attachments",
       "Files of an appeal the caller may read (internal ones: staff only)",
       Permission::kAppeals,
       {id},
       "",
       "Attachments",
       200,
       ListAttachments,
       "/api/v1/appeals/{appeal_in}/attachments",
       "/api/v1/appeals/{appeal_out}/attachments",
       ""},
      {"POST",
       "/api/v1/appeals/{id}/attachments",
       "Attach a file (multipart field 'file'; pdf, jpg, png, docx, xlsx up to 10 MiB; "
       "field or parameter internal=1: staff only)",
       Permission::kAppeals,
       {id,
        {"internal", "string", false, "1: for staff only (not for the enterprise)", {"0", "1"}}},
       "multipart",
       "Attachment",
       201,
       UploadAttachment,
       "/api/v1/appeals/{appeal_in}/attachments",
       "/api/v1/appeals/{appeal_out}/attachments",
       ""},
      {"GET",
       "/api/v1/appeals/{id}/attachments/{attachment}",
       "Download a file (Content-Disposition: attachment; X-Content-Type-Options: nosniff)",
       Permission::kAppeals,
       {id, {"attachment", "integer", true, "the file's id", {}, "path"}},
       "",
       "application/octet-stream",
       200,
       DownloadAttachment,
       "/api/v1/appeals/{appeal_in}/attachments/{attachment_in}",
       "/api/v1/appeals/{appeal_out}/attachments/{attachment_out}",
       ""},
      {"POST",
       "/api/v1/appeals/{id}/{action}",
       "A step of the appeal loop (see docs/service.md)",
       Permission::kAppeals,
       {id, {"action", "string", true, "the step", actions, "path"}},
       "AppealStep",
       "AppealAnswer",
       200,
       AppealStep,
       "/api/v1/appeals/{appeal_in}/escalate",
       "/api/v1/appeals/{appeal_out}/escalate",
       R"({"version":0,"reason":"matrix"})",
       Permission::kDispatch},
      {"GET",
       "/api/v1/appeal-reminders",
       "T-1 and overdue reminders",
       Permission::kHandleAssigned,
       {{"today", "string", false, "YYYY-MM-DD (default today in Beijing)"}},
       "",
       "Reminders",
       200,
       [](const Ctx& c, const Req& q, Res& r) {
         Reply(r, c.app.service().Reminders(*c.caller, Param(q, "today")), RemindersJson);
       },
       "/api/v1/appeal-reminders",
       "",
       ""},
      {"GET",
       "/api/v1/service/metrics",
       "Service metrics with numerators and denominators",
       Permission::kReadAggregate,
       {{"region", "string", false, "region (default the caller's scope)"},
        {"unit", "string", false, "responsible unit"},
        {"category", "string", false, "category code"},
        {"from", "string", false, "YYYY-MM of filing"},
        {"to", "string", false, "YYYY-MM of filing"},
        {"group_by",
         "string",
         false,
         "grouping",
         {"total", "region", "unit", "category", "period", "period_region"}}},
       "",
       "ServiceMetrics",
       200,
       Metrics,
       "/api/v1/service/metrics?region=410100",
       "/api/v1/service/metrics?region=419001",
       ""},
      {"GET",
       "/api/v1/service/statistics",
       "The leader's statistics: category × region × unit, hot topics, unit rankings",
       Permission::kReadAggregate,
       {{"region", "string", false, "region (default the caller's scope)"},
        {"unit", "string", false, "responsible unit (a handler: its own only)"},
        {"category", "string", false, "category code"},
        {"from", "string", false, "YYYY-MM of filing (Beijing)"},
        {"to", "string", false, "YYYY-MM of filing (Beijing)"},
        {"today", "string", false, "YYYY-MM-DD for the overdue counts (default today in Beijing)"}},
       "",
       "ServiceStatistics",
       200,
       Statistics,
       "/api/v1/service/statistics?region=410100",
       "/api/v1/service/statistics?region=419001",
       ""},
      {"GET",
       "/api/v1/service/coverage",
       "包联 coverage",
       Permission::kReadAggregate,
       {{"region", "string", false, "region (default the caller's scope)"},
        {"by", "string", true, "grouping", {"region", "tag", "size"}}},
       "",
       "Coverage",
       200,
       [](const Ctx& c, const Req& q, Res& r) {
         Reply(r, c.app.service().Coverage(*c.caller, Param(q, "region"), Param(q, "by")),
               CoverageJson);
       },
       "/api/v1/service/coverage?region=410100&by=size",
       "/api/v1/service/coverage?region=419001&by=size",
       ""},
      {"GET",
       "/api/v1/enterprises/{uscc}/officials",
       "An enterprise's 包联 officials",
       Permission::kAppeals,
       {uscc},
       "",
       "Officials",
       200,
       [](const Ctx& c, const Req& q, Res& r) {
         Reply(r, c.app.service().ListOfficials(*c.caller, q.matches[1]), OfficialsJson);
       },
       "/api/v1/enterprises/91310110666007217T/officials",
       "/api/v1/enterprises/91330000755918469E/officials",
       ""},
      {"POST",
       "/api/v1/enterprises/{uscc}/officials",
       "Assign a 包联 official",
       Permission::kDispatch,
       {uscc},
       "NewOfficial",
       "StatusMessage",
       201,
       AssignOfficial,
       "/api/v1/enterprises/91310110666007217T/officials",
       "/api/v1/enterprises/91330000755918469E/officials",
       R"({"username":"analyst","name":"分析员","unit":"郑州市工业和信息化局"})"},
      {"DELETE",
       "/api/v1/enterprises/{uscc}/officials/{username}",
       "Remove a 包联 official",
       Permission::kDispatch,
       {uscc, {"username", "string", true, "the official's username", {}, "path"}},
       "",
       "StatusMessage",
       200,
       UnassignOfficial,
       "/api/v1/enterprises/91310110666007217T/officials/nobody",
       "/api/v1/enterprises/91330000755918469E/officials/nobody",
       ""},
      {"GET",
       "/api/v1/service/calendar/status",
       "How long the known calendar lasts (deadlines after it are provisional; a warning for "
       "administrators)",
       Permission::kAuthenticated,
       {},
       "",
       "CalendarStatus",
       200,
       [](const Ctx& c, const Req&, Res& r) {
         SendJson(r, 200, CalendarStatusJson(c.app.service().CalendarState(*c.caller)));
       },
       "/api/v1/service/calendar/status",
       "",
       ""},
      {"POST",
       "/api/v1/service/calendar/years",
       "Load one year of the calendar from its State Council notice (administrators of a province "
       "or the country)",
       Permission::kAdmin,
       {},
       "CalendarYear",
       "CalendarStatus",
       200,
       PostCalendarYear,
       "",
       "/api/v1/service/calendar/years",
       "{}"},
      {"GET",
       "/api/v1/service/calendar",
       "The working-day calendar (holidays and make-up workdays)",
       Permission::kAuthenticated,
       {},
       "",
       "Calendar",
       200,
       [](const Ctx& c, const Req&, Res& r) { SendJson(r, 200, c.app.service().CalendarJson()); },
       "/api/v1/service/calendar",
       "",
       ""},
      {"PUT",
       "/api/v1/service/calendar",
       "Replace the working-day calendar (administrators of the whole country)",
       Permission::kAdmin,
       {},
       "Calendar",
       "Calendar",
       200,
       PutCalendar,
       "",
       "/api/v1/service/calendar",
       "{}"},
      {"GET",
       "/api/v1/notifications",
       "The caller's notifications (newest first) and unread count",
       Permission::kAuthenticated,
       {{"unread", "string", false, "1: unread only", {"0", "1"}},
        {"limit", "integer", false, "at most this many (1–500, default 50)"}},
       "",
       "Notifications",
       200,
       ListNotifications,
       "/api/v1/notifications",
       "",
       ""},
      {"POST",
       "/api/v1/notifications/{id}/read",
       "Mark one of the caller's notifications read",
       Permission::kAuthenticated,
       {{"id", "integer", true, "the notification's id", {}, "path"}},
       "",
       "StatusMessage",
       200,
       ReadNotification,
       "/api/v1/notifications/999999/read",
       "",
       ""},
      {"POST",
       "/api/v1/notifications/read-all",
       "Mark all the caller's notifications read",
       Permission::kAuthenticated,
       {},
       "",
       "StatusMessage",
       200,
       [](const Ctx& c, const Req&, Res& r) {
         if (Status st = c.app.service().MarkNotificationsRead(*c.caller, 0); !st.ok())
           return SendStatus(r, st);
         SendJson(r, 200, R"({"status":"read"})");
       },
       "/api/v1/notifications/read-all",
       "",
       ""},
      {"PUT",
       "/api/v1/notifications/email",
       "Where the caller receives notification e-mails (empty: none)",
       Permission::kAuthenticated,
       {},
       "NotificationEmail",
       "StatusMessage",
       200,
       SetNotificationEmail,
       "/api/v1/notifications/email",
       "",
       R"({"email":""})"},
      {"GET",
       "/api/v1/matchmaking",
       "Matchmaking events (对接活动)",
       Permission::kReadAggregate,
       {},
       "",
       "MatchEvents",
       200,
       [](const Ctx& c, const Req&, Res& r) {
         Reply(r, c.app.service().ListMatchEvents(*c.caller), MatchEventsJson);
       },
       "/api/v1/matchmaking",
       "",
       ""},
      {"POST",
       "/api/v1/matchmaking",
       "Record a matchmaking event",
       Permission::kImport,
       {},
       "NewMatchEvent",
       "MatchEventAnswer",
       201,
       [](const Ctx& c, const Req& q, Res& r) {
         auto b = ParseServiceBody(q.body);
         if (!b.ok()) return SendStatus(r, b.status());
         Reply(r, c.app.service().AddMatchEvent(*c.caller, b->event), MatchEventJson, 201);
       },
       "/api/v1/matchmaking",
       "",
       R"({"type":"finance","title":"matrix","date":"2025-03-01","region":"410100","organiser":"x","financing_amount":1.5})"},
      {"GET",
       "/api/v1/matchmaking/totals",
       "Matchmaking totals against the seed's targets",
       Permission::kReadAggregate,
       {{"year", "string", false, "YYYY"}},
       "",
       "MatchTotals",
       200,
       [](const Ctx& c, const Req& q, Res& r) {
         Reply(r, c.app.service().MatchTotals(*c.caller, Param(q, "year")), MatchTotalsJson);
       },
       "/api/v1/matchmaking/totals",
       "",
       ""},
  };
}

}  // namespace ballast::api
