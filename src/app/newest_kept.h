// One value kept for the newest object it was made from (a snapshot, a list of enterprises),
// shared by the requests that ask of the same object. The object is held weakly: the value is
// found again only while the object lives, and never keeps it alive.
#ifndef BALLAST_APP_NEWEST_KEPT_H_
#define BALLAST_APP_NEWEST_KEPT_H_

#include <cstdint>
#include <memory>
#include <mutex>

namespace ballast::app {

template <typename Of, typename Value>
class NewestKept {
 public:
  // The value kept for `of`, or nullptr.
  std::shared_ptr<const Value> Find(const std::shared_ptr<const Of>& of) const {
    std::lock_guard<std::mutex> lock(mu_);
    return value_ != nullptr && of != nullptr && of_.lock() == of ? value_ : nullptr;
  }
  // Keeps `value` for `of` unless the one kept is of a newer object (`order`, e.g. the batch a
  // snapshot is through: a request still on an older snapshot does not replace a newer one).
  void Put(const std::shared_ptr<const Of>& of, std::shared_ptr<const Value> value,
           int64_t order = 0) {
    std::lock_guard<std::mutex> lock(mu_);
    if (value_ != nullptr && order < order_) return;
    of_ = of;
    order_ = order;
    value_ = std::move(value);
  }

 private:
  mutable std::mutex mu_;
  std::weak_ptr<const Of> of_;
  int64_t order_ = 0;
  std::shared_ptr<const Value> value_;
};

}  // namespace ballast::app

#endif  // BALLAST_APP_NEWEST_KEPT_H_
