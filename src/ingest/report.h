// What an import found: every problem with its line and column, errors and warnings apart.
#ifndef BALLAST_INGEST_REPORT_H_
#define BALLAST_INGEST_REPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "store/records.h"

namespace ballast::ingest {

// Cuts `s` to at most `max_bytes` (plus an ellipsis) at a UTF-8 character boundary.
inline void TruncateUtf8(std::string* s, size_t max_bytes) {
  if (s->size() <= max_bytes) return;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>((*s)[cut]) & 0xC0) == 0x80) --cut;
  s->resize(cut);
  s->append("\u2026");
}

struct Issue {
  int64_t line = 0;    // 1-based, the header is line 1; 0 = the file as a whole
  std::string column;  // the header name, or empty
  std::string message;
};

struct ImportReport {
  // Listing stops at this many issues of each severity (the counts stay exact), and each text
  // is cut to a sane length, so that a wholly wrong file (or one huge cell quoted by thousands of
  // errors) cannot exhaust memory or flood the answer.
  static constexpr size_t kMaxListed = 1000;
  static constexpr size_t kMaxMessageBytes = 400;
  static constexpr size_t kMaxColumnBytes = 64;

  std::string file;
  std::string kind;    // enterprises | observations | unknown
  std::string format;  // csv-utf8, csv-utf8-bom, csv-gb18030, xlsx
  int64_t rows = 0;
  int64_t error_count = 0, warning_count = 0;
  std::vector<Issue> errors, warnings;

  void Error(int64_t line, std::string column, std::string message) {
    if (errors.size() < kMaxListed)
      errors.push_back(MakeIssue(line, std::move(column), std::move(message)));
    ++error_count;
  }
  void Warning(int64_t line, std::string column, std::string message) {
    if (warnings.size() < kMaxListed)
      warnings.push_back(MakeIssue(line, std::move(column), std::move(message)));
    ++warning_count;
  }
  // Issues beyond the listed ones (0 when all are listed).
  int64_t unlisted_errors() const { return error_count - static_cast<int64_t>(errors.size()); }
  int64_t unlisted_warnings() const {
    return warning_count - static_cast<int64_t>(warnings.size());
  }
  bool ok() const { return error_count == 0; }

 private:
  static Issue MakeIssue(int64_t line, std::string column, std::string message) {
    TruncateUtf8(&column, kMaxColumnBytes);
    TruncateUtf8(&message, kMaxMessageBytes);
    return {line, std::move(column), std::move(message)};
  }
};

enum class ImportStatus { kImported, kUnchanged, kRejected };
const char* ImportStatusName(ImportStatus s);

struct ImportOutcome {
  ImportStatus status = ImportStatus::kRejected;
  BatchInfo batch;  // the new batch, or the earlier one holding the same content
  ImportReport report;
};

}  // namespace ballast::ingest

#endif  // BALLAST_INGEST_REPORT_H_
