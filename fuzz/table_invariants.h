// Invariants every table the readers return must keep, whatever the input bytes.
#ifndef BALLAST_FUZZ_TABLE_INVARIANTS_H_
#define BALLAST_FUZZ_TABLE_INVARIANTS_H_

#include <cstdint>
#include <cstdlib>
#include <span>
#include <string_view>

#include "ingest/reader/table_reader.h"
#include "ingest/reader/text_encoding.h"

namespace ballast::fuzz {

// Reads `bytes` as a file named `name` and traps when a row breaks an invariant: lines start at
// 1 and increase, cells are valid UTF-8 without surrounding ASCII whitespace, the XLSX column
// limit holds. Errors are fine; crashes, leaks and undefined behaviour are what we look for.
inline void CheckTable(std::string_view bytes, std::string_view name) {
  int64_t last_line = 0;
  auto on_row = [&](int64_t line, std::span<const std::string_view> cells) -> Status {
    if (line <= last_line || line < 1) __builtin_trap();
    last_line = line;
    if (cells.size() > 16384) __builtin_trap();
    for (std::string_view c : cells) {
      if (ingest::FindInvalidUtf8(c) != std::string_view::npos) __builtin_trap();
      if (!c.empty() && (c.front() == ' ' || c.back() == ' ')) __builtin_trap();
    }
    return Status::Ok();
  };
  auto info = ingest::ReadTable(bytes, name, on_row);
  if (info.ok() && info->rows < 0) __builtin_trap();
}

}  // namespace ballast::fuzz

#endif  // BALLAST_FUZZ_TABLE_INVARIANTS_H_
