// `ballast bulletin --db FILE --period YYYY-MM [--region CODE] --out DIR [--format docx,pdf,xlsx]`:
// the monthly bulletin (通报) of a region as files bulletin-<region>-<period>.<ext> in DIR.
#ifndef BALLAST_CLI_BULLETIN_COMMANDS_H_
#define BALLAST_CLI_BULLETIN_COMMANDS_H_

#include <ostream>
#include <string>

namespace ballast::cli {

struct BulletinArgs {
  std::string db, period, region, out, formats = "docx,pdf,xlsx", user = "local";
};

// Returns the exit code (0 success, 2 bad input, 1 anything else); prints each file written.
int RunBulletin(const BulletinArgs& args, std::ostream& out, std::ostream& err);

}  // namespace ballast::cli

#endif  // BALLAST_CLI_BULLETIN_COMMANDS_H_
