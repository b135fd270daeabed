// The factor-guarantee ledger (要素保障台账, issue 15 item 1): one item per blocking factor of a
// project (用地, 用能, 环评, 资金, 审批, 用工) that a unit is asked to solve within a number of
// working days. The item walks the enterprise service's loop (service/appeal.h, subject kind
// "factor": dispatched, answered, closed, with returns, extensions and 督办); this record keeps
// the loop's fields under the same names as an appeal's, so app/ converts one into the other.
// Plain data over core only.
#ifndef BALLAST_PROJECTS_FACTOR_ITEM_H_
#define BALLAST_PROJECTS_FACTOR_ITEM_H_

#include <cstdint>
#include <string>

#include "core/status.h"
#include "projects/project.h"

namespace ballast::projects {

struct FactorItem {
  int64_t id = 0;
  int64_t version = 0;  // bumped by every write
  int64_t project_id = 0;
  Factor factor = Factor::kLand;
  std::string description;
  std::string unit;    // the unit asked to solve it (current)
  int32_t days = 0;    // the deadline in working days from dispatch
  std::string source;  // "report:YYYY-MM" (opened by a monthly report) or "manual"
  std::string opened_by, opened_at;
  bool open = true;  // not in a final state (the ledger holds one open item per project+factor)
  // The loop (service/appeal.h), as on an appeal.
  std::string state;
  std::string dispatched_at, response_due, due;  // due dates YYYY-MM-DD (Beijing)
  std::string first_response_at, replied_at, reply, closed_at, updated_at;
  int32_t extension_days_requested = 0, extensions = 0, escalations = 0;
};

// A step of an item's history (the appeal loop's event, with the item's id).
struct FactorEvent {
  int64_t id = 0;
  int64_t item_id = 0;
  std::string at, actor, party, action, from_state, to_state, unit, reason, body;
};

constexpr int32_t kMaxFactorDays = 120;

// The first event of an item: "open" by whoever opened it, into its entry state, naming its
// source (a monthly report or by hand).
FactorEvent OpenEvent(const FactorItem& item);

// A new item: a description of 1–2,000 characters of plain text, a unit (1–100 characters, no
// control characters) and 1–120 working days. Names the field that fails.
Status CheckFactorItem(const FactorItem& item);

}  // namespace ballast::projects

#endif  // BALLAST_PROJECTS_FACTOR_ITEM_H_
