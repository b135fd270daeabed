#include "projects/project.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/clock.h"

namespace ballast::projects {
namespace {

constexpr std::string_view kStageNames[] = {"signed", "started", "in_production", "at_capacity"};
constexpr std::string_view kStageNamesZh[] = {"签约", "开工", "投产", "达效"};
constexpr std::string_view kFactorNames[] = {"land",  "energy",   "eia",
                                             "funds", "approval", "labour"};
constexpr std::string_view kFactorNamesZh[] = {"用地", "用能", "环评", "资金", "审批", "用工"};

bool HasControl(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20; });
}

Status Amount(double v, const char* field) {
  if (!std::isfinite(v) || v < 0)
    return Status::Invalid(std::string(field) + ": must be a number ≥ 0");
  return Status::Ok();
}

}  // namespace

std::string_view StageName(Stage s) { return kStageNames[static_cast<int>(s)]; }
std::string_view StageNameZh(Stage s) { return kStageNamesZh[static_cast<int>(s)]; }

std::optional<Stage> ParseStage(std::string_view s) {
  for (int i = 0; i < kStageCount; ++i) {
    if (s == kStageNames[i] || s == kStageNamesZh[i]) return static_cast<Stage>(i);
  }
  return std::nullopt;
}

std::string_view FactorName(Factor f) { return kFactorNames[static_cast<int>(f)]; }
std::string_view FactorNameZh(Factor f) { return kFactorNamesZh[static_cast<int>(f)]; }

std::optional<Factor> ParseFactor(std::string_view s) {
  for (int i = 0; i < kFactorCount; ++i) {
    if (s == kFactorNames[i] || s == kFactorNamesZh[i]) return static_cast<Factor>(i);
  }
  return std::nullopt;
}

bool IsDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  auto t = ParseUtc(s);
  return t.ok() && FormatUtc(*t).substr(0, 10) == s;  // rejects 2025-02-30
}

Stage Project::stage() const {
  int reached = 0;
  for (int i = 0; i < kStageCount; ++i) {
    if (!actual[static_cast<size_t>(i)].empty()) reached = i;
  }
  return static_cast<Stage>(reached);
}

Status CheckProject(const Project& p) {
  if (p.code.empty()) return Status::Invalid("code: required");
  if (p.name.empty()) return Status::Invalid("name: required");
  if (p.region.empty()) return Status::Invalid("region: required");
  for (const std::string* t :
       {&p.code, &p.name, &p.investor_uscc, &p.investor_name, &p.park, &p.industry,
        &p.leader_province, &p.leader_city, &p.leader_county, &p.unit, &p.main_bank}) {
    if (HasControl(*t))
      return Status::Invalid("control characters are not allowed in '" + *t + "'");
  }
  RETURN_IF_ERROR(Amount(p.total_investment, "total_investment"));
  RETURN_IF_ERROR(Amount(p.annual_plan, "annual_plan"));
  std::string last_planned, last_actual;
  bool gap = false;
  for (int i = 0; i < kStageCount; ++i) {
    const auto& pl = p.planned[static_cast<size_t>(i)];
    const auto& ac = p.actual[static_cast<size_t>(i)];
    const std::string stage(StageName(static_cast<Stage>(i)));
    if (!pl.empty()) {
      if (!IsDate(pl))
        return Status::Invalid("planned_" + stage + ": '" + pl + "' is not a date YYYY-MM-DD");
      if (pl < last_planned)
        return Status::Invalid("planned_" + stage + ": before the previous stage's planned date");
      last_planned = pl;
    }
    if (ac.empty()) {
      gap = true;
      continue;
    }
    if (!IsDate(ac))
      return Status::Invalid("actual_" + stage + ": '" + ac + "' is not a date YYYY-MM-DD");
    if (gap)
      return Status::Invalid("actual_" + stage + ": reached although an earlier stage has no date");
    if (ac < last_actual)
      return Status::Invalid("actual_" + stage + ": before the previous stage's date");
    last_actual = ac;
  }
  return Status::Ok();
}

