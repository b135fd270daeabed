#include "service/appeal.h"

#include <algorithm>
#include <array>

namespace ballast::service {

namespace {

using S = State;
using A = Action;

constexpr std::array<std::string_view, 11> kStateNames = {
    "submitted", "accepted", "dispatched", "in_progress", "returned",       "replied",
    "rated",     "closed",   "merged",     "withdrawn",   "not_responsible"};
constexpr std::array<std::string_view, 15> kActionNames = {"accept",
                                                           "decline",
                                                           "dispatch",
                                                           "return",
                                                           "reassign",
                                                           "start",
                                                           "request_extension",
                                                           "approve_extension",
                                                           "escalate",
                                                           "reply",
                                                           "rate",
                                                           "reopen",
                                                           "close",
                                                           "merge",
                                                           "withdraw"};

constexpr size_t kMaxDescription = 4000;

Status Check(bool ok, std::string message) {
  return ok ? Status::Ok() : Status::Invalid(std::move(message));
}

std::string Join(const std::vector<std::string>& v, char sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : std::string(1, sep)) + s;
  return out;
}

// Due dates from the Beijing date of `now`.
void SetDeadlines(AppealRecord& a, const StepInput& in, const WorkCalendar& cal) {
  const Day today = BeijingDay(in.now).value_or(0);
  a.dispatched_at = in.now;
  a.response_due = FormatDay(cal.AddWorkingDays(today, in.deadlines.first_response));
  a.due = FormatDay(
      cal.AddWorkingDays(today, ServiceCatalogue::HandlingDays(in.deadlines, a.complexity)));
}

Status Specific(AppealRecord& a, const StepInput& in, const WorkCalendar& cal) {
  switch (in.action) {
    case A::kDispatch:
    case A::kReassign:
      RETURN_IF_ERROR(Check(!in.unit.empty(), "a responsible unit is required"));
      if (in.action == A::kReassign) {
        RETURN_IF_ERROR(Check(in.unit != a.unit, "the appeal is already with " + in.unit));
      }
      if (!in.complexity.empty()) {
        RETURN_IF_ERROR(Check(in.complexity == "simple" || in.complexity == "complex",
                              "complexity must be simple or complex"));
        a.complexity = in.complexity;
      }
      if (a.complexity.empty()) a.complexity = "simple";
      a.unit = in.unit;
      a.co_units = Join(in.co_units, ';');
      a.first_response_at.clear();  // the new unit owes its own first response
      a.extension_days_requested = 0;
      SetDeadlines(a, in, cal);
      return Status::Ok();
    case A::kReturn:
      a.unit.clear();  // due stands: a returned appeal is still late after it
      a.co_units.clear();
      a.extension_days_requested = 0;
      return Status::Ok();
    case A::kStart:
      if (a.first_response_at.empty()) a.first_response_at = in.now;
      return Status::Ok();
    case A::kRequestExtension: {
      RETURN_IF_ERROR(Check(in.days >= 1 && in.days <= 60, "an extension is 1–60 working days"));
      if (a.extension_days_requested > 0)
        return Status::Precondition("an extension request is already pending");
      auto due = ParseDay(a.due);
      auto today = BeijingDay(in.now);
      if (!due || !today || *today > *due)
        return Status::Precondition("an extension must be requested before the deadline " + a.due);
      a.extension_days_requested = in.days;
      return Status::Ok();
    }
    case A::kApproveExtension: {
      if (a.extension_days_requested <= 0)
        return Status::Precondition("no extension request is pending");
      if (in.approve) {
        a.due =
            FormatDay(cal.AddWorkingDays(ParseDay(a.due).value_or(0), a.extension_days_requested));
        ++a.extensions;
      }
      a.extension_days_requested = 0;
      return Status::Ok();
    }
    case A::kEscalate:
      ++a.escalations;
      return Status::Ok();
    case A::kReply:
      if (!in.outstanding_parts.empty()) {
        return Status::Precondition("the co-units' parts are outstanding (" +
                                    Join(in.outstanding_parts, ';') +
                                    "): wait for their answers or waive them with a reason");
      }
      RETURN_IF_ERROR(
          Check(!in.reply.empty() && Utf8Length(in.reply) <= kMaxDescription && PlainText(in.reply),
                "a reply is 1–4000 characters of plain text"));
      a.reply = in.reply;
      a.replied_at = in.now;
      if (a.first_response_at.empty()) a.first_response_at = in.now;
      a.extension_days_requested = 0;  // a request of this round ends with its reply
      if (in.subject == Subject::kFactor) return Status::Ok();  // nobody rates a factor item
      a.rating_due =
          FormatDay(cal.AddWorkingDays(BeijingDay(in.now).value_or(0), in.deadlines.rating_window));
      return Status::Ok();
    case A::kRate:
      RETURN_IF_ERROR(Check(in.satisfaction == "satisfied" || in.satisfaction == "basic" ||
                                in.satisfaction == "dissatisfied",
                            "satisfaction must be satisfied, basic or dissatisfied"));
      a.rating_solved = in.solved ? 1 : 0;
      a.satisfaction = in.satisfaction;
      a.rated_at = in.now;
      if (!in.solved && a.reopen_count >= 1) ++a.escalations;  // a second "not solved" goes to 督办
      return Status::Ok();
    case A::kReopen:
      if (a.rating_solved != 0)
        return Status::Precondition("only an appeal rated not solved can be reopened");
      if (!(in.parties & kDispatcher) && a.reopen_count >= 1) {
        return Status::Precondition(
            "the enterprise may reopen an appeal once; it is escalated to the dispatcher");
      }
      ++a.reopen_count;
      // The latest rating stays counted until a new one replaces it (reopening must not take a
      // "not solved" out of the rates); a pending extension of the last round does not carry.
      a.extension_days_requested = 0;
      a.rating_due.clear();
      // The first response and the dispatch time stand; only the handling deadline restarts.
      a.due =
          FormatDay(cal.AddWorkingDays(BeijingDay(in.now).value_or(0),
                                       ServiceCatalogue::HandlingDays(in.deadlines, a.complexity)));
      return Status::Ok();
    case A::kMerge:
      RETURN_IF_ERROR(
          Check(in.merge_into > 0 && in.merge_into != a.id, "merge into another appeal"));
      a.merged_into = in.merge_into;
      a.closed_at = in.now;
      return Status::Ok();
    case A::kClose:
      if (a.state == "replied" && in.subject == Subject::kAppeal) {
        // No rating this round: only after the rating window, and then the default applies
        // unless an earlier rating stands (it stays the latest).
        auto due = ParseDay(a.rating_due);
        auto today = BeijingDay(in.now);
        if (due && today && *today <= *due) {
          return Status::Precondition("the enterprise may rate the reply until " + a.rating_due +
                                      "; close after it or once rated");
        }
        if (a.rating_solved < 0) {
          a.satisfaction = "default";
          a.rated_at = in.now;
        }
      }
      a.closed_at = in.now;
      return Status::Ok();
    case A::kDecline:
    case A::kWithdraw:
      a.closed_at = in.now;
      return Status::Ok();
    case A::kAccept:
      return Status::Ok();
  }
  return Status::Ok();
}

}  // namespace

