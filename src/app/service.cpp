#include "app/service.h"

#include <algorithm>
#include <map>
#include <optional>

#include "app/access.h"
#include "store/open.h"
#include "store/warn_store.h"

namespace ballast::app {

namespace {

using service::Action;

bool IsStaff(auth::Role r) { return r == auth::Role::kAdmin || r == auth::Role::kDispatcher; }
bool ReadsAggregates(auth::Role r) { return r != auth::Role::kEnterprise; }

bool HasUnit(const std::string& list, const std::string& unit) {
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find(';', start);
    if (end == std::string::npos) end = list.size();
    if (!unit.empty() && list.compare(start, end - start, unit) == 0) return true;
    start = end + 1;
  }
  return false;
}

std::string_view SizeName(EnterpriseSize s) {
  switch (s) {
    case EnterpriseSize::kLarge:
      return "large";
    case EnterpriseSize::kMedium:
      return "medium";
    case EnterpriseSize::kSmall:
      return "small";
    case EnterpriseSize::kMicro:
      return "micro";
    case EnterpriseSize::kUnknown:
      break;
  }
  return "unknown";
}

}  // namespace

// Region scopes walk the code tree (419001 济源 lies in 410000 and in no prefecture).
bool Service::Covers(const std::string& scope, const std::string& code) const {
  const Catalog& cat = ws_.catalog();
  const NodeId s =
      scope.empty() || scope == kCountryCode ? cat.country() : cat.regions().Find(scope);
  const NodeId n = code.empty() || code == kCountryCode ? cat.country() : cat.regions().Find(code);
  return s != kNoNode && n != kNoNode && cat.regions().Contains(s, n);
}

std::string Service::Now(const std::string& now) const {
  return now.empty() ? FormatUtc(ws_.clock().Now()) : now;
}

Result<std::string> Service::VisibleEnterpriseRegion(const ServiceActor& actor,
                                                     const std::string& uscc) {
  auto unknown = [] { return EnterpriseNotFound(); };
  if (actor.role == auth::Role::kEnterprise && uscc != actor.uscc) return unknown();
  ASSIGN_OR_RETURN(auto snap, ws_.GetSnapshot());
  if (!snap->panel) return unknown();
  const int64_t e = snap->panel->FindEnterprise(uscc);
  if (e < 0) return unknown();
  const NodeId r = snap->panel->enterprise(static_cast<uint32_t>(e)).region;
  const std::string code = r == kNoNode ? std::string() : ws_.catalog().regions().node(r).code;
  if (actor.role != auth::Role::kEnterprise && (code.empty() || !Covers(actor.region, code)))
    return unknown();
  return code;
}

