// Priority rationing (rationing.h) for several suppliers at once, one supplier per lane of a
// vector: suppliers with the same number of customers M run the same rounds on their own data, so
// eight of them fill the eight lanes of an AVX-512 vector (on a processor without AVX-512, the
// suppliers go one by one through RationByPriority). Every lane performs the operations of
// RationByPriority on its supplier, in the same order, each an IEEE double operation rounded alike,
// so the results are the same bits (tested against RationByPriorityPacked).
#ifndef BALLAST_CHAIN_SIM_RATIONING_LANES_H_
#define BALLAST_CHAIN_SIM_RATIONING_LANES_H_

#include <cstddef>

namespace ballast::chain::sim {

constexpr size_t kLanes = 8;               // suppliers per call
constexpr size_t kLanesMaxCustomers = 12;  // M for which the lanes are used (1..12)

// Suppliers of exactly m customers (1 <= m <= kLanesMaxCustomers) in lanes [0, lanes): lane l
// has production[l] and final_demand[l]; its p-th customer's order and initial order are
// orders[p * kLanes + l] and initial[p * kLanes + l]. Writes share[p * kLanes + l] (the filled
// fraction of the initial order) and share_fc[l] (of final demand) for lanes [0, lanes).
// Values in unused lanes are computed and discarded.
void RationByPriorityLanes(size_t m, size_t lanes, const double* production,
                           const double* final_demand, const double* orders, const double* initial,
                           double* share, double* share_fc);

// True when the lanes run as vectors (AVX-512, checked at run time).
bool RationLanesVectorized();

}  // namespace ballast::chain::sim

#endif  // BALLAST_CHAIN_SIM_RATIONING_LANES_H_
