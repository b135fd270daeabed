#include "chain/sim/rationing.h"

#include <cstring>
#include <random>
#include <vector>

#include "chain/sim/rationing_lanes.h"
#include "testing/testing.h"

namespace ballast::chain::sim {
namespace {

uint64_t Bits(double x) {
  uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

// Hand calculation: production 6, final demand 2 (ratio 1), customers with initial orders 2 and 4
// ordering 1 (ratio 0.5) and 4 (ratio 1). Round 1 fills everyone to 0.5: need 0.5·(2 + 4 + 2) = 4,
// 2 left. Round 2 (level 0.5, the rest of the second customer and final demand): need
// 0.5·(4 + 2) = 3 > 2, so the 2 are shared over the initial orders still open, 4 + 2: 1/3 each.
// Shares: 0.5, 0.5 + 1/3, final demand 0.5 + 1/3.
TEST(RationingTest, HandCalculatedShortfall) {
  const double orders[] = {1, 4}, initial[] = {2, 4};
  double share[2];
  RationingScratch scratch;
  const double fc = RationByPriority(6, 2, orders, initial, 2, share, scratch);
  EXPECT_EQ(share[0], 0.5);
  EXPECT_DOUBLE_EQ(share[1], 0.5 + 1.0 / 3);
  EXPECT_DOUBLE_EQ(fc, 0.5 + 1.0 / 3);
}

// The rounds on a fixed number of customers in registers give the bits of the packed rounds, on
// random cases with ties, zero orders, zero final demand, zero production and plenty of output.
TEST(RationingTest, FixedRoundsEqualPackedRoundsBitForBit) {
  std::mt19937_64 rng(16);
  auto uniform = [&](double lo, double hi) {
    return lo + (hi - lo) * static_cast<double>(rng() >> 11) * 0x1.0p-53;
  };
  RationingScratch scratch;
  std::vector<double> orders, initial, fixed, packed;
  size_t short_cases = 0;
  for (int c = 0; c < 400000; ++c) {
    const size_t m = 1 + rng() % kRationFixedMax;
    orders.resize(m);
    initial.resize(m);
    fixed.assign(m, -1.0);
    packed.assign(m, -2.0);
    double demand = rng() % 4 == 0 ? 0.0 : uniform(0, 50);
    const double final_demand = demand;
    for (size_t p = 0; p < m; ++p) {
      initial[p] = rng() % 5 == 0 ? 10.0 : uniform(0.1, 20);
      const int kind = static_cast<int>(rng() % 6);
      orders[p] = kind == 0   ? 0.0
                  : kind == 1 ? initial[p]        // ratio 1, ties with final demand
                  : kind == 2 ? initial[p] * 0.5  // ties among customers
                              : initial[p] * uniform(0, 2.5);
      demand += orders[p];
    }
    const int pk = static_cast<int>(rng() % 4);
    const double production = pk == 0 ? 0.0 : pk == 1 ? demand : demand * uniform(0, 1.2);
    if (production < demand) ++short_cases;
    const double fc_fixed = RationByPriority(production, final_demand, orders.data(),
                                             initial.data(), m, fixed.data(), scratch);
    const double fc_packed = RationByPriorityPacked(production, final_demand, orders.data(),
                                                    initial.data(), m, packed.data(), scratch);
    ASSERT_EQ(Bits(fc_fixed), Bits(fc_packed)) << "case " << c;
    for (size_t p = 0; p < m; ++p)
      ASSERT_EQ(Bits(fixed[p]), Bits(packed[p])) << "case " << c << " customer " << p;
  }
  EXPECT_GT(short_cases, 100000u);
}

// Eight suppliers at a time in vector lanes (AVX-512 where the processor has it, else one by one)
// give the bits of the packed rounds for each supplier, with 1 to 8 lanes in use.
TEST(RationingTest, LanesEqualPackedRoundsBitForBit) {
  std::mt19937_64 rng(7);
  auto uniform = [&](double lo, double hi) {
    return lo + (hi - lo) * static_cast<double>(rng() >> 11) * 0x1.0p-53;
  };
  RationingScratch scratch;
  constexpr size_t kCells = kLanesMaxCustomers * kLanes;
  double orders[kCells], initial[kCells], share[kCells], production[kLanes], final_demand[kLanes],
      share_fc[kLanes], o[kLanesMaxCustomers], a[kLanesMaxCustomers], expected[kLanesMaxCustomers];
  for (int c = 0; c < 100000; ++c) {
    const size_t m = 1 + rng() % kLanesMaxCustomers, lanes = 1 + rng() % kLanes;
    for (size_t l = 0; l < kLanes; ++l) {
      double demand = rng() % 4 == 0 ? 0.0 : uniform(0, 50);
      final_demand[l] = demand;
      for (size_t p = 0; p < m; ++p) {
        const double init = rng() % 5 == 0 ? 10.0 : uniform(0.1, 20);
        const int kind = static_cast<int>(rng() % 6);
        initial[p * kLanes + l] = init;
        orders[p * kLanes + l] = kind == 0   ? 0.0
                                 : kind == 1 ? init
                                 : kind == 2 ? init * 0.5
                                             : init * uniform(0, 2.5);
        demand += orders[p * kLanes + l];
      }
      const int pk = static_cast<int>(rng() % 4);
      production[l] = pk == 0 ? 0.0 : pk == 1 ? demand : demand * uniform(0, 1.2);
    }
    RationByPriorityLanes(m, lanes, production, final_demand, orders, initial, share, share_fc);
    for (size_t l = 0; l < lanes; ++l) {
      for (size_t p = 0; p < m; ++p) o[p] = orders[p * kLanes + l], a[p] = initial[p * kLanes + l];
      const double fc =
          RationByPriorityPacked(production[l], final_demand[l], o, a, m, expected, scratch);
      ASSERT_EQ(Bits(share_fc[l]), Bits(fc)) << "case " << c << " lane " << l;
      for (size_t p = 0; p < m; ++p)
        ASSERT_EQ(Bits(share[p * kLanes + l]), Bits(expected[p]))
            << "case " << c << " lane " << l << " customer " << p;
    }
  }
}

}  // namespace
}  // namespace ballast::chain::sim
