// RFC 4180 CSV parsing over UTF-8 text already in memory.
#ifndef BALLAST_INGEST_READER_CSV_PARSER_H_
#define BALLAST_INGEST_READER_CSV_PARSER_H_

#include <cstdint>
#include <string_view>

#include "core/status.h"
#include "ingest/reader/table_reader.h"

namespace ballast::ingest {

// Parses `text` (UTF-8, no BOM) and calls on_row for every non-blank record with the physical line
// where it starts. Lines end with \n, \r\n or a lone \r (old Mac Excel). Unquoted and
// quoted-without-escapes fields are views into `text`. Returns the number of records reported.
Result<int64_t> ParseCsv(std::string_view text, const RowFn& on_row);

// Strips ASCII whitespace (space, \t, \n, \v, \f, \r) from both ends.
std::string_view TrimAscii(std::string_view s);

}  // namespace ballast::ingest

#endif  // BALLAST_INGEST_READER_CSV_PARSER_H_
