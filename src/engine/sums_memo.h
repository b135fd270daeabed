// The passes of a Query's plain cells (engine/atom_sums.h), kept for the next panel: a panel
// made from the one before by revised values is summed again only in the blocks of the
// enterprises whose figures changed, when a pass is next asked for.
#ifndef BALLAST_ENGINE_SUMS_MEMO_H_
#define BALLAST_ENGINE_SUMS_MEMO_H_

#include <cstdint>
#include <tuple>
#include <vector>

#include "engine/atom_sums.h"
#include "engine/block_memo.h"

namespace ballast {

// Everything a pass's atoms and sums depend on besides the panel: which pass (a cell with its
// parent along a dimension, a node's children along one, a cell's enterprises), the plain cell
// and the dimension (or the cells of a Query::Cells pass), the indicator and period, and whether
// roster counts are summed.
struct SumsKey {
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
  bool operator<(const SumsKey& o) const { return Tie() < o.Tie(); }
};

class SumsMemo : public BlockMemo<SumsKey, BlockSums> {
 public:
  using Key = SumsKey;
  using BlockMemo::BlockMemo;
};

}  // namespace ballast

#endif  // BALLAST_ENGINE_SUMS_MEMO_H_