std::vector<std::string> Service::AllowedActions(const ServiceActor& actor, const AppealRecord& a) {
  std::vector<std::string> out;
  std::lock_guard<std::mutex> lock(mu_);
  auto parties = Parties(actor, a);
  auto state = service::ParseState(a.state);
  if (!parties.ok() || !state) return out;
  for (const auto& t : service::TransitionTable()) {
    if ((t.parties & *parties) == 0) continue;
    if (std::find(t.from.begin(), t.from.end(), *state) == t.from.end()) continue;
    std::string name(service::ActionName(t.action));
    std::replace(name.begin(), name.end(), '_', '-');  // as in POST /appeals/{id}/{action}
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

Result<std::unique_ptr<Service>> Service::Open(Workspace& ws, const std::string& db_path) {
  ASSIGN_OR_RETURN(auto store, OpenServiceStore(db_path));
  std::unique_ptr<Service> s(new Service(ws, std::move(store)));
  RETURN_IF_ERROR(s->LoadConfig());
  return s;
}

// A saved revision overrides the shipped file.
Status Service::LoadConfig() {
  ASSIGN_OR_RETURN(auto cal, store_->LatestConfig("calendar"));
  ASSIGN_OR_RETURN(
      calendar_, cal ? service::WorkCalendar::Parse(cal->body) : service::WorkCalendar::Default());
  ASSIGN_OR_RETURN(auto cats, store_->LatestConfig("categories"));
  ASSIGN_OR_RETURN(auto disp, store_->LatestConfig("dispatch"));
  ASSIGN_OR_RETURN(catalogue_,
                   service::ServiceCatalogue::Parse(
                       cats ? std::string_view(cats->body) : service::EmbeddedCategoriesJson(),
                       disp ? std::string_view(disp->body) : service::EmbeddedDispatchJson()));
  return Status::Ok();
}

Result<unsigned> Service::Parties(const ServiceActor& actor, const AppealRecord& a) {
  unsigned p = 0;
  if (actor.role == auth::Role::kEnterprise && !actor.uscc.empty() && actor.uscc == a.uscc)
    p |= service::kEnterprise;
  if (IsStaff(actor.role) && Covers(actor.region, a.region)) p |= service::kDispatcher;
  if (actor.role == auth::Role::kHandler && !a.unit.empty() && actor.unit == a.unit &&
      Covers(actor.region, a.region)) {
    p |= service::kUnit;
  }
  // A co-unit of joint handling (会办): a handler in scope whose unit has a part of this appeal
  // (or is addressed by one of its 督办 notices).
  if (actor.role == auth::Role::kHandler && a.id > 0 && !actor.unit.empty() &&
      !(p & service::kUnit) && Covers(actor.region, a.region)) {
    ASSIGN_OR_RETURN(auto parts, store_->ListJointParts(a.id, actor.unit));
    if (parts.empty()) {  // the unit a 督办 notice is addressed to reads the appeal it answers for
      ASSIGN_OR_RETURN(auto notices, store_->ListNotices(a.id, actor.unit));
      if (!notices.empty()) p |= service::kCoUnit;
    } else {
      p |= service::kCoUnit;
    }
  }
  if (actor.role != auth::Role::kEnterprise && actor.role != auth::Role::kViewer) {
    ASSIGN_OR_RETURN(auto officials, store_->ListOfficials(a.uscc));
    for (const auto& o : officials) {
      if (o.username == actor.username) p |= service::kOfficial;
    }
  }
  return p;
}

bool Service::CanSee(const ServiceActor& actor, const AppealRecord& a, unsigned parties) const {
  if (parties != 0) return true;
  if (actor.role == auth::Role::kHandler && HasUnit(a.co_units, actor.unit) &&
      Covers(actor.region, a.region)) {
    return true;  // co-handling units read along
  }
  return actor.role == auth::Role::kAnalyst && Covers(actor.region, a.region);
}

Result<FiledAppeal> Service::FileAppeal(const ServiceActor& actor, NewAppeal n,
                                        const std::string& now_in) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string now = Now(now_in);
  if (actor.role == auth::Role::kEnterprise) {
    if (n.uscc.empty()) n.uscc = actor.uscc;
    if (n.uscc != actor.uscc) return Status::Denied("an enterprise files appeals for itself only");
  }
  if (n.uscc.empty()) return Status::Invalid("the enterprise (uscc) is required");
  // The roster is the authority on name and region when it knows the enterprise.
  bool in_roster = false;
  auto snap = ws_.GetSnapshot();
  if (snap.ok() && (*snap)->panel) {
    const Panel& panel = *(*snap)->panel;
    const int64_t e = panel.FindEnterprise(n.uscc);
    if (e >= 0) {
      in_roster = true;
      const auto& pe = panel.enterprise(static_cast<uint32_t>(e));
      n.enterprise_name = pe.name;
      if (pe.region != kNoNode) n.region = ws_.catalog().regions().node(pe.region).code;
    }
  }
  // Staff filing for an enterprise the roster does not know, with no region to file it under,
  // get the answer of an enterprise registered outside their scope (below): the two read alike.
  const bool staff_side = actor.role != auth::Role::kEnterprise;
  if (n.region.empty() && staff_side) return EnterpriseNotFound();
  if (n.region.empty())
    return Status::Invalid("the enterprise's region is required (not in the roster)");
  AppealRecord a;
  a.uscc = n.uscc;
  a.enterprise_name = n.enterprise_name;
  a.region = n.region;
  unsigned parties = 0;
  ASSIGN_OR_RETURN(parties, Parties(actor, a));
  if (!(parties & (service::kEnterprise | service::kOfficial | service::kDispatcher))) {
    // Out of scope reads as absent (issue 10): a 403 here against the 404 above told whether
    // another region's enterprise is registered.
    if (in_roster && staff_side && !Covers(actor.region, a.region)) return EnterpriseNotFound();
    return Status::Denied(
        "only the enterprise, its assigned official or a dispatcher may file for it");
  }
  const service::Category* cat = catalogue_.FindCategory(n.category);
  if (!cat) return Status::Invalid("unknown category '" + n.category + "'");
  a.category = n.category;
  a.complexity = cat->complexity;
  a.title = n.title;
  a.description = n.description;
  for (const auto& f : n.attachments) {
    if (f.find('\n') != std::string::npos)
      return Status::Invalid("an attachment name has a line break");
    a.attachments += (a.attachments.empty() ? "" : "\n") + f;
  }
  a.contact = n.contact;
  a.channel =
      n.channel.empty() && (parties & service::kOfficial) && !(parties & service::kEnterprise)
          ? "official"
          : n.channel;
  a.filed_by = actor.username;
  a.filed_at = now;
  const auto filed_day = service::BeijingDay(now);
  if (!filed_day) return Status::Invalid("bad time '" + now + "'");
  a.accept_due = service::FormatDay(
      calendar_.AddWorkingDays(*filed_day, catalogue_.DeadlinesFor(a.category, a.region).accept));
  a.updated_at = now;
  RETURN_IF_ERROR(service::ValidateNewAppeal(a));
  AppealEventRecord e{
      0,  0,         now, actor.username, service::PartyNames(parties), "file", "", a.state,
      "", a.channel, ""};
  FiledAppeal out;
  ASSIGN_OR_RETURN(auto same, store_->ListAppeals(AppealQuery{a.uscc, "", ""}));
  ASSIGN_OR_RETURN(out.appeal, store_->InsertAppeal(std::move(a), std::move(e)));
  ForEnterprise(actor, out.appeal);
  for (const auto& s : same) {
    auto st = service::ParseState(s.state);
    if (s.category == out.appeal.category && st && !service::IsTerminal(*st))
      out.possible_duplicates.push_back(s.id);
  }
  return out;
}

Status Service::Route(const AppealRecord& a, const DispatchRequest& r,
                      service::StepInput& in) const {
  auto target = catalogue_.Route(a.category, a.region);
  if (!target && r.unit.empty())
    return Status::Invalid("no dispatch rule for " + a.category + " in " + a.region);
  in.deadlines = target ? target->deadlines : service::Deadlines{};
  in.unit = r.unit.empty() ? target->unit : r.unit;
  in.co_units = r.unit.empty() ? target->co_units : r.co_units;
  in.complexity = r.complexity;
  return Status::Ok();
}

Result<AppealRecord> Service::Step(const ServiceActor& actor, const StepArgs& args,
                                   service::StepInput in) {
  std::lock_guard<std::mutex> lock(mu_);
  auto loaded = store_->GetAppeal(args.id);
  if (!loaded.ok()) return loaded.status();
  AppealRecord a = std::move(loaded).value();
  ASSIGN_OR_RETURN(unsigned parties, Parties(actor, a));
  if (!CanSee(actor, a, parties)) return Status::NotFound("no appeal " + std::to_string(args.id));
  if (a.version != args.version) {
    return Status::Precondition("appeal " + std::to_string(a.id) + " is at version " +
                                std::to_string(a.version) + ", not " +
                                std::to_string(args.version) + "; reload and retry");
  }
  in.parties = parties;
  in.actor = actor.username;
  in.now = Now(args.now);
  in.reason = args.reason;
  std::vector<AppealEventRecord> events;
  in.deadlines = catalogue_.DeadlinesFor(a.category, a.region);  // the rating window of a reply
  if (in.action == Action::kDispatch || in.action == Action::kReassign) {
    RETURN_IF_ERROR(Route(a, DispatchRequest{in.unit, in.co_units, in.complexity}, in));
  }
  if (in.action == Action::kReply) {  // the reply waits for the co-units' open parts (会办)
    ASSIGN_OR_RETURN(auto parts, store_->ListJointParts(a.id, ""));
    in.outstanding_parts = service::OutstandingUnits(parts);
  }
  if (in.action == Action::kReopen) {  // back to the same unit, with fresh deadlines
    auto target = catalogue_.Route(a.category, a.region);
    in.deadlines = target ? target->deadlines : service::Deadlines{};
  }
  if (in.action == Action::kMerge) {
    // An appeal the actor may not see answers like one that does not exist.
    auto found = store_->GetAppeal(in.merge_into);
    if (!found.ok() && found.status().code() != StatusCode::kNotFound) return found.status();
    const Status absent = Status::NotFound("no appeal " + std::to_string(in.merge_into));
    if (!found.ok()) return absent;
    AppealRecord into = std::move(found).value();
    ASSIGN_OR_RETURN(unsigned into_parties, Parties(actor, into));
    if (!CanSee(actor, into, into_parties)) return absent;
    auto st = service::ParseState(into.state);
    if (into.uscc != a.uscc)
      return Status::Invalid("only appeals of the same enterprise can be merged");
    if (!st || service::IsTerminal(*st))
      return Status::Precondition("appeal " + std::to_string(into.id) + " is finished");
    events.push_back({0, into.id, in.now, actor.username, "dispatcher", "merge_in", into.state,
                      into.state, into.unit, "merged appeal " + std::to_string(a.id), ""});
  }
  const int32_t escalations = a.escalations;
  ASSIGN_OR_RETURN(AppealEventRecord e, service::ApplyStep(a, in, calendar_));
  events.insert(events.begin(), std::move(e));
  if (in.action == Action::kRate && a.escalations > escalations) {
    // A second "not solved" escalates (督办) by rule: on the record like any other escalation.
    events.push_back({0, a.id, in.now, "system", "system", "escalate", a.state, a.state, a.unit,
                      service::kSecondNotSolvedReason, ""});
  }
  const bool escalated = a.escalations > escalations;
  // 督办: every escalation, by hand or by rule, is a notice to a unit with its own deadline,
  // saved in the step's transaction (both or neither; its id is the notice's number).
  std::optional<NoticeWrite> notice;
  if (escalated) {
    const bool by_hand = in.action == Action::kEscalate;
    // An appeal with no unit (returned) and none named is escalated without a notice.
    const std::string unit = by_hand && !in.unit.empty() ? in.unit : a.unit;
    if (!unit.empty()) {
      NoticeRecord n;
      ASSIGN_OR_RETURN(auto ne, service::NewNotice(
                                    a, unit, by_hand ? in.reason : service::kSecondNotSolvedReason,
                                    by_hand ? in.days : 0, by_hand ? actor.username : "system",
                                    in.now, calendar_, n));
      notice.emplace(NoticeWrite{std::move(n), std::move(ne)});
    }
  }
  ASSIGN_OR_RETURN(AppealRecord saved,
                   store_->UpdateAppeal(std::move(a), args.version, std::move(events),
                                        notice ? &*notice : nullptr));
  if (notice)
    NotifyUnit(saved, notice->notice.unit, "notice", "notice" + std::to_string(notice->notice.id),
               actor.username);
  NotifyStep(actor, in.action, saved, escalated);
  ForEnterprise(actor, saved);
  return saved;
}

namespace {
service::StepInput In(Action a) {
  service::StepInput in;
  in.action = a;
  return in;
}
}  // namespace

Result<AppealRecord> Service::Accept(const ServiceActor& ac, const StepArgs& a) {
  return Step(ac, a, In(Action::kAccept));
}
Result<AppealRecord> Service::Decline(const ServiceActor& ac, const StepArgs& a) {
  return Step(ac, a, In(Action::kDecline));
}
Result<AppealRecord> Service::Return(const ServiceActor& ac, const StepArgs& a) {
  return Step(ac, a, In(Action::kReturn));
}
Result<AppealRecord> Service::Escalate(const ServiceActor& ac, const StepArgs& a,
                                       const std::string& unit, int32_t days) {
  auto in = In(Action::kEscalate);
  in.unit = unit;
  in.days = days;
  return Step(ac, a, std::move(in));
}
Result<AppealRecord> Service::StartWork(const ServiceActor& ac, const StepArgs& a) {
  return Step(ac, a, In(Action::kStart));
}
Result<AppealRecord> Service::Reopen(const ServiceActor& ac, const StepArgs& a) {
  return Step(ac, a, In(Action::kReopen));
}
Result<AppealRecord> Service::Close(const ServiceActor& ac, const StepArgs& a) {
  return Step(ac, a, In(Action::kClose));
}
Result<AppealRecord> Service::Withdraw(const ServiceActor& ac, const StepArgs& a) {
  return Step(ac, a, In(Action::kWithdraw));
}

Result<AppealRecord> Service::Dispatch(const ServiceActor& ac, const StepArgs& a,
                                       const DispatchRequest& r) {
  auto in = In(Action::kDispatch);
  in.unit = r.unit;
  in.co_units = r.co_units;
  in.complexity = r.complexity;
  return Step(ac, a, std::move(in));
}
Result<AppealRecord> Service::Reassign(const ServiceActor& ac, const StepArgs& a,
                                       const DispatchRequest& r) {
  auto in = In(Action::kReassign);
  in.unit = r.unit;
  in.co_units = r.co_units;
  in.complexity = r.complexity;
  return Step(ac, a, std::move(in));
}
Result<AppealRecord> Service::RequestExtension(const ServiceActor& ac, const StepArgs& a,
                                               int32_t days) {
  auto in = In(Action::kRequestExtension);
  in.days = days;
  return Step(ac, a, std::move(in));
}
Result<AppealRecord> Service::ApproveExtension(const ServiceActor& ac, const StepArgs& a,
                                               bool approve) {
  auto in = In(Action::kApproveExtension);
  in.approve = approve;
  return Step(ac, a, std::move(in));
}
Result<AppealRecord> Service::Merge(const ServiceActor& ac, const StepArgs& a, int64_t into_id) {
  auto in = In(Action::kMerge);
  in.merge_into = into_id;
  return Step(ac, a, std::move(in));
}
Result<AppealRecord> Service::Reply(const ServiceActor& ac, const StepArgs& a,
                                    const std::string& reply) {
  auto in = In(Action::kReply);
  in.reply = reply;
  return Step(ac, a, std::move(in));
}
Result<AppealRecord> Service::Rate(const ServiceActor& ac, const StepArgs& a, bool solved,
                                   const std::string& satisfaction) {
  auto in = In(Action::kRate);
  in.solved = solved;
  in.satisfaction = satisfaction;
  return Step(ac, a, std::move(in));
}

Result<std::vector<AppealRecord>> Service::ListAppeals(const ServiceActor& actor,
                                                       const AppealFilter& f) {
  // A region filter outside the scope is refused, not answered with an empty list.
  if (!f.region.empty() && !Covers(actor.region, f.region)) {
    return Status::Denied("region " + f.region + " is outside your scope " + actor.region);
  }
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(auto all, store_->ListAppeals(AppealQuery{f.uscc, f.unit, f.state}));
  const auto today = f.today.empty() ? service::BeijingDay(Now("")) : service::ParseDay(f.today);
  if (f.overdue_only && !today) return Status::Invalid("bad date '" + f.today + "'");
  // A co-unit's overdue part puts the appeal in that unit's overdue list.
  std::vector<int64_t> late_parts;
  if (f.overdue_only && actor.role == auth::Role::kHandler && !actor.unit.empty()) {
    ASSIGN_OR_RETURN(auto parts, store_->ListJointParts(0, actor.unit));
    for (const auto& p : parts) {
      if (service::IsPartOverdue(p, *today)) late_parts.push_back(p.appeal_id);
    }
  }
  std::vector<AppealRecord> out;
  for (auto& a : all) {
    if (!f.category.empty() && a.category != f.category) continue;
    if (!f.region.empty() && !Covers(f.region, a.region)) continue;
    ASSIGN_OR_RETURN(unsigned parties, Parties(actor, a));
    if (!CanSee(actor, a, parties)) continue;
    if (f.overdue_only && !service::IsOverdue(a, *today) &&
        std::find(late_parts.begin(), late_parts.end(), a.id) == late_parts.end()) {
      continue;
    }
    ForEnterprise(actor, a);
    out.push_back(std::move(a));
  }
  return out;
}

Result<AppealView> Service::GetAppeal(const ServiceActor& actor, int64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto a = store_->GetAppeal(id);
  if (!a.ok()) return a.status();
  ASSIGN_OR_RETURN(unsigned parties, Parties(actor, *a));
  if (!CanSee(actor, *a, parties)) return Status::NotFound("no appeal " + std::to_string(id));
  AppealView v;
  v.appeal = std::move(a).value();
  ASSIGN_OR_RETURN(v.history, store_->AppealEvents(id));
  ASSIGN_OR_RETURN(v.officials, store_->ListOfficials(v.appeal.uscc));
  for (const auto& e : v.history) {
    if (e.action == "reply") v.replies.push_back({e.at, e.actor, e.unit, e.body});
  }
  ForEnterprise(actor, v);
  return v;
}

void Service::ForEnterprise(const ServiceActor& actor, AppealRecord& a) {
  if (actor.role != auth::Role::kEnterprise) return;
  if (a.filed_by != actor.username) a.filed_by.clear();
  a.co_units.clear();  // co-units and their parts are internal (会办)
  a.escalations = 0;
  a.extension_days_requested = 0;
}

void Service::ForEnterprise(const ServiceActor& actor, AppealView& v) {
  if (actor.role != auth::Role::kEnterprise) return;
  v.internal = false;
  ForEnterprise(actor, v.appeal);
  static const std::vector<std::string> kInternalSteps = {"escalate", "request_extension",
                                                          "approve_extension", "merge_in"};
  std::erase_if(v.history, [](const AppealEventRecord& e) {
    return std::find(kInternalSteps.begin(), kInternalSteps.end(), e.action) !=
               kInternalSteps.end() ||
           std::find(std::begin(service::kJointActions), std::end(service::kJointActions),
                     e.action) != std::end(service::kJointActions);
  });
  for (auto& e : v.history) {
    if (e.party == "enterprise") continue;
    e.actor.clear();
    e.reason.clear();
  }
  for (auto& r : v.replies) r.author.clear();
}

Result<std::vector<service::Reminder>> Service::Reminders(const ServiceActor& actor,
                                                          const std::string& today_in) {
  ASSIGN_OR_RETURN(auto appeals, ListAppeals(actor, AppealFilter{}));
  auto today = today_in.empty() ? service::BeijingDay(Now("")) : service::ParseDay(today_in);
  if (!today) return Status::Invalid("bad date '" + today_in + "'");
  std::lock_guard<std::mutex> lock(mu_);
  // A handler is reminded of its own unit's deadlines only (a co-unit: of its part, below).
  std::vector<AppealRecord> own = appeals;
  if (actor.role == auth::Role::kHandler)
    std::erase_if(own, [&](const AppealRecord& a) { return a.unit != actor.unit; });
  auto out = RemindersOf(own, *today);
  // A handler's unit is also reminded of its 会办 parts and of the 督办 notices addressed to it.
  if (actor.role == auth::Role::kHandler && !actor.unit.empty()) {
    auto visible = [&](int64_t id) {
      return std::any_of(appeals.begin(), appeals.end(),
                         [&](const AppealRecord& a) { return a.id == id; });
    };
    ASSIGN_OR_RETURN(auto parts, store_->ListJointParts(0, actor.unit));
    for (const auto& p : parts) {
      auto due = service::ParseDay(p.due);
      if (p.state != "open" || !due || !visible(p.appeal_id)) continue;
      if (auto k = service::ReminderFor(calendar_, *due, *today))
        out.push_back({p.appeal_id, "co_unit", *k, *due});
    }
    ASSIGN_OR_RETURN(auto notices, store_->ListNotices(0, actor.unit));
    for (const auto& n : notices) {
      auto due = service::ParseDay(n.due);
      if (n.state != "open" || !due || !visible(n.appeal_id)) continue;
      if (auto k = service::ReminderFor(calendar_, *due, *today))
        out.push_back({n.appeal_id, "notice", *k, *due});
    }
  }
  return out;
}

std::vector<service::Reminder> Service::RemindersOf(const std::vector<AppealRecord>& appeals,
                                                    service::Day today) const {
  std::vector<service::Reminder> out;
  for (const auto& a : appeals) {
    const std::string_view which = service::CurrentDeadline(a);
    if (which.empty()) continue;
    auto add = [&](const std::string& due_text, const char* name) {
      auto due = service::ParseDay(due_text);
      if (!due) return;
      if (auto k = service::ReminderFor(calendar_, *due, today))
        out.push_back({a.id, name, *k, *due});
    };
    if (which == "dispatch") {
      add(a.accept_due, "dispatch");
      continue;
    }
    if (a.state != "returned" && a.first_response_at.empty()) add(a.response_due, "response");
    add(a.due, "handling");
  }
  return out;
}

Status Service::AssignOfficial(const ServiceActor& actor, OfficialRecord o) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!IsStaff(actor.role))
    return Status::Denied("only dispatchers and administrators assign officials");
  if (o.uscc.empty() || o.username.empty())
    return Status::Invalid("an enterprise and an official are required");
  // An enterprise outside the scope reads as unknown.
  ASSIGN_OR_RETURN(o.region, VisibleEnterpriseRegion(actor, o.uscc));
  // The official is a staff user who can act in the enterprise's region (never an enterprise
  // account: it would read another enterprise's appeals as their 包联).
  ASSIGN_OR_RETURN(auto users, ws_.auth().ListUsers());
  auto u = std::find_if(users.begin(), users.end(),
                        [&](const UserRecord& r) { return r.username == o.username; });
  if (u == users.end() || u->disabled)
    return Status::Invalid("username: no active user '" + o.username + "'");
  const auto role = auth::ParseRole(u->role);
  if (!role || (*role != auth::Role::kHandler && *role != auth::Role::kDispatcher &&
                *role != auth::Role::kAdmin && *role != auth::Role::kAnalyst)) {
    return Status::Invalid(
        "username: '" + o.username + "' is a " + u->role +
        " account; a 包联 official is a handler, dispatcher, analyst or administrator");
  }
  if (!Covers(u->region, o.region)) {
    return Status::Invalid("username: '" + o.username + "' works in region " + u->region +
                           ", not over " + o.region);
  }
  if (o.unit.empty()) o.unit = u->unit;
  o.assigned_by = actor.username;
  o.assigned_at = Now("");
  return store_->UpsertOfficial(o);
}

