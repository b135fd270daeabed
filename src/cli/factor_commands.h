// The factor-guarantee ledger's commands (要素保障台账, issue 15 item 1), under `ballast projects`:
//   ballast projects factors list --db DB [--region CODE] [--state S] [--unit U] [--factor F]
//                                 [--project ID] [--open] [--overdue]
//   ballast projects factors open --db DB --project ID --factor F --unit U --days N
//                                 --description TEXT
//   ballast projects factors show --db DB --id N
//   ballast projects factors step --db DB --id N --version V --action A [--reason R]
//                                 [--reply TEXT] [--unit U] [--days N] [--refuse] [--as-unit U]
// The command line is the machine's administrator: it takes the dispatcher's steps; --as-unit
// records a step of the assigned unit on its behalf (start, reply, return, request_extension).
// Output is CSV on stdout. Exit codes: 0 success, 2 bad input, 1 anything else.
#ifndef BALLAST_CLI_FACTOR_COMMANDS_H_
#define BALLAST_CLI_FACTOR_COMMANDS_H_

#include <memory>
#include <optional>
#include <ostream>

namespace CLI {
class App;
}

namespace ballast::cli {

class FactorCommands {
 public:
  // `projects`: the `ballast projects` command the `factors` command is added to.
  explicit FactorCommands(CLI::App& projects);
  ~FactorCommands();
  std::optional<int> Run(std::ostream& out, std::ostream& err) const;

 private:
  struct Args;
  std::unique_ptr<Args> args_;
};

}  // namespace ballast::cli

#endif  // BALLAST_CLI_FACTOR_COMMANDS_H_
