#include "chain/sim/rationing.h"

#include <cmath>
#include <limits>

namespace ballast::chain::sim {
namespace {

// proNet's test for "zero" (its epsilon); kept so that the branches fall the same way.
constexpr double kEps = 1e-20;
bool Zero(double x) { return std::abs(x) <= kEps; }
constexpr double kNone = std::numeric_limits<double>::infinity();  // no ratio left

}  // namespace

// Every waiting customer has received the same levels since the start, so their share is one
// running sum `filled`, stored for each of them as a round ends (and for good when it leaves).
// Ratios and orders are finite (link values are positive), so the rounds' updates can be written
// without branches. Level is the lowest non-zero ratio still waiting, or final demand's.
// The customers still waiting are kept packed (ratio, initial order, index) in ascending index,
// so that every sum runs in proNet's order and a round's work is the number still waiting.
double RationByPriority(double production, double final_demand, const double* orders,
                        const double* initial, size_t m, double* share, RationingScratch& scratch) {
  scratch.ratio.resize(m);
  scratch.initial.resize(m);
  scratch.waiting.resize(m);
  double* ratio = scratch.ratio.data();
  double* init = scratch.initial.data();
  int32_t* waiting = scratch.waiting.data();
  double lowest = kNone;
  for (size_t p = 0; p < m; ++p) {
    const double r = orders[p] / initial[p];
    ratio[p] = r;
    init[p] = initial[p];
    share[p] = 0.0;
    waiting[p] = static_cast<int32_t>(p);
    const double candidate = Zero(r) ? kNone : r;
    lowest = candidate < lowest ? candidate : lowest;
  }
  size_t count = m;
  double ratio_fc = 1.0, share_fc = 0.0, remaining = production, filled = 0.0;
  while (true) {
    double level = lowest;
    if (!Zero(ratio_fc) && ratio_fc > 0.0 && level > ratio_fc) level = ratio_fc;
    if (level == kNone || level < 0.0 || Zero(level)) break;

    double need = 0;
    for (size_t w = 0; w < count; ++w) need += level * init[w];
    need += level * final_demand;

    if (remaining > need) {
      filled += level;
      size_t kept = 0;
      lowest = kNone;
      for (size_t w = 0; w < count; ++w) {
        const double r = ratio[w] - level;
        const int32_t p = waiting[w];
        share[p] = filled;
        const bool keep = !(r <= kEps);
        ratio[kept] = r;
        init[kept] = init[w];
        waiting[kept] = p;
        kept += keep ? 1 : 0;
        const double candidate = keep ? r : kNone;
        lowest = candidate < lowest ? candidate : lowest;
      }
      count = kept;
      if (ratio_fc > 0) {
        ratio_fc -= level;
        share_fc += level;
        if (ratio_fc < 0.0 || Zero(ratio_fc)) ratio_fc = 0.0;
      }
      remaining -= need;
      if (count == 0 && Zero(ratio_fc)) break;
      if (remaining < 0 || Zero(remaining)) break;
    } else {
      double open = 0.0;
      for (size_t w = 0; w < count; ++w) {
        if (ratio[w] > 0.0) open += init[w];
      }
      if (ratio_fc > 0) open += final_demand;
      const double part = open <= 0 ? 0.0 : remaining / open;
      for (size_t w = 0; w < count; ++w) {
        if (ratio[w] > 0.0) share[waiting[w]] = filled + part;
      }
      if (ratio_fc > 0.0) share_fc += part;
      break;
    }
  }
  return share_fc;
}

}  // namespace ballast::chain::sim
