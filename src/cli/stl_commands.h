// `ballast stl`: seasonal-trend decomposition of a CSV series as R's stats::stl.
//   ballast stl --period N --s-window S|periodic [--t-window T] [--s-degree 0|1] [--robust]
//               [--inner I] [--outer O] [--input FILE]
// Reads FILE (standard input when omitted), writes "seasonal,trend,remainder" rows to out.
// Returns the exit code: 0 success, 2 bad input or arguments, 1 anything else.
#ifndef BALLAST_CLI_STL_COMMANDS_H_
#define BALLAST_CLI_STL_COMMANDS_H_

#include <istream>
#include <optional>
#include <ostream>
#include <string>

namespace ballast::cli {

struct StlArgs {
  int period = 0;
  std::string s_window;  // an integer, or "periodic" (or a prefix of it, as R's pmatch)
  std::optional<int> t_window;
  int s_degree = 0;
  bool robust = false;
  std::optional<int> inner, outer;
  std::string input;  // empty: standard input
};

int RunStl(const StlArgs& args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace ballast::cli

#endif  // BALLAST_CLI_STL_COMMANDS_H_
