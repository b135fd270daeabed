// The analyst's-month subcommands (issue #12), as plain functions that main.cpp wires into CLI11:
//   ballast prices import --db FILE [--user U] PATH     industry,period,index (PPI, year ago = 100)
//   ballast va-rates import --db FILE [--user U] PATH   industry,rate (value added, % of output)
// Each returns the exit code (0 success, 2 bad input, 1 anything else) and writes messages to err.
#ifndef BALLAST_CLI_MONTH_COMMANDS_H_
#define BALLAST_CLI_MONTH_COMMANDS_H_

#include <ostream>
#include <string>

namespace ballast::cli {

int RunPricesImport(const std::string& db, const std::string& path, const std::string& user,
                    std::ostream& out, std::ostream& err);
int RunVaRatesImport(const std::string& db, const std::string& path, const std::string& user,
                     std::ostream& out, std::ostream& err);

}  // namespace ballast::cli

#endif  // BALLAST_CLI_MONTH_COMMANDS_H_
