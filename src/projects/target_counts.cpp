#include "projects/target_counts.h"

#include <array>
#include <cstdlib>

namespace ballast::projects {

namespace {

// "YYYY-MM-DD" → year and month (the register's dates are checked on import).
bool YearMonth(const std::string& date, int* year, int* month) {
  if (date.size() != 10) return false;
  *year = std::atoi(date.substr(0, 4).c_str());
  *month = std::atoi(date.substr(5, 2).c_str());
  return *year > 0 && *month >= 1 && *month <= 12;
}

bool Manufacturing(const std::string& industry) {
  if (industry.size() < 2) return false;
  const int division = std::atoi(industry.substr(0, 2).c_str());
  return division >= 13 && division <= 43;
}

constexpr std::array<Stage, 3> kRoundStages = {Stage::kSigned, Stage::kStarted,
                                               Stage::kInProduction};

}  // namespace

int RoundsHeld(const std::vector<Project>& projects, int year) {
  std::array<bool, 4> held{};
  for (const auto& p : projects) {
    for (Stage s : kRoundStages) {
      int y = 0, m = 0;
      if (YearMonth(p.actual[static_cast<size_t>(s)], &y, &m) && y == year)
        held[static_cast<size_t>((m - 1) / 3)] = true;
    }
  }
  int n = 0;
  for (bool h : held) n += h ? 1 : 0;
  return n;
}

std::map<std::string, int> MajorProjectsByCity(
    const std::vector<Project>& projects, int year, const std::vector<std::string>& cities,
    const std::function<std::string(const std::string&)>& city_of) {
  std::map<std::string, int> out;
  for (const auto& c : cities) out[c] = 0;
  for (const auto& p : projects) {
    int y = 0, m = 0;
    if (!YearMonth(p.actual[static_cast<size_t>(Stage::kSigned)], &y, &m) || y != year) continue;
    if (p.total_investment < kMajorProjectInWan || !Manufacturing(p.industry)) continue;
    auto it = out.find(city_of(p.region));
    if (it != out.end()) ++it->second;
  }
  return out;
}

bool AnyActivity(const std::vector<Project>& projects, int year) {
  for (const auto& p : projects) {
    for (Stage s : kRoundStages) {
      int y = 0, m = 0;
      if (YearMonth(p.actual[static_cast<size_t>(s)], &y, &m) && y == year) return true;
    }
  }
  return false;
}

}  // namespace ballast::projects
