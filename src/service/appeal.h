// The appeal (诉求) closed loop of the national 12345 rules — 受理、派单、办理、回复、督办、办结、
// 回访、评价 — as an explicit transition table: action × from-state → to-state, and which
// parties may take it. ApplyStep is pure: it checks the table and the action's own rules,
// changes the record and returns the event to log; persistence and concurrency are the caller's.
#ifndef BALLAST_SERVICE_APPEAL_H_
#define BALLAST_SERVICE_APPEAL_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "service/calendar.h"
#include "service/catalogue.h"
#include "store/service_records.h"

namespace ballast::service {

enum class State {
  kSubmitted,
  kAccepted,
  kDispatched,
  kInProgress,
  kReturned,
  kReplied,
  kRated,
  kClosed,
  kMerged,
  kWithdrawn,
  kNotResponsible,
};

enum class Action {
  kAccept,
  kDecline,
  kDispatch,
  kReturn,
  kReassign,
  kStart,
  kRequestExtension,
  kApproveExtension,
  kEscalate,
  kReply,
  kRate,
  kReopen,
  kClose,
  kMerge,
  kWithdraw,
};

// What the loop carries: an enterprise's appeal (诉求), or an item of the major projects'
// factor-guarantee ledger (要素保障台账, app/project_factors.h). The one place where they differ:
// a factor item enters already accepted (a monthly report or an editor registers it), has no
// enterprise to rate the answer (closed once answered, no rating window), and takes only the
// steps ActionApplies lists.
enum class Subject { kAppeal, kFactor };

// The state a new subject starts in: submitted (an appeal), accepted (a factor item).
State EntryState(Subject s);
// Whether a step exists for the subject at all (factor items: no accept, rate, reopen, merge or
// withdraw).
bool ActionApplies(Subject s, Action a);

// Parties an actor can be to one appeal (a bit set: one user may be several).
enum Party : unsigned {
  kEnterprise = 1,  // the enterprise itself (actor's uscc == appeal's uscc)
  kOfficial = 2,    // a 包联 official assigned to the enterprise
  kDispatcher = 4,  // a dispatcher whose region covers the appeal
  kUnit = 8,        // the responsible unit the appeal is dispatched to
  kCoUnit = 16,     // a co-unit of joint handling (会办): reads the appeal, answers its part only
};

struct Transition {
  Action action;
  std::vector<State> from;
  std::optional<State> to;  // nullopt: the state does not change
  unsigned parties;
  bool reason_required;
};

// The whole table (docs/service.md prints it).
const std::vector<Transition>& TransitionTable();

std::string_view StateName(State s);
std::optional<State> ParseState(std::string_view name);
std::string_view ActionName(Action a);
std::optional<Action> ParseAction(std::string_view name);
std::string PartyNames(unsigned parties);
bool IsTerminal(State s);  // closed, merged, withdrawn, not_responsible

struct StepInput {
  Action action = Action::kAccept;
  Subject subject = Subject::kAppeal;
  unsigned parties = 0;
  std::string actor, now;  // now: UTC ISO 8601
  std::string reason;
  // kDispatch, kReassign: the unit, co-units, complexity and the deadlines to apply.
  std::string unit;
  std::vector<std::string> co_units;
  std::string complexity;
  Deadlines deadlines;
  int32_t days = 0;          // kRequestExtension: working days asked for
  bool approve = true;       // kApproveExtension: false refuses the request
  bool solved = false;       // kRate
  std::string satisfaction;  // kRate: satisfied | basic | dissatisfied
  std::string reply;         // kReply
  // kReply: units whose 会办 part is still open (service/joint.h); the reply waits for them.
  std::vector<std::string> outstanding_parts;
  int64_t merge_into = 0;  // kMerge
};

// Applies one step to `appeal` (unchanged on error) and returns the event to log.
// Errors: FailedPrecondition for a step the state does not allow, PermissionDenied for a party
// the table does not list, InvalidArgument for bad input.
Result<AppealEventRecord> ApplyStep(AppealRecord& appeal, const StepInput& in,
                                    const WorkCalendar& cal);

// Checks and normalises a new appeal: description 1–4,000 characters of plain text, title, up
// to 20 attachment names, channel. Sets state submitted and version 0.
Status ValidateNewAppeal(AppealRecord& appeal);

size_t Utf8Length(std::string_view s);
// No control characters but line breaks and tabs.
bool PlainText(std::string_view s);

// The one overdue rule (lists, the JSON flag, reminders): a filed appeal not yet dispatched past
// its acceptance deadline, or one with a unit or returned past its handling deadline. Replied
// and rated appeals wait on the enterprise and are not overdue.
bool IsOverdue(const AppealRecord& a, Day today);
// The deadline an open appeal runs against now: "dispatch" (accept_due), "handling" (due), or
// "" when none applies.
std::string_view CurrentDeadline(const AppealRecord& a);

}  // namespace ballast::service

#endif  // BALLAST_SERVICE_APPEAL_H_
