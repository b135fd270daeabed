// Major projects (重大项目, issue 15): the register's record, the four stages, the monthly dispatch
// report (月调度) with its blocking factors, and the rules that keep them consistent. Plain data
// over core only: the store keeps them, app/ decides who sees them.
#ifndef BALLAST_PROJECTS_PROJECT_H_
#define BALLAST_PROJECTS_PROJECT_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/period.h"
#include "core/status.h"

namespace ballast::projects {

// signed → started → in production → reached design capacity, in this order.
enum class Stage { kSigned = 0, kStarted = 1, kInProduction = 2, kAtCapacity = 3 };
constexpr int kStageCount = 4;

std::string_view StageName(Stage s);    // signed | started | in_production | at_capacity
std::string_view StageNameZh(Stage s);  // 签约 | 开工 | 投产 | 达效
// Accepts the English name or the Chinese one.
std::optional<Stage> ParseStage(std::string_view s);

// 亿元-level: a total investment of at least 1 亿元 = 10,000 万元.
constexpr double kYiYuanInWan = 10000.0;

struct Project {
  int64_t id = 0;
  std::string code;  // the register's project number (项目编号), unique
  std::string name, investor_uscc, investor_name;
  std::string region;           // GB/T 2260
  std::string park;             // free text for now
  std::string industry;         // GB/T 4754
  double total_investment = 0;  // 万元
  double annual_plan = 0;       // planned investment of the current year, 万元
  // Planned and actual date of each stage, "YYYY-MM-DD" or "" (index = Stage).
  std::array<std::string, kStageCount> planned{}, actual{};
  std::string leader_province, leader_city, leader_county, unit;
  bool wl_construction = false, wl_factors = false, wl_finance = false;  // 白名单
  std::string main_bank;
  int64_t version = 0;
  std::string updated_by, updated_at;

  bool yi_level() const { return total_investment >= kYiYuanInWan; }
  // The stage reached: the last stage with an actual date (signed when none).
  Stage stage() const;
};

// The dates: every date a real "YYYY-MM-DD"; actual dates without gaps (no stage reached before
// the one it follows) and not decreasing; planned dates not decreasing; amounts finite and not
// negative. Names the field that fails.
Status CheckProject(const Project& p);
// "YYYY-MM-DD" that is a real calendar date.
bool IsDate(std::string_view s);

// The six blocking factors of the monthly dispatch.
enum class Factor { kLand, kEnergy, kEia, kFunds, kApproval, kLabour };
constexpr int kFactorCount = 6;
std::string_view FactorName(Factor f);    // land | energy | eia | funds | approval | labour
std::string_view FactorNameZh(Factor f);  // 用地 | 用能 | 环评 | 资金 | 审批 | 用工
std::optional<Factor> ParseFactor(std::string_view s);

struct Blocker {
  Factor factor = Factor::kLand;
  std::string unit;      // the unit asked to solve it
  std::string deadline;  // YYYY-MM-DD
  std::string note;
};

// One month's report of one project. Immutable: a correction is a new version of the same
// (project, month); the history keeps every version with who and when.
struct MonthlyReport {
  int64_t project_id = 0;
  Period month = 0;
  int64_t version = 0;
  double investment = 0;               // completed in the month, 万元
  std::optional<Stage> stage;          // a stage reached in the month
  std::string stage_date;              // its date (in the month)
  std::vector<std::string> documents;  // image / document names
  std::vector<Blocker> blockers;
  std::string note;
  std::string reported_by, reported_at;
};

// The report's own consistency (amount finite and ≥ 0, a stage with a date in its month,
// blockers with a unit and a real deadline, no factor twice, text without control characters).
Status CheckReport(const MonthlyReport& r);

// The latest version of each (project, month) among `history` (any order).
std::vector<MonthlyReport> LatestVersions(const std::vector<MonthlyReport>& history);
// Cumulative investment of a project up to and including `month`, over the latest versions.
double Cumulative(const std::vector<MonthlyReport>& latest, int64_t project_id, Period month);

// The stored forms of a report's lists: documents joined by ';', blockers one per line as
// "factor TAB unit TAB deadline TAB note" (CheckReport keeps these characters out of the values).
std::string EncodeDocuments(const std::vector<std::string>& documents);
std::vector<std::string> DecodeDocuments(std::string_view s);
std::string EncodeBlockers(const std::vector<Blocker>& blockers);
Result<std::vector<Blocker>> DecodeBlockers(std::string_view s);

}  // namespace ballast::projects

#endif  // BALLAST_PROJECTS_PROJECT_H_
