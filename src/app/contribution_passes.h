// Disclosure control's passes over a plain parent cell's enterprises (app/disclosure.h: the
// contributions of the parent and of each of its children along one dimension), kept by block
// per panel snapshot: a snapshot made from the previous one by revised values makes them again
// only in the blocks of the enterprises that moved (engine/block_memo.h). Issue 11: every batch
// made each national table pass over 500,000 enterprises to find its cells' contributors.
#ifndef BALLAST_APP_CONTRIBUTION_PASSES_H_
#define BALLAST_APP_CONTRIBUTION_PASSES_H_

#include <compare>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "core/code_tree.h"
#include "core/period.h"
#include "engine/block_memo.h"
#include "sdc/contributions.h"

namespace ballast::app {

struct ContributionKey {
  int indicator = -1;
  Period period = 0;
  NodeId region = kNoNode, industry = kNoNode;  // the parent cell
  bool by_region = false;                       // its children along regions, else industries
  auto operator<=>(const ContributionKey&) const = default;
};

struct ContributionBlocks {
  // A block's contributions: each child's (by its node) and the parent's (kNoNode).
  using Part = std::vector<std::pair<NodeId, sdc::Contributions>>;
  uint32_t first_block = 0;
  std::vector<std::shared_ptr<const Part>> blocks;

  size_t Bytes() const {
    size_t bytes = sizeof(*this) + blocks.size() * sizeof(blocks[0]);
    for (const auto& part : blocks) {
      bytes += part->capacity() * sizeof((*part)[0]);
      for (const auto& [node, c] : *part) bytes += c.largest().size() * sizeof(double);
    }
    return bytes;
  }
};

using ContributionPasses = BlockMemo<ContributionKey, ContributionBlocks>;

}  // namespace ballast::app

#endif  // BALLAST_APP_CONTRIBUTION_PASSES_H_
