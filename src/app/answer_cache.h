// Answers of the analysis use cases kept per panel snapshot (issue 11 item 5: throughput). A
// snapshot is immutable, so an answer computed on it stays right for as long as the snapshot is
// served; a new batch makes a new snapshot with an empty cache, which is the invalidation. The
// key holds everything the answer depends on besides the snapshot: the use case, every field of
// the request and the caller's scope (role, region, enterprise, unit) — never just the user.
#ifndef BALLAST_APP_ANSWER_CACHE_H_
#define BALLAST_APP_ANSWER_CACHE_H_

#include <atomic>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

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
  template <typename T>
  void Put(const std::string& key, const T& answer) {
    PutAny(key, std::make_shared<const T>(answer));
  }
  size_t size();
  int64_t hits() const { return hits_.load(); }
  int64_t misses() const { return misses_.load(); }

 private:
  std::shared_ptr<const void> FindAny(const std::string& key);
  void PutAny(const std::string& key, std::shared_ptr<const void> answer);

  using Entry = std::pair<std::string, std::shared_ptr<const void>>;
  const size_t capacity_;
  std::mutex mu_;
  std::list<Entry> lru_;  // most recent first
  std::unordered_map<std::string_view, std::list<Entry>::iterator>
      index_;  // views into lru_'s keys
  std::atomic<int64_t> hits_{0}, misses_{0};
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
