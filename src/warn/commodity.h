// Price and supply series of bulk raw materials (iron ore, coal, fertilizer …): import from a
// table (code, name, unit, date, price, optional stock days) and the series that commodity
// rules watch: price, change_pct (vs the previous observation), yoy_pct (vs the latest
// observation a year earlier, within 45 days) and stock_days (supply on hand, in days).
#ifndef BALLAST_WARN_COMMODITY_H_
#define BALLAST_WARN_COMMODITY_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/warn_records.h"
#include "warn/evaluator.h"

namespace ballast::warn {

struct CommodityProblem {
  int64_t line = 0;  // 1 = the header
  std::string column, message;
};

struct CommodityParse {
  std::vector<CommodityPointRecord> points;
  std::vector<CommodityProblem> errors;
  std::string format;  // csv-utf8, csv-gb18030, xlsx …
  int64_t rows = 0;
};

// Reads a CSV (UTF-8 or GB18030) or XLSX table. Header names (any order): code, name, unit, date,
// price, stock_days (or 代码, 名称, 单位, 日期, 价格, 库存天数); stock_days may be omitted. Dates
// are YYYY-MM-DD. Structural failures are a Status; row problems are listed in `errors` (the
// caller must refuse the file when there are any).
Result<CommodityParse> ParseCommodityTable(std::string_view bytes, std::string_view file_name);

// One subject per commodity code with the series of every measure, oldest first.
std::vector<ExternalSubject> CommoditySubjects(const std::vector<CommodityPointRecord>& points);

// Days since 1970-01-01 of a valid YYYY-MM-DD, or nullopt.
std::optional<int64_t> DaysFromDate(std::string_view date);

}  // namespace ballast::warn

#endif  // BALLAST_WARN_COMMODITY_H_
