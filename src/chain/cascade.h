// Failure cascades on the firm network: a firm fails when, for some product it buys, every
// supplier of that product has failed (AND across products, OR across the suppliers of one
// product). A firm that buys nothing in the network never fails unless it is stopped itself.
#ifndef BALLAST_CHAIN_CASCADE_H_
#define BALLAST_CHAIN_CASCADE_H_

#include <vector>

#include "chain/firm_network.h"

namespace ballast::chain {

// The fixpoint of the rule above starting from the stopped firms. Returns the failed flags
// (stopped firms included), indexed by firm number.
std::vector<bool> Cascade(const FirmNetwork& net, const std::vector<int>& stopped);

// The firms other than `stopped` that fail, in byte order of their ids.
std::vector<int> CascadeVictims(const FirmNetwork& net, int stopped);

}  // namespace ballast::chain

#endif  // BALLAST_CHAIN_CASCADE_H_