const std::vector<Transition>& TransitionTable() {
  static const std::vector<Transition> kTable = {
      {A::kAccept, {S::kSubmitted}, S::kAccepted, kDispatcher, false},
      {A::kDecline, {S::kSubmitted, S::kAccepted}, S::kNotResponsible, kDispatcher, true},
      {A::kDispatch, {S::kAccepted, S::kReturned}, S::kDispatched, kDispatcher, false},
      {A::kReturn, {S::kDispatched, S::kInProgress}, S::kReturned, kUnit, true},
      {A::kReassign,
       {S::kDispatched, S::kInProgress, S::kReturned},
       S::kDispatched,
       kDispatcher,
       true},
      {A::kStart, {S::kDispatched}, S::kInProgress, kUnit, false},
      {A::kRequestExtension, {S::kDispatched, S::kInProgress}, std::nullopt, kUnit, true},
      {A::kApproveExtension, {S::kDispatched, S::kInProgress}, std::nullopt, kDispatcher, false},
      {A::kEscalate,
       {S::kDispatched, S::kInProgress, S::kReturned, S::kReplied, S::kRated},
       std::nullopt,
       kDispatcher,
       true},
      {A::kReply, {S::kInProgress}, S::kReplied, kUnit, false},
      {A::kRate, {S::kReplied}, S::kRated, kEnterprise, false},
      {A::kReopen, {S::kRated}, S::kDispatched, kEnterprise | kDispatcher, false},
      {A::kClose, {S::kRated, S::kReplied}, S::kClosed, kDispatcher, false},
      {A::kMerge, {S::kSubmitted, S::kAccepted}, S::kMerged, kDispatcher, false},
      {A::kWithdraw,
       {S::kSubmitted, S::kAccepted, S::kDispatched, S::kInProgress, S::kReturned},
       S::kWithdrawn,
       kEnterprise | kOfficial,
       false},
  };
  return kTable;
}

