// Row validators for the two file kinds. Each reports every problem into the report and
// collects what the batch would write.
#ifndef BALLAST_INGEST_VALIDATORS_H_
#define BALLAST_INGEST_VALIDATORS_H_

#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/catalog.h"
#include "ingest/enterprise_index.h"
#include "ingest/fields.h"
#include "ingest/report.h"
#include "store/records.h"

namespace ballast::ingest {

class EnterpriseValidator {
 public:
  // `registered` and `enterprise_allowed` (both optional) refuse rows that would re-register an
  // enterprise now registered outside the importer's scope.
  EnterpriseValidator(const Catalog& catalog, ImportReport* report,
                      std::function<bool(const std::string&)> region_allowed = {},
                      const UsccIndex* registered = nullptr,
                      std::function<bool(EnterpriseId)> enterprise_allowed = {})
      : catalog_(catalog),
        report_(report),
        region_allowed_(std::move(region_allowed)),
        registered_(registered),
        enterprise_allowed_(std::move(enterprise_allowed)) {}
  bool BindHeader(std::span<const std::string_view> header);
  const ColumnMap& columns() const { return columns_; }
  void Row(int64_t line, std::span<const std::string_view> cells);
  std::vector<EnterpriseRecord> Take() { return std::move(records_); }

 private:
  const Catalog& catalog_;
  ImportReport* report_;
  std::function<bool(const std::string&)> region_allowed_;
  const UsccIndex* registered_;
  std::function<bool(EnterpriseId)> enterprise_allowed_;
  ColumnMap columns_;
  std::unordered_map<std::string, int64_t> first_line_;
  std::vector<EnterpriseRecord> records_;
};

class ObservationValidator {
 public:
  ObservationValidator(const Catalog& catalog, const UsccIndex& enterprises, Period today,
                       ImportReport* report,
                       std::function<bool(EnterpriseId)> enterprise_allowed = {});
  bool BindHeader(std::span<const std::string_view> header);
  const ColumnMap& columns() const { return columns_; }
  void Row(int64_t line, std::span<const std::string_view> cells);
  // Cross-row checks (duplicates, value vs ytd across months), then the chunks.
  std::vector<ObservationChunk> Finish();

 private:
  struct Pending {
    ObservationChunk chunk;
    std::vector<int64_t> lines;
  };
  void CheckMonthOverMonth(const Pending& prev, const Pending& cur, bool stock);

  const Catalog& catalog_;
  const UsccIndex& enterprises_;
  Period today_;
  ImportReport* report_;
  std::function<bool(EnterpriseId)> enterprise_allowed_;
  ColumnMap columns_;
  std::map<std::pair<int, Period>, Pending> chunks_;
  // Per-row lookup caches: files are usually sorted by period and indicator.
  std::string last_indicator_text_;
  int last_indicator_ = -1;
  std::string last_period_text_;
  Period last_period_ = 0;
  bool last_period_ok_ = false;
};

// Tolerance for value vs ytd consistency: one unit of the indicator, as rounding allows.
double ConsistencyTolerance(double ytd);

}  // namespace ballast::ingest

#endif  // BALLAST_INGEST_VALIDATORS_H_