Status CheckReport(const MonthlyReport& r) {
  RETURN_IF_ERROR(Amount(r.investment, "investment"));
  if (r.stage) {
    if (!IsDate(r.stage_date))
      return Status::Invalid("stage_date: required as YYYY-MM-DD with a stage");
    if (r.stage_date.substr(0, 7) != FormatPeriod(r.month))
      return Status::Invalid("stage_date: " + r.stage_date + " is not in the month " +
                             FormatPeriod(r.month));
  } else if (!r.stage_date.empty()) {
    return Status::Invalid("stage_date: given without a stage");
  }
  for (const auto& d : r.documents) {
    if (d.empty() || HasControl(d) || d.find(';') != std::string::npos)
      return Status::Invalid("documents: a name is empty or holds ';' or control characters");
  }
  bool seen[kFactorCount] = {};
  for (const auto& b : r.blockers) {
    const std::string f(FactorName(b.factor));
    if (seen[static_cast<int>(b.factor)]) return Status::Invalid("blockers: " + f + " given twice");
    seen[static_cast<int>(b.factor)] = true;
    if (b.unit.empty() || HasControl(b.unit))
      return Status::Invalid("blockers." + f + ".unit: required");
    if (!IsDate(b.deadline))
      return Status::Invalid("blockers." + f + ".deadline: '" + b.deadline + "' is not a date");
    if (HasControl(b.note)) return Status::Invalid("blockers." + f + ".note: control characters");
  }
  if (HasControl(r.note)) return Status::Invalid("note: control characters");
  return Status::Ok();
}

std::vector<MonthlyReport> LatestVersions(const std::vector<MonthlyReport>& history) {
  std::map<std::pair<int64_t, Period>, const MonthlyReport*> latest;
  for (const auto& r : history) {
    auto& slot = latest[{r.project_id, r.month}];
    if (!slot || slot->version < r.version) slot = &r;
  }
  std::vector<MonthlyReport> out;
  out.reserve(latest.size());
  for (const auto& [key, r] : latest) out.push_back(*r);
  return out;
}

double Cumulative(const std::vector<MonthlyReport>& latest, int64_t project_id, Period month) {
  double sum = 0;
  for (const auto& r : latest) {
    if (r.project_id == project_id && r.month <= month) sum += r.investment;
  }
  return sum;
}

namespace {

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  if (s.empty()) return out;
  while (true) {
    const size_t p = s.find(sep);
    out.push_back(s.substr(0, p));
    if (p == std::string_view::npos) break;
    s.remove_prefix(p + 1);
  }
  return out;
}

}  // namespace

std::string EncodeDocuments(const std::vector<std::string>& documents) {
  std::string out;
  for (const auto& d : documents) out += (out.empty() ? "" : ";") + d;
  return out;
}

std::vector<std::string> DecodeDocuments(std::string_view s) {
  std::vector<std::string> out;
  for (auto d : Split(s, ';')) out.emplace_back(d);
  return out;
}

std::string EncodeBlockers(const std::vector<Blocker>& blockers) {
  std::string out;
  for (const auto& b : blockers) {
    if (!out.empty()) out += '\n';
    out += std::string(FactorName(b.factor)) + '\t' + b.unit + '\t' + b.deadline + '\t' + b.note;
  }
  return out;
}

Result<std::vector<Blocker>> DecodeBlockers(std::string_view s) {
  std::vector<Blocker> out;
  for (auto line : Split(s, '\n')) {
    auto f = Split(line, '\t');
    auto factor = f.size() == 4 ? ParseFactor(f[0]) : std::nullopt;
    if (!factor) return Status::Internal("damaged blocker record '" + std::string(line) + "'");
    out.push_back({*factor, std::string(f[1]), std::string(f[2]), std::string(f[3])});
  }
  return out;
}

}  // namespace ballast::projects
