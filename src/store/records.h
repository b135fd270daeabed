// The records the store keeps, independent of any database: batches with provenance, the
// enterprise registry (versioned by batch) and observations in columnar chunks.
#ifndef BALLAST_STORE_RECORDS_H_
#define BALLAST_STORE_RECORDS_H_

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/period.h"

namespace ballast {

using BatchId = int64_t;
using EnterpriseId = int32_t;
constexpr BatchId kLatestBatch = std::numeric_limits<BatchId>::max();
constexpr BatchId kBeforeAnyBatch = 0;  // batch ids are positive
inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
inline bool IsMissing(double x) { return std::isnan(x); }

struct BatchInfo {
  BatchId id = 0;
  std::string kind;       // "enterprises" or "observations"
  std::string file_name;  // as given by the user (base name)
  std::string sha256;     // of the file's bytes
  std::string format;     // csv-utf8, csv-gb18030, xlsx, ...
  std::string user;
  std::string created_at;  // UTC, ISO 8601
  int64_t rows = 0;
};

struct EnterpriseRecord {
  std::string uscc, name, region, industry, size;
  std::vector<std::string> tags;
  // The first and last period on the above-scale roster, YYYY-MM or "" (on it since before the
  // data / still on it). nullopt when the file had no such column: the enterprise's earlier
  // version keeps its value (a later file may set only `exited`).
  std::optional<std::string> entered, exited;
};

// An ex-factory price index (same month of the previous year = 100) of an industry code of any
// GB/T 4754 level, or BCD.
struct PriceRecord {
  std::string industry;
  Period period = 0;
  double index = 0;
};

// The value-added rate of an industry code (any level), in percent of gross output.
struct VaRateRecord {
  std::string industry;
  double rate = 0;
};

struct StoredEnterprise {
  EnterpriseId id = 0;
  BatchId batch = 0;  // the batch that wrote this version
  EnterpriseRecord record;
};

// The observations of one batch for one indicator and period, sorted by enterprise id.
// A field that was not given is kMissing.
struct ObservationChunk {
  std::string indicator;
  Period period = 0;
  std::vector<EnterpriseId> enterprise;
  std::vector<double> value, ytd, prior, prior_ytd;
  size_t size() const { return enterprise.size(); }
};

}  // namespace ballast

#endif  // BALLAST_STORE_RECORDS_H_
