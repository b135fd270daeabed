#include "service/calendar.h"

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <set>

#include "service/lunar.h"

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
    return o.contains("name") && o["name"].is_string() ? o["name"].get<std::string>()
                                                       : std::string();
  };
  if (!j.is_object() || j.value("version", 0) != 1)
    return Status::Invalid("calendar: version 1 expected");
  WorkCalendar c;
  ASSIGN_OR_RETURN(c.from_, day(j, "from"));
  ASSIGN_OR_RETURN(c.to_, day(j, "to"));
  if (c.to_ < c.from_) return Status::Invalid("calendar: 'to' before 'from'");
  for (const auto& h : j.value("holidays", nlohmann::json::array())) {
    Range r;
    r.name = name(h);
    ASSIGN_OR_RETURN(r.from, day(h, "from"));
    ASSIGN_OR_RETURN(r.to, day(h, "to"));
    if (r.to < r.from || r.to - r.from > 15)
      return Status::Invalid("calendar: bad holiday range '" + r.name + "'");
    for (Day d = r.from; d <= r.to; ++d) c.overrides_[d] = false;
    c.holidays_.push_back(std::move(r));
  }
  for (const auto& w : j.value("workdays", nlohmann::json::array())) {
    CalendarEntry e;
    e.name = name(w);
    ASSIGN_OR_RETURN(e.day, day(w, "date"));
    if (Weekday(e.day) < 5)
      return Status::Invalid("calendar: make-up workday " + FormatDay(e.day) +
                             " is not a weekend day");
    if (c.overrides_.count(e.day))
      return Status::Invalid("calendar: " + FormatDay(e.day) + " is both a holiday and a workday");
    c.overrides_[e.day] = true;
    c.workdays_.push_back(std::move(e));
  }
  for (const auto& src : j.value("sources", nlohmann::json::array())) {
    if (!src.is_object() || !src.contains("year") || !src["year"].is_number_integer()) {
      return Status::Invalid("calendar: a source needs its year");
    }
    CalendarSource cs;
    cs.year = src["year"].get<int>();
    cs.title = src.value("title", "");
    cs.number = src.value("number", "");
    cs.date = src.value("date", "");
    cs.verified = src.value("verified", false);
    c.sources_.push_back(std::move(cs));
  }
  const int last_year =
      static_cast<int>(chr::year_month_day{chr::sys_days(chr::days(c.to_))}.year());
  for (int y = last_year; y <= last_year + 10; ++y) {
    for (auto& e : StatutoryDaysOff(y)) {
      if (e.day > c.to_) c.provisional_[e.day] = e.name;
    }
  }
  return c;
}

namespace {
int YearOf(Day d) {
  return static_cast<int>(chr::year_month_day{chr::sys_days(chr::days(d))}.year());
}
Day Ymd(int y, int m, int d) {
  return static_cast<Day>(
      chr::sys_days(chr::year_month_day{chr::year(y), chr::month(static_cast<unsigned>(m)),
                                        chr::day(static_cast<unsigned>(d))})
          .time_since_epoch()
          .count());
}
}  // namespace

std::vector<CalendarEntry> StatutoryDaysOff(int year) {
  const Day spring = LunarToDay(year, 1, 1);
  std::vector<std::pair<std::string, std::vector<Day>>> groups = {
      {"元旦", {Ymd(year, 1, 1)}},
      {"春节", {spring - 1, spring, spring + 1, spring + 2}},
      {"清明节", {SolarTermDay(year, 15)}},
      {"劳动节", {Ymd(year, 5, 1), Ymd(year, 5, 2)}},
      {"端午节", {LunarToDay(year, 5, 5)}},
      {"中秋节", {LunarToDay(year, 8, 15)}},
      {"国庆节", {Ymd(year, 10, 1), Ymd(year, 10, 2), Ymd(year, 10, 3)}},
  };
  std::sort(groups.begin(), groups.end(),
            [](const auto& a, const auto& b) { return a.second[0] < b.second[0]; });
  std::set<Day> off;
  for (const auto& g : groups) off.insert(g.second.begin(), g.second.end());
  std::vector<CalendarEntry> out;
  for (const auto& [name, days] : groups) {
    for (Day d : days) out.push_back({name, d});
    // 补假: a weekday after the holiday for each of its days on a weekend.
    Day next = days.back();
    for (Day d : days) {
      if (Weekday(d) < 5) continue;
      do {
        ++next;
      } while (Weekday(next) >= 5 || off.count(next));
      off.insert(next);
      out.push_back({name + "(补假)", next});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const CalendarEntry& a, const CalendarEntry& b) { return a.day < b.day; });
  return out;
}

