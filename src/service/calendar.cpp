#include "service/calendar.h"

#include <chrono>
#include <nlohmann/json.hpp>

namespace ballast::service {

namespace chr = std::chrono;

std::optional<Day> ParseDay(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  int v[3] = {0, 0, 0};
  const size_t starts[3] = {0, 5, 8}, lens[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k) {
    for (size_t i = starts[k]; i < starts[k] + lens[k]; ++i) {
      if (t[i] < '0' || t[i] > '9') return std::nullopt;
      v[k] = v[k] * 10 + (t[i] - '0');
    }
  }
  chr::year_month_day ymd{chr::year(v[0]), chr::month(static_cast<unsigned>(v[1])),
                          chr::day(static_cast<unsigned>(v[2]))};
  if (!ymd.ok()) return std::nullopt;
  return static_cast<Day>(chr::sys_days(ymd).time_since_epoch().count());
}

std::string FormatDay(Day d) {
  chr::year_month_day ymd{chr::sys_days(chr::days(d))};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

std::optional<Day> BeijingDay(std::string_view iso) {
  if (iso.size() < 13 || iso[10] != 'T') return std::nullopt;
  auto d = ParseDay(iso.substr(0, 10));
  if (!d) return std::nullopt;
  const int hour = (iso[11] - '0') * 10 + (iso[12] - '0');
  return hour >= 16 ? *d + 1 : *d;  // 16:00 UTC is midnight in Beijing
}

int Weekday(Day d) { return static_cast<int>(((d % 7) + 7 + 3) % 7); }  // 1970-01-01 was a Thursday

Result<WorkCalendar> WorkCalendar::Parse(std::string_view json) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(json);
  } catch (const std::exception& e) {
    return Status::Invalid(std::string("calendar: not JSON: ") + e.what());
  }
  auto day = [](const nlohmann::json& o, const char* key) -> Result<Day> {
    if (!o.is_object() || !o.contains(key) || !o[key].is_string()) {
      return Status::Invalid(std::string("calendar: missing date '") + key + "'");
    }
    auto d = ParseDay(o[key].get<std::string>());
    if (!d) return Status::Invalid("calendar: bad date '" + o[key].get<std::string>() + "'");
    return *d;
  };
  auto name = [](const nlohmann::json& o) {
    return o.contains("name") && o["name"].is_string() ? o["name"].get<std::string>() : std::string();
  };
  if (!j.is_object() || j.value("version", 0) != 1) return Status::Invalid("calendar: version 1 expected");
  WorkCalendar c;
  ASSIGN_OR_RETURN(c.from_, day(j, "from"));
  ASSIGN_OR_RETURN(c.to_, day(j, "to"));
  if (c.to_ < c.from_) return Status::Invalid("calendar: 'to' before 'from'");
  for (const auto& h : j.value("holidays", nlohmann::json::array())) {
    Range r;
    r.name = name(h);
    ASSIGN_OR_RETURN(r.from, day(h, "from"));
    ASSIGN_OR_RETURN(r.to, day(h, "to"));
    if (r.to < r.from || r.to - r.from > 15) return Status::Invalid("calendar: bad holiday range '" + r.name + "'");
    for (Day d = r.from; d <= r.to; ++d) c.overrides_[d] = false;
    c.holidays_.push_back(std::move(r));
  }
  for (const auto& w : j.value("workdays", nlohmann::json::array())) {
    CalendarEntry e;
    e.name = name(w);
    ASSIGN_OR_RETURN(e.day, day(w, "date"));
    if (Weekday(e.day) < 5) return Status::Invalid("calendar: make-up workday " + FormatDay(e.day) + " is not a weekend day");
    if (c.overrides_.count(e.day)) return Status::Invalid("calendar: " + FormatDay(e.day) + " is both a holiday and a workday");
    c.overrides_[e.day] = true;
    c.workdays_.push_back(std::move(e));
  }
  return c;
}

Result<WorkCalendar> WorkCalendar::Default() { return Parse(EmbeddedCalendarJson()); }

std::string WorkCalendar::ToJson() const {
  nlohmann::json j = {{"version", 1}, {"from", FormatDay(from_)}, {"to", FormatDay(to_)}};
  j["holidays"] = nlohmann::json::array();
  for (const auto& h : holidays_) {
    j["holidays"].push_back({{"name", h.name}, {"from", FormatDay(h.from)}, {"to", FormatDay(h.to)}});
  }
  j["workdays"] = nlohmann::json::array();
  for (const auto& w : workdays_) j["workdays"].push_back({{"name", w.name}, {"date", FormatDay(w.day)}});
  return j.dump(2);
}

bool WorkCalendar::IsWorkday(Day d) const {
  auto it = overrides_.find(d);
  if (it != overrides_.end()) return it->second;
  return Weekday(d) < 5;
}

Day WorkCalendar::AddWorkingDays(Day start, int32_t n) const {
  Day d = start;
  while (n > 0) {
    ++d;
    if (IsWorkday(d)) --n;
  }
  return d;
}

int32_t WorkCalendar::WorkingDaysBetween(Day from, Day to) const {
  int32_t n = 0;
  for (Day d = from + 1; d <= to; ++d) n += IsWorkday(d) ? 1 : 0;
  return n;
}

std::string WorkCalendar::DayName(Day d) const {
  for (const auto& h : holidays_) {
    if (d >= h.from && d <= h.to) return h.name;
  }
  for (const auto& w : workdays_) {
    if (w.day == d) return w.name;
  }
  return "";
}

std::optional<ReminderKind> ReminderFor(const WorkCalendar& cal, Day due, Day today) {
  if (today > due) return ReminderKind::kOverdue;
  if (today < due && cal.AddWorkingDays(today, 1) >= due) return ReminderKind::kDueTomorrow;
  return std::nullopt;
}

std::string_view ReminderKindName(ReminderKind k) {
  return k == ReminderKind::kOverdue ? "overdue" : "due_tomorrow";
}

}  // namespace ballast::service
