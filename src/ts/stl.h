// STL: Seasonal-Trend decomposition by Loess (Cleveland, Cleveland, McRae & Terpenning 1990),
// reproducing R's stats::stl (its Fortran stl.f) including the jump + linear interpolation of
// the loess fits, the inner/outer loops, the robustness weights and the periodic option.
#ifndef BALLAST_TS_STL_H_
#define BALLAST_TS_STL_H_

#include <optional>
#include <vector>

#include "core/status.h"

namespace ballast::ts {

// The arguments of R's stl(). Unset optionals take R's defaults (see ResolveStlOptions).
struct StlOptions {
  int period = 12;
  bool periodic = false;  // s.window = "periodic"
  int s_window = 0;       // used when !periodic; must be set (R has no default either)
  int s_degree = 0;       // 0 or 1 (forced to 0 when periodic)
  std::optional<int> t_window;
  int t_degree = 1;
  std::optional<int> l_window;                // default nextodd(period)
  std::optional<int> l_degree;                // default t_degree
  std::optional<int> s_jump, t_jump, l_jump;  // defaults ceiling(window / 10)
  bool robust = false;
  std::optional<int> inner;  // default robust ? 1 : 2
  std::optional<int> outer;  // default robust ? 15 : 0
};

// The parameters actually passed to the Fortran routine, after R's defaulting.
struct StlParams {
  int period, s_window, t_window, l_window, s_degree, t_degree, l_degree;
  int s_jump, t_jump, l_jump, inner, outer;
  bool periodic;
};

struct StlResult {
  std::vector<double> seasonal, trend, remainder;
  std::vector<double> weights;  // the final robustness weights (all 1 without outer iterations)
};

// R's defaults for a series of length n: t.window = nextodd(ceiling(1.5 period / (1 - 1.5 /
// s.window))), jumps = ceiling(window / 10) of the window as given (before it is made odd).
Result<StlParams> ResolveStlOptions(const StlOptions& options, int n);

// Decomposes x (n >= 2 period + 1, all finite) as R's stl(ts(x, frequency = period), ...).
Result<StlResult> Stl(const std::vector<double>& x, const StlOptions& options);

}  // namespace ballast::ts

#endif  // BALLAST_TS_STL_H_
