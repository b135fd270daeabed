// Audit entries appended in groups (group commit): the readers of enterprise data each add an
// entry before they answer, and one store transaction per entry (a lock, the head read and
// written, a synchronous commit) made them queue behind each other under load.
#ifndef BALLAST_AUTH_AUDIT_QUEUE_H_
#define BALLAST_AUTH_AUDIT_QUEUE_H_

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <vector>

#include "core/status.h"
#include "store/auth_store.h"

namespace ballast::auth {

class AuditQueue {
 public:
  // Appends `entries` (in order, as one step: all or none) and returns what the store said.
  using Flush = std::function<Status(std::vector<AuditEntry> entries)>;
  static constexpr size_t kMaxGroup = 128;

  // Returns once `entry` is written (or its group failed). Entries that arrive while a group is
  // being written wait and are written together next, by one of their callers with its `flush`;
  // every caller of one queue must pass a flush that writes the same way.
  Status Append(AuditEntry entry, const Flush& flush);
  // Entries waiting for the next group (not those being written).
  size_t Waiting();

 private:
  struct Waiter {
    AuditEntry entry;
    bool done = false;
    Status status;
  };
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Waiter*> queue_;  // oldest first
  bool flushing_ = false;
};

}  // namespace ballast::auth

#endif  // BALLAST_AUTH_AUDIT_QUEUE_H_
