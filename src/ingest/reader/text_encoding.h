// Byte-level text helpers for the CSV reader: UTF-8 validation and GB18030 -> UTF-8 conversion.
#ifndef BALLAST_INGEST_READER_TEXT_ENCODING_H_
#define BALLAST_INGEST_READER_TEXT_ENCODING_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace ballast::ingest {

// Returns the offset of the first byte that does not start a well-formed UTF-8 sequence (overlong
// forms, surrogates and code points above U+10FFFF are ill-formed), or npos when all is valid.
size_t FindInvalidUtf8(std::string_view bytes);

// The 1-based line number of the byte at `offset` (\n, \r\n and a lone \r end lines).
int64_t LineAt(std::string_view bytes, size_t offset);

// Lines (1-based) of a file that mixes encodings: one line holding non-ASCII text that is valid
// UTF-8 and one that is not. Both 0 when the file does not mix them.
struct MixedEncoding {
  int64_t utf8_line = 0;
  int64_t other_line = 0;
};
MixedEncoding FindMixedEncoding(std::string_view bytes);

// Converts the whole buffer from GB18030 to UTF-8 with iconv. An ill-formed or truncated sequence
// gives Status::Invalid naming its line.
Result<std::string> Gb18030ToUtf8(std::string_view bytes);

}  // namespace ballast::ingest

#endif  // BALLAST_INGEST_READER_TEXT_ENCODING_H_
