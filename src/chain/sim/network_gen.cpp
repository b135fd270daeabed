#include "chain/sim/network_gen.h"

#include <algorithm>
#include <random>
#include <string>

namespace ballast::chain::sim {
namespace {

// Uniform in [lo, hi) from the top 53 bits (the standard distributions differ across libraries).
double Uniform(std::mt19937_64& rng, double lo, double hi) {
  return lo + (hi - lo) * static_cast<double>(rng() >> 11) * 0x1.0p-53;
}
int32_t Below(std::mt19937_64& rng, int32_t n) {
  return static_cast<int32_t>(rng() % static_cast<uint64_t>(n));
}

}  // namespace

Economy GenerateEconomy(int32_t firms, int64_t links, int32_t sectors, uint64_t seed) {
  std::mt19937_64 rng(seed);
  Economy e;
  e.num_sectors = sectors;
  for (int32_t s = 0; s < sectors; ++s) e.sector_names.push_back("S" + std::to_string(s));
  const size_t n = static_cast<size_t>(firms);
  e.firm_ids.reserve(n);
  for (int32_t i = 0; i < firms; ++i) {
    e.firm_ids.push_back("F" + std::to_string(i));
    e.sector.push_back(Below(rng, sectors));
    e.final_demand.push_back(Uniform(rng, 0, 1) < 0.8 ? Uniform(rng, 10, 1000) : 0.0);
  }
  e.links.reserve(static_cast<size_t>(links));
  const int64_t base = links / firms, extra = links % firms;
  std::vector<int32_t> chosen;
  for (int32_t i = 0; i < firms; ++i) {
    const int64_t degree = std::min<int64_t>(base + (i < extra ? 1 : 0), firms - 1);
    chosen.clear();
    while (static_cast<int64_t>(chosen.size()) < degree) {
      const int32_t j = Below(rng, firms);
      if (j == i || std::find(chosen.begin(), chosen.end(), j) != chosen.end()) continue;
      chosen.push_back(j);
    }
    for (int32_t j : chosen) e.links.push_back({j, i, Uniform(rng, 1, 100)});
  }
  e.initial_output = EquilibriumOutput(e);
  return e;
}

std::vector<Shock> GenerateShocks(const Economy& economy, int32_t count, int32_t days,
                                  uint64_t seed) {
  std::mt19937_64 rng(seed);
  const int32_t n = static_cast<int32_t>(economy.num_firms());
  std::vector<int32_t> firms;
  while (static_cast<int32_t>(firms.size()) < std::min(count, n)) {
    const int32_t f = Below(rng, n);
    if (std::find(firms.begin(), firms.end(), f) == firms.end()) firms.push_back(f);
  }
  std::vector<Shock> out;
  for (int32_t f : firms) out.push_back({f, 0, days - 1, Uniform(rng, 0, 1) < 0.5 ? 1.0 : 0.5});
  return out;
}

}  // namespace ballast::chain::sim
