#include "chain/sim/rationing.h"

#include <cmath>

namespace ballast::chain::sim {
namespace {

// proNet's test for "zero" (its epsilon); kept so that the branches fall the same way.
constexpr double kEps = 1e-20;
bool Zero(double x) { return std::abs(x) <= kEps; }

}  // namespace

double RationByPriority(double production, double final_demand, const double* orders,
                        const double* initial, size_t m, double* share, RationingScratch& scratch) {
  auto& ratio = scratch.ratio;
  auto& waiting = scratch.waiting;
  ratio.resize(m);
  waiting.resize(m);
  // The lowest non-zero ratio still waiting; found while the ratios are updated, which gives the
  // same level as a separate search (entries kept after an update are never zero).
  double lowest = -1.0;
  for (size_t p = 0; p < m; ++p) {
    const double r = orders[p] / initial[p];
    ratio[p] = r;
    share[p] = 0.0;
    waiting[p] = static_cast<int32_t>(p);
    if (!Zero(r) && (lowest < 0 || lowest > r)) lowest = r;
  }
  size_t count = m;
  double ratio_fc = 1.0, share_fc = 0.0, remaining = production;
  while (true) {
    double level = lowest;
    if (!Zero(ratio_fc) && ratio_fc > 0.0 && (level < 0 || level > ratio_fc)) level = ratio_fc;
    if (level < 0.0 || Zero(level)) break;

    // Final demand counts in the need even after it is filled, as in proNet.
    double need = 0;
    for (size_t w = 0; w < count; ++w) need += level * initial[waiting[w]];
    need += level * final_demand;

    if (remaining > need) {
      size_t kept = 0;
      lowest = -1.0;
      for (size_t w = 0; w < count; ++w) {
        const int32_t p = waiting[w];
        const size_t q = static_cast<size_t>(p);
        const double r = ratio[q] - level;
        ratio[q] = r;
        share[q] += level;
        if (!(r < 0.0 || Zero(r))) {
          waiting[kept++] = p;
          if (lowest < 0 || lowest > r) lowest = r;
        }
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
        if (ratio[static_cast<size_t>(waiting[w])] > 0.0) open += initial[waiting[w]];
      }
      if (ratio_fc > 0) open += final_demand;
      const double part = open <= 0 ? 0.0 : remaining / open;
      for (size_t w = 0; w < count; ++w) {
        if (ratio[static_cast<size_t>(waiting[w])] > 0.0) share[waiting[w]] += part;
      }
      if (ratio_fc > 0.0) share_fc += part;
      break;
    }
  }
  return share_fc;
}

}  // namespace ballast::chain::sim