Status Service::UnassignOfficial(const ServiceActor& actor, const std::string& uscc,
                                 const std::string& username) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!IsStaff(actor.role))
    return Status::Denied("only dispatchers and administrators assign officials");
  RETURN_IF_ERROR(
      VisibleEnterpriseRegion(actor, uscc).status());  // outside the scope reads as unknown
  ASSIGN_OR_RETURN(auto list, store_->ListOfficials(uscc));
  for (const auto& o : list) {
    if (o.username == username && !Covers(actor.region, o.region))
      return Status::Denied("outside your region");
  }
  return store_->RemoveOfficial(uscc, username);
}

Result<std::vector<OfficialRecord>> Service::ListOfficials(const ServiceActor& actor,
                                                           const std::string& uscc) {
  std::lock_guard<std::mutex> lock(mu_);
  RETURN_IF_ERROR(VisibleEnterpriseRegion(actor, uscc).status());
  ASSIGN_OR_RETURN(auto list, store_->ListOfficials(uscc));
  std::erase_if(list, [&](const OfficialRecord& o) {
    return actor.role != auth::Role::kEnterprise && !Covers(actor.region, o.region);
  });
  return list;
}

Result<std::vector<CoverageRow>> Service::Coverage(const ServiceActor& actor,
                                                   const std::string& region,
                                                   const std::string& by) {
  if (!ReadsAggregates(actor.role))
    return Status::Denied("aggregates are not for enterprise users");
  if (!Covers(actor.region, region.empty() ? actor.region : region)) {
    return Status::Denied("region " + region + " is outside your scope");
  }
  if (by != "region" && by != "tag" && by != "size")
    return Status::Invalid("by must be region, tag or size");
  ASSIGN_OR_RETURN(auto snap, ws_.GetSnapshot());
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(auto officials, store_->ListOfficials(""));
  std::map<std::string, service::Ratio> groups;
  if (!snap->panel) return std::vector<CoverageRow>{};
  const Panel& panel = *snap->panel;
  for (uint32_t e = 0; e < panel.num_enterprises(); ++e) {
    const auto& pe = panel.enterprise(e);
    const std::string code =
        pe.region == kNoNode ? "" : ws_.catalog().regions().node(pe.region).code;
    if (!Covers(region.empty() ? actor.region : region, code)) continue;
    const bool covered = std::any_of(officials.begin(), officials.end(),
                                     [&](const OfficialRecord& o) { return o.uscc == pe.uscc; });
    std::vector<std::string> keys;
    if (by == "region") keys = {code};
    if (by == "size") keys = {std::string(SizeName(pe.size))};
    if (by == "tag") keys = pe.tags.empty() ? std::vector<std::string>{"(none)"} : pe.tags;
    for (const auto& k : keys) {
      ++groups[k].den;
      if (covered) ++groups[k].num;
    }
  }
  std::vector<CoverageRow> out;
  for (auto& [k, r] : groups) out.push_back({k, r});
  return out;
}

