#include "service/joint.h"

#include <algorithm>
#include <cstdio>

namespace ballast::service {

namespace {

constexpr size_t kMaxText = 4000;

bool Handling(const AppealRecord& a) { return a.state == "dispatched" || a.state == "in_progress"; }

Status Text(const std::string& text, const char* what, bool required) {
  if ((required && text.empty()) || Utf8Length(text) > kMaxText || !PlainText(text))
    return Status::Invalid(std::string(what) + ": " + (required ? "1" : "0") +
                           "–4000 characters of plain text");
  return Status::Ok();
}

Result<Day> DueIn(const std::string& now, int32_t days, int32_t fallback, const WorkCalendar& cal) {
  if (days == 0) days = fallback;
  if (days < 1 || days > 30) return Status::Invalid("days: 1–30 working days");
  auto today = BeijingDay(now);
  if (!today) return Status::Invalid("bad time '" + now + "'");
  return cal.AddWorkingDays(*today, days);
}

AppealEventRecord Event(const AppealRecord& a, const std::string& actor, const std::string& party,
                        const std::string& action, const std::string& unit, std::string reason,
                        const std::string& now) {
  AppealEventRecord e;
  e.appeal_id = a.id;
  e.at = now;
  e.actor = actor;
  e.party = party;
  e.action = action;
  e.from_state = a.state;
  e.to_state = a.state;
  e.unit = unit;
  e.reason = std::move(reason);
  return e;
}

}  // namespace

Result<AppealEventRecord> AddPart(const AppealRecord& a, const std::vector<JointPartRecord>& parts,
                                  const JointStep& step, const std::string& unit,
                                  const std::string& question, int32_t days,
                                  const WorkCalendar& cal, JointPartRecord& out) {
  if (!(step.parties & (kDispatcher | kUnit)))
    return Status::Denied("co-units are added by the dispatcher or the lead unit");
  if (!Handling(a))
    return Status::Precondition("co-units join an appeal being handled, not one that is " +
                                a.state);
  if (unit.empty() || Utf8Length(unit) > 200 || !PlainText(unit) ||
      unit.find(';') != std::string::npos)
    return Status::Invalid("unit: the co-unit's name (up to 200 characters, no ';')");
  if (unit == a.unit) return Status::Invalid("unit: " + unit + " is the lead unit");
  for (const auto& p : parts) {
    if (p.unit == unit && p.state != "waived")
      return Status::Precondition(unit + " already has a part in this appeal");
  }
  RETURN_IF_ERROR(Text(question, "question", true));
  ASSIGN_OR_RETURN(Day due, DueIn(step.now, days, kDefaultPartDays, cal));
  out = JointPartRecord{};
  out.appeal_id = a.id;
  out.unit = unit;
  out.question = question;
  out.due = FormatDay(due);
  out.state = "open";
  out.added_by = step.actor;
  out.added_at = step.now;
  return Event(a, step.actor, PartyNames(step.parties & (kDispatcher | kUnit)), "co_unit_add", unit,
               question, step.now);
}

Result<AppealEventRecord> AnswerPart(const AppealRecord& a, const JointStep& step,
                                     const std::string& answer, JointPartRecord& part) {
  if (!(step.parties & kCoUnit) || step.actor_unit != part.unit)
    return Status::Denied("only " + part.unit + " answers its part");
  if (!Handling(a))
    return Status::Precondition("parts are answered while the appeal is handled, not when " +
                                a.state);
  if (part.state == "waived") return Status::Precondition("the lead unit waived this part");
  RETURN_IF_ERROR(Text(answer, "answer", true));
  part.state = "answered";
  part.answer = answer;
  part.answered_by = step.actor;
  part.answered_at = step.now;
  auto e = Event(a, step.actor, "co_unit", "co_unit_answer", part.unit, "", step.now);
  e.body = answer;
  return e;
}

Result<AppealEventRecord> WaivePart(const AppealRecord& a, const JointStep& step,
                                    const std::string& reason, JointPartRecord& part) {
  if (!(step.parties & (kDispatcher | kUnit)))
    return Status::Denied("a part is waived by the dispatcher or the lead unit");
  if (!Handling(a))
    return Status::Precondition("parts are waived while the appeal is handled, not when " +
                                a.state);
  if (part.state != "open") return Status::Precondition("the part is " + part.state + ", not open");
  if (reason.empty()) return Status::Invalid("reason: waiving a part needs a reason");
  RETURN_IF_ERROR(Text(reason, "reason", true));
  part.state = "waived";
  part.waive_reason = reason;
  part.waived_by = step.actor;
  part.waived_at = step.now;
  return Event(a, step.actor, PartyNames(step.parties & (kDispatcher | kUnit)), "co_unit_waive",
               part.unit, reason, step.now);
}

std::vector<std::string> OutstandingUnits(const std::vector<JointPartRecord>& parts) {
  std::vector<std::string> out;
  for (const auto& p : parts) {
    if (p.state == "open") out.push_back(p.unit);
  }
  return out;
}

bool IsPartOverdue(const JointPartRecord& p, Day today) {
  auto due = ParseDay(p.due);
  return p.state == "open" && due && today > *due;
}

Result<AppealEventRecord> NewNotice(const AppealRecord& a, const std::string& unit,
                                    const std::string& reason, int32_t days,
                                    const std::string& actor, const std::string& now,
                                    const WorkCalendar& cal, NoticeRecord& out) {
  if (unit.empty() || Utf8Length(unit) > 200 || !PlainText(unit))
    return Status::Invalid("unit: the unit the 督办 notice is addressed to");
  RETURN_IF_ERROR(Text(reason, "reason", true));
  ASSIGN_OR_RETURN(Day due, DueIn(now, days, kDefaultNoticeDays, cal));
  out = NoticeRecord{};
  out.appeal_id = a.id;
  out.region = a.region;
  out.unit = unit;
  out.reason = reason;
  out.due = FormatDay(due);
  out.state = "open";
  out.created_by = actor;
  out.created_at = now;
  return Event(a, actor, actor == "system" ? "system" : "dispatcher", "notice", unit, reason, now);
}

Result<AppealEventRecord> AnswerNotice(bool addressed, const std::string& actor,
                                       const std::string& answer, const std::string& now,
                                       NoticeRecord& n) {
  if (!addressed) return Status::Denied("only " + n.unit + " answers this 督办 notice");
  if (n.state != "open") return Status::Precondition("the notice is already answered");
  RETURN_IF_ERROR(Text(answer, "answer", true));
  n.state = "answered";
  n.answer = answer;
  n.answered_by = actor;
  n.answered_at = now;
  AppealEventRecord e;
  e.appeal_id = n.appeal_id;
  e.at = now;
  e.actor = actor;
  e.party = "unit";
  e.action = "notice_answer";
  e.unit = n.unit;
  e.reason = NoticeNumber(n);
  e.body = answer;
  return e;
}

std::string NoticeNumber(const NoticeRecord& n) {
  auto day = BeijingDay(n.created_at);
  const std::string year = day ? FormatDay(*day).substr(0, 4) : "0000";
  return "督办〔" + year + "〕" + std::to_string(n.id) + "号";
}

std::string_view NoticeStatus(const NoticeRecord& n, Day today) {
  if (n.state == "answered") return "answered";
  auto due = ParseDay(n.due);
  return due && today > *due ? "overdue" : "open";
}

}  // namespace ballast::service
