// Handlers of the enterprise-service routes (万人助万企). The Service decides who may see and
// do what (the state machine's parties); these only translate HTTP.
#include <charconv>

#include "api/handlers.h"
#include "api/json_service.h"
#include "app/analysis.h"
#include "app/service.h"

namespace ballast::api {

namespace {

using Req = httplib::Request;
using Res = httplib::Response;

app::ServiceActor Actor(const Ctx& c) {
  const auth::Principal& p = *c.principal;
  return {p.username, p.role, p.uscc, p.unit, p.region_code};
}

std::string Today(app::Workspace& ws) {
  auto day = service::BeijingDay(auth::UtcNow(ws.auth().Now()));
  return day ? service::FormatDay(*day) : std::string();
}

void FileAppeal(app::Workspace&, const Ctx& c, const Req& req, Res& res) {
  auto b = ParseServiceBody(req.body);
  if (!b.ok()) return SendStatus(res, b.status());
  app::NewAppeal n;
  n.uscc = b->uscc.empty() ? c.principal->uscc : b->uscc;
  n.category = b->category;
  n.title = b->title;
  n.description = b->description;
  n.attachments = b->attachments;
  n.contact = b->contact;
  n.channel = b->channel.empty() ? "online" : b->channel;
  auto filed = c.service->FileAppeal(Actor(c), n);
  if (!filed.ok()) return SendStatus(res, filed.status());
  SendJson(res, 201, AppealJson(filed->appeal, filed->possible_duplicates));
}

// An enterprise outside the caller's scope is refused (an enterprise user: its own only).
Status CheckEnterpriseScope(app::Workspace& ws, const Ctx& c, const std::string& uscc) {
  if (c.principal->role == auth::Role::kEnterprise) {
    return uscc == c.principal->uscc ? Status::Ok()
                                     : Status::NotFound("no such enterprise among yours");
  }
  ASSIGN_OR_RETURN(auto e, app::GetEnterprise(ws, uscc));
  return CheckRegion(ws, c, e.region.code);
}

void ListAppeals(app::Workspace& ws, const Ctx& c, const Req& req, Res& res) {
  // A region filter outside the scope is refused, not answered with an empty list.
  if (std::string region = Param(req, "region"); !region.empty()) {
    if (Status st = CheckRegion(ws, c, region); !st.ok()) return SendStatus(res, st);
  }
  app::AppealFilter f;
  f.state = Param(req, "state");
  f.unit = Param(req, "unit");
  f.category = Param(req, "category");
  f.region = Param(req, "region");
  f.uscc = Param(req, "uscc");
  f.overdue_only = Param(req, "overdue") == "1";
  const std::string today = Today(ws);
  f.today = today;
  auto list = c.service->ListAppeals(Actor(c), f);
  if (!list.ok()) return SendStatus(res, list.status());
  // Appeals are enterprise-level records: their reads are on the record.
  AuditRead(ws, c, "read.appeals", f.region.empty() ? c.principal->region_code : f.region,
            std::to_string(list->size()) + " appeals");
  SendJson(res, 200, AppealsJson(*list, today));
}

void GetAppeal(app::Workspace& ws, const Ctx& c, const Req& req, Res& res) {
  auto id = PathId(req);
  if (!id.ok()) return SendStatus(res, id.status());
  auto view = c.service->GetAppeal(Actor(c), *id);
  if (view.ok()) {
    AuditRead(ws, c, "read.appeal", view->appeal.uscc, "appeal " + std::to_string(*id));
  }
  Reply(res, view, AppealViewJson);
}

void AppealStep(app::Workspace&, const Ctx& c, const Req& req, Res& res) {
  auto id = PathId(req);
  if (!id.ok()) return SendStatus(res, id.status());
  auto b = ParseServiceBody(req.body);
  if (!b.ok()) return SendStatus(res, b.status());
  const std::string action = req.matches[2];
  const app::ServiceActor actor = Actor(c);
  app::StepArgs args{*id, b->version, b->reason, ""};
  app::DispatchRequest route{b->unit, b->co_units, b->complexity};
  app::Service& s = *c.service;
  Result<AppealRecord> r =
      Status::Invalid("action: '" + action + "' is not a step of the appeal loop");
  if (action == "accept")
    r = s.Accept(actor, args);
  else if (action == "decline")
    r = s.Decline(actor, args);
  else if (action == "dispatch")
    r = s.Dispatch(actor, args, route);
  else if (action == "return")
    r = s.Return(actor, args);
  else if (action == "reassign")
    r = s.Reassign(actor, args, route);
  else if (action == "request-extension") {
    if (!b->days)
      return SendError(res, 400, "invalid_argument", "days: the extension in working days");
    r = s.RequestExtension(actor, args, static_cast<int32_t>(*b->days));
  } else if (action == "approve-extension") {
    r = s.ApproveExtension(actor, args, b->approve.value_or(true));
  } else if (action == "escalate")
    r = s.Escalate(actor, args);
  else if (action == "merge") {
    if (!b->into)
      return SendError(res, 400, "invalid_argument", "into: the id of the appeal to merge into");
    r = s.Merge(actor, args, *b->into);
  } else if (action == "start")
    r = s.StartWork(actor, args);
  else if (action == "reply")
    r = s.Reply(actor, args, b->reply);
  else if (action == "rate") {
    if (!b->solved) return SendError(res, 400, "invalid_argument", "solved: true or false");
    r = s.Rate(actor, args, *b->solved, b->satisfaction);
  } else if (action == "reopen")
    r = s.Reopen(actor, args);
  else if (action == "close")
    r = s.Close(actor, args);
  else if (action == "withdraw")
    r = s.Withdraw(actor, args);
  Reply(res, r, [](const AppealRecord& a) { return AppealJson(a); });
}

void AssignOfficial(app::Workspace& ws, const Ctx& c, const Req& req, Res& res) {
  if (Status st = CheckEnterpriseScope(ws, c, req.matches[1]); !st.ok()) return SendStatus(res, st);
  auto b = ParseServiceBody(req.body);
  if (!b.ok()) return SendStatus(res, b.status());
  OfficialRecord o;
  o.uscc = req.matches[1];
  o.username = b->username;
  o.name = b->name;
  o.unit = b->unit;
  if (Status st = c.service->AssignOfficial(Actor(c), o); !st.ok()) return SendStatus(res, st);
  SendJson(res, 201, R"({"status":"assigned"})");
}

void AddMatchEvent(app::Workspace&, const Ctx& c, const Req& req, Res& res) {
  auto b = ParseServiceBody(req.body);
  if (!b.ok()) return SendStatus(res, b.status());
  Reply(res, c.service->AddMatchEvent(Actor(c), b->event), MatchEventJson, 201);
}

}  // namespace

const std::map<std::string, Handler>& ServiceHandlers() {
  static const std::map<std::string, Handler> handlers = {
      {"GET /api/v1/appeal-categories",
       [](app::Workspace&, const Ctx& c, const Req&, Res& r) {
         SendJson(r, 200, CategoriesJson(c.service->catalogue()));
       }},
      {"POST /api/v1/appeals", FileAppeal},
      {"GET /api/v1/appeals", ListAppeals},
      {"GET /api/v1/appeals/{id}", GetAppeal},
      {"POST /api/v1/appeals/{id}/{action}", AppealStep},
      {"GET /api/v1/appeal-reminders",
       [](app::Workspace&, const Ctx& c, const Req& q, Res& r) {
         Reply(r, c.service->Reminders(Actor(c), Param(q, "today")), RemindersJson);
       }},
      {"GET /api/v1/service/metrics",
       [](app::Workspace&, const Ctx& c, const Req& q, Res& r) {
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
                              "group_by: total, region, unit, category or period");
           f.group_by = *g;
         }
         Reply(r, c.service->Metrics(Actor(c), f), ServiceMetricsJson);
       }},
      {"GET /api/v1/service/coverage",
       [](app::Workspace&, const Ctx& c, const Req& q, Res& r) {
         Reply(r, c.service->Coverage(Actor(c), Param(q, "region"), Param(q, "by")), CoverageJson);
       }},
      {"GET /api/v1/enterprises/{uscc}/officials",
       [](app::Workspace& ws, const Ctx& c, const Req& q, Res& r) {
         if (Status st = CheckEnterpriseScope(ws, c, q.matches[1]); !st.ok())
           return SendStatus(r, st);
         Reply(r, c.service->ListOfficials(Actor(c), q.matches[1]), OfficialsJson);
       }},
      {"POST /api/v1/enterprises/{uscc}/officials", AssignOfficial},
      {"GET /api/v1/service/calendar", [](app::Workspace&, const Ctx& c, const Req&,
                                          Res& r) { SendJson(r, 200, c.service->CalendarJson()); }},
      {"PUT /api/v1/service/calendar",
       [](app::Workspace& ws, const Ctx& c, const Req& q, Res& r) {
         // One calendar serves every region: only administrators of the whole country edit it.
         if (Status st = CheckRegion(ws, c, std::string(kCountryCode)); !st.ok())
           return SendStatus(r, st);
         if (Status st = c.service->UpdateCalendar(Actor(c), q.body); !st.ok())
           return SendStatus(r, st);
         SendJson(r, 200, c.service->CalendarJson());
       }},
      {"GET /api/v1/matchmaking",
       [](app::Workspace&, const Ctx& c, const Req&, Res& r) {
         Reply(r, c.service->ListMatchEvents(Actor(c)), MatchEventsJson);
       }},
      {"POST /api/v1/matchmaking", AddMatchEvent},
      {"GET /api/v1/matchmaking/totals",
       [](app::Workspace&, const Ctx& c, const Req& q, Res& r) {
         Reply(r, c.service->MatchTotals(Actor(c), Param(q, "year")), MatchTotalsJson);
       }},
  };
  return handlers;
}

}  // namespace ballast::api
