// Reading a CSV/XLSX file whose header names its columns: required and optional columns in any
// order (case-insensitive), unknown columns refused so that a typo is not silently ignored.
#ifndef BALLAST_CHAIN_CSV_RECORDS_H_
#define BALLAST_CHAIN_CSV_RECORDS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace ballast::chain {

// Gives the cell of a named column of the current row ("" when absent or short).
using CellFn = std::function<std::string_view(std::string_view column)>;
using RecordFn = std::function<Status(int64_t line, const CellFn& cell)>;

// Calls on_record for every data row. Errors read "FILE:LINE: COLUMN: problem".
Status ReadCsvRecords(std::string_view bytes, std::string_view file_name,
                      const std::vector<std::string>& required,
                      const std::vector<std::string>& optional, const RecordFn& on_record);

// "FILE:LINE: FIELD: " for error messages.
std::string Where(std::string_view file, int64_t line, std::string_view field);

// Splits a ';'-separated list, trimming blanks and dropping empty items.
std::vector<std::string> SplitList(std::string_view s);

}  // namespace ballast::chain

#endif  // BALLAST_CHAIN_CSV_RECORDS_H_
