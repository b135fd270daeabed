#include "projects/rates.h"

#include <cstdio>
#include <map>

namespace ballast::projects {

std::optional<double> Ratio::value() const {
  if (den == 0) return std::nullopt;
  return num / den;
}

std::string Ratio::Display() const {
  auto v = value();
  if (!v) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", *v * 100.0);
  return buf;
}

std::string Round::first_day() const {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-01", year, (quarter - 1) * 3 + 1);
  return buf;
}

std::string Round::last_day() const {
  static constexpr int kLast[] = {31, 30, 30, 31};  // Mar 31, Jun 30, Sep 30, Dec 31
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, quarter * 3, kLast[quarter - 1]);
  return buf;
}

Period Round::last_month() const { return MakePeriod(year, quarter * 3); }

Result<Round> ParseRound(std::string_view s) {
  const auto bad = Status::Invalid("round: '" + std::string(s) + "' is not YYYYQn (e.g. 2025Q3)");
  if (s.size() != 6 && s.size() != 7) return bad;
  Round r;
  for (int i = 0; i < 4; ++i) {
    if (s[static_cast<size_t>(i)] < '0' || s[static_cast<size_t>(i)] > '9') return bad;
    r.year = r.year * 10 + (s[static_cast<size_t>(i)] - '0');
  }
  std::string_view rest = s.substr(4);
  if (rest.size() == 3) {
    if (rest[0] != '-') return bad;
    rest.remove_prefix(1);
  }
  if ((rest[0] != 'Q' && rest[0] != 'q') || rest[1] < '1' || rest[1] > '4') return bad;
  r.quarter = rest[1] - '0';
  if (r.year < 1900) return bad;
  return r;
}

std::string FormatRound(const Round& r) {
  return std::to_string(r.year) + "Q" + std::to_string(r.quarter);
}

namespace {

void Add(RoundRates& g, const Project& p, const std::map<int64_t, double>& invested,
         const Round& round) {
  const std::string first = round.first_day(), last = round.last_day();
  auto in_round = [&](const std::string& d) { return !d.empty() && d >= first && d <= last; };
  auto by_end = [&](const std::string& d) { return !d.empty() && d <= last; };
  ++g.projects;
  for (size_t i = 0; i < kStageCount; ++i) {
    if (in_round(p.actual[i])) ++g.actual_in_round[i];
    if (in_round(p.planned[i])) ++g.planned_in_round[i];
  }
  if (in_round(p.actual[0])) {
    g.signed_kept.den += 1;
    if (by_end(p.actual[1])) g.signed_kept.num += 1;
  }
  Ratio* planned[] = {nullptr, &g.started, &g.in_production, &g.at_capacity};
  for (size_t i = 1; i < kStageCount; ++i) {
    if (!in_round(p.planned[i])) continue;
    planned[i]->den += 1;
    if (by_end(p.actual[i])) planned[i]->num += 1;
  }
  g.investment.den += p.annual_plan;
  if (auto it = invested.find(p.id); it != invested.end()) g.investment.num += it->second;
}

}  // namespace

RatesTable ComputeRates(const std::vector<Project>& projects,
                        const std::vector<MonthlyReport>& latest, const Round& round,
                        const std::function<std::string(const Project&)>& key) {
  // Investment of the round's year up to its last month.
  std::map<int64_t, double> invested;
  const Period from = MakePeriod(round.year, 1), to = round.last_month();
  for (const auto& r : latest) {
    if (r.month >= from && r.month <= to) invested[r.project_id] += r.investment;
  }
  RatesTable t;
  std::map<std::string, RoundRates> groups;
  for (const auto& p : projects) {
    Add(t.total, p, invested, round);
    const std::string k = key ? key(p) : std::string();
    if (k.empty()) continue;
    auto& g = groups[k];
    g.key = k;
    Add(g, p, invested, round);
  }
  for (auto& [k, g] : groups) t.groups.push_back(std::move(g));
  return t;
}

}  // namespace ballast::projects
