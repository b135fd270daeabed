// The full cube: sums for every indicator × period × region node × industry node (BCD, its
// sections and divisions), computed in one parallel pass over the panel and rolled up the two
// trees. Measures are derived from the sums on lookup, exactly as for on-demand queries.
#ifndef BALLAST_ENGINE_CUBE_H_
#define BALLAST_ENGINE_CUBE_H_

#include <memory>
#include <optional>
#include <vector>

#include "engine/measures.h"
#include "engine/panel.h"
#include "engine/query.h"

namespace ballast {

class Cube {
 public:
  static std::unique_ptr<Cube> Build(const Panel& panel, int threads);
  // Computes every cell again from the panel (after the panel's data changed in place, or to
  // time the computation without first-touch page faults), reusing the cube's memory.
  void Recompute(int threads);

  // The sums of a cell, or nullptr when the cell is outside the cube (an industry below
  // division level, a region without enterprises, a period outside the panel).
  const CellSums* Find(int indicator, Period p, NodeId region, NodeId industry) const;
  // A measure of a cell, as Query::Cell computes it; nullopt when undefined or outside.
  std::optional<double> Value(const CellRef& cell, Measure m, Dimension of) const;
  size_t bytes() const;
  size_t cells() const;

 private:
  explicit Cube(const Panel& panel);
  void BuildIndicator(int indicator);

  const Panel& panel_;
  std::vector<int32_t> region_index_;    // region NodeId -> row, or -1
  std::vector<NodeId> region_nodes_;     // row -> NodeId, in pre-order
  std::vector<int32_t> industry_slot_;   // industry NodeId -> column, or -1
  std::vector<NodeId> slot_nodes_;
  std::vector<int32_t> enterprise_cell_;  // panel index -> leaf cell, or -1
  std::vector<std::vector<CellSums>> slabs_;  // [indicator * periods + (p - first)]
};

// The peer benchmark's question answered by the engine: same-sample growth of the monthly
// value against the own value 12 months earlier (reported priors ignored, as the peer SQL does),
// by (region at region_depth, industry at industry_depth).
struct GroupGrowth {
  NodeId region, industry;
  double x_sum, base_sum;
};
// Each enterprise's group, computed once per panel and grouping.
class GroupIndex {
 public:
  GroupIndex(const Panel& panel, int32_t region_depth, int32_t industry_depth);
  int32_t group(uint32_t e) const { return key_[e]; }
  size_t groups() const { return nodes_.size(); }
  std::pair<NodeId, NodeId> nodes(size_t g) const { return nodes_[g]; }

 private:
  std::vector<int32_t> key_;  // per enterprise, -1 = in no group
  std::vector<std::pair<NodeId, NodeId>> nodes_;
};
std::vector<GroupGrowth> GroupedGrowth(const Panel& panel, const GroupIndex& index, int indicator, Period p);

}  // namespace ballast

#endif  // BALLAST_ENGINE_CUBE_H_
