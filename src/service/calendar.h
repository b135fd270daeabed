// The working-day calendar: Monday–Friday work, weekends off, except the public holidays and
// make-up workdays (调休) listed as data (data/calendar/, format in docs/service.md).
// Dates are days since 1970-01-01; service dates are Beijing dates (UTC+8).
#ifndef BALLAST_SERVICE_CALENDAR_H_
#define BALLAST_SERVICE_CALENDAR_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace ballast::service {

using Day = int32_t;  // days since 1970-01-01

// "2024-10-01" → Day; nullopt when malformed or not a real date.
std::optional<Day> ParseDay(std::string_view text);
std::string FormatDay(Day d);
// The Beijing (UTC+8) date of a UTC ISO 8601 time ("2024-09-30T17:00:00Z" → 2024-10-01).
std::optional<Day> BeijingDay(std::string_view utc_iso);
int Weekday(Day d);  // 0 = Monday … 6 = Sunday

struct CalendarEntry {
  std::string name;
  Day day = 0;
};

class WorkCalendar {
 public:
  // Parses the JSON format; refuses a make-up workday on a Monday–Friday or a day both off and
  // worked.
  static Result<WorkCalendar> Parse(std::string_view json);
  // The shipped calendar (compiled in).
  static Result<WorkCalendar> Default();
  std::string ToJson() const;

  bool IsWorkday(Day d) const;
  // The n-th workday after `start` (start itself not counted); n = 0 gives start.
  Day AddWorkingDays(Day start, int32_t n) const;
  // Workdays in (from, to]; 0 when to <= from.
  int32_t WorkingDaysBetween(Day from, Day to) const;
  // The name of the holiday or make-up day, "" for an ordinary day.
  std::string DayName(Day d) const;
  Day covers_from() const { return from_; }
  Day covers_to() const { return to_; }

 private:
  struct Range {
    std::string name;
    Day from = 0, to = 0;
  };
  Day from_ = 0, to_ = 0;
  std::vector<Range> holidays_;
  std::vector<CalendarEntry> workdays_;
  std::map<Day, bool> overrides_;  // day → is a workday
};

enum class ReminderKind { kDueTomorrow, kOverdue };  // T−1 (one workday before), past due

struct Reminder {
  int64_t appeal_id = 0;
  std::string deadline;  // "response" or "handling"
  ReminderKind kind = ReminderKind::kOverdue;
  Day due = 0;
};

// The reminder for a deadline as of `today`, if any: overdue once today is after `due`, T−1
// when `due` is the next workday after today.
std::optional<ReminderKind> ReminderFor(const WorkCalendar& cal, Day due, Day today);
std::string_view ReminderKindName(ReminderKind k);

std::string_view EmbeddedCalendarJson();

}  // namespace ballast::service

#endif  // BALLAST_SERVICE_CALENDAR_H_
