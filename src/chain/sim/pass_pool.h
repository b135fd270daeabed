// The threads of the model's passes: started once per run, they wait on a condition variable
// between passes (no thread is created per day). A pass is cut into chunks of firms that the
// threads claim in turn; firms are independent within a pass and every sum over firms is taken
// afterwards in firm order, so which thread runs which chunk changes no bit of the results, and
// a thread that the shared machine deschedules does not hold the others up.
#ifndef BALLAST_CHAIN_SIM_PASS_POOL_H_
#define BALLAST_CHAIN_SIM_PASS_POOL_H_

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace ballast::chain::sim {

class PassPool {
 public:
  explicit PassPool(int threads);  // threads - 1 workers; the caller is the last one
  ~PassPool();
  PassPool(const PassPool&) = delete;
  PassPool& operator=(const PassPool&) = delete;

  int threads() const { return static_cast<int>(workers_.size()) + 1; }

  // Calls f(thread, chunk) once for every chunk in [0, chunks), `thread` in [0, threads()), and
  // returns when all are done.
  template <typename F>
  void Run(size_t chunks, F& f) {
    Dispatch(
        chunks,
        [](void* ctx, size_t thread, size_t chunk) { (*static_cast<F*>(ctx))(thread, chunk); }, &f);
  }

 private:
  using Job = void (*)(void*, size_t, size_t);
  void Dispatch(size_t chunks, Job job, void* ctx);
  void Work(size_t thread);
  void Claim(size_t thread);

  std::vector<std::thread> workers_;
  std::mutex mu_;
  std::condition_variable start_, done_;
  uint64_t generation_ = 0;
  size_t busy_ = 0;
  bool stop_ = false;
  Job job_ = nullptr;
  void* ctx_ = nullptr;
  size_t chunks_ = 0;
  std::atomic<size_t> next_{0};
};

}  // namespace ballast::chain::sim

#endif  // BALLAST_CHAIN_SIM_PASS_POOL_H_
