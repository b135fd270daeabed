// The park commands (issue 15 item 2), registered on the command line by main.cpp:
//   ballast parks import --db DB --kind parks|members|resources FILE   CSV/XLSX, all or nothing
//   ballast parks list --db DB [--region CODE]
//   ballast parks grades --db DB --year Y [--park CODE | --region CODE]
// Output is CSV on stdout. Exit codes: 0 success, 2 bad input (file, line and field on stderr),
// 1 anything else.
#ifndef BALLAST_CLI_PARK_COMMANDS_H_
#define BALLAST_CLI_PARK_COMMANDS_H_

#include <memory>
#include <optional>
#include <ostream>

namespace CLI {
class App;
}

namespace ballast::cli {

class ParkCommands {
 public:
  explicit ParkCommands(CLI::App& app);
  ~ParkCommands();
  // The exit code when one of these commands was parsed, else nullopt.
  std::optional<int> Run(std::ostream& out, std::ostream& err) const;

 private:
  struct Args;
  std::unique_ptr<Args> args_;
};

}  // namespace ballast::cli

#endif  // BALLAST_CLI_PARK_COMMANDS_H_
