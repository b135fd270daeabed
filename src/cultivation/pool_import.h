// Reading the pool, its revenue reports and the 专精特新 recognitions from CSV or XLSX: Chinese or
// English headers in any order (a unit in brackets ignored), every row checked, errors naming
// file, line and field. Scope and roster checks are the caller's (app/cultivation.cpp), which
// writes all rows or none.
#ifndef BALLAST_CULTIVATION_POOL_IMPORT_H_
#define BALLAST_CULTIVATION_POOL_IMPORT_H_

#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "cultivation/pool.h"

namespace ballast::cultivation {

template <typename T>
struct Parsed {
  int64_t line = 0;
  T value;
};

// uscc,name,region,industry,joined[,tags][,left].
Result<std::vector<Parsed<Member>>> ParseMembers(const Catalog& catalog, std::string_view bytes,
                                                 std::string_view file_name);
// uscc,period,revenue (period YYYY-MM for a month, YYYY for a year; 万元 ≥ 0).
Result<std::vector<Parsed<RevenueReport>>> ParseRevenue(std::string_view bytes,
                                                        std::string_view file_name);
// uscc,stage,year[,rd_share][,revenue_growth][,main_product_share] (figures in %, blank = not
// reported).
Result<std::vector<Parsed<Recognition>>> ParseRecognitions(std::string_view bytes,
                                                           std::string_view file_name);

}  // namespace ballast::cultivation

#endif  // BALLAST_CULTIVATION_POOL_IMPORT_H_
