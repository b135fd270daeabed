#include "core/background.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <exception>
#include <thread>

namespace ballast {

int ThreadNice() {
  errno = 0;
  return getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
}

void RunInBackground(const std::function<void()>& work) {
  const int caller = ThreadNice();
  std::exception_ptr thrown;  // what `work` throws reaches the caller, as if run there
  std::thread t([&] {
    // On Linux a nice value belongs to the thread (its id), not to the whole process.
    (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), caller + kBackgroundNice);
    try {
      work();
    } catch (...) {
      thrown = std::current_exception();
    }
  });
  t.join();
  if (thrown) std::rethrow_exception(thrown);
}

}  // namespace ballast
