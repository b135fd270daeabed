// Runs independent tasks on a few threads for one call: the caller works too, and the threads
// claim tasks in turn, so a task that takes long (or a thread the shared machine deschedules)
// does not hold the others up. Tasks must not share anything they write.
#ifndef BALLAST_CORE_PARALLEL_H_
#define BALLAST_CORE_PARALLEL_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace ballast {

// Threads for work of `tasks` tasks: `threads` when positive, else one per core; at least one,
// never more than the tasks.
inline size_t ThreadsFor(size_t tasks, int threads) {
  const size_t asked = threads > 0 ? static_cast<size_t>(threads)
                                   : std::max(1U, std::thread::hardware_concurrency());
  return std::max<size_t>(1, std::min(asked, tasks));
}

// Calls task(i) once for every i in [0, tasks), in no given order, and returns when all are done.
template <typename Task>
void ParallelFor(size_t tasks, int threads, const Task& task) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < tasks; i = next++) task(i);
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < ThreadsFor(tasks, threads); ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

}  // namespace ballast

#endif  // BALLAST_CORE_PARALLEL_H_
