// Which suppressed cells an attacker can recover exactly from the published cells and the
// table's constraints.
#ifndef BALLAST_SDC_EXPOSURE_H_
#define BALLAST_SDC_EXPOSURE_H_

#include <vector>

#include "sdc/table.h"

namespace ballast::sdc {

// The suppressed cells (ascending indices) whose value follows from the published ones by a
// linear combination of the constraints. With A the constraint matrix restricted to the
// suppressed cells, cell j is recoverable iff the unit vector e_j lies in the row space of A,
// i.e. iff its leverage e_j' A'(AA')^+ A e_j is 1 (j is in every column basis of A). Computed
// per connected component of A in double precision: a maximal independent set of rows by
// pivoted Cholesky of AA', then the leverages from its inverse. The tolerance errs towards
// "recoverable" (leverage > 1 - 1e-7), so rounding can only cost an extra suppression.
// The table must be valid (SdcTable::Validate).
std::vector<int> ExposedCells(const SdcTable& table);

}  // namespace ballast::sdc

#endif  // BALLAST_SDC_EXPOSURE_H_
