#include "auth/audit_queue.h"

#include <algorithm>
#include <exception>
#include <string>
#include <utility>

#include "core/blocking.h"

namespace ballast::auth {

Status AuditQueue::Append(AuditEntry entry, const Flush& flush) {
  // Waiting for a commit, this caller's or another's: the worker's place goes to the next request.
  BlockingRegion waiting;
  Waiter self{std::move(entry), false, Status::Ok()};
  std::unique_lock<std::mutex> lock(mu_);
  queue_.push_back(&self);
  while (!self.done) {
    if (flushing_) {
      cv_.wait(lock);
      continue;
    }
    // This caller writes the oldest entries waiting (its own among them unless more than a
    // group wait before it).
    const size_t n = std::min(queue_.size(), kMaxGroup);
    std::vector<Waiter*> group(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    flushing_ = true;
    lock.unlock();
    std::vector<AuditEntry> entries;
    entries.reserve(group.size());
    // Moved: a waiter never reads its entry again.
    for (Waiter* w : group) entries.push_back(std::move(w->entry));
    Status st;
    try {
      st = flush(std::move(entries));
    } catch (const std::exception& e) {  // a waiter must never wait for a writer that is gone
      st = Status::Internal(std::string("writing the audit entries: ") + e.what());
    }
    lock.lock();
    for (Waiter* w : group) w->done = true, w->status = st;
    flushing_ = false;
    cv_.notify_all();
  }
  return self.status;
}

size_t AuditQueue::Waiting() {
  std::lock_guard<std::mutex> lock(mu_);
  return queue_.size();
}

}  // namespace ballast::auth
