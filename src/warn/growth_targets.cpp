#include "warn/growth_targets.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "core/incbin.h"

BALLAST_INCBIN(ballast_growth_targets_csv, BALLAST_DATA_DIR "/targets/growth.csv")

namespace ballast::warn {

namespace {

std::vector<std::string> SplitLine(std::string_view line) {
  std::vector<std::string> out(1);
  for (char c : line) {
    if (c == ',')
      out.emplace_back();
    else
      out.back() += c;
  }
  return out;
}

}  // namespace

std::string_view EmbeddedGrowthTargetsCsv() {
  return BALLAST_INCBIN_VIEW(ballast_growth_targets_csv);
}

Result<GrowthTargets> ParseGrowthTargets(std::string_view csv, std::string_view file_name) {
  GrowthTargets out;
  const std::string file(file_name);
  if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);
  size_t line_no = 0;
  bool header = true;
  while (!csv.empty()) {
    const size_t end = csv.find('\n');
    std::string_view line = csv.substr(0, end);
    csv = end == std::string_view::npos ? std::string_view() : csv.substr(end + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    const std::string where = file + " line " + std::to_string(line_no);
    if (line.find('"') != std::string_view::npos) {
      return Status::Invalid(where + ": quotes are not supported; keep fields free of commas");
    }
    auto f = SplitLine(line);
    if (header) {
      if (f.size() < 4 || f[0] != "subject" || f[1] != "code" || f[3] != "target_pct") {
        return Status::Invalid(where + ": the header must be subject,code,name,target_pct,source");
      }
      header = false;
      continue;
    }
    if (f.size() < 4)
      return Status::Invalid(where + ": expected subject,code,name,target_pct,source");
    if (f[0] != "region" && f[0] != "industry") {
      return Status::Invalid(where + ", field subject: '" + f[0] + "' (region or industry)");
    }
    if (f[1].empty()) return Status::Invalid(where + ", field code: empty (a code or *)");
    char* tail = nullptr;
    errno = 0;
    const double v = std::strtod(f[3].c_str(), &tail);
    if (f[3].empty() || *tail != '\0' || errno != 0 || !std::isfinite(v)) {
      return Status::Invalid(where + ", field target_pct: '" + f[3] + "' is not a number");
    }
    if (!out[f[0]].emplace(f[1], v).second) {
      return Status::Invalid(where + ", field code: " + f[0] + " " + f[1] + " appears twice");
    }
  }
  if (header) return Status::Invalid(file + ": empty (no header)");
  return out;
}

Result<GrowthTargets> DefaultGrowthTargets() {
  return ParseGrowthTargets(EmbeddedGrowthTargetsCsv(), "data/targets/growth.csv");
}

void ApplyGrowthTargets(const GrowthTargets& targets, std::vector<Rule>* rules) {
  for (Rule& r : *rules) {
    if (r.targets_file != "growth") continue;
    auto it = targets.find(std::string(SubjectKindName(r.subject)));
    r.file_targets = it == targets.end() ? std::map<std::string, double>() : it->second;
  }
}

}  // namespace ballast::warn
