// Measures for cells of the region × industry cube, computed on demand from the panel: one
// cell, the children of a node along a dimension, or the enterprises of a cell.
#ifndef BALLAST_ENGINE_QUERY_H_
#define BALLAST_ENGINE_QUERY_H_

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/atom_sums.h"
#include "engine/measures.h"
#include "engine/panel.h"
#include "engine/sums_memo.h"

namespace ballast {

enum class Dimension { kRegion, kIndustry };

// A narrower set of enterprises than a node pair: named groups of nodes (高技术制造业, 东部地区)
// and tags (外资, 专精特新). A group replaces its dimension's node, which is then the root (the
// whole country, all industry): the group cell's parent along that dimension is the root, with
// the group dropped. Tags restrict the cell and every cell compared with it alike.
struct CellFilter {
  std::string region_group, industry_group;  // names ("@east"), "" = none; for keys and labels
  std::string region_group_label, industry_group_label;  // their Chinese names, for answers
  std::vector<NodeId> regions, industries;               // the groups' member nodes
  std::vector<std::string> tags;                         // any of these; empty = every enterprise
  bool exclude_tags = false;  // none of `tags` instead (disclosure's complement)
  // A park's members (issue 15 item 2): "" = none; else only enterprises whose membership span
  // covers the cell's period, like a tag that depends on the month. `exclude_tags` negates the
  // tags and the park together (the complement is every other enterprise of the plain cell).
  struct ParkSpan {
    uint32_t enterprise = 0;  // panel index
    Period from = 0, to = 0;  // months, inclusive
  };
  std::string park;
  std::vector<ParkSpan> park_members;  // sorted by enterprise
  bool InPark(uint32_t e, Period p) const;

  bool empty() const {
    return regions.empty() && industries.empty() && tags.empty() && park.empty();
  }
  // A stable text naming the filter ("" when empty), for cache keys.
  std::string Key() const;
};

struct CellRef {
  CellRef() = default;
  CellRef(int indicator_, Period period_, NodeId region_, NodeId industry_,
          std::shared_ptr<const CellFilter> filter_ = nullptr)
      : indicator(indicator_),
        period(period_),
        region(region_),
        industry(industry_),
        filter(std::move(filter_)) {}

  int indicator = -1;
  Period period = 0;
  NodeId region = kNoNode;
  NodeId industry = kNoNode;
  std::shared_ptr<const CellFilter> filter;  // nullptr = the plain cell
};

// The same cell without the group of one dimension (its filter's other parts kept).
CellRef WithoutGroup(const CellRef& cell, bool region_group);

struct MeasureRow {
  std::vector<std::optional<double>> values;  // one per requested measure
  int32_t n = 0;                              // reporting enterprises
};

struct ChildRow {
  NodeId node = kNoNode;    // the child node (region or industry), or kNoNode for an enterprise row
  uint32_t enterprise = 0;  // panel index, for enterprise rows
  MeasureRow row;
};

class Query {
 public:
  // `previous`: a query of a panel with the same list of enterprises (Panel::EnterprisesToken)
  // and catalog, whose enterprises' places in the code trees are shared rather than worked out
  // again (a batch of values makes a new panel of the same enterprises).
  explicit Query(const Panel& panel, const Query* previous = nullptr);

  // Checks indicator, measures, period and nodes; a measure that does not apply to the
  // indicator is an InvalidArgument.
  Status Validate(const CellRef& cell, const std::vector<Measure>& measures) const;

