#include "projects/cards.h"

#include <algorithm>

#include "core/clock.h"

namespace ballast::projects {
namespace {

int Num(const std::string& s, size_t at, size_t n) { return std::stoi(s.substr(at, n)); }

}  // namespace

int64_t MonthsBetween(const std::string& from, const std::string& to) {
  if (!IsDate(from) || !IsDate(to) || to <= from) return 0;
  int64_t m = (Num(to, 0, 4) - Num(from, 0, 4)) * 12 + (Num(to, 5, 2) - Num(from, 5, 2));
  if (Num(to, 8, 2) < Num(from, 8, 2)) --m;  // the last month is not complete yet
  return std::max<int64_t>(m, 0);
}

std::vector<Card> ProjectCards(const Project& p, const std::vector<MonthlyReport>& reports,
                               const std::string& today, const CardOptions& options) {
  std::vector<Card> out;
  // Behind plan: the first stage not reached.
  for (size_t i = 0; i < kStageCount; ++i) {
    if (!p.actual[i].empty()) continue;
    const std::string& planned = p.planned[i];
    const int64_t m = planned.empty() ? 0 : MonthsBetween(planned, today);
    if (m >= 1) {
      const auto stage = static_cast<Stage>(i);
      out.push_back({p.id, "behind_plan", m >= 3 ? "red" : "yellow", m,
                     "计划" + planned + std::string(StageNameZh(stage)) + "，已滞后" +
                         std::to_string(m) + "个月",
                     "planned to be " + std::string(StageName(stage)) + " on " + planned + ", " +
                         std::to_string(m) + " month(s) behind"});
    }
    break;
  }
  if (!IsDate(today)) return out;
  const Period current = MakePeriod(std::stoi(today.substr(0, 4)), std::stoi(today.substr(5, 2)));
  // No investment: counted in completed months since the start (or the last month with some).
  const bool building = !p.actual[1].empty() && p.actual[3].empty();
  if (building && options.idle_months > 0) {
    Period last =
        MakePeriod(std::stoi(p.actual[1].substr(0, 4)), std::stoi(p.actual[1].substr(5, 2))) - 1;
    for (const auto& r : reports) {
      if (r.project_id == p.id && r.investment > 0 && r.month < current)
        last = std::max(last, r.month);
    }
    const int64_t idle = current - 1 - last;
    if (idle >= options.idle_months) {
      out.push_back({p.id, "no_investment", idle >= 2 * options.idle_months ? "red" : "yellow",
                     idle, "连续" + std::to_string(idle) + "个月无投资完成",
                     "no investment for " + std::to_string(idle) + " month(s)"});
    }
  }
  // Blockers of the latest report past their deadline.
  const MonthlyReport* latest = nullptr;
  for (const auto& r : reports) {
    if (r.project_id == p.id && (!latest || r.month > latest->month)) latest = &r;
  }
  if (latest) {
    for (const auto& b : latest->blockers) {
      if (b.deadline >= today) continue;
      auto days_t = ParseUtc(today), days_d = ParseUtc(b.deadline);
      const int64_t days = days_t.ok() && days_d.ok() ? (*days_t - *days_d) / 86400 : 0;
      out.push_back({p.id, "blocker_overdue", "red", days,
                     std::string(FactorNameZh(b.factor)) + "问题（" + b.unit + "）已超过办结时限" +
                         b.deadline,
                     std::string(FactorName(b.factor)) + " block (" + b.unit +
                         ") past its deadline " + b.deadline});
    }
  }
  return out;
}

}  // namespace ballast::projects
