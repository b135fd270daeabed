#include "app/project_factors.h"

#include <algorithm>
#include <map>

#include "app/audit.h"
#include "core/clock.h"
#include "service/appeal.h"
#include "store/open.h"

namespace ballast::app {
namespace {

using projects::FactorEvent;
using projects::FactorItem;
using projects::Project;
using service::Action;

Status ItemNotFound() { return NotFoundAs("that factor item"); }

bool IsUnit(const Ballast& b, const Caller& c, const FactorItem& f, const Project& p) {
  return c.role == auth::Role::kHandler && !c.unit.empty() && f.unit == c.unit &&
         b.access().InScope(c, p.region);
}

// The parties the caller is to the item (service::Party bits).
unsigned Parties(const Ballast& b, const Caller& c, const FactorItem& f, const Project& p) {
  unsigned out = 0;
  if (b.access().MayEditProject(c, p.region)) out |= service::kDispatcher;
  if (IsUnit(b, c, f, p)) out |= service::kUnit;
  return out;
}

bool Sees(const Ballast& b, const Caller& c, const FactorItem& f, const Project& p) {
  if (c.role == auth::Role::kEnterprise) return false;
  if (c.role == auth::Role::kHandler) return IsUnit(b, c, f, p);
  return b.access().Allows(c, auth::Permission::kReadAggregate) && !p.region.empty() &&
         b.access().InScope(c, p.region);
}

// The loop's view of an item: an appeal record carrying the same loop fields.
AppealRecord ToLoop(const FactorItem& f, const Project& p) {
  AppealRecord a;
  a.id = f.id;
  a.version = f.version;
  a.region = p.region;
  a.state = f.state;
  a.unit = f.unit;
  a.complexity = "simple";
  a.dispatched_at = f.dispatched_at;
  a.response_due = f.response_due;
  a.due = f.due;
  a.first_response_at = f.first_response_at;
  a.replied_at = f.replied_at;
  a.reply = f.reply;
  a.closed_at = f.closed_at;
  a.updated_at = f.updated_at;
  a.extension_days_requested = f.extension_days_requested;
  a.extensions = f.extensions;
  a.escalations = f.escalations;
  return a;
}

void FromLoop(const AppealRecord& a, FactorItem& f) {
  f.state = a.state;
  f.unit = a.unit;
  f.dispatched_at = a.dispatched_at;
  f.response_due = a.response_due;
  f.due = a.due;
  f.first_response_at = a.first_response_at;
  f.replied_at = a.replied_at;
  f.reply = a.reply;
  f.closed_at = a.closed_at;
  f.updated_at = a.updated_at;
  f.extension_days_requested = a.extension_days_requested;
  f.extensions = a.extensions;
  f.escalations = a.escalations;
  const auto st = service::ParseState(a.state);
  f.open = !st || !service::IsTerminal(*st);
}

std::vector<std::string> AllowedActions(unsigned parties, const FactorItem& f) {
  std::vector<std::string> out;
  const auto st = service::ParseState(f.state);
  if (!st) return out;
  for (const auto& t : service::TransitionTable()) {
    if (!service::ActionApplies(service::Subject::kFactor, t.action)) continue;
    if ((t.parties & parties) == 0) continue;
    if (std::find(t.from.begin(), t.from.end(), *st) == t.from.end()) continue;
    out.emplace_back(service::ActionName(t.action));
  }
  return out;
}

FactorRow Row(const Ballast& b, const Caller& c, FactorItem f, const Project& p,
              service::Day today) {
  FactorRow r;
  r.overdue = service::IsOverdue(ToLoop(f, p), today);
  r.actions = AllowedActions(Parties(b, c, f, p), f);
  r.project_code = p.code;
  r.project_name = p.name;
  r.region = p.region;
  r.item = std::move(f);
  return r;
}

std::string Now(Ballast& b) { return FormatUtc(b.clock().Now()); }
service::Day Today(Ballast& b) { return service::BeijingDay(Now(b)).value_or(0); }

struct Loaded {
  std::unique_ptr<ProjectStore> store;
  FactorItem item;
  Project project;
};

// The item and its project, NotFound alike when unknown or unseen.
Result<Loaded> Load(Ballast& b, const Caller& c, int64_t id) {
  ASSIGN_OR_RETURN(auto store, OpenProjectStore(b.path()));
  ASSIGN_OR_RETURN(auto item, store->GetFactorItem(id));
  if (!item) return ItemNotFound();
  ASSIGN_OR_RETURN(auto project, store->GetProject(item->project_id));
  if (!project || !Sees(b, c, *item, *project)) return ItemNotFound();
  return Loaded{std::move(store), std::move(*item), std::move(*project)};
}

}  // namespace

std::vector<FactorItem> ItemsOfReport(const projects::MonthlyReport& r,
                                      const service::WorkCalendar& cal, const std::string& now,
                                      const std::string& user) {
  std::vector<FactorItem> out;
  const service::Day today = service::BeijingDay(now).value_or(0);
  for (const auto& blk : r.blockers) {
    FactorItem f;
    f.project_id = r.project_id;
    f.factor = blk.factor;
    f.description = !blk.note.empty()
                        ? blk.note
                        : FormatPeriod(r.month) + "月调度：" +
                              std::string(projects::FactorNameZh(blk.factor)) + "问题，请" +
                              blk.unit + "于" + blk.deadline + "前协调解决";
    f.unit = blk.unit;
    const auto deadline = service::ParseDay(blk.deadline);
    const int32_t days = deadline ? cal.WorkingDaysBetween(today, *deadline) : 0;
    f.days = std::clamp<int32_t>(days, 1, projects::kMaxFactorDays);
    f.source = "report:" + FormatPeriod(r.month);
    f.opened_by = user;
    f.opened_at = now;
    f.state = std::string(service::StateName(service::EntryState(service::Subject::kFactor)));
    f.updated_at = now;
    out.push_back(std::move(f));
  }
  return out;
}

Result<std::vector<FactorRow>> ListFactorItems(Ballast& b, const Caller& c, const FactorFilter& f) {
  if (c.role == auth::Role::kEnterprise) return Status::Denied("the factor ledger is for staff");
  RETURN_IF_ERROR(b.access().Require(c, auth::Permission::kReadAggregate));
  NodeId region = b.access().ScopeNode(c);
  if (region == kNoNode)
    return Status::Denied("your region scope " + c.region + " no longer exists");
  if (!f.region.empty()) {
    region = b.catalog().regions().Find(f.region);
    if (region == kNoNode)
      return Status::Invalid("region: '" + f.region + "' is not a GB/T 2260 code");
    RETURN_IF_ERROR(b.access().CheckRegion(c, f.region));
  }
  if (!f.state.empty() && !service::ParseState(f.state))
    return Status::Invalid("state: '" + f.state + "' is not a state of the loop");
  std::optional<projects::Factor> factor;
  if (!f.factor.empty()) {
    factor = projects::ParseFactor(f.factor);
    if (!factor)
      return Status::Invalid("factor: '" + f.factor +
                             "' is not land, energy, eia, funds, approval or labour");
  }
  ASSIGN_OR_RETURN(auto store, OpenProjectStore(b.path()));
  ASSIGN_OR_RETURN(auto all, store->ListProjects());
  std::map<int64_t, const Project*> by_id;
  for (const auto& p : all) by_id[p.id] = &p;
  ASSIGN_OR_RETURN(auto items, store->ListFactorItems(f.project_id));
  const service::Day today = Today(b);
  std::vector<FactorRow> out;
  for (auto& item : items) {
    auto it = by_id.find(item.project_id);
    if (it == by_id.end()) continue;
    const Project& p = *it->second;
    if (!Sees(b, c, item, p)) continue;
    const NodeId n = b.catalog().regions().Find(p.region);
    if (n == kNoNode || !b.catalog().regions().Contains(region, n)) continue;
    if (!f.state.empty() && item.state != f.state) continue;
    if (!f.unit.empty() && item.unit != f.unit) continue;
    if (factor && item.factor != *factor) continue;
    if (f.open_only && !item.open) continue;
    FactorRow row = Row(b, c, std::move(item), p, today);
    if (f.overdue_only && !row.overdue) continue;
    out.push_back(std::move(row));
  }
  return out;
}

Result<FactorView> GetFactorItem(Ballast& b, const Caller& c, int64_t id) {
  ASSIGN_OR_RETURN(Loaded l, Load(b, c, id));
  FactorView v;
  ASSIGN_OR_RETURN(v.history, l.store->ListFactorEvents(id));
  v.row = Row(b, c, std::move(l.item), l.project, Today(b));
  return v;
}

Result<FactorRow> OpenFactorItem(Ballast& b, const Caller& c, const NewFactorItem& n) {
  if (!b.access().MayEditProjects(c))
    return Status::Denied("your role (" + std::string(auth::RoleName(c.role)) +
                          ") may not open factor items");
  ASSIGN_OR_RETURN(auto store, OpenProjectStore(b.path()));
  ASSIGN_OR_RETURN(auto p, store->GetProject(n.project_id));
  if (!p || !b.access().MaySeeProject(c, p->region, p->unit, p->investor_uscc))
    return NotFoundAs("that project");
  if (!b.access().MayEditProject(c, p->region))
    return Status::Denied("you may not open factor items of this project");
  FactorItem f;
  f.project_id = p->id;
  const auto factor = projects::ParseFactor(n.factor);
  if (!factor)
    return Status::Invalid("factor: '" + n.factor +
                           "' is not land, energy, eia, funds, approval or labour");
  f.factor = *factor;
  f.description = n.description;
  f.unit = n.unit;
  f.days = n.days;
  RETURN_IF_ERROR(projects::CheckFactorItem(f));
  f.source = "manual";
  f.opened_by = c.username;
  f.opened_at = Now(b);
  f.state = std::string(service::StateName(service::EntryState(service::Subject::kFactor)));
  f.updated_at = f.opened_at;
  ASSIGN_OR_RETURN(FactorItem saved, store->OpenFactorItem(f, projects::OpenEvent(f)));
  AuditSuccess(
      b, c, "project.factor.open", std::to_string(saved.id),
      p->code + " " + std::string(projects::FactorName(saved.factor)) + " → " + saved.unit);
  return Row(b, c, std::move(saved), *p, Today(b));
}

Result<FactorRow> StepFactorItem(Ballast& b, const Caller& c, const FactorStepRequest& r) {
  const auto action = service::ParseAction(r.action);
  if (!action || !service::ActionApplies(service::Subject::kFactor, *action))
    return Status::Invalid("action: '" + r.action + "' is not a step of a factor item");
  ASSIGN_OR_RETURN(Loaded l, Load(b, c, r.id));
  if (l.item.version != r.version) {
    return Status::Precondition("factor item " + std::to_string(r.id) + " is at version " +
                                std::to_string(l.item.version) + ", not " +
                                std::to_string(r.version) + "; reload and retry");
  }
  const bool routing = *action == Action::kDispatch || *action == Action::kReassign;
  if (routing && r.days != 0 && (r.days < 1 || r.days > projects::kMaxFactorDays))
    return Status::Invalid("days: the deadline is 1–" + std::to_string(projects::kMaxFactorDays) +
                           " working days");
  if (routing && !r.unit.empty()) {
    FactorItem probe = l.item;
    probe.unit = r.unit;
    RETURN_IF_ERROR(projects::CheckFactorItem(probe));
  }
  service::StepInput in;
  in.subject = service::Subject::kFactor;
  in.action = *action;
  in.parties = Parties(b, c, l.item, l.project);
  in.actor = c.username;
  in.now = Now(b);
  in.reason = r.reason;
  in.reply = r.reply;
  in.approve = r.approve;
  in.days = r.days;
  if (routing) {
    in.unit = r.unit.empty() ? l.item.unit : r.unit;
    if (r.days != 0) l.item.days = r.days;
  }
  in.complexity = "simple";
  in.deadlines.first_response = 1;
  in.deadlines.simple = l.item.days;
  in.deadlines.complex = l.item.days;
  AppealRecord loop = ToLoop(l.item, l.project);
  const service::WorkCalendar cal = b.service().Calendar();
  ASSIGN_OR_RETURN(AppealEventRecord e, service::ApplyStep(loop, in, cal));
  const int64_t read_version = l.item.version;
  FromLoop(loop, l.item);
  FactorEvent ev{0,          l.item.id, e.at,     e.actor, e.party, e.action, e.from_state,
                 e.to_state, e.unit,    e.reason, e.body};
  ASSIGN_OR_RETURN(FactorItem saved, l.store->UpdateFactorItem(l.item, read_version, ev));
  AuditSuccess(
      b, c, "project.factor." + r.action, std::to_string(saved.id),
      e.from_state + " → " + e.to_state + (saved.unit.empty() ? "" : " (" + saved.unit + ")"));
  return Row(b, c, std::move(saved), l.project, Today(b));
}

}  // namespace ballast::app
