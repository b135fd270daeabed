// The major-project commands (issue 15), registered on the command line by main.cpp:
//   ballast projects import --db DB FILE              the register, CSV/XLSX, all or nothing
//   ballast projects list --db DB [--region CODE] [--stage S] [--yi]
//   ballast projects report --db DB --project ID --month YYYY-MM --investment WAN
//                           [--stage S --stage-date YYYY-MM-DD] [--document NAME]...
//                           [--blocker FACTOR:UNIT:DEADLINE]... [--note TEXT]
//   ballast projects history --db DB --project ID
//   ballast projects rates --db DB --round 2025Q2 [--by region|industry|leader_city|...] [--region
//   CODE] ballast projects cards --db DB [--region CODE] [--idle-months N]
//   ballast projects factors …   the factor-guarantee ledger (cli/factor_commands.h)
// Output is CSV on stdout. Exit codes: 0 success, 2 bad input (file, line and field on stderr),
// 1 anything else.
#ifndef BALLAST_CLI_PROJECT_COMMANDS_H_
#define BALLAST_CLI_PROJECT_COMMANDS_H_

#include <memory>
#include <optional>
#include <ostream>

namespace CLI {
class App;
}

namespace ballast::cli {

class ProjectCommands {
 public:
  explicit ProjectCommands(CLI::App& app);
  ~ProjectCommands();
  // The exit code when one of these commands was parsed, else nullopt.
  std::optional<int> Run(std::ostream& out, std::ostream& err) const;

 private:
  struct Args;
  std::unique_ptr<Args> args_;
};

}  // namespace ballast::cli

#endif  // BALLAST_CLI_PROJECT_COMMANDS_H_
