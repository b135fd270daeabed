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
  it->second->asked = Clock::now();
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->answer;
}

void AnswerCache::PutAny(const std::string& key, std::shared_ptr<const void> answer,
                         std::vector<std::string> reads, NodeId within,
                         std::function<void()> remake) {
  if (capacity_ == 0) return;
  const auto now = Clock::now();
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = index_.find(key); it != index_.end()) {
    it->second->answer = std::move(answer);
    it->second->reads = std::move(reads);
    it->second->within = within;
    it->second->remake = std::move(remake);
    it->second->asked = now;
    lru_.splice(lru_.begin(), lru_, it->second);
    return;
  }
  lru_.push_front(Entry{key, std::move(answer), std::move(reads), within, std::move(remake), now});
  index_.emplace(std::string_view(lru_.front().key), lru_.begin());
  while (lru_.size() > capacity_) {
    index_.erase(std::string_view(lru_.back().key));
    lru_.pop_back();
  }
}

void AnswerCache::CarryFrom(AnswerCache& previous, const std::set<std::string>& changed,
                            const std::unordered_set<NodeId>* moved, size_t most_remade) {
  if (&previous == this || capacity_ == 0) return;
  std::vector<Entry> kept;
  std::vector<Remake> remakes;
  const auto recent = Clock::now() - kAskedWithin;
  {
    std::lock_guard<std::mutex> lock(previous.mu_);
    for (const Entry& e : previous.lru_) {
      const bool elsewhere = moved != nullptr && e.within != kNoNode && !moved->contains(e.within);
      // An answer that did not say what it read is never carried.
      if (e.reads.empty() ||
          (!elsewhere && std::any_of(e.reads.begin(), e.reads.end(),
                                     [&](const std::string& r) { return changed.count(r) > 0; }))) {
        if (e.remake && e.asked >= recent) remakes.push_back(Remake{e.key, e.remake, e.asked});
        continue;
      }
      kept.push_back(e);
    }
  }
  // Carried and remade answers stand out of the order of asking: sorted by it.
  std::stable_sort(remakes.begin(), remakes.end(),
                   [](const Remake& a, const Remake& b) { return a.asked > b.asked; });
  if (remakes.size() > most_remade) remakes.resize(most_remade);
  std::lock_guard<std::mutex> lock(mu_);
  remakes_ = std::move(remakes);
  for (Entry& e : kept) {
    if (lru_.size() >= capacity_) break;
    if (index_.count(e.key) > 0) continue;
    lru_.push_back(std::move(e));
    index_.emplace(std::string_view(lru_.back().key), std::prev(lru_.end()));
  }
}

size_t AnswerCache::MakeAgain() {
  std::vector<Remake> remakes;
  {
    std::lock_guard<std::mutex> lock(mu_);
    remakes.swap(remakes_);
  }
  size_t made = 0;
  for (const Remake& r : remakes) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (index_.count(r.key) > 0) continue;  // made meanwhile
    }
    r.make();
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = index_.find(r.key); it != index_.end()) {
      it->second->asked = r.asked;
      ++made;
    }
  }
  return made;
}

}  // namespace ballast::app