std::string_view StateName(State s) { return kStateNames[static_cast<size_t>(s)]; }
std::string_view ActionName(Action a) { return kActionNames[static_cast<size_t>(a)]; }

std::optional<State> ParseState(std::string_view name) {
  for (size_t i = 0; i < kStateNames.size(); ++i) {
    if (kStateNames[i] == name) return static_cast<State>(i);
  }
  return std::nullopt;
}

std::optional<Action> ParseAction(std::string_view name) {
  for (size_t i = 0; i < kActionNames.size(); ++i) {
    if (kActionNames[i] == name) return static_cast<Action>(i);
  }
  return std::nullopt;
}

std::string PartyNames(unsigned parties) {
  std::vector<std::string> out;
  if (parties & kEnterprise) out.push_back("enterprise");
  if (parties & kOfficial) out.push_back("official");
  if (parties & kDispatcher) out.push_back("dispatcher");
  if (parties & kUnit) out.push_back("unit");
  if (parties & kCoUnit) out.push_back("co_unit");
  return out.empty() ? "nobody" : Join(out, '|');
}

State EntryState(Subject s) { return s == Subject::kFactor ? S::kAccepted : S::kSubmitted; }

bool ActionApplies(Subject s, Action a) {
  if (s == Subject::kAppeal) return true;
  return a != A::kAccept && a != A::kRate && a != A::kReopen && a != A::kMerge && a != A::kWithdraw;
}

bool IsTerminal(State s) {
  return s == S::kClosed || s == S::kMerged || s == S::kWithdrawn || s == S::kNotResponsible;
}

Result<AppealEventRecord> ApplyStep(AppealRecord& appeal, const StepInput& in,
                                    const WorkCalendar& cal) {
  const auto from = ParseState(appeal.state);
  if (!from)
    return Status::Internal("appeal " + std::to_string(appeal.id) + " has an unknown state");
  if (!ActionApplies(in.subject, in.action)) {
    return Status::Invalid(std::string(ActionName(in.action)) + " is not a step of a factor item");
  }
  const auto& table = TransitionTable();
  auto t = std::find_if(table.begin(), table.end(),
                        [&](const Transition& x) { return x.action == in.action; });
  if (std::find(t->from.begin(), t->from.end(), *from) == t->from.end()) {
    return Status::Precondition("cannot " + std::string(ActionName(in.action)) +
                                " an appeal that is " + std::string(appeal.state));
  }
  if ((in.parties & t->parties) == 0) {
    return Status::Denied(std::string(ActionName(in.action)) + " is for " + PartyNames(t->parties) +
                          ", not for " + PartyNames(in.parties));
  }
  if (t->reason_required && in.reason.empty()) {
    return Status::Invalid(std::string(ActionName(in.action)) + " needs a reason");
  }
  if (in.reason.size() > 2000 || !PlainText(in.reason))
    return Status::Invalid("a reason is plain text up to 2000 bytes");
  if (!BeijingDay(in.now)) return Status::Invalid("bad time '" + in.now + "'");
  AppealRecord next = appeal;
  RETURN_IF_ERROR(Specific(next, in, cal));
  next.state = std::string(StateName(t->to.value_or(*from)));
  next.updated_at = in.now;
  AppealEventRecord e;
  e.appeal_id = appeal.id;
  e.at = in.now;
  e.actor = in.actor;
  e.party = PartyNames(in.parties & t->parties);
  e.action = std::string(ActionName(in.action));
  e.from_state = appeal.state;
  e.to_state = next.state;
  e.unit = next.unit;
  e.reason = in.reason;
  if (in.action == A::kReply) e.body = in.reply;
  if (in.action == A::kRequestExtension)
    e.reason += " (+" + std::to_string(in.days) + " working days)";
  if (in.action == A::kApproveExtension && !in.approve) e.reason = "refused: " + e.reason;
  if (in.action == A::kRate)
    e.reason = std::string(in.solved ? "solved" : "not solved") + ", " + in.satisfaction +
               (e.reason.empty() ? "" : ": " + e.reason);
  appeal = std::move(next);
  return e;
}

