// Answers of the analysis use cases kept per panel snapshot (issue 11 item 5: throughput). A
// snapshot is immutable, so an answer computed on it stays right for as long as the snapshot is
// served; a new batch makes a new snapshot with an empty cache, which is the invalidation. The
// key holds everything the answer depends on besides the snapshot: the use case, every field of
// the request and the caller's scope (role, region, enterprise, unit) — never just the user.
#ifndef BALLAST_APP_ANSWER_CACHE_H_
#define BALLAST_APP_ANSWER_CACHE_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/code_tree.h"

namespace ballast::app {

class AnswerCache {
 public:
  // At most `capacity` answers; the least recently used goes first.
  explicit AnswerCache(size_t capacity = 2048) : capacity_(capacity) {}

  // The answer stored under `key` (the key names its type), or nullptr.
  template <typename T>
  std::shared_ptr<const T> Find(const std::string& key) {
    return std::static_pointer_cast<const T>(FindAny(key));
  }
  // `reads`: the indicators whose figures the answer is made of (none: it may read anything);
  // `within`: the region whose enterprises alone it reads (kNoNode: any). CarryFrom decides by
  // them.
  // `remake`: makes the answer again, with its renderings, for the snapshot pinned on the
  // calling thread and puts it in that snapshot's cache (none: it is made when next asked).
  template <typename T>
  void Put(const std::string& key, const T& answer, std::vector<std::string> reads = {},
           NodeId within = kNoNode, std::function<void()> remake = {}) {
    PutAny(key, std::make_shared<const T>(answer), std::move(reads), within, std::move(remake));
  }
  template <typename T>
  void Put(const std::string& key, std::shared_ptr<const T> answer,
           std::vector<std::string> reads = {}, NodeId within = kNoNode,
           std::function<void()> remake = {}) {
    PutAny(key, std::move(answer), std::move(reads), within, std::move(remake));
  }
  // Takes over the answers of the previous snapshot's cache (most recent first) that said what
  // they read and read none of the indicators a new batch changed, or — when `moved` is given:
  // the regions holding an enterprise the batch moved, with their ancestors — read within a
  // region none of them is. Only for a snapshot made from the previous one by values alone:
  // the same enterprises, periods, prices and rates.
  // Of the answers it does not carry, those asked within the last `kAskedWithin` that can be
  // remade (at most `most_remade`, the most recently asked first) wait for MakeAgain.
  void CarryFrom(AnswerCache& previous, const std::set<std::string>& changed,
                 const std::unordered_set<NodeId>* moved = nullptr,
                 size_t most_remade = kMostRemade);
  // Makes the answers CarryFrom left waiting, one after another on this thread, which must have
  // this cache's snapshot pinned: the snapshot is published with the answers its readers were
  // asking for, rather than each first reader making one while the others queue behind it.
  // A remade answer keeps the time it was last asked, so that one nobody asks again stops being
  // remade. Returns how many it made.
  size_t MakeAgain();
  static constexpr std::chrono::seconds kAskedWithin{10};
  static constexpr size_t kMostRemade = 64;
  size_t size();
  int64_t hits() const { return hits_.load(); }
  int64_t misses() const { return misses_.load(); }

 private:
  using Clock = std::chrono::steady_clock;
  struct Entry {
    std::string key;
    std::shared_ptr<const void> answer;
    std::vector<std::string> reads;
    NodeId within = kNoNode;
    std::function<void()> remake;
    Clock::time_point asked;  // last found or put
  };
  struct Remake {
    std::string key;
    std::function<void()> make;
    Clock::time_point asked;
  };
  std::shared_ptr<const void> FindAny(const std::string& key);
  void PutAny(const std::string& key, std::shared_ptr<const void> answer,
              std::vector<std::string> reads, NodeId within, std::function<void()> remake);

  const size_t capacity_;
  std::mutex mu_;
  std::list<Entry> lru_;  // most recent first
  std::unordered_map<std::string_view, std::list<Entry>::iterator>
      index_;  // views into lru_'s keys
  std::atomic<int64_t> hits_{0}, misses_{0};
  std::vector<Remake> remakes_;  // left by CarryFrom for MakeAgain
};

// How a transport renders an answer (the API: JSON), named: an answer kept in a cache keeps
// each of its renderings too, so that a large answer asked again is not rendered again. The
// name tells renderings apart; what a rendering depends on besides the answer (the caller's
// role, say) must be in the answer's cache key. The answer keeps `render` to render its remade
// self on a new snapshot: it must not refer to the request.
template <typename T>
struct Rendering {
  std::string_view name;
  std::function<std::string(const T&)> render;
};

// An answer with its renderings, made at most once each (concurrent askers wait for the first).
template <typename T>
class Kept {
 public:
  explicit Kept(T answer) : answer_(std::move(answer)) {}
  const T& answer() const { return answer_; }
  std::shared_ptr<const std::string> Rendered(const Rendering<T>& r) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto& slot = rendered_[std::string(r.name)];
    if (slot.text == nullptr) {
      slot.text = std::make_shared<const std::string>(r.render(answer_));
      slot.render = r.render;
    }
    return slot.text;
  }
  // The renderings made of it so far (names valid while it lives).
  std::vector<Rendering<T>> renderings() const {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<Rendering<T>> out;
    for (const auto& [name, slot] : rendered_) out.push_back({name, slot.render});
    return out;
  }

 private:
  struct Slot {
    std::shared_ptr<const std::string> text;
    std::function<std::string(const T&)> render;
  };
  const T answer_;
  mutable std::mutex mu_;
  mutable std::map<std::string, Slot> rendered_;
};

// Builds cache keys: each part length-prefixed, so no value can pose as two.
class CacheKey {
 public:
  explicit CacheKey(std::string_view kind) { Add(kind); }
  CacheKey& Add(std::string_view part) {
    key_ += std::to_string(part.size());
    key_ += ':';
    key_ += part;
    return *this;
  }
  CacheKey& Add(int64_t n) { return Add(std::string_view(std::to_string(n))); }
  const std::string& str() const { return key_; }

 private:
  std::string key_;
};

}  // namespace ballast::app

#endif  // BALLAST_APP_ANSWER_CACHE_H_
