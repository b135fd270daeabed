// Plain-text output of the CLI: CSV cells, tables, import reports.
#ifndef BALLAST_CLI_FORMAT_H_
#define BALLAST_CLI_FORMAT_H_

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app/analysis.h"
#include "app/workspace.h"

namespace ballast::cli {

// The shortest text that reads back as the same double; empty when undefined.
std::string FormatNumber(const std::optional<double>& v);
// CSV quoting (RFC 4180) when the field needs it.
std::string CsvField(const std::string& s);
void PrintCellCsv(const app::CellAnswer& a, std::ostream& out);
void PrintCellTable(const app::CellAnswer& a, const Catalog& catalog, std::ostream& out);
void PrintImportOutcome(const ingest::ImportOutcome& o, std::ostream& out, std::ostream& err);
void PrintBatches(const std::vector<BatchInfo>& batches, std::ostream& out);

}  // namespace ballast::cli

#endif  // BALLAST_CLI_FORMAT_H_
