// Imports one file (CSV or XLSX) of enterprises or observations as one batch: reads it,
// validates every row, and writes it whole or not at all.
#ifndef BALLAST_INGEST_IMPORTER_H_
#define BALLAST_INGEST_IMPORTER_H_

#include <functional>
#include <string_view>

#include "core/catalog.h"
#include "core/hash.h"
#include "ingest/enterprise_index.h"
#include "ingest/report.h"
#include "store/store.h"

namespace ballast::ingest {

struct ImportOptions {
  std::string user = "cli";
  Period today = 0;  // periods after this month are in the future; 0 = CurrentPeriod()
  // The store's enterprises, when the caller keeps them (saves reading them per file); must be
  // current. Null = read from the store.
  const UsccIndex* enterprises = nullptr;
  // The importing user's scope: rows outside it are errors. Empty = no restriction.
  std::function<bool(const std::string& region_code)> region_allowed;
  std::function<bool(EnterpriseId)> enterprise_allowed;
};

// Any problem that is the file's fault ends as an outcome with status kRejected and a report;
// a failing store is an error Status.
Result<ImportOutcome> ImportFile(Store& store, const Catalog& catalog, std::string_view bytes,
                                 std::string_view file_name, const ImportOptions& options);

// Reads uscc -> id of every enterprise in the store (an out-parameter: see importer.cpp).
Status LoadEnterpriseIndex(Store& store, UsccIndex* ids);

}  // namespace ballast::ingest

#endif  // BALLAST_INGEST_IMPORTER_H_
