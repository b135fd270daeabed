// What an import found: every problem with its line and column, errors and warnings apart.
#ifndef BALLAST_INGEST_REPORT_H_
#define BALLAST_INGEST_REPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "store/records.h"

namespace ballast::ingest {

struct Issue {
  int64_t line = 0;    // 1-based, the header is line 1; 0 = the file as a whole
  std::string column;  // the header name, or empty
  std::string message;
};

struct ImportReport {
  // Listing stops at this many issues of each severity (the counts stay exact) so that a
  // wholly wrong multi-gigabyte file cannot exhaust memory.
  static constexpr size_t kMaxListed = 100000;

  std::string file;
  std::string kind;    // enterprises | observations | unknown
  std::string format;  // csv-utf8, csv-utf8-bom, csv-gb18030, xlsx
  int64_t rows = 0;
  int64_t error_count = 0, warning_count = 0;
  std::vector<Issue> errors, warnings;

  void Error(int64_t line, std::string column, std::string message) {
    if (errors.size() < kMaxListed) errors.push_back({line, std::move(column), std::move(message)});
    ++error_count;
  }
  void Warning(int64_t line, std::string column, std::string message) {
    if (warnings.size() < kMaxListed) warnings.push_back({line, std::move(column), std::move(message)});
    ++warning_count;
  }
  bool ok() const { return error_count == 0; }
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
