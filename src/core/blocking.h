// A thread about to wait for other threads' work or for the database (not for the CPU) says so,
// so that the pool it belongs to may run another task meanwhile: the server's workers
// (api/connection_gate.h) lend their place while an import waits for the next panel and the
// evaluation after it, while a request waits for its audit group's commit, and while it waits
// for a list another request is making.
#ifndef BALLAST_CORE_BLOCKING_H_
#define BALLAST_CORE_BLOCKING_H_

#include <functional>
#include <mutex>

namespace ballast {

// Called on the thread when it starts to wait (the outermost BlockingRegion only). A pool sets
// it on each of its threads; nullptr (the default) does nothing. Not owned; must outlive the
// thread's regions.
void SetThreadBlockingHook(const std::function<void()>* on_wait);

// Marks the waiting that follows on this thread, to the end of the scope.
class BlockingRegion {
 public:
  BlockingRegion();
  ~BlockingRegion();
  BlockingRegion(const BlockingRegion&) = delete;
  BlockingRegion& operator=(const BlockingRegion&) = delete;
};

// Locks `mu`; when another thread holds it, waits in a BlockingRegion. For a lock held while
// another request makes what this one will then find made (an episode list), so that the
// waiting holds no place a request with work to do could have.
std::unique_lock<std::mutex> LockWaiting(std::mutex& mu);

}  // namespace ballast

#endif  // BALLAST_CORE_BLOCKING_H_
