#include "cli/stl_commands.h"

#include <charconv>
#include <iterator>
#include <string_view>

#include "app/seasonal.h"
#include "core/file_util.h"

namespace ballast::cli {
namespace {

int Fail(const Status& s, std::ostream& err) {
  err << "ballast stl: " << s.message() << "\n";
  return s.IsUserError() ? 2 : 1;
}

}  // namespace

int RunStl(const StlArgs& args, std::istream& in, std::ostream& out, std::ostream& err) {
  ts::StlOptions o;
  o.period = args.period;
  const std::string_view sw = args.s_window;
  if (!sw.empty() && std::string_view("periodic").starts_with(sw)) {
    o.periodic = true;
  } else {
    const auto [end, ec] = std::from_chars(sw.data(), sw.data() + sw.size(), o.s_window);
    if (sw.empty() || ec != std::errc() || end != sw.data() + sw.size() || o.s_window < 1) {
      return Fail(Status::Invalid("--s-window: '" + args.s_window +
                                  "' is neither a positive integer nor 'periodic'"),
                  err);
    }
  }
  if (args.s_degree != 0 && args.s_degree != 1) {
    return Fail(Status::Invalid("--s-degree must be 0 or 1"), err);
  }
  if (args.t_window && *args.t_window < 1) {
    return Fail(Status::Invalid("--t-window must be a positive integer"), err);
  }
  if ((args.inner && *args.inner < 0) || (args.outer && *args.outer < 0)) {
    return Fail(Status::Invalid("--inner and --outer must not be negative"), err);
  }
  o.s_degree = args.s_degree;
  o.t_window = args.t_window;
  o.robust = args.robust;
  o.inner = args.inner;
  o.outer = args.outer;

  std::string bytes;
  std::string name = args.input;
  if (args.input.empty()) {
    name = "<stdin>";
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  } else {
    auto read = ReadFile(args.input);
    if (!read.ok()) return Fail(read.status(), err);
    bytes = std::move(*read);
  }
  auto r = app::DecomposeSeriesCsv(bytes, name, o);
  if (!r.ok()) return Fail(r.status(), err);
  out << app::FormatStlCsv(*r);
  return out ? 0 : 1;
}

}  // namespace ballast::cli
