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
  waiting.clear();
  for (size_t p = 0; p < m; ++p) {
    ratio[p] = orders[p] / initial[p];
    share[p] = 0.0;
    waiting.push_back(static_cast<int32_t>(p));
  }
  double ratio_fc = 1.0, share_fc = 0.0, remaining = production;
  while (true) {
    double level = -1.0;
    for (int32_t p : waiting) {
      const double r = ratio[static_cast<size_t>(p)];
      if (Zero(r)) continue;
      if (level < 0 || level > r) level = r;
    }
    if (!Zero(ratio_fc) && ratio_fc > 0.0 && (level < 0 || level > ratio_fc)) level = ratio_fc;
    if (level < 0.0 || Zero(level)) break;

    // Final demand counts in the need even after it is filled, as in proNet.
    double need = 0;
    for (int32_t p : waiting) need += level * initial[p];
    need += level * final_demand;

    if (remaining > need) {
      size_t kept = 0;
      for (int32_t p : waiting) {
        const size_t q = static_cast<size_t>(p);
        ratio[q] -= level;
        share[q] += level;
        if (!(ratio[q] < 0.0 || Zero(ratio[q]))) waiting[kept++] = p;
      }
      waiting.resize(kept);
      if (ratio_fc > 0) {
        ratio_fc -= level;
        share_fc += level;
        if (ratio_fc < 0.0 || Zero(ratio_fc)) ratio_fc = 0.0;
      }
      remaining -= need;
      if (waiting.empty() && Zero(ratio_fc)) break;
      if (remaining < 0 || Zero(remaining)) break;
    } else {
      double open = 0.0;
      for (int32_t p : waiting) {
        if (ratio[static_cast<size_t>(p)] > 0.0) open += initial[p];
      }
      if (ratio_fc > 0) open += final_demand;
      const double part = open <= 0 ? 0.0 : remaining / open;
      for (int32_t p : waiting) {
        if (ratio[static_cast<size_t>(p)] > 0.0) share[p] += part;
      }
      if (ratio_fc > 0.0) share_fc += part;
      break;
    }
  }
  return share_fc;
}

}  // namespace ballast::chain::sim
