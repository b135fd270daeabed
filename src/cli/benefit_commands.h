// The policy-matching commands (惠企政策, issue 14 item 6), registered on the command line by
// main.cpp:
//   ballast benefits import --db DB FILE                 the policy library, CSV/XLSX, all or
//   nothing ballast benefits list --db DB                        the policies, with validity and
//   conditions ballast benefits match --db DB --policy ID [--region CODE]
//                                                        免申即享: matched and 待核实 enterprises
// Output is CSV on stdout. Exit codes: 0 success, 2 bad input (file, line and field on stderr),
// 1 anything else.
#ifndef BALLAST_CLI_BENEFIT_COMMANDS_H_
#define BALLAST_CLI_BENEFIT_COMMANDS_H_

#include <memory>
#include <optional>
#include <ostream>

namespace CLI {
class App;
}

namespace ballast::cli {

class BenefitCommands {
 public:
  explicit BenefitCommands(CLI::App& app);
  ~BenefitCommands();
  // The exit code when one of these commands was parsed, else nullopt.
  std::optional<int> Run(std::ostream& out, std::ostream& err) const;

 private:
  struct Args;
  std::unique_ptr<Args> args_;
};

}  // namespace ballast::cli

#endif  // BALLAST_CLI_BENEFIT_COMMANDS_H_
