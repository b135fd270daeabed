#include "core/region_indicators.h"

#include <cstdlib>

#include "core/catalog.h"
#include "core/incbin.h"

BALLAST_INCBIN(ballast_region_indicators_csv, BALLAST_DATA_DIR "/region_indicators.csv")

namespace ballast {

Result<std::vector<RegionIndicator>> ParseRegionIndicators(std::string_view csv) {
  std::vector<RegionIndicator> out;
  size_t line_no = 0;
  while (!csv.empty()) {
    const size_t nl = csv.find('\n');
    std::string_view line = csv.substr(0, nl);
    csv = nl == std::string_view::npos ? std::string_view() : csv.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (++line_no == 1 || line.empty()) continue;
    const auto f = SplitSimpleCsvLine(line);
    const std::string where = "region_indicators.csv:" + std::to_string(line_no);
    if (f.size() != 5) return Status::Invalid(where + ": expected 5 fields");
    if (f[4] != "0" && f[4] != "1") return Status::Invalid(where + ": additive: expected 0 or 1");
    if (f[0].empty() || f[3].empty())
      return Status::Invalid(where + ": code and unit are required");
    out.push_back(
        {std::string(f[0]), std::string(f[1]), std::string(f[2]), std::string(f[3]), f[4] == "1"});
  }
  return out;
}

const std::vector<RegionIndicator>& RegionIndicators() {
  static const std::vector<RegionIndicator> kAll = [] {
    auto parsed = ParseRegionIndicators(BALLAST_INCBIN_VIEW(ballast_region_indicators_csv));
    if (!parsed.ok()) std::abort();  // the shipped file is checked by core_test
    return *parsed;
  }();
  return kAll;
}

const RegionIndicator* FindRegionIndicator(std::string_view code) {
  for (const auto& r : RegionIndicators()) {
    if (r.code == code) return &r;
  }
  return nullptr;
}

}  // namespace ballast
