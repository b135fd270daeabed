// Secondary (complementary) suppression: after the primary rules have marked cells, suppress
// more cells so that no primary-suppressed cell can be recovered exactly from the published
// cells of the table (its totals, its parent minus its siblings, any linear combination).
#ifndef BALLAST_SDC_SECONDARY_H_
#define BALLAST_SDC_SECONDARY_H_

#include "sdc/table.h"

namespace ballast::sdc {

struct SecondaryReport {
  int primary = 0;              // cells suppressed on entry
  int secondary = 0;            // cells this call suppressed
  int by_group_rule = 0;        // complements chosen by the group rule
  int exact_checks = 0;         // exact checks run (the last one found nothing recoverable)
  double suppressed_value = 0;  // sum of the values of the secondary cells
};

// Marks cells Suppression::kSecondary in `table` until ExposedCells(table) is empty:
//  1. group rule: while some constraint holds exactly one suppressed cell, suppress one more of
//     its cells: a non-zero one if any (a cell with no contributors is known to be 0 from
//     its published count, so it protects nothing), preferring a cell that also closes other
//     constraints holding exactly one suppressed cell (the hypercube's "reuse": it ends a chain of
//     complements), then the smallest value (lose the least), then one that opens the fewest
//     constraints with no suppressed cell, then the lowest index;
//  2. exact check (ExposedCells); for each cell still recoverable, suppress the best cell (same
//     order) of the constraints through it, and go back to 1.
// Errors: an invalid table, or a recoverable cell whose constraints have nothing left to
// suppress (a degenerate constraint system, e.g. a constraint repeated with a cell left out).
Result<SecondaryReport> ApplySecondarySuppression(SdcTable* table);

}  // namespace ballast::sdc

#endif  // BALLAST_SDC_SECONDARY_H_
