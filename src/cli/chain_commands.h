// The supply-chain commands (issue 16, static part), registered on the command line by main.cpp:
//   ballast chain cascade --links FILE --remove FIRM
//   ballast chain analyze --links FILE --root FIRM [--format csv]
//   ballast io analyze --table FILE [--format csv]
//   ballast io inverse --table FILE --kind leontief|ghosh
//   ballast chain import --db DB --kind chains [CHAINS SEGMENTS EDGES] | links FILE | firms FILE
//   ballast chain list --db DB
//   ballast chain report --db DB --chain ID [--region CODE] [--hhi X]
//                        [--what summary|segments|single-source|key-nodes|regions]
// Exit codes: 0 success, 2 bad input (file, line and field on stderr), 1 anything else.
#ifndef BALLAST_CLI_CHAIN_COMMANDS_H_
#define BALLAST_CLI_CHAIN_COMMANDS_H_

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace ballast::cli {

class ChainCommands {
 public:
  // Adds the `chain` and `io` subcommands to `app`.
  explicit ChainCommands(CLI::App& app);
  ~ChainCommands();
  // The `chain` subcommand, for other chain commands to attach under it (chain simulate).
  CLI::App* chain() const { return chain_; }
  // The exit code when one of these commands was parsed, else nullopt.
  std::optional<int> Run(std::ostream& out, std::ostream& err) const;

 private:
  struct Args;
  std::unique_ptr<Args> args_;
  CLI::App* chain_ = nullptr;
};

// The commands themselves, for tests.
int RunChainCascade(const std::string& links, const std::string& firm, std::ostream& out,
                    std::ostream& err);
int RunChainAnalyze(const std::string& links, const std::string& root, const std::string& format,
                    std::ostream& out, std::ostream& err);
int RunIoAnalyze(const std::string& table, const std::string& format, std::ostream& out,
                 std::ostream& err);
int RunIoInverse(const std::string& table, const std::string& kind, std::ostream& out,
                 std::ostream& err);
int RunChainImport(const std::string& db, const std::string& kind,
                   const std::vector<std::string>& files, const std::string& user,
                   std::ostream& out, std::ostream& err);
int RunChainList(const std::string& db, std::ostream& out, std::ostream& err);
int RunChainReport(const std::string& db, const std::string& chain, const std::string& region,
                   const std::string& what, double hhi, std::ostream& out, std::ostream& err);

}  // namespace ballast::cli

#endif  // BALLAST_CLI_CHAIN_COMMANDS_H_
