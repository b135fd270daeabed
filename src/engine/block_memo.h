// Passes kept by block for the next panel: a pass over the enterprises cut into blocks of
// kSumBlock panel indices (engine/atom_sums.h), each block's part made on its own. A panel made
// from the one before by revised values takes the passes over, each to be made again only in
// the blocks of the enterprises whose figures changed, when it is next asked for. The sums of
// plain cells (engine/sums_memo.h) and disclosure control's contributions (app/disclosure.h)
// are kept so.
#ifndef BALLAST_ENGINE_BLOCK_MEMO_H_
#define BALLAST_ENGINE_BLOCK_MEMO_H_

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "engine/atom_sums.h"

namespace ballast {

// The blocks a pass over the enterprises [lo, hi) reads: [FirstBlock(lo), EndBlock(lo, hi)).
inline uint32_t FirstBlock(uint32_t lo) { return lo / kSumBlock; }
inline uint32_t EndBlock(uint32_t lo, uint32_t hi) {
  return hi <= lo ? FirstBlock(lo) : (hi - 1) / kSumBlock + 1;
}
// Block b's part of [lo, hi): [first, second) (empty when they do not meet).
inline std::pair<uint32_t, uint32_t> BlockRange(uint32_t b, uint32_t lo, uint32_t hi) {
  const uint64_t start = uint64_t{b} * kSumBlock;
  const auto from = static_cast<uint32_t>(std::max<uint64_t>(lo, start));
  const auto to = static_cast<uint32_t>(std::min<uint64_t>(hi, start + kSumBlock));
  return {from, std::max(from, to)};
}

// `Blocks`: a pass, with `first_block`, `blocks` (one part per block from the first) and
// Bytes(); `Key`: what the pass depends on besides the panel, ordered.
template <typename Key, typename Blocks>
class BlockMemo {
 public:
  struct Found {
    std::shared_ptr<const Blocks> sums;
    std::vector<uint32_t> dirty;  // blocks to make again (sorted); empty: as kept
  };

  // The passes asked least lately are dropped while those kept exceed `max_bytes`.
  explicit BlockMemo(size_t max_bytes = kDefaultMaxBytes) : max_bytes_(max_bytes) {}

  std::optional<Found> Find(const Key& key) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = passes_.find(key);
    if (it == passes_.end()) return std::nullopt;
    order_.splice(order_.begin(), order_, it->second.at);
    return it->second.found;
  }

  void Put(const Key& key, std::shared_ptr<const Blocks> sums) {
    const size_t bytes = sums->Bytes();
    std::lock_guard<std::mutex> lock(mu_);
    auto [it, added] = passes_.try_emplace(key);
    if (added) {
      order_.push_front(&it->first);
      it->second.at = order_.begin();
    } else {
      bytes_ -= std::min(bytes_, it->second.bytes);
      order_.splice(order_.begin(), order_, it->second.at);
    }
    it->second.found = {std::move(sums), {}};
    it->second.bytes = bytes;
    bytes_ += bytes;
    Trim();
  }

  // Takes over `previous`'s passes, each to be made again in the blocks of `changed` (panel
  // indices, sorted) besides those it still had to; a pass with every block to make again is
  // left out.
  void CarryFrom(const BlockMemo& previous, const std::vector<uint32_t>& changed) {
    std::vector<uint32_t> blocks;
    for (uint32_t e : changed) {
      const uint32_t b = e / kSumBlock;
      if (blocks.empty() || blocks.back() != b) blocks.push_back(b);
    }
    std::lock_guard<std::mutex> own(mu_);
    std::lock_guard<std::mutex> theirs(previous.mu_);
    // Oldest first, each put in front: the order of asking comes over.
    for (auto at = previous.order_.rbegin(); at != previous.order_.rend(); ++at) {
      const Held& was = previous.passes_.at(**at);
      const Blocks& sums = *was.found.sums;
      std::vector<uint32_t> dirty;
      const uint32_t first = sums.first_block;
      const auto end = first + static_cast<uint32_t>(sums.blocks.size());
      std::set_union(was.found.dirty.begin(), was.found.dirty.end(), blocks.begin(), blocks.end(),
                     std::back_inserter(dirty));
      std::erase_if(dirty, [&](uint32_t b) { return b < first || b >= end; });
      if (!dirty.empty() && dirty.size() == sums.blocks.size()) continue;  // nothing kept
      auto [it, added] = passes_.try_emplace(**at);
      if (!added) continue;
      order_.push_front(&it->first);
      it->second = {{was.found.sums, std::move(dirty)}, was.bytes, order_.begin()};
      bytes_ += was.bytes;
    }
    Trim();
  }

  size_t size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return passes_.size();
  }

 private:
  // A city's enterprise list is about 1 MB a month.
  static constexpr size_t kDefaultMaxBytes = size_t{96} << 20;

  struct Held {
    Found found;
    size_t bytes = 0;
    typename std::list<const Key*>::iterator at;  // in order_
  };

  // Drops the passes asked least lately while those kept exceed the bound (issue 11: clearing
  // them all, as before, made the enterprise lists of the day's mix, which exceed it together,
  // throw out every national pass many times a minute).
  void Trim() {
    while (bytes_ > max_bytes_ && order_.size() > 1) {
      auto it = passes_.find(*order_.back());
      bytes_ -= std::min(bytes_, it->second.bytes);
      order_.pop_back();
      passes_.erase(it);
    }
  }

  const size_t max_bytes_;
  mutable std::mutex mu_;
  std::map<Key, Held> passes_;
  mutable std::list<const Key*> order_;  // the keys of passes_, asked most lately first
  size_t bytes_ = 0;
};

// The blocks [first, end) of a pass: those of `before` (when it covers the same blocks) that are
// not `dirty` (sorted) kept, the others made by make(b).
template <typename Part, typename Make>
std::vector<std::shared_ptr<const Part>> KeepBlocks(
    uint32_t before_first, const std::vector<std::shared_ptr<const Part>>& before,
    const std::vector<uint32_t>& dirty, uint32_t first, uint32_t end, Make make) {
  const bool keep = before_first == first && before.size() == end - first;
  std::vector<std::shared_ptr<const Part>> out;
  out.reserve(end - first);
  for (uint32_t b = first; b < end; ++b) {
    if (keep && !std::binary_search(dirty.begin(), dirty.end(), b)) {
      out.push_back(before[b - first]);
    } else {
      out.push_back(make(b));
    }
  }
  return out;
}

}  // namespace ballast

#endif  // BALLAST_ENGINE_BLOCK_MEMO_H_
