// The factor-guarantee ledger of major projects (要素保障台账, issue 15 item 1): items that a unit
// is asked to solve (用地, 用能, 环评, 资金, 审批, 用工) walk the enterprise service's loop —
// service/appeal.h's transition table with subject kind "factor", on the service's working-day
// calendar: dispatched to a unit with a deadline in working days, started, answered (reply),
// closed; returned, reassigned, extended and escalated (督办) like appeals.
//
// Who (app/access.h): the "dispatcher" party of an item is an editor of its project (admin,
// analyst, dispatcher whose scope covers the project's region); the "unit" party a handler of
// the unit the item is assigned to (in scope). A handler sees the items assigned to its unit;
// the other roles with aggregates those of projects in their region scope; enterprises none.
// An item the caller may not see answers NotFound like one that does not exist. Every write is
// in the audit log.
#ifndef BALLAST_APP_PROJECT_FACTORS_H_
#define BALLAST_APP_PROJECT_FACTORS_H_

#include <string>
#include <vector>

#include "app/ballast.h"
#include "app/caller.h"
#include "projects/factor_item.h"
#include "projects/project.h"
#include "service/calendar.h"

namespace ballast::app {

struct FactorFilter {
  std::string region;  // "" = the caller's scope
  std::string state;   // "" or a loop state (service/appeal.h)
  std::string unit;    // "" or the assigned unit
  std::string factor;  // "" or land … labour (or 用地 …)
  int64_t project_id = 0;
  bool open_only = false;
  bool overdue_only = false;
};

struct FactorRow {
  projects::FactorItem item;
  std::string project_code, project_name, region;
  bool overdue = false;              // past its handling deadline (service::IsOverdue)
  std::vector<std::string> actions;  // the steps the caller may take now
};

struct FactorView {
  FactorRow row;
  std::vector<projects::FactorEvent> history;
};

// The items the caller may see, by id.
Result<std::vector<FactorRow>> ListFactorItems(Ballast& b, const Caller& c, const FactorFilter& f);
Result<FactorView> GetFactorItem(Ballast& b, const Caller& c, int64_t id);

struct NewFactorItem {
  int64_t project_id = 0;
  std::string factor, description, unit;
  int32_t days = 0;  // the deadline in working days from dispatch
};
// Registers an item by hand (editors of the project); it starts accepted, to be dispatched.
// AlreadyExists (409) while the project has an open item of that factor.
Result<FactorRow> OpenFactorItem(Ballast& b, const Caller& c, const NewFactorItem& n);

struct FactorStepRequest {
  int64_t id = 0;
  int64_t version = 0;  // the version the caller read (a stale one is refused)
  std::string action;   // dispatch | reassign | return | start | request_extension |
                        // approve_extension | escalate | reply | close | decline
  std::string reason, reply;
  std::string unit;  // dispatch, reassign: "" = the item's unit
  int32_t days = 0;  // dispatch, reassign: the deadline ("" = the item's); request_extension
  bool approve = true;
};
Result<FactorRow> StepFactorItem(Ballast& b, const Caller& c, const FactorStepRequest& r);

// The items a monthly report's blockers open (one per factor; the store skips a factor that
// already has an open item): the unit the report names, the working days from today to its
// deadline (at least 1), described by the blocker's note.
std::vector<projects::FactorItem> ItemsOfReport(const projects::MonthlyReport& r,
                                                const service::WorkCalendar& cal,
                                                const std::string& now, const std::string& user);

}  // namespace ballast::app

#endif  // BALLAST_APP_PROJECT_FACTORS_H_
