// A table for disclosure control: cells (value and suppression status) and the additive
// constraints "parent = sum of children" that link them. One-way groups, two-way tables with
// margins and hierarchies (province -> cities -> counties) are all sets of such constraints.
#ifndef BALLAST_SDC_TABLE_H_
#define BALLAST_SDC_TABLE_H_

#include <vector>

#include "core/status.h"
#include "sdc/primary.h"

namespace ballast::sdc {

struct SdcCell {
  double value = 0;  // non-negative magnitude (absolute values for signed indicators)
  Suppression status = Suppression::kNone;
};

struct SdcConstraint {
  int parent = 0;
  std::vector<int> children;
};

struct SdcTable {
  std::vector<SdcCell> cells;
  std::vector<SdcConstraint> constraints;

  int AddCell(double value, Suppression status = Suppression::kNone) {
    cells.push_back({value, status});
    return static_cast<int>(cells.size()) - 1;
  }
  void AddConstraint(int parent, std::vector<int> children) {
    constraints.push_back({parent, std::move(children)});
  }
  int SuppressedCount() const;
  // Every constraint names existing cells, has at least one child and no cell twice; values
  // are finite. Errors name the constraint.
  Status Validate() const;
};

// The cells of a rows x cols table with its row totals, column totals and grand total, added
// to an SdcTable with the (rows + cols + 2) constraints that link them.
struct TwoWayLayout {
  int first = 0;  // index of cell (0, 0)
  int rows = 0;
  int cols = 0;
  int Cell(int r, int c) const { return first + r * (cols + 1) + c; }
  int RowTotal(int r) const { return Cell(r, cols); }
  int ColTotal(int c) const { return Cell(rows, c); }
  int GrandTotal() const { return Cell(rows, cols); }
};

// Adds (rows + 1) x (cols + 1) cells of value 0 (set them through the layout) and the
// constraints: each row, each column, the row of column totals and the column of row totals.
TwoWayLayout AddTwoWay(SdcTable* table, int rows, int cols);

// Sets every total of a two-way table to the sum of its cells (for tests and callers that only
// hold the inner cells).
void FillTwoWayTotals(SdcTable* table, const TwoWayLayout& layout);

// A cross table of two hierarchies (region tree x industry tree, each node a row or column):
// cell (r, c) for every pair of nodes, and for every node with children the constraints
// "node = sum of its children" along each column (row nodes) and each row (column nodes).
// Enterprises registered at a node with subdivisions but in none of its children (the
// engine's rule) break "node = sum of children": give such a node an extra child for that
// remainder, since parent minus children publishes it.
struct CrossLayout {
  int first = 0;
  int rows = 0;
  int cols = 0;
  int Cell(int r, int c) const { return first + r * cols + c; }
};

// row_parent[r] is the parent node of row node r, or -1 for a root; the same for columns.
// Adds rows x cols cells of value 0 and the constraints; an out-of-range parent or a cycle is
// an error naming the node.
Result<CrossLayout> AddCrossTable(SdcTable* table, const std::vector<int>& row_parent,
                                  const std::vector<int>& col_parent);

}  // namespace ballast::sdc

#endif  // BALLAST_SDC_TABLE_H_
