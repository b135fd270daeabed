// Joint handling (会办) and 督办 notices of an appeal (issue 14 item 5). Like ApplyStep these
// rules are pure: each checks who may take the step (by the parties of appeal.h) and in which
// state of the appeal, changes the record and returns the history event to log; storage,
// scopes and notifications are app::Service's.
//
// 会办: the dispatcher or the lead unit adds co-units, each with its own question and deadline
// (working days); a co-unit answers its part (kept internal: the enterprise never sees parts,
// their answers or the co-units' names); the lead unit's reply is refused while a part is open,
// unless the lead waived it with a reason. A co-unit takes no step of the loop itself.
// 督办: an escalation (by hand, or on a second "not solved") is a notice addressed to one unit,
// with its own number, deadline and that unit's answer.
#ifndef BALLAST_SERVICE_JOINT_H_
#define BALLAST_SERVICE_JOINT_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "service/appeal.h"
#include "service/calendar.h"
#include "store/service_records.h"

namespace ballast::service {

constexpr int32_t kDefaultPartDays = 5;    // a co-unit's part, unless the lead says otherwise
constexpr int32_t kDefaultNoticeDays = 3;  // the answer to a 督办 notice

// Who takes a joint-handling step, and when.
struct JointStep {
  unsigned parties = 0;                // the actor's parties to the appeal (kCoUnit for a co-unit)
  std::string actor, actor_unit, now;  // now: UTC ISO 8601
};

// Adds a co-unit's part: the dispatcher or the lead unit, while the appeal is dispatched or in
// progress; the unit is not the lead and has no part yet that is not waived. days: 1–30
// working days (0 = kDefaultPartDays).
Result<AppealEventRecord> AddPart(const AppealRecord& appeal,
                                  const std::vector<JointPartRecord>& parts, const JointStep& step,
                                  const std::string& unit, const std::string& question,
                                  int32_t days, const WorkCalendar& cal, JointPartRecord& out);
// The co-unit answers (or revises the answer of) its own part while the appeal is being handled.
Result<AppealEventRecord> AnswerPart(const AppealRecord& appeal, const JointStep& step,
                                     const std::string& answer, JointPartRecord& part);
// The dispatcher or the lead unit waives an open part, with a reason (recorded).
Result<AppealEventRecord> WaivePart(const AppealRecord& appeal, const JointStep& step,
                                    const std::string& reason, JointPartRecord& part);
// The units whose part is still open: the lead's reply waits for them (ApplyStep refuses it).
std::vector<std::string> OutstandingUnits(const std::vector<JointPartRecord>& parts);
// An open part past its deadline on the Beijing date `today`.
bool IsPartOverdue(const JointPartRecord& part, Day today);

// A 督办 notice to `unit` (the escalation itself is the loop's escalate step). days: 1–30
// working days (0 = kDefaultNoticeDays). actor "system" for the automatic escalation.
Result<AppealEventRecord> NewNotice(const AppealRecord& appeal, const std::string& unit,
                                    const std::string& reason, int32_t days,
                                    const std::string& actor, const std::string& now,
                                    const WorkCalendar& cal, NoticeRecord& out);
// The addressed unit answers an open notice (`addressed`: the actor is a handler of that unit).
Result<AppealEventRecord> AnswerNotice(bool addressed, const std::string& actor,
                                       const std::string& answer, const std::string& now,
                                       NoticeRecord& notice);
// The notice's number: 督办〔year〕N号 (Beijing year of its creation, the store's id).
std::string NoticeNumber(const NoticeRecord& n);
// open | answered | overdue (open past its deadline on `today`).
std::string_view NoticeStatus(const NoticeRecord& n, Day today);

// The reason recorded, by the party "system", for the automatic escalation on a second "not
// solved" rating (its escalate event and its notice): a code that readers translate (the web UI
// shows 复评仍未解决，自动督办 in Chinese, its English in English), never a sentence in one
// language.
inline constexpr const char* kSecondNotSolvedReason = "rule:second_not_solved";

// The history actions of these steps: all internal (never shown to the enterprise).
inline constexpr std::string_view kJointActions[] = {"co_unit_add", "co_unit_answer",
                                                     "co_unit_waive", "notice", "notice_answer"};

}  // namespace ballast::service

#endif  // BALLAST_SERVICE_JOINT_H_
