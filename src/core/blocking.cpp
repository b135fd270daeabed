#include "core/blocking.h"

namespace ballast {

namespace {
thread_local const std::function<void()>* t_on_wait = nullptr;
thread_local int t_depth = 0;
}  // namespace

void SetThreadBlockingHook(const std::function<void()>* on_wait) { t_on_wait = on_wait; }

BlockingRegion::BlockingRegion() {
  if (t_depth++ == 0 && t_on_wait != nullptr && *t_on_wait) (*t_on_wait)();
}

BlockingRegion::~BlockingRegion() { --t_depth; }

std::unique_lock<std::mutex> LockWaiting(std::mutex& mu) {
  std::unique_lock<std::mutex> lock(mu, std::try_to_lock);
  if (!lock.owns_lock()) {
    BlockingRegion waiting;
    lock.lock();
  }
  return lock;
}

}  // namespace ballast
