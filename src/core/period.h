// A monthly period, stored as months since year 0 (year * 12 + month - 1), written YYYY-MM.
#ifndef BALLAST_CORE_PERIOD_H_
#define BALLAST_CORE_PERIOD_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace ballast {

using Period = int32_t;

inline Period MakePeriod(int year, int month) { return year * 12 + (month - 1); }
inline int PeriodYear(Period p) { return p / 12; }
inline int PeriodMonth(Period p) { return p % 12 + 1; }

// Parses "YYYY-MM" strictly (four-digit year 1900..2199, month 01..12).
Result<Period> ParsePeriod(std::string_view text);
std::string FormatPeriod(Period p);

// The current month in Beijing time by the system clock (core/clock.h), or by
// BALLAST_TODAY=YYYY-MM(-DD) when set (for tests).
Period CurrentPeriod();

}  // namespace ballast

#endif  // BALLAST_CORE_PERIOD_H_