Result<std::vector<AppealRecord>> Service::AggregateAppeals(const ServiceActor& actor,
                                                            const MetricsFilter& f) {
  if (!ReadsAggregates(actor.role))
    return Status::Denied("aggregates are not for enterprise users");
  const std::string region = f.region.empty() ? actor.region : f.region;
  if (!Covers(actor.region, region))
    return Status::Denied("region " + region + " is outside your scope");
  // Every aggregate route (metrics, statistics) passes here: a handler's figures are its unit's.
  ASSIGN_OR_RETURN(const std::string unit, Access(ws_.catalog()).UnitOfFigures(actor, f.unit));
  ASSIGN_OR_RETURN(auto all, store_->ListAppeals(AppealQuery{"", unit, ""}));
  std::erase_if(all, [&](const AppealRecord& a) {
    const std::string month = service::BeijingMonth(a.filed_at);
    return !Covers(region, a.region) || (!f.category.empty() && a.category != f.category) ||
           (!f.from_period.empty() && month < f.from_period) ||
           (!f.to_period.empty() && month > f.to_period);
  });
  return all;
}

Result<MetricsReport> Service::Metrics(const ServiceActor& actor, const MetricsFilter& f) {
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(auto all, AggregateAppeals(actor, f));
  MetricsReport report;
  report.rows = service::ComputeMetrics(all, f.group_by, calendar_);
  return report;
}

