// Reading parks, memberships and yearly resources from CSV or XLSX: Chinese or English headers in
// any order, every row checked, errors naming file, line and field. Whether a row's park or
// enterprise exists is checked by the caller (app/parks.cpp), which writes all rows or none.
#ifndef BALLAST_PARKS_PARK_IMPORT_H_
#define BALLAST_PARKS_PARK_IMPORT_H_

#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "parks/park.h"

namespace ballast::parks {

template <typename T>
struct Parsed {
  int64_t line = 0;
  T value;
};

// code,name,level,region,area_mu,industrial_land_share,leading_industries (all required).
Result<std::vector<Parsed<Park>>> ParseParks(const Catalog& catalog, std::string_view bytes,
                                             std::string_view file_name);
// park,uscc,from[,to].
Result<std::vector<Parsed<Membership>>> ParseMemberships(std::string_view bytes,
                                                         std::string_view file_name);
// uscc,year,land_mu,energy_tce,tax[,rd_expense] (rd_expense blank = not reported).
Result<std::vector<Parsed<Resource>>> ParseResources(std::string_view bytes,
                                                     std::string_view file_name);

}  // namespace ballast::parks

#endif  // BALLAST_PARKS_PARK_IMPORT_H_