Result<WorkCalendar> WorkCalendar::WithYear(std::string_view text) const {
  nlohmann::json y;
  try {
    y = nlohmann::json::parse(text);
  } catch (const std::exception& e) {
    return Status::Invalid(std::string("calendar year: not JSON: ") + e.what());
  }
  if (!y.is_object() || y.value("version", 0) != 1)
    return Status::Invalid("calendar year: version 1 expected");
  if (!y.contains("year") || !y["year"].is_number_integer())
    return Status::Invalid("calendar year: 'year' is required");
  const int year = y["year"].get<int>();
  if (year < YearOf(from_) || year > YearOf(to_) + 1) {
    return Status::Invalid("calendar year: " + std::to_string(year) +
                           " is neither a known year nor the next (" +
                           std::to_string(YearOf(to_) + 1) + ")");
  }
  const auto& src = y.value("source", nlohmann::json::object());
  if (!src.is_object() || src.value("title", "").empty() || src.value("date", "").empty()) {
    return Status::Invalid("calendar year: 'source' needs the notice's title and date");
  }
  nlohmann::json all = nlohmann::json::parse(ToJson());
  auto in_year = [&](const nlohmann::json& o, const char* key) {
    auto d = ParseDay(o.value(key, ""));
    return d && YearOf(*d) == year;
  };
  auto& hs = all["holidays"];
  hs.erase(std::remove_if(hs.begin(), hs.end(),
                          [&](const nlohmann::json& h) { return in_year(h, "to"); }),
           hs.end());
  auto& ws = all["workdays"];
  ws.erase(std::remove_if(ws.begin(), ws.end(),
                          [&](const nlohmann::json& w) { return in_year(w, "date"); }),
           ws.end());
  for (const auto& h : y.value("holidays", nlohmann::json::array())) {
    if (!in_year(h, "to"))
      return Status::Invalid("calendar year: holiday '" + h.value("name", "") + "' ends outside " +
                             std::to_string(year));
    hs.push_back(h);
  }
  for (const auto& w : y.value("workdays", nlohmann::json::array())) {
    if (!in_year(w, "date"))
      return Status::Invalid("calendar year: workday '" + w.value("name", "") + "' is outside " +
                             std::to_string(year));
    ws.push_back(w);
  }
  if (year > YearOf(to_)) all["to"] = FormatDay(Ymd(year, 12, 31));
  auto& sources = all["sources"];
  sources.erase(std::remove_if(sources.begin(), sources.end(),
                               [&](const nlohmann::json& s) { return s.value("year", 0) == year; }),
                sources.end());
  nlohmann::json s = src;
  s["year"] = year;
  sources.push_back(s);
  return Parse(all.dump());
}

Result<WorkCalendar> WorkCalendar::Default() { return Parse(EmbeddedCalendarJson()); }

std::string WorkCalendar::ToJson() const {
  nlohmann::json j = {{"version", 1}, {"from", FormatDay(from_)}, {"to", FormatDay(to_)}};
  j["holidays"] = nlohmann::json::array();
  for (const auto& h : holidays_) {
    j["holidays"].push_back(
        {{"name", h.name}, {"from", FormatDay(h.from)}, {"to", FormatDay(h.to)}});
  }
  j["workdays"] = nlohmann::json::array();
  for (const auto& w : workdays_)
    j["workdays"].push_back({{"name", w.name}, {"date", FormatDay(w.day)}});
  j["sources"] = nlohmann::json::array();
  for (const auto& s : sources_) {
    j["sources"].push_back({{"year", s.year},
                            {"title", s.title},
                            {"number", s.number},
                            {"date", s.date},
                            {"verified", s.verified}});
  }
  return j.dump(2);
}

bool WorkCalendar::IsWorkday(Day d) const {
  if (d > to_) return Weekday(d) < 5 && !provisional_.count(d);
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
  if (auto it = provisional_.find(d); it != provisional_.end()) return it->second;
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
