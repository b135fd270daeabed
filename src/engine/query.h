// Measures for cells of the region × industry cube, computed on demand from the panel: one
// cell, the children of a node along a dimension, or the enterprises of a cell.
#ifndef BALLAST_ENGINE_QUERY_H_
#define BALLAST_ENGINE_QUERY_H_

#include <optional>
#include <vector>

#include "engine/measures.h"
#include "engine/panel.h"

namespace ballast {

enum class Dimension { kRegion, kIndustry };

struct CellRef {
  int indicator = -1;
  Period period = 0;
  NodeId region = kNoNode;
  NodeId industry = kNoNode;
};

struct MeasureRow {
  std::vector<std::optional<double>> values;  // one per requested measure
  int32_t n = 0;                              // reporting enterprises
};

struct ChildRow {
  NodeId node = kNoNode;  // the child node (region or industry), or kNoNode for an enterprise row
  uint32_t enterprise = 0;  // panel index, for enterprise rows
  MeasureRow row;
};

class Query {
 public:
  explicit Query(const Panel& panel);

  // Checks indicator, measures, period and nodes; a measure that does not apply to the
  // indicator is an InvalidArgument.
  Status Validate(const CellRef& cell, const std::vector<Measure>& measures) const;

  // One cell; share and contributions compare it with its parent along `of`.
  Result<MeasureRow> Cell(const CellRef& cell, const std::vector<Measure>& measures, Dimension of) const;
  // The children of the cell's node along `dim` (other dimension fixed), in code order.
  Result<std::vector<ChildRow>> Children(const CellRef& cell, Dimension dim,
                                         const std::vector<Measure>& measures) const;
  // The enterprises of the cell (share and contributions relative to the cell).
  Result<std::vector<ChildRow>> Enterprises(const CellRef& cell, const std::vector<Measure>& measures) const;

  // Sums over groups of enterprises ("atoms") at one period: atom_of[e] in [0, atoms) or -1.
  std::vector<CellSums> AtomSums(int indicator, Period p, const std::vector<int32_t>& atom_of,
                                 int32_t atoms) const;

  // The enterprise index range [first, second) whose region lies in `region`'s subtree.
  std::pair<uint32_t, uint32_t> RegionRange(NodeId region) const;
  bool InCell(uint32_t e, NodeId region, NodeId industry) const;

 private:
  // Rows for atoms [0, row_atoms); the parent of each is all atoms together (none when
  // !has_parent).
  std::vector<MeasureRow> EvaluateAtoms(int indicator, Period t, const std::vector<int32_t>& atom_of,
                                        int32_t atoms, int32_t row_atoms, bool has_parent,
                                        const std::vector<Measure>& measures) const;

  const Panel& panel_;
  std::vector<int32_t> region_tin_;  // per enterprise, sorted (the panel's order)
};

}  // namespace ballast

#endif  // BALLAST_ENGINE_QUERY_H_
