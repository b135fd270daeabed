// Table readers for the import layer: turn the bytes of an uploaded CSV or XLSX file into rows of
// UTF-8 text cells. Validation of what the cells mean belongs to the layer above.
#ifndef BALLAST_INGEST_READER_TABLE_READER_H_
#define BALLAST_INGEST_READER_TABLE_READER_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>

#include "core/status.h"

namespace ballast::ingest {

// One row of cells; views are valid only during the callback.
using RowFn = std::function<Status(int64_t line, std::span<const std::string_view> cells)>;

enum class SourceFormat { kCsvUtf8, kCsvUtf8Bom, kCsvGb18030, kXlsx };

struct ReadInfo {
  SourceFormat format = SourceFormat::kCsvUtf8;
  int64_t rows = 0;  // data rows, header excluded
};

// Reads a table from the file's bytes; detects XLSX by the zip magic "PK\x03\x04" (or .xlsx name),
// else CSV: UTF-8 with or without BOM, or GB18030 when the bytes are not valid UTF-8.
// Calls on_row for the header (line 1) and every data row in order. `line` is the 1-based line
// number a user sees: for CSV the physical line where the record starts (a quoted field may span
// lines); for XLSX the sheet's row number (the r attribute). Blank lines / empty rows (all cells
// empty after trimming) are skipped (not reported). Cells are trimmed of surrounding ASCII
// whitespace. Rows shorter than the header are passed as they are (the validator reports missing
// columns); the reader does not pad.
// Returns a Status naming the line for structural errors (unterminated quote, invalid GB18030
// byte sequence, corrupt zip, missing sheet). If on_row returns a non-OK status, stop and return
// it.
Result<ReadInfo> ReadTable(std::string_view bytes, std::string_view file_name, const RowFn& on_row);

// "csv-utf8", "csv-utf8-bom", "csv-gb18030", "xlsx".
const char* SourceFormatName(SourceFormat f);

}  // namespace ballast::ingest

#endif  // BALLAST_INGEST_READER_TABLE_READER_H_
