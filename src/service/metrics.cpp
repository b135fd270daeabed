#include "service/metrics.h"

#include <algorithm>
#include <cstdio>

#include "core/clock.h"

namespace ballast::service {

std::optional<double> Ratio::Percent() const {
  if (den == 0) return std::nullopt;
  return 100.0 * static_cast<double>(num) / static_cast<double>(den);
}

std::string Ratio::Text() const {
  auto p = Percent();
  if (!p) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", *p);
  return buf;
}

std::optional<double> MetricRow::AverageHandlingDays() const {
  if (replied == 0) return std::nullopt;
  return static_cast<double>(handling_days) / static_cast<double>(replied);
}

std::optional<GroupBy> ParseGroupBy(std::string_view name) {
  if (name.empty() || name == "total") return GroupBy::kTotal;
  if (name == "region") return GroupBy::kRegion;
  if (name == "unit") return GroupBy::kUnit;
  if (name == "category") return GroupBy::kCategory;
  if (name == "period") return GroupBy::kPeriod;
  if (name == "period_region") return GroupBy::kPeriodRegion;
  return std::nullopt;
}

std::string BeijingMonth(const std::string& utc_iso) {
  auto t = ParseUtc(utc_iso);
  return t.ok() ? FormatPeriod(BeijingPeriod(*t)) : std::string();
}

namespace {

std::string KeyOf(const AppealRecord& a, GroupBy by) {
  switch (by) {
    case GroupBy::kTotal:
      return "";
    case GroupBy::kRegion:
      return a.region;
    case GroupBy::kUnit:
      return a.unit;
    case GroupBy::kCategory:
      return a.category;
    case GroupBy::kPeriod:
      return BeijingMonth(a.filed_at);
    case GroupBy::kPeriodRegion:
      return BeijingMonth(a.filed_at) + " " + a.region;
  }
  return "";
}

// True when the event at UTC time `at` fell on or before the Beijing date `due`.
bool ByDue(const std::string& at, const std::string& due) {
  auto d = BeijingDay(at);
  auto limit = ParseDay(due);
  return d && limit && *d <= *limit;
}

void Add(MetricRow& r, const AppealRecord& a, const WorkCalendar& cal) {
  ++r.filed;
  if (a.state == "withdrawn") {
    ++r.withdrawn;
    return;
  }
  if (a.state == "merged") {
    ++r.merged;
    return;
  }
  if (a.state == "not_responsible") {
    ++r.not_responsible;
    return;
  }
  ++r.in_scope;
  ++r.dispatch.den;
  if (!a.dispatched_at.empty() && (a.accept_due.empty() || ByDue(a.dispatched_at, a.accept_due)))
    ++r.dispatch.num;
  if (a.satisfaction == "default") ++r.unrated_default;
  if (!a.dispatched_at.empty()) {
    ++r.response.den;
    if (!a.first_response_at.empty() && ByDue(a.first_response_at, a.response_due))
      ++r.response.num;
  }
  if (a.state == "closed") {
    ++r.on_time_closure.den;
    if (!a.replied_at.empty() && ByDue(a.replied_at, a.due)) ++r.on_time_closure.num;
  }
  if (a.rating_solved >= 0) {
    ++r.resolution.den;
    if (a.rating_solved == 1) ++r.resolution.num;
  }
  if (a.rating_solved >= 0 && !a.satisfaction.empty() && a.satisfaction != "default") {
    ++r.satisfaction.den;
    if (a.satisfaction == "satisfied" || a.satisfaction == "basic") ++r.satisfaction.num;
  }
  if (a.rating_solved >= 0 || a.reopen_count > 0) {
    ++r.reopen.den;
    if (a.reopen_count > 0) ++r.reopen.num;
  }
  if (!a.replied_at.empty() && !a.dispatched_at.empty()) {
    auto from = BeijingDay(a.dispatched_at), to = BeijingDay(a.replied_at);
    if (from && to) {
      r.handling_days += cal.WorkingDaysBetween(*from, *to);
      ++r.replied;
    }
  }
}

}  // namespace

std::vector<MetricRow> ComputeMetrics(const std::vector<AppealRecord>& appeals, GroupBy by,
                                      const WorkCalendar& cal) {
  std::map<std::string, MetricRow> groups;
  if (by == GroupBy::kTotal) groups[""];  // a total row even without appeals
  for (const auto& a : appeals) {
    const std::string key = KeyOf(a, by);
    auto& row = groups[key];
    row.key = key;
    if (by == GroupBy::kPeriod || by == GroupBy::kPeriodRegion)
      row.period = BeijingMonth(a.filed_at);
    if (by == GroupBy::kRegion || by == GroupBy::kPeriodRegion) row.region = a.region;
    Add(row, a, cal);
  }
  std::vector<MetricRow> out;
  for (auto& [k, row] : groups) out.push_back(std::move(row));
  return out;
}

int64_t MatchTotals::finance_events() const {
  auto it = events_by_type.find("finance");
  return it == events_by_type.end() ? 0 : it->second;
}

bool ValidMatchType(std::string_view t) {
  return t == "sales" || t == "finance" || t == "research" || t == "labour";
}

MatchTotals ComputeMatchTotals(const std::vector<MatchEventRecord>& events,
                               std::string_view year_prefix) {
  MatchTotals t;
  for (const auto& e : events) {
    if (!year_prefix.empty() && e.date.compare(0, year_prefix.size(), year_prefix) != 0) continue;
    ++t.events_by_type[e.type];
    if (!e.participants.empty()) {
      t.enterprises +=
          1 + static_cast<int64_t>(std::count(e.participants.begin(), e.participants.end(), ';'));
    }
    t.financing_amount += e.financing_amount;
    t.research_results += e.research_results;
    t.hires += e.hires;
  }
  return t;
}

}  // namespace ballast::service
