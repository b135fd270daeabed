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

// Where a year's dates come from: the State Council notice (国务院办公厅关于…部分节假日安排的通知).
struct CalendarSource {
  int year = 0;
  std::string title, number, date;  // number e.g. 国办发明电〔2024〕12号; date of the notice
  bool verified = false;            // checked against the published text (data/calendar/README.md)
};

// The days off the law gives in `year` (全国年节及纪念日放假办法 as revised in 2024: 元旦 1 day,
// 春节 4 days from 除夕, 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3), lunar dates computed, with a
// weekday off in lieu (补假) for each such day on a weekend. The yearly notice's make-up
// workdays (调休) cannot be foreseen: this is the provisional calendar past the known years.
std::vector<CalendarEntry> StatutoryDaysOff(int year);

class WorkCalendar {
 public:
  // Parses the JSON format; refuses a make-up workday on a Monday–Friday or a day both off and
  // worked.
  static Result<WorkCalendar> Parse(std::string_view json);
  // The shipped calendar (compiled in).
  static Result<WorkCalendar> Default();
  std::string ToJson() const;
  // Adds or replaces one year from its notice: {"version":1,"year":2027,"source":{"title",
  // "number","date","verified"},"holidays":[…],"workdays":[…]} (dates of that year; a holiday
  // range may start in the December before). The year is a known one or the next.
  Result<WorkCalendar> WithYear(std::string_view year_json) const;

  bool IsWorkday(Day d) const;
  // The n-th workday after `start` (start itself not counted); n = 0 gives start.
  Day AddWorkingDays(Day start, int32_t n) const;
  // Workdays in (from, to]; 0 when to <= from.
  int32_t WorkingDaysBetween(Day from, Day to) const;
  // The name of the holiday or make-up day, "" for an ordinary day.
  std::string DayName(Day d) const;
  Day covers_from() const { return from_; }
  Day covers_to() const { return to_; }
  // Past the last known day, workdays follow StatutoryDaysOff: a deadline there is provisional.
  bool IsProvisional(Day d) const { return d > to_; }
  const std::vector<CalendarSource>& sources() const { return sources_; }

 private:
  struct Range {
    std::string name;
    Day from = 0, to = 0;
  };
  Day from_ = 0, to_ = 0;
  std::vector<Range> holidays_;
  std::vector<CalendarEntry> workdays_;
  std::map<Day, bool> overrides_;           // day → is a workday
  std::map<Day, std::string> provisional_;  // statutory days off after to_, ten years ahead
  std::vector<CalendarSource> sources_;
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