bool PlainText(std::string_view s) {
  return std::none_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\n' && c != '\r' && c != '\t') || u == 0x7f;
  });
}

size_t Utf8Length(std::string_view s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool IsOverdue(const AppealRecord& a, Day today) {
  const std::string_view which = CurrentDeadline(a);
  if (which.empty()) return false;
  auto due = ParseDay(which == "dispatch" ? a.accept_due : a.due);
  return due && today > *due;
}

std::string_view CurrentDeadline(const AppealRecord& a) {
  if (a.state == "submitted" || a.state == "accepted")
    return a.accept_due.empty() ? "" : "dispatch";
  if (a.state == "dispatched" || a.state == "in_progress" || a.state == "returned")
    return "handling";
  return "";
}

Status ValidateNewAppeal(AppealRecord& a) {
  std::string bare = a.title;  // blank: spaces, tabs and ideographic spaces (U+3000) only
  for (size_t p; (p = bare.find("\xE3\x80\x80")) != std::string::npos;) bare.erase(p, 3);
  const bool blank = std::all_of(bare.begin(), bare.end(),
                                 [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
  RETURN_IF_ERROR(Check(!blank, "title: required (one line of 1–200 characters)"));
  const size_t n = Utf8Length(a.description);
  RETURN_IF_ERROR(
      Check(n >= 1 && n <= kMaxDescription,
            "the description must be 1–4000 characters (has " + std::to_string(n) + ")"));
  RETURN_IF_ERROR(Check(PlainText(a.description) && PlainText(a.contact),
                        "the description must be plain text"));
  RETURN_IF_ERROR(Check(Utf8Length(a.title) <= 200 && a.title.find('\n') == std::string::npos,
                        "title: one line of up to 200 characters"));
  RETURN_IF_ERROR(Check(Utf8Length(a.contact) <= 200, "the contact is up to 200 characters"));
  size_t files = 0;
  for (size_t start = 0; start < a.attachments.size();) {
    size_t end = a.attachments.find('\n', start);
    if (end == std::string::npos) end = a.attachments.size();
    const std::string_view name(a.attachments.data() + start, end - start);
    RETURN_IF_ERROR(Check(!name.empty() && name.size() <= 255 &&
                              name.find('/') == std::string_view::npos &&
                              name.find('\\') == std::string_view::npos && PlainText(name),
                          "attachment names are file names without paths, up to 255 bytes"));
    ++files;
    start = end + 1;
  }
  RETURN_IF_ERROR(Check(files <= 20, "at most 20 attachments"));
  if (a.channel.empty()) a.channel = "online";
  RETURN_IF_ERROR(Check(a.channel == "online" || a.channel == "phone" || a.channel == "visit" ||
                            a.channel == "official",
                        "channel must be online, phone, visit or official"));
  a.state = std::string(StateName(S::kSubmitted));
  a.version = 0;
  return Status::Ok();
}

}  // namespace ballast::service