service::WorkCalendar Service::Calendar() {
  std::lock_guard<std::mutex> lock(mu_);
  return calendar_;
}

std::string Service::CalendarJson() {
  std::lock_guard<std::mutex> lock(mu_);
  return calendar_.ToJson();
}

Status Service::UpdateCalendar(const ServiceActor& actor, const std::string& json) {
  // One calendar serves every region: only administrators of the whole country edit it.
  if (actor.role != auth::Role::kAdmin || !actor.whole_country()) {
    return Status::Denied("only administrators of the whole country edit the calendar");
  }
  ASSIGN_OR_RETURN(auto cal, service::WorkCalendar::Parse(json));
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(auto saved, store_->AddConfigRevision(
                                   {"calendar", 0, cal.ToJson(), actor.username, Now("")}));
  (void)saved;
  calendar_ = std::move(cal);
  return Status::Ok();
}

Status Service::LoadCalendarYear(const ServiceActor& actor, const std::string& json) {
  // One calendar serves every region; a province's administrator may keep it current.
  const bool province = actor.region.size() == 6 && actor.region.compare(2, 4, "0000") == 0;
  if (actor.role != auth::Role::kAdmin || !(actor.whole_country() || province)) {
    return Status::Denied(
        "only administrators of a province or the whole country load calendar years");
  }
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(auto cal, calendar_.WithYear(json));
  const std::string to = service::FormatDay(cal.covers_to());
  ASSIGN_OR_RETURN(auto saved, store_->AddConfigRevision(
                                   {"calendar", 0, cal.ToJson(), actor.username, Now("")}));
  calendar_ = std::move(cal);
  const std::string year =
      calendar_.sources().empty() ? "" : std::to_string(calendar_.sources().back().year);
  (void)ws_.auth().Audit(
      {actor.username, std::string(auth::RoleName(actor.role)), actor.address,
       "service.calendar.year", year, "success",
       "calendar revision " + std::to_string(saved.revision) + ", known to " + to});
  return Status::Ok();
}

