// Import of region series (issue #12 item 4): `region,period,indicator,value,ytd,yoy,ytd_yoy`,
// figures published per region (data/region_indicators.csv), growth in percent as published,
// an empty cell = not given. The same readers (CSV/XLSX), line-and-column errors and
// all-or-nothing rule as every import; a later import replaces the same (region, indicator,
// period) as a whole.
#ifndef BALLAST_INGEST_REGION_SERIES_IMPORT_H_
#define BALLAST_INGEST_REGION_SERIES_IMPORT_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "ingest/report.h"
#include "store/region_series_store.h"

namespace ballast::ingest {

struct RegionSeriesOptions {
  Period today = 0;  // periods after this month are in the future; 0 = CurrentPeriod()
  // The importing user's scope: a row of a region outside it is an error. Empty = no restriction.
  std::function<bool(const std::string& region_code)> region_allowed;
};

// The rows of the file, or an empty vector with the problems in `report`.
std::vector<RegionSeriesRecord> ParseRegionSeries(const Catalog& catalog, std::string_view bytes,
                                                  std::string_view file_name,
                                                  const RegionSeriesOptions& options,
                                                  ImportReport* report);

// status kImported (report.rows rows written) or kRejected (nothing written); a failing store is
// an error Status.
Result<ImportOutcome> ImportRegionSeries(RegionSeriesStore& store, const Catalog& catalog,
                                         std::string_view bytes, std::string_view file_name,
                                         const RegionSeriesOptions& options);

}  // namespace ballast::ingest

#endif  // BALLAST_INGEST_REGION_SERIES_IMPORT_H_
