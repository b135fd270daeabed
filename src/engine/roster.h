// The above-scale roster (规模以上工业企业名录): which enterprises are expected to report in a
// period, and the entries and exits the roster measures count (docs/measures.md).
#ifndef BALLAST_ENGINE_ROSTER_H_
#define BALLAST_ENGINE_ROSTER_H_

#include <limits>
#include <string>

#include "core/period.h"

namespace ballast {

struct PanelEnterprise;
struct CellSums;

// A roster's open ends: on it since before the data, still on it.
inline constexpr Period kRosterSinceEver = std::numeric_limits<Period>::min();
inline constexpr Period kRosterStill = std::numeric_limits<Period>::max();

// Parses a stored roster field ("" or YYYY-MM); `open` when empty or unreadable.
Period RosterPeriod(const std::string& text, Period open);

// Whether the enterprise is on the roster in period p (entered <= p <= exited).
bool OnRoster(const PanelEnterprise& e, Period p);
// 新增: `entered` lies in the year of t and not after t.
bool EntrantBy(const PanelEnterprise& e, Period t);
// 退出: the first period off the roster (`exited` + 1 month) lies in the year of t and not after
// t (an enterprise with `exited` 2024-12 is an exit of 2025).
bool ExitBy(const PanelEnterprise& e, Period t);

// Adds enterprise e's roster counts at t to a cell; `reported` when it has a figure of the
// indicator asked (for report_rate).
void AddRoster(const PanelEnterprise& e, Period t, bool reported, CellSums* sums);

}  // namespace ballast

#endif  // BALLAST_ENGINE_ROSTER_H_
