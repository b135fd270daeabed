// The passes of a Query's plain cells (engine/atom_sums.h), kept for the next panel: a panel
// made from the one before by revised values is summed again only in the blocks of the
// enterprises whose figures changed, when a pass is next asked for.
#ifndef BALLAST_ENGINE_SUMS_MEMO_H_
#define BALLAST_ENGINE_SUMS_MEMO_H_

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <tuple>
#include <vector>

#include "engine/atom_sums.h"

namespace ballast {

class SumsMemo {
 public:
  // Everything a pass's atoms and sums depend on besides the panel: which pass (a cell with its
  // parent along a dimension, a node's children along one, a cell's enterprises), the plain cell
  // and the dimension (or the cells of a Query::Cells pass), the indicator and period, and whether
  // roster counts are summed.
  struct Key {
    enum Pass { kCell, kChildren, kEnterprises, kCells } pass = kCell;
    NodeId region = kNoNode, industry = kNoNode;
    int dimension = 0;
    int indicator = -1;
    Period period = 0;
    bool roster = false;
    std::vector<uint64_t> pairs = {};  // kCells: the (region, industry) of each atom, in order
    auto Tie() const {
      return std::tie(pass, region, industry, dimension, indicator, period, roster, pairs);
    }
    bool operator<(const Key& o) const { return Tie() < o.Tie(); }
  };
  struct Found {
    std::shared_ptr<const BlockSums> sums;
    std::vector<uint32_t> dirty;  // blocks to sum again (sorted); empty: as kept
  };

  std::optional<Found> Find(const Key& key) const;
  void Put(const Key& key, std::shared_ptr<const BlockSums> sums);
  // Takes over `previous`'s passes, each to be summed again in the blocks of `changed` (panel
  // indices, sorted) besides those it still had to; a pass with every block to sum again is
  // left out.
  void CarryFrom(const SumsMemo& previous, const std::vector<uint32_t>& changed);
  size_t size() const;

 private:
  // Cleared when the passes kept exceed it (a city's enterprise list is about 1 MB a month).
  static constexpr size_t kMaxBytes = size_t{96} << 20;

  mutable std::mutex mu_;
  std::map<Key, Found> passes_;
  size_t bytes_ = 0;
};

}  // namespace ballast

#endif  // BALLAST_ENGINE_SUMS_MEMO_H_
