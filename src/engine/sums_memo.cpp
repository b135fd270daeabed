#include "engine/sums_memo.h"

#include <algorithm>
#include <iterator>

namespace ballast {

std::optional<SumsMemo::Found> SumsMemo::Find(const Key& key) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = passes_.find(key);
  if (it == passes_.end()) return std::nullopt;
  return it->second;
}

void SumsMemo::Put(const Key& key, std::shared_ptr<const BlockSums> sums) {
  const size_t bytes = sums->Bytes();
  std::lock_guard<std::mutex> lock(mu_);
  if (bytes_ + bytes > kMaxBytes) {
    passes_.clear();
    bytes_ = 0;
  }
  auto [it, added] = passes_.try_emplace(key);
  if (!added) bytes_ -= std::min(bytes_, it->second.sums->Bytes());
  it->second = {std::move(sums), {}};
  bytes_ += bytes;
}

void SumsMemo::CarryFrom(const SumsMemo& previous, const std::vector<uint32_t>& changed) {
  std::vector<uint32_t> blocks;
  for (uint32_t e : changed) {
    const uint32_t b = e / kSumBlock;
    if (blocks.empty() || blocks.back() != b) blocks.push_back(b);
  }
  std::lock_guard<std::mutex> own(mu_);
  std::lock_guard<std::mutex> theirs(previous.mu_);
  for (const auto& [key, was] : previous.passes_) {
    const BlockSums& sums = *was.sums;
    std::vector<uint32_t> dirty;
    const uint32_t first = sums.first_block;
    const auto end = first + static_cast<uint32_t>(sums.blocks.size());
    std::set_union(was.dirty.begin(), was.dirty.end(), blocks.begin(), blocks.end(),
                   std::back_inserter(dirty));
    std::erase_if(dirty, [&](uint32_t b) { return b < first || b >= end; });
    if (!dirty.empty() && dirty.size() == sums.blocks.size()) continue;  // nothing kept
    passes_[key] = {was.sums, std::move(dirty)};
    bytes_ += sums.Bytes();
  }
}

size_t SumsMemo::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return passes_.size();
}

}  // namespace ballast
