// Rationing by priority (proNet -R 2, Inoue & Todo 2019): a supplier short of output first fills
// every order up to the smallest ratio of current to initial order among its customers and final
// demand, then the next smallest, and so on; what is left when a level cannot be reached in full
// is shared in proportion to the initial orders of those still waiting. Small customers cut
// their orders the least, so they are served first ("lower has high priority").
#ifndef BALLAST_CHAIN_SIM_RATIONING_H_
#define BALLAST_CHAIN_SIM_RATIONING_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ballast::chain::sim {

struct RationingScratch {
  std::vector<double> ratio, initial;  // of the customers still waiting, packed in their order
  std::vector<int32_t> waiting;
};

// orders[p] and initial[p] are the current and initial orders of the supplier's p-th customer
// (customers in ascending firm order); share[p] receives the filled fraction of the initial
// order. Returns the filled fraction of final demand (whose current level is its initial one).
double RationByPriority(double production, double final_demand, const double* orders,
                        const double* initial, size_t m, double* share, RationingScratch& scratch);

// The same rounds for any m, on packed arrays. RationByPriority uses it for suppliers with more
// than kRationFixedMax customers; for fewer it runs the rounds on a fixed number of customers
// held in registers, masked, which gives the same bits (tested against this one).
constexpr size_t kRationFixedMax = 8;
double RationByPriorityPacked(double production, double final_demand, const double* orders,
                              const double* initial, size_t m, double* share,
                              RationingScratch& scratch);

}  // namespace ballast::chain::sim

#endif  // BALLAST_CHAIN_SIM_RATIONING_H_
