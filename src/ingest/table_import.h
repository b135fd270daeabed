// Imports of small reference tables keyed by industry code: ex-factory price indices
// (industry,period,index) and value-added rates (industry,rate). The same readers (CSV/XLSX),
// line-and-column errors and all-or-nothing rule as the panel's imports; a later import replaces
// the same key (docs/measures.md).
#ifndef BALLAST_INGEST_TABLE_IMPORT_H_
#define BALLAST_INGEST_TABLE_IMPORT_H_

#include <string_view>

#include "core/catalog.h"
#include "ingest/report.h"
#include "store/store.h"

namespace ballast::ingest {

// status kImported (report.rows rows written) or kRejected (nothing written); a failing store is
// an error Status. `today`: periods after it are in the future (0 = CurrentPeriod()).
Result<ImportOutcome> ImportPrices(Store& store, const Catalog& catalog, std::string_view bytes,
                                   std::string_view file_name, Period today = 0);
Result<ImportOutcome> ImportVaRates(Store& store, const Catalog& catalog, std::string_view bytes,
                                    std::string_view file_name);

// The same checks without a store (the shipped default rates are read through this).
Result<std::vector<VaRateRecord>> ParseVaRates(const Catalog& catalog, std::string_view bytes,
                                               std::string_view file_name, ImportReport* report);

}  // namespace ballast::ingest

#endif  // BALLAST_INGEST_TABLE_IMPORT_H_
