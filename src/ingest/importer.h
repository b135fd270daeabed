// Imports one file (CSV or XLSX) of enterprises or observations as one batch: reads it,
// validates every row, and writes it whole or not at all.
#ifndef BALLAST_INGEST_IMPORTER_H_
#define BALLAST_INGEST_IMPORTER_H_

#include <string_view>

#include "core/catalog.h"
#include "ingest/report.h"
#include "store/store.h"

namespace ballast::ingest {

struct ImportOptions {
  std::string user = "cli";
  Period today = 0;  // periods after this month are in the future; 0 = CurrentPeriod()
};

// Any problem that is the file's fault ends as an outcome with status kRejected and a report;
// a failing store is an error Status.
Result<ImportOutcome> ImportFile(Store& store, const Catalog& catalog, std::string_view bytes,
                                 std::string_view file_name, const ImportOptions& options);

// Hex SHA-256 of the bytes.
std::string Sha256Hex(std::string_view bytes);

}  // namespace ballast::ingest

#endif  // BALLAST_INGEST_IMPORTER_H_
