// Query::Cells: many cells in few passes over the panel.
#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "engine/atom_sums.h"
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

  // The pairs in atom order, as a kept pass's key names them.
  std::vector<uint64_t> Keys() const {
    std::vector<uint64_t> out;
    out.reserve(pairs_.size());
    for (const NodePair& p : pairs_) out.push_back(PairKey(p));
    return out;
  }

  // The enterprises from the first to the last of the pairs' regions (regions at one depth:
  // their ranges follow one another); a province's cells pass over the province alone.
  std::pair<uint32_t, uint32_t> Range(const Query& query) const {
    uint32_t lo = UINT32_MAX, hi = 0;
    for (const NodePair& p : pairs_) {
      const auto [a, b] = query.RegionRange(p.first);
      if (a >= b) continue;
      lo = std::min(lo, a);
      hi = std::max(hi, b);
    }
    return lo < hi ? std::make_pair(lo, hi) : std::make_pair(uint32_t{0}, uint32_t{0});
  }

  // Each enterprise's atom, placed block by block as a pass reads the blocks (a kept pass
  // summing one block again places that block alone). Reads this object: it must outlive the map.
  AtomMap Map(const Panel& panel) const {
    auto placer = std::make_shared<const Placer>(panel, *this);
    return AtomMap(
        [placer](uint32_t from, uint32_t to, int32_t* out) { placer->Place(from, to, out); });
  }

 private:
  // The tables an enterprise is placed by: each code's node at the pairs' depth (kNoNode where
  // no pair holds it), a table per tree (a few thousand codes) read per enterprise rather than
  // a walk up both trees and a lookup for those no pair holds; then the pairs in a dense table
  // over the nodes used (rows: regions, columns: industries) when it is small, two table reads
  // instead of a hash lookup.
  class Placer {
   public:
    Placer(const Panel& panel, const PairAtoms& atoms) : panel_(panel), atoms_(atoms) {
      const CodeTree& regions = panel.catalog().regions();
      const CodeTree& industries = panel.catalog().industries();
      const auto& pairs = atoms.pairs_;
      if (pairs.empty()) return;
      std::vector<bool> region_used(regions.size()), industry_used(industries.size());
      for (const NodePair& p : pairs) {
        region_used[static_cast<size_t>(p.first)] = true;
        industry_used[static_cast<size_t>(p.second)] = true;
      }
      region_at_ = AtDepth(regions, regions.node(pairs[0].first).depth, region_used);
      industry_at_ = AtDepth(industries, industries.node(pairs[0].second).depth, industry_used);
      size_t rows = 0;
      row_of_ = Compact(region_used, &rows);
      column_of_ = Compact(industry_used, &columns_);
      dense_ = rows * columns_ <= 4 * pairs.size() + kDenseCells;
      if (!dense_) return;
      table_.assign(rows * columns_, -1);
      for (size_t a = 0; a < pairs.size(); ++a) {
        table_[row_of_[static_cast<size_t>(pairs[a].first)] * columns_ +
               column_of_[static_cast<size_t>(pairs[a].second)]] = static_cast<int32_t>(a);
      }
    }

    void Place(uint32_t from, uint32_t to, int32_t* out) const {
      std::fill(out, out + (to - from), -1);
      if (region_at_.empty()) return;
      for (uint32_t e = from; e < to; ++e) {
        const PanelEnterprise& ent = panel_.enterprise(e);
        if (ent.region == kNoNode || ent.industry == kNoNode) continue;
        const NodeId r = region_at_[static_cast<size_t>(ent.region)];
        const NodeId i = industry_at_[static_cast<size_t>(ent.industry)];
        if (r == kNoNode || i == kNoNode) continue;
        if (dense_) {
          out[e - from] = table_[row_of_[static_cast<size_t>(r)] * columns_ +
                                 column_of_[static_cast<size_t>(i)]];
        } else if (auto it = atoms_.index_.find(PairKey({r, i})); it != atoms_.index_.end()) {
          out[e - from] = it->second;
        }
      }
    }

   private:
    static std::vector<NodeId> AtDepth(const CodeTree& tree, int32_t depth,
                                       const std::vector<bool>& used) {
      std::vector<NodeId> out(tree.size(), kNoNode);
      for (size_t n = 0; n < tree.size(); ++n) {
        const NodeId a = tree.AncestorAtDepth(static_cast<NodeId>(n), depth);
        if (a != kNoNode && used[static_cast<size_t>(a)]) out[n] = a;
      }
      return out;
    }
    static std::vector<size_t> Compact(const std::vector<bool>& used, size_t* count) {
      std::vector<size_t> out(used.size(), 0);
      for (size_t n = 0; n < used.size(); ++n) {
        if (used[n]) out[n] = (*count)++;
      }
      return out;
    }

    const Panel& panel_;
    const PairAtoms& atoms_;
    std::vector<NodeId> region_at_, industry_at_;
    std::vector<size_t> row_of_, column_of_;
    size_t columns_ = 0;
    bool dense_ = false;
    std::vector<int32_t> table_;
  };

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
    // Kept by the cells asked (SumsMemo): the next snapshot's scores of the country's industries
    // ask the same cells, and sum again only the blocks a batch moved.
    SumsMemo::Key pass{SumsMemo::Key::kCells};
    pass.pairs = own.Keys();
    const auto range = own.Range(*this);
    const AtomMap atom_of = own.Map(panel_);
    AtomContexts at(measures, t, [&](Period q) {
      return PassSums(indicator, q, atom_of, own.size(),
                      {real, windows && q == t, roster && q == t}, range, &pass);
    });
    std::vector<CellSums> parent_sums;
    if (up.size() > 0) {
      SumsMemo::Key up_pass{SumsMemo::Key::kCells};
      up_pass.pairs = up.Keys();
      parent_sums =
          PassSums(indicator, t, up.Map(panel_), up.size(), {}, up.Range(*this), &up_pass);
    }
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
