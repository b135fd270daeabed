// A lock between the processes that share one SQLite store (several `ballast serve` on one file,
// or a CLI command beside a server): an flock(2) on a file next to the store, released by the
// kernel when its holder exits or dies. Not a lock on the store itself: opening and closing a
// descriptor of the database file would drop SQLite's own POSIX locks (sqlite/connection.cpp).
#ifndef BALLAST_STORE_SQLITE_PROCESS_LOCK_H_
#define BALLAST_STORE_SQLITE_PROCESS_LOCK_H_

#include <string>
#include <utility>

#include "core/status.h"

namespace ballast {

class ProcessLock {
 public:
  // `path`: the lock file, made when first locked.
  explicit ProcessLock(std::string path) : path_(std::move(path)) {}
  ~ProcessLock();
  ProcessLock(const ProcessLock&) = delete;
  ProcessLock& operator=(const ProcessLock&) = delete;

  // False while another holder (another process, or another ProcessLock of the same file in
  // this one) has it; never waits. True without locking when the file cannot be made.
  Result<bool> TryLock();
  Status Unlock();

 private:
  const std::string path_;
  int fd_ = -1;
};

}  // namespace ballast

#endif  // BALLAST_STORE_SQLITE_PROCESS_LOCK_H_
