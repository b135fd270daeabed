// Query::Cells: many cells in few passes over the panel.
#include <algorithm>
#include <map>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "engine/measure_context.h"
#include "engine/query.h"

namespace ballast {

namespace {

using NodePair = std::pair<NodeId, NodeId>;  // (region, industry)

uint64_t PairKey(const NodePair& p) {
  return (static_cast<uint64_t>(static_cast<uint32_t>(p.first)) << 32) |
         static_cast<uint32_t>(p.second);
}

// Distinct pairs whose nodes all lie at the same two depths: each enterprise lies in at most
// one of them, so one pass gives the sums of all.
class PairAtoms {
 public:
  int32_t Add(const NodePair& p) {
    auto [it, added] = index_.emplace(PairKey(p), static_cast<int32_t>(pairs_.size()));
    if (added) pairs_.push_back(p);
    return it->second;
  }
  int32_t size() const { return static_cast<int32_t>(pairs_.size()); }

  std::vector<int32_t> AtomOf(const Panel& panel) const {
    const CodeTree& regions = panel.catalog().regions();
    const CodeTree& industries = panel.catalog().industries();
    std::vector<int32_t> atom_of(panel.num_enterprises(), -1);
    if (pairs_.empty()) return atom_of;
    // Each code's node at the pairs' depth, kNoNode where no pair holds it: a table per tree (a
    // few thousand codes) read per enterprise, rather than a walk up both trees per enterprise
    // and a lookup for those no pair holds.
    const auto at_depth = [](const CodeTree& tree, int32_t depth, const std::vector<bool>& used) {
      std::vector<NodeId> out(tree.size(), kNoNode);
      for (size_t n = 0; n < tree.size(); ++n) {
        const NodeId a = tree.AncestorAtDepth(static_cast<NodeId>(n), depth);
        if (a != kNoNode && used[static_cast<size_t>(a)]) out[n] = a;
      }
      return out;
    };
    std::vector<bool> region_used(regions.size()), industry_used(industries.size());
    for (const NodePair& p : pairs_) {
      region_used[static_cast<size_t>(p.first)] = true;
      industry_used[static_cast<size_t>(p.second)] = true;
    }
    const std::vector<NodeId> region_at =
        at_depth(regions, regions.node(pairs_[0].first).depth, region_used);
    const std::vector<NodeId> industry_at =
        at_depth(industries, industries.node(pairs_[0].second).depth, industry_used);
    // The pairs in a dense table over the nodes used (rows: regions, columns: industries), so
    // that an enterprise is two table reads, not a hash lookup.
    const auto compact = [](const std::vector<bool>& used, size_t* count) {
      std::vector<size_t> out(used.size(), 0);
      for (size_t n = 0; n < used.size(); ++n) {
        if (used[n]) out[n] = (*count)++;
      }
      return out;
    };
    size_t rows = 0, columns = 0;
    const std::vector<size_t> row_of = compact(region_used, &rows);
    const std::vector<size_t> column_of = compact(industry_used, &columns);
    const bool dense = rows * columns <= 4 * pairs_.size() + kDenseCells;
    std::vector<int32_t> table(dense ? rows * columns : 0, -1);
    for (size_t a = 0; dense && a < pairs_.size(); ++a) {
      table[row_of[static_cast<size_t>(pairs_[a].first)] * columns +
            column_of[static_cast<size_t>(pairs_[a].second)]] = static_cast<int32_t>(a);
    }
    for (uint32_t e = 0; e < panel.num_enterprises(); ++e) {
      const PanelEnterprise& ent = panel.enterprise(e);
      if (ent.region == kNoNode || ent.industry == kNoNode) continue;
      const NodeId r = region_at[static_cast<size_t>(ent.region)];
      const NodeId i = industry_at[static_cast<size_t>(ent.industry)];
      if (r == kNoNode || i == kNoNode) continue;
      if (dense) {
        atom_of[e] =
            table[row_of[static_cast<size_t>(r)] * columns + column_of[static_cast<size_t>(i)]];
      } else if (auto it = index_.find(PairKey({r, i})); it != index_.end()) {
        atom_of[e] = it->second;
      }
    }
    return atom_of;
  }

