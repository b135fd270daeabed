// Storage of region series (issue #12 item 4): figures published per region (investment, GDP,
// electricity from the grid), keyed by (region, indicator, period). A write replaces the same
// keys and writes all or nothing. The tables come from migration 012.
#ifndef BALLAST_STORE_REGION_SERIES_STORE_H_
#define BALLAST_STORE_REGION_SERIES_STORE_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/period.h"
#include "core/status.h"

namespace ballast {

struct RegionSeriesRecord {
  std::string region, indicator;
  Period period = 0;
  // As published; nullopt = not given. Growth in percent.
  std::optional<double> value, ytd, yoy, ytd_yoy;
};

class RegionSeriesStore {
 public:
  virtual ~RegionSeriesStore() = default;
  // Replaces the same (region, indicator, period) keys, in one transaction.
  virtual Status Write(const std::vector<RegionSeriesRecord>& records) = 0;
  // Everything, ordered by region, indicator and period.
  virtual Result<std::vector<RegionSeriesRecord>> Load() = 0;
};

// Opens the region-series tables of an existing Ballast store file (migrated by the Store).
Result<std::unique_ptr<RegionSeriesStore>> OpenSqliteRegionSeriesStore(const std::string& path);
Result<std::unique_ptr<RegionSeriesStore>> OpenPostgresRegionSeriesStore(const std::string& uri);

}  // namespace ballast

#endif  // BALLAST_STORE_REGION_SERIES_STORE_H_
