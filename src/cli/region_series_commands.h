// The region-series subcommand (issue #12 item 4), as a plain function that main.cpp wires into
// CLI11:
//   ballast region-series import --db FILE [--user U] PATH
//     region,period,indicator,value,ytd,yoy,ytd_yoy (figures published per region)
// Returns the exit code (0 success, 2 bad input, 1 anything else); messages go to err.
#ifndef BALLAST_CLI_REGION_SERIES_COMMANDS_H_
#define BALLAST_CLI_REGION_SERIES_COMMANDS_H_

#include <ostream>
#include <string>

namespace ballast::cli {

int RunRegionSeriesImport(const std::string& db, const std::string& path, const std::string& user,
                          std::ostream& out, std::ostream& err);

}  // namespace ballast::cli

#endif  // BALLAST_CLI_REGION_SERIES_COMMANDS_H_
