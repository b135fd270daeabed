// 三个一批 rounds (one per quarter) and the rates offices report, each with its numerator and
// denominator so that a reader can check it; 0/0 is shown as "—", never nan. Definitions in
// docs/projects.md.
#ifndef BALLAST_PROJECTS_RATES_H_
#define BALLAST_PROJECTS_RATES_H_

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "projects/project.h"

namespace ballast::projects {

struct Ratio {
  double num = 0, den = 0;
  // num / den, none when den is 0.
  std::optional<double> value() const;
  // "62.5%" (one decimal), "—" when den is 0.
  std::string Display() const;
};

struct Round {
  int year = 0, quarter = 1;      // 1..4
  std::string first_day() const;  // YYYY-MM-DD
  std::string last_day() const;
  Period last_month() const;
};
// "2025Q3" or "2025-Q3".
Result<Round> ParseRound(std::string_view s);
std::string FormatRound(const Round& r);

struct RoundRates {
  std::string key;  // the group ("" for the total)
  int64_t projects = 0;
  // Per stage: projects whose actual / planned date of the stage falls in the round.
  std::array<int64_t, kStageCount> actual_in_round{}, planned_in_round{};
  Ratio signed_kept;  // 签约履约率: signed in the round / of them, started by the round's end
  Ratio started;      // 开工率: planned to start in the round / of them, started by its end
  Ratio in_production;  // 投产率: the same for production
  Ratio at_capacity;    // 达效率: the same for design capacity
  Ratio investment;     // 投资完成率: Σ investment Jan..round end / Σ annual plan (万元)
};

struct RatesTable {
  RoundRates total;
  std::vector<RoundRates> groups;  // by key, in byte order
};

// `latest`: the latest version of each monthly report (LatestVersions). `key` puts a project in a
// group ("" = left out of the groups, still in the total).
RatesTable ComputeRates(const std::vector<Project>& projects,
                        const std::vector<MonthlyReport>& latest, const Round& round,
                        const std::function<std::string(const Project&)>& key);

}  // namespace ballast::projects

#endif  // BALLAST_PROJECTS_RATES_H_
