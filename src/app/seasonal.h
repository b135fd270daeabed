// Seasonal decomposition of a series given as CSV (the `ballast stl` use case).
#ifndef BALLAST_APP_SEASONAL_H_
#define BALLAST_APP_SEASONAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ts/stl.h"

namespace ballast::app {

// The series in an RFC 4180 CSV: one header row, one observation per row in time order, the value
// in the header's last column (other columns ignored; a shorter row has a blank value). A blank or non-numeric value (or an empty line
// between rows) is an error naming `name` and the line.
Result<std::vector<double>> ParseSeriesCsv(std::string_view bytes, std::string_view name);

// Parses and decomposes; too few observations for the period is an error naming the last line.
Result<ts::StlResult> DecomposeSeriesCsv(std::string_view bytes, std::string_view name,
                                         const ts::StlOptions& options);

// "seasonal,trend,remainder" then one row per observation, numbers in shortest round-trip form.
std::string FormatStlCsv(const ts::StlResult& r);

}  // namespace ballast::app

#endif  // BALLAST_APP_SEASONAL_H_
