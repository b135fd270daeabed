// Reads the first worksheet of an XLSX workbook (OOXML SpreadsheetML) as text cells.
#ifndef BALLAST_INGEST_READER_XLSX_READER_H_
#define BALLAST_INGEST_READER_XLSX_READER_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "ingest/reader/table_reader.h"

namespace ballast::ingest {

// Calls on_row for every non-empty row of the first sheet in workbook order, with the sheet's row
// number as the line; returns the number of rows reported.
Result<int64_t> ReadXlsx(std::string_view bytes, const RowFn& on_row);

// Exposed for tests. "AB12" -> 27 (0-based column); -1 when malformed or beyond XFD.
int ColumnFromCellRef(std::string_view ref);
// Reformats numeric text as the shortest text that round-trips the same double
// ("2.9999999999999999E-2" -> "0.03"); other text is returned unchanged.
std::string NormalizeNumber(std::string_view text);
// Decodes OOXML's _xHHHH_ escapes ("_x000D_" -> "\r", "_x005F_" -> "_").
std::string DecodeOoxmlEscapes(std::string_view text);

}  // namespace ballast::ingest

#endif  // BALLAST_INGEST_READER_XLSX_READER_H_