Service::CalendarStatus Service::CalendarState(const ServiceActor& actor) {
  std::lock_guard<std::mutex> lock(mu_);
  CalendarStatus st;
  st.known_to = service::FormatDay(calendar_.covers_to());
  const auto today = service::BeijingDay(Now("")).value_or(calendar_.covers_to());
  st.days_left = calendar_.covers_to() - today;
  st.warning = actor.role == auth::Role::kAdmin && st.days_left <= kCalendarWarningDays;
  st.sources = calendar_.sources();
  return st;
}

bool Service::ProvisionalDay(const std::string& day) {
  auto d = service::ParseDay(day);
  std::lock_guard<std::mutex> lock(mu_);
  return d && calendar_.IsProvisional(*d);
}

Result<MatchEventRecord> Service::AddMatchEvent(const ServiceActor& actor, MatchEventRecord e) {
  if (!IsStaff(actor.role) && actor.role != auth::Role::kAnalyst)
    return Status::Denied("not allowed to record events");
  if (!service::ValidMatchType(e.type))
    return Status::Invalid("type must be sales, finance, research or labour");
  if (!service::ParseDay(e.date)) return Status::Invalid("bad date '" + e.date + "'");
  if (e.region.empty() || !Covers(actor.region, e.region))
    return Status::Denied("the event's region is outside your scope");
  if (e.financing_amount < 0 || e.research_results < 0 || e.hires < 0)
    return Status::Invalid("outcomes cannot be negative");
  e.created_by = actor.username;
  e.created_at = Now("");
  std::lock_guard<std::mutex> lock(mu_);
  return store_->AddMatchEvent(std::move(e));
}

Result<std::vector<MatchEventRecord>> Service::ListMatchEvents(const ServiceActor& actor) {
  if (!ReadsAggregates(actor.role)) return Status::Denied("not for enterprise users");
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(auto list, store_->ListMatchEvents());
  std::erase_if(list, [&](const MatchEventRecord& e) { return !Covers(actor.region, e.region); });
  return list;
}

Result<service::MatchTotals> Service::MatchTotals(const ServiceActor& actor,
                                                  const std::string& year) {
  ASSIGN_OR_RETURN(auto list, ListMatchEvents(actor));
  return service::ComputeMatchTotals(list, year);
}

}  // namespace ballast::app
