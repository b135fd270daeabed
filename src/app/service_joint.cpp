// Joint handling (会办) and 督办 notices of app::Service: who may read and act is decided here
// (the parties of the appeal and the scopes); what a step may do, by service/joint.h.
#include <algorithm>
#include <cstdio>

#include "app/service.h"

namespace ballast::app {

namespace {

bool IsLeader(auth::Role r) { return r == auth::Role::kAdmin || r == auth::Role::kDispatcher; }

service::JointStep StepOf(const ServiceActor& actor, unsigned parties, const std::string& now) {
  return {parties, actor.username, actor.unit, now};
}

}  // namespace

void Service::NotifyUnit(const AppealRecord& a, const std::string& unit, const std::string& kind,
                         const std::string& cause, const std::string& except) {
  AppealRecord to = a;
  to.unit = unit;  // Recipients("unit") finds the handlers of the appeal's unit, in scope
  auto users = Recipients(to, "unit", except);
  Status st = users.ok()
                  ? NotifyUsers(*users, kind, kind + ":" + cause, a, FormatUtc(ws_.clock().Now()))
                  : users.status();
  if (!st.ok())
    std::fprintf(stderr, "service: %s notification of appeal %lld not recorded: %s\n", kind.c_str(),
                 static_cast<long long>(a.id), st.ToString().c_str());
}

Result<Service::JointView> Service::Joint(const ServiceActor& actor, int64_t appeal_id) {
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(auto found, ReadableAppeal(actor, appeal_id));
  const auto& [a, parties] = found;
  JointView v;
  if (actor.role == auth::Role::kEnterprise) return v;  // internal: none of it
  ASSIGN_OR_RETURN(v.parts, store_->ListJointParts(a.id, ""));
  ASSIGN_OR_RETURN(v.notices, store_->ListNotices(a.id, ""));
  // The lead unit, the dispatcher and analysts in scope read everything; anyone else (a co-unit,
  // an addressed unit, a 包联 official) its own unit's part and notices only.
  const bool all =
      (parties & (service::kUnit | service::kDispatcher)) || actor.role == auth::Role::kAnalyst;
  if (!all) {
    std::erase_if(v.parts, [&](const JointPartRecord& p) {
      return actor.unit.empty() || p.unit != actor.unit;
    });
    std::erase_if(v.notices, [&](const NoticeRecord& n) {
      return actor.unit.empty() || n.unit != actor.unit;
    });
  }
  return v;
}

Result<JointPartRecord> Service::AddCoUnit(const ServiceActor& actor, int64_t appeal_id,
                                           const std::string& unit, const std::string& question,
                                           int32_t days, const std::string& now_in) {
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(auto found, ReadableAppeal(actor, appeal_id));
  const auto& [a, parties] = found;
  ASSIGN_OR_RETURN(auto parts, store_->ListJointParts(a.id, ""));
  JointPartRecord part;
  ASSIGN_OR_RETURN(auto e, service::AddPart(a, parts, StepOf(actor, parties, Now(now_in)), unit,
                                            question, days, calendar_, part));
  ASSIGN_OR_RETURN(auto saved, store_->SaveJointPart(std::move(part), std::move(e)));
  NotifyUnit(a, saved.unit, "co_unit", "part" + std::to_string(saved.id), actor.username);
  return saved;
}

Result<JointPartRecord> Service::AnswerPart(const ServiceActor& actor, int64_t appeal_id,
                                            int64_t part_id, const std::string& answer,
                                            const std::string& now_in) {
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(auto found, ReadableAppeal(actor, appeal_id));
  const auto& [a, parties] = found;
  ASSIGN_OR_RETURN(auto parts, store_->ListJointParts(a.id, ""));
  auto p = std::find_if(parts.begin(), parts.end(),
                        [&](const JointPartRecord& x) { return x.id == part_id; });
  if (p == parts.end())
    return Status::NotFound("no part " + std::to_string(part_id) + " of this appeal");
  JointPartRecord part = *p;
  ASSIGN_OR_RETURN(auto e,
                   service::AnswerPart(a, StepOf(actor, parties, Now(now_in)), answer, part));
  ASSIGN_OR_RETURN(auto saved, store_->SaveJointPart(std::move(part), std::move(e)));
  // The lead unit learns of the answer (its consolidated reply may now go out).
  NotifyUnit(a, a.unit, "co_unit_answered",
             "answer" + std::to_string(saved.id) + "@" + saved.answered_at, actor.username);
  return saved;
}

Result<JointPartRecord> Service::WaivePart(const ServiceActor& actor, int64_t appeal_id,
                                           int64_t part_id, const std::string& reason,
                                           const std::string& now_in) {
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(auto found, ReadableAppeal(actor, appeal_id));
  const auto& [a, parties] = found;
  ASSIGN_OR_RETURN(auto parts, store_->ListJointParts(a.id, ""));
  auto p = std::find_if(parts.begin(), parts.end(),
                        [&](const JointPartRecord& x) { return x.id == part_id; });
  if (p == parts.end())
    return Status::NotFound("no part " + std::to_string(part_id) + " of this appeal");
  JointPartRecord part = *p;
  ASSIGN_OR_RETURN(auto e,
                   service::WaivePart(a, StepOf(actor, parties, Now(now_in)), reason, part));
  return store_->SaveJointPart(std::move(part), std::move(e));
}

Result<std::vector<NoticeRecord>> Service::ListNotices(const ServiceActor& actor,
                                                       const std::string& status,
                                                       const std::string& today_in) {
  if (!status.empty() && status != "open" && status != "answered" && status != "overdue")
    return Status::Invalid("status: open, answered or overdue");
  auto today = today_in.empty() ? service::BeijingDay(Now("")) : service::ParseDay(today_in);
  if (!today) return Status::Invalid("bad date '" + today_in + "'");
  const bool leader = IsLeader(actor.role) || actor.role == auth::Role::kAnalyst;
  if (!leader && actor.role != auth::Role::kHandler)
    return Status::Denied("督办 notices are for staff");
  if (actor.role == auth::Role::kHandler && actor.unit.empty()) return std::vector<NoticeRecord>{};
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(auto list, store_->ListNotices(0, leader ? "" : actor.unit));
  std::erase_if(list, [&](const NoticeRecord& n) {
    return !Covers(actor.region, n.region) ||
           (!status.empty() && service::NoticeStatus(n, *today) != status);
  });
  std::reverse(list.begin(), list.end());
  return list;
}

Result<NoticeRecord> Service::AnswerNotice(const ServiceActor& actor, int64_t notice_id,
                                           const std::string& answer, const std::string& now_in) {
  std::lock_guard<std::mutex> lock(mu_);
  const Status absent = Status::NotFound("no notice " + std::to_string(notice_id));
  auto found = store_->GetNotice(notice_id);
  if (!found.ok()) return found.status().code() == StatusCode::kNotFound ? absent : found.status();
  NoticeRecord n = std::move(found).value();
  // A notice of an appeal the caller may not read reads as absent.
  auto readable = ReadableAppeal(actor, n.appeal_id);
  if (!readable.ok())
    return readable.status().code() == StatusCode::kNotFound ? absent : readable.status();
  const bool addressed = actor.role == auth::Role::kHandler && !actor.unit.empty() &&
                         actor.unit == n.unit && Covers(actor.region, n.region);
  const std::string now = Now(now_in);
  ASSIGN_OR_RETURN(auto e, service::AnswerNotice(addressed, actor.username, answer, now, n));
  const AppealRecord& a = readable->first;
  e.from_state = e.to_state = a.state;
  ASSIGN_OR_RETURN(auto saved, store_->SaveNotice(std::move(n), std::move(e)));
  auto leaders = Recipients(a, "leaders", actor.username);
  Status st = leaders.ok() ? NotifyUsers(*leaders, "notice_answered",
                                         "notice_answered:" + std::to_string(saved.id), a, now)
                           : leaders.status();
  if (!st.ok())
    std::fprintf(stderr, "service: notice answer not notified: %s\n", st.ToString().c_str());
  return saved;
}

}  // namespace ballast::app
