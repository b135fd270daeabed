// The cultivation commands (培育库, 小升规, 专精特新; issue 15 item 3), registered by main.cpp:
//   ballast cultivation import --db DB --kind pool|revenue|stages FILE   CSV/XLSX, all or nothing
//   ballast cultivation pool --db DB [--region CODE] [--industry CODE] [--tag T] [--all]
//   ballast cultivation candidates --db DB [--region CODE] [--within MONTHS] [--threshold 万元]
//   ballast cultivation conversion --db DB --from YEAR [--to YEAR] [--region CODE]
//   ballast cultivation stages --db DB --year YEAR [--region CODE]
// Output is CSV on stdout. Exit codes: 0 success, 2 bad input (file, line and field on stderr),
// 1 anything else.
#ifndef BALLAST_CLI_CULTIVATION_COMMANDS_H_
#define BALLAST_CLI_CULTIVATION_COMMANDS_H_

#include <memory>
#include <optional>
#include <ostream>

namespace CLI {
class App;
}

namespace ballast::cli {

class CultivationCommands {
 public:
  explicit CultivationCommands(CLI::App& app);
  ~CultivationCommands();
  // The exit code when one of these commands was parsed, else nullopt.
  std::optional<int> Run(std::ostream& out, std::ostream& err) const;

 private:
  struct Args;
  std::unique_ptr<Args> args_;
};

}  // namespace ballast::cli

#endif  // BALLAST_CLI_CULTIVATION_COMMANDS_H_
