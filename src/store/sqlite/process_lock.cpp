#include "store/sqlite/process_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ballast {

ProcessLock::~ProcessLock() {
  if (fd_ >= 0) close(fd_);  // releases the lock
}

Result<bool> ProcessLock::TryLock() {
  if (fd_ < 0) {
    // Read-only is enough for flock, and lets a server take a lock file that a command run by
    // another user made. A file that cannot be made (a read-only directory) leaves the store
    // as before there was a lock: every process may evaluate; SQLite still serialises writes.
    fd_ = open(path_.c_str(), O_RDONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) return true;
  }
  if (flock(fd_, LOCK_EX | LOCK_NB) == 0) return true;
  if (errno == EWOULDBLOCK) return false;
  return Status::Io("cannot lock '" + path_ + "': " + std::strerror(errno));
}

Status ProcessLock::Unlock() {
  if (fd_ >= 0 && flock(fd_, LOCK_UN) != 0)
    return Status::Io("cannot unlock '" + path_ + "': " + std::strerror(errno));
  return Status::Ok();
}

}  // namespace ballast
