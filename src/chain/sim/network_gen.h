// A random economy for the benchmark and the invariant tests: every firm has `links / firms`
// suppliers (distinct, drawn uniformly), link values and final demand drawn from a seeded
// generator, and initial output at the equilibrium.
#ifndef BALLAST_CHAIN_SIM_NETWORK_GEN_H_
#define BALLAST_CHAIN_SIM_NETWORK_GEN_H_

#include <cstdint>
#include <vector>

#include "chain/sim/economy.h"

namespace ballast::chain::sim {

Economy GenerateEconomy(int32_t firms, int64_t links, int32_t sectors, uint64_t seed);
// `count` distinct firms stopped (delta 1) or damaged, days 0..days-1.
std::vector<Shock> GenerateShocks(const Economy& economy, int32_t count, int32_t days,
                                  uint64_t seed);

}  // namespace ballast::chain::sim

#endif  // BALLAST_CHAIN_SIM_NETWORK_GEN_H_