 private:
  // A table no larger than a few entries per pair (and 256 KB): many regions with many
  // industries (at most the square of the pairs) are looked up by hash.
  static constexpr size_t kDenseCells = size_t{64} << 10;

  std::vector<NodePair> pairs_;
  std::unordered_map<uint64_t, int32_t> index_;
};

bool AnyNeedsParent(const std::vector<Measure>& measures) {
  return std::any_of(measures.begin(), measures.end(), [](Measure m) { return NeedsParent(m); });
}

}  // namespace

std::vector<Result<MeasureRow>> Query::Cells(const std::vector<CellRef>& cells,
                                             const std::vector<Measure>& measures,
                                             Dimension of) const {
  const CodeTree& regions = panel_.catalog().regions();
  const CodeTree& industries = panel_.catalog().industries();
  std::vector<std::optional<Result<MeasureRow>>> done(cells.size());
  // (indicator, period, region depth, industry depth) → the cells of that shape.
  std::map<std::tuple<int, Period, int32_t, int32_t>, std::vector<size_t>> groups;
  for (size_t k = 0; k < cells.size(); ++k) {
    const CellRef& c = cells[k];
    if (Status s = Validate(c, measures); !s.ok()) {
      done[k] = s;
    } else if (c.filter != nullptr) {
      done[k] = Cell(c, measures, of);
    } else {
      groups[{c.indicator, c.period, regions.node(c.region).depth,
              industries.node(c.industry).depth}]
          .push_back(k);
    }
  }
  const bool real = NeedsRealSums(measures), windows = NeedsWindows(measures),
             roster = NeedsRoster(measures);
  const bool parents = AnyNeedsParent(measures);
  for (const auto& [shape, members] : groups) {
    // Plain copies, not a structured binding: clang 14 (the fuzz build) cannot capture those.
    const int indicator = std::get<0>(shape);
    const Period t = std::get<1>(shape);
    PairAtoms own, up;
    std::vector<int32_t> atom(members.size()), parent(members.size(), -1);
    for (size_t j = 0; j < members.size(); ++j) {
      const CellRef& c = cells[members[j]];
      atom[j] = own.Add({c.region, c.industry});
      if (!parents) continue;
      // A region compares with its parent region, an industry with its parent industry.
      const NodePair p = of == Dimension::kRegion
                             ? NodePair{regions.node(c.region).parent, c.industry}
                             : NodePair{c.region, industries.node(c.industry).parent};
      if (p.first != kNoNode && p.second != kNoNode) parent[j] = up.Add(p);
    }
    const std::vector<int32_t> atom_of = own.AtomOf(panel_);
    AtomContexts at(measures, t, [&](Period q) {
      return AtomSums(indicator, q, atom_of, own.size(), windows && q == t, real, roster && q == t);
    });
    std::vector<CellSums> parent_sums;
    if (up.size() > 0) parent_sums = AtomSums(indicator, t, up.AtomOf(panel_), up.size());
    const Indicator& ind = panel_.catalog().indicators()[static_cast<size_t>(indicator)];
    for (size_t j = 0; j < members.size(); ++j) {
      const auto a = static_cast<size_t>(atom[j]);
      const CellSums* p = parent[j] < 0 ? nullptr : &parent_sums[static_cast<size_t>(parent[j])];
      const MeasureContext ctx = at.Context(a, p);
      MeasureRow row;
      row.n = at.sums()[a].n;
      for (Measure m : measures) row.values.push_back(ComputeMeasure(m, ind, at.sums()[a], ctx));
      done[members[j]] = std::move(row);
    }
  }
  std::vector<Result<MeasureRow>> out;
  out.reserve(cells.size());
  for (auto& d : done) out.push_back(std::move(*d));
  return out;
}

}  // namespace ballast