  // One cell; share and contributions compare it with its parent along `of`.
  Result<MeasureRow> Cell(const CellRef& cell, const std::vector<Measure>& measures,
                          Dimension of) const;
  // Cell for each of many cells, in one pass over the panel per pair of node depths (and one
  // per pair of their parents' depths) instead of one per cell: hundreds of regions and
  // industries cost a few passes. A cell with a filter is evaluated by Cell. The parent's sums
  // are summed directly rather than as cell + rest, so a share can differ from Cell's in the
  // last bits of a double.
  std::vector<Result<MeasureRow>> Cells(const std::vector<CellRef>& cells,
                                        const std::vector<Measure>& measures, Dimension of) const;
  // The children of the cell's node along `dim` (other dimension fixed), in code order; of a
  // group along its own dimension, the group's members in the group's order (ChildRow::node).
  Result<std::vector<ChildRow>> Children(const CellRef& cell, Dimension dim,
                                         const std::vector<Measure>& measures) const;
  // The enterprises of the cell (share and contributions relative to the cell).
  Result<std::vector<ChildRow>> Enterprises(const CellRef& cell,
                                            const std::vector<Measure>& measures) const;

  // Sums over groups of enterprises ("atoms") at one period: atom_of[e] in [0, atoms) or -1.
  // `windows`: also the quarter and half-year sums (NeedsWindows of the measures asked);
  // `real`: also the sums at comparable prices (NeedsRealSums); `roster`: also the roster's
  // counts (NeedsRoster). `members`, when given, lists (ascending) every enterprise with an
  // atom: only those are read (SumAtomsOf), with the same sums to the bit.
  std::vector<CellSums> AtomSums(int indicator, Period p, const std::vector<int32_t>& atom_of,
                                 int32_t atoms, bool windows = false, bool real = false,
                                 bool roster = false,
                                 const std::vector<uint32_t>* members = nullptr) const;

  // Takes over `previous`'s kept passes of plain cells, each summed again, when next asked
  // for, in the blocks of the enterprises `changed` lists (Panel::ChangesSince, sorted). Only
  // for a panel made from previous's by values alone: the same enterprises, periods, prices and
  // months with data.
  void CarrySumsFrom(const Query& previous, const std::vector<uint32_t>& changed);
  size_t kept_passes() const { return memo_->size(); }

  // The enterprise index range [first, second) whose region lies in `region`'s subtree.
  std::pair<uint32_t, uint32_t> RegionRange(NodeId region) const;
  bool InCell(uint32_t e, NodeId region, NodeId industry) const;
  // The same with the cell's filter.
  bool InCell(uint32_t e, const CellRef& cell) const;

 private:
  // Rows for atoms [0, row_atoms); the parent of each is all atoms together (none when
  // !has_parent). Every enterprise of an atom lies in `range` (RegionRange).
  std::vector<MeasureRow> EvaluateAtoms(int indicator, Period t, const AtomMap& atom_of,
                                        int32_t atoms, int32_t row_atoms, bool has_parent,
                                        const std::vector<Measure>& measures,
                                        std::pair<uint32_t, uint32_t> range,
                                        const SumsMemo::Key* pass) const;
  // The atoms' sums at q, kept under `pass` (nullptr: not kept) with the indicator and period.
  std::vector<CellSums> PassSums(int indicator, Period q, const AtomMap& atom_of, int32_t atoms,
                                 SumOptions options, std::pair<uint32_t, uint32_t> range,
                                 const SumsMemo::Key* pass) const;

  const Panel& panel_;
  std::unique_ptr<SumsMemo> memo_;  // its own lock: queries are asked from many threads
  // Per enterprise, -1 without one: where its region and class lie in their code trees. The
  // regions' is sorted (the panel's order). A cell pass tests every enterprise of a range; these
  // keep it off the enterprises' records. Shared by the queries of panels of the same enterprises.
  struct Places {
    std::vector<int32_t> region_tin, industry_tin;
  };
  static std::shared_ptr<const Places> PlacesOf(const Panel& panel, const Query* previous);
  std::shared_ptr<const Places> places_;
  const std::vector<int32_t>& region_tin_;  // places_'s
  const std::vector<int32_t>& industry_tin_;
};

}  // namespace ballast

#endif  // BALLAST_ENGINE_QUERY_H_
