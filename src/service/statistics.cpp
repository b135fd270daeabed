#include "service/statistics.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "service/appeal.h"

namespace ballast::service {

namespace {

bool OutOfScope(const AppealRecord& a) {
  return a.state == "withdrawn" || a.state == "merged" || a.state == "not_responsible";
}

// The share as a comparable number: an undefined one ranks below every defined one.
double Share(const Ratio& r) { return r.Percent().value_or(-1.0); }

}  // namespace

Statistics ComputeStatistics(const std::vector<AppealRecord>& appeals, Day today,
                             const WorkCalendar& cal) {
  Statistics out;
  std::map<std::tuple<std::string, std::string, std::string>, CrossRow> cross;
  std::map<std::pair<std::string, std::string>, int64_t> topics;
  std::map<std::string, UnitRow> units;
  for (const auto& a : appeals) {
    auto& c = cross[{a.category, a.region, a.unit}];
    c.category = a.category;
    c.region = a.region;
    c.unit = a.unit;
    ++c.filed;
    ++topics[{BeijingMonth(a.filed_at), a.category}];
    auto& u = units[a.unit];
    u.unit = a.unit;
    if (OutOfScope(a)) continue;
    ++c.in_scope;
    ++u.escalated.den;
    if (a.escalations > 0) ++u.escalated.num;
    u.escalations += a.escalations;
    if (a.state == "closed") {
      ++c.closed;
      continue;
    }
    ++c.open;
    ++u.open;
    ++u.overdue.den;
    if (IsOverdue(a, today)) {
      ++c.overdue;
      ++u.overdue.num;
    }
  }
  for (auto& [k, row] : cross) out.cross.push_back(std::move(row));
  for (const auto& [k, n] : topics) out.topics.push_back({k.first, k.second, n});
  std::stable_sort(out.topics.begin(), out.topics.end(), [](const TopicRow& x, const TopicRow& y) {
    return std::tie(x.period, y.filed, x.category) < std::tie(y.period, x.filed, y.category);
  });
  for (auto& m : ComputeMetrics(appeals, GroupBy::kUnit, cal)) units[m.key].metrics = std::move(m);
  for (auto& [k, row] : units) out.units.push_back(std::move(row));
  out.overdue_ranking = out.units;
  std::sort(out.overdue_ranking.begin(), out.overdue_ranking.end(),
            [](const UnitRow& x, const UnitRow& y) {
              return std::make_tuple(-x.overdue.num, -Share(x.overdue), x.unit) <
                     std::make_tuple(-y.overdue.num, -Share(y.overdue), y.unit);
            });
  out.escalation_ranking = out.units;
  std::sort(out.escalation_ranking.begin(), out.escalation_ranking.end(),
            [](const UnitRow& x, const UnitRow& y) {
              return std::make_tuple(-x.escalated.num, -x.escalations, x.unit) <
                     std::make_tuple(-y.escalated.num, -y.escalations, y.unit);
            });
  return out;
}

int64_t CountAccepted(const std::vector<AppealRecord>& appeals) {
  return std::count_if(appeals.begin(), appeals.end(), [](const AppealRecord& a) {
    return !OutOfScope(a) && a.state != "submitted";
  });
}

}  // namespace ballast::service
