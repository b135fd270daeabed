#include "ingest/reader/csv_parser.h"

#include <string>
#include <vector>

namespace ballast::ingest {
namespace {

inline bool IsAsciiSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Field text is mostly digits, letters and UTF-8 bytes, all above ','; one compare rules them out.
inline bool IsFieldEnd(char c) {
  return static_cast<unsigned char>(c) <= ',' && (c == ',' || c == '\n' || c == '\r');
}

// A cell whose text lives in the scratch buffer; resolved to a view once the record is complete,
// because appending to scratch may move its storage.
struct ScratchCell {
  size_t cell;
  size_t offset;
  size_t size;
};

Status LineError(int64_t line, const char* what) {
  return Status::Invalid("line " + std::to_string(line) + ": " + what);
}

}  // namespace

std::string_view TrimAscii(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && IsAsciiSpace(s[b])) ++b;
  while (e > b && IsAsciiSpace(s[e - 1])) --e;
  return s.substr(b, e - b);
}

Result<int64_t> ParseCsv(std::string_view text, const RowFn& on_row) {
  const char* p = text.data();
  const char* const end = p + text.size();
  int64_t line = 1;
  int64_t reported = 0;
  // Reused across records so the steady state does not allocate.
  std::vector<std::string_view> cells;
  std::vector<ScratchCell> scratch_cells;
  std::string scratch;
  cells.reserve(64);

  while (p < end) {
    const int64_t record_line = line;
    cells.clear();
    scratch_cells.clear();
    scratch.clear();
    bool record_done = false;
    while (!record_done) {
      // Whitespace before an opening quote is tolerated (`a, "b,c"`); it would be trimmed anyway.
      const char* q = p;
      while (q < end && (*q == ' ' || *q == '\t')) ++q;
      if (q < end && *q == '"') {
        const int64_t quote_line = line;
        const char* const start = ++q;
        bool escaped = false;
        while (true) {
          if (q == end) return LineError(quote_line, "unterminated quoted field");
          const char c = *q;
          if (c == '"') {
            if (q + 1 < end && q[1] == '"') {
              escaped = true;
              q += 2;
              continue;
            }
            break;
          }
          // A line ends at \n, or at a \r not followed by \n (classic Mac Excel).
          if (c == '\n' || (c == '\r' && (q + 1 == end || q[1] != '\n'))) ++line;
          ++q;
        }
        const std::string_view raw(start, static_cast<size_t>(q - start));
        ++q;  // the closing quote
        if (escaped) {
          const size_t offset = scratch.size();
          for (size_t i = 0; i < raw.size(); ++i) {
            scratch.push_back(raw[i]);
            if (raw[i] == '"') ++i;  // skip the second quote of the pair
          }
          scratch_cells.push_back({cells.size(), offset, scratch.size() - offset});
          cells.emplace_back();
        } else {
          cells.push_back(TrimAscii(raw));
        }
        while (q < end && (*q == ' ' || *q == '\t')) ++q;
        if (q < end && *q != ',' && *q != '\n' && *q != '\r') {
          return LineError(line, "unexpected text after closing quote");
        }
      } else {
        // Hot path: an unquoted field runs to the next comma or line end.
        while (q < end && !IsFieldEnd(*q)) ++q;
        cells.push_back(TrimAscii(std::string_view(p, static_cast<size_t>(q - p))));
      }
      if (q == end) {
        p = end;
        record_done = true;
      } else if (*q == ',') {
        p = q + 1;
      } else {  // \n, \r\n or a lone \r
        if (*q == '\r' && q + 1 < end && q[1] == '\n') ++q;
        ++line;
        p = q + 1;
        record_done = true;
      }
    }

    for (const ScratchCell& s : scratch_cells) {
      cells[s.cell] = TrimAscii(std::string_view(scratch.data() + s.offset, s.size));
    }
    bool blank = true;
    for (std::string_view c : cells) {
      if (!c.empty()) {
        blank = false;
        break;
      }
    }
    if (blank) continue;
    RETURN_IF_ERROR(on_row(record_line, std::span<const std::string_view>(cells)));
    ++reported;
  }
  return reported;
}

}  // namespace ballast::ingest
