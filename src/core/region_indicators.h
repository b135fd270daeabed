// The region-level indicators (issue #12 item 4): figures published per region by the
// statistics offices (investment, GDP, electricity from the grid), not summed from enterprises.
// Shipped in data/region_indicators.csv; `additive` says whether a region without its own figure
// may take the sum of its children (GDP and investment may not: published children do not add up
// to the parent's published figure).
#ifndef BALLAST_CORE_REGION_INDICATORS_H_
#define BALLAST_CORE_REGION_INDICATORS_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace ballast {

struct RegionIndicator {
  std::string code, name_zh, name_en, unit;
  bool additive = false;
};

// Parses the CSV text `code,name_zh,name_en,unit,additive` (additive 0 or 1).
Result<std::vector<RegionIndicator>> ParseRegionIndicators(std::string_view csv);
// The catalog compiled into the binary from data/region_indicators.csv.
const std::vector<RegionIndicator>& RegionIndicators();
// The region-level indicator with this code, or null.
const RegionIndicator* FindRegionIndicator(std::string_view code);

}  // namespace ballast

#endif  // BALLAST_CORE_REGION_INDICATORS_H_
