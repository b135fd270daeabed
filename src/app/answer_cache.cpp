#include "app/answer_cache.h"

#include <algorithm>
#include <iterator>

namespace ballast::app {

size_t AnswerCache::size() {
  std::lock_guard<std::mutex> lock(mu_);
  return lru_.size();
}

std::shared_ptr<const void> AnswerCache::FindAny(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = index_.find(key);
  if (it == index_.end()) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->answer;
}

void AnswerCache::PutAny(const std::string& key, std::shared_ptr<const void> answer,
                         std::vector<std::string> reads, NodeId within) {
  if (capacity_ == 0) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = index_.find(key); it != index_.end()) {
    it->second->answer = std::move(answer);
    it->second->reads = std::move(reads);
    it->second->within = within;
    lru_.splice(lru_.begin(), lru_, it->second);
    return;
  }
  lru_.push_front(Entry{key, std::move(answer), std::move(reads), within});
  index_.emplace(std::string_view(lru_.front().key), lru_.begin());
  while (lru_.size() > capacity_) {
    index_.erase(std::string_view(lru_.back().key));
    lru_.pop_back();
  }
}

void AnswerCache::CarryFrom(AnswerCache& previous, const std::set<std::string>& changed,
                            const std::unordered_set<NodeId>* moved) {
  if (&previous == this || capacity_ == 0) return;
  std::vector<Entry> kept;
  {
    std::lock_guard<std::mutex> lock(previous.mu_);
    for (const Entry& e : previous.lru_) {
      if (e.reads.empty()) continue;  // it did not say what it read
      const bool elsewhere = moved != nullptr && e.within != kNoNode && !moved->contains(e.within);
      if (!elsewhere && std::any_of(e.reads.begin(), e.reads.end(),
                                    [&](const std::string& r) { return changed.count(r) > 0; }))
        continue;
      kept.push_back(e);
    }
  }
  std::lock_guard<std::mutex> lock(mu_);
  for (Entry& e : kept) {
    if (lru_.size() >= capacity_) break;
    if (index_.count(e.key) > 0) continue;
    lru_.push_back(std::move(e));
    index_.emplace(std::string_view(lru_.back().key), std::prev(lru_.end()));
  }
}

}  // namespace ballast::app
