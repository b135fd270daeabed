#include "chain/sim/pass_pool.h"

namespace ballast::chain::sim {

PassPool::PassPool(int threads) {
  for (int t = 1; t < threads; ++t)
    workers_.emplace_back([this, t] { Work(static_cast<size_t>(t)); });
}

PassPool::~PassPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  start_.notify_all();
  for (auto& w : workers_) w.join();
}

void PassPool::Claim(size_t thread) {
  for (size_t c = next_.fetch_add(1, std::memory_order_relaxed); c < chunks_;
       c = next_.fetch_add(1, std::memory_order_relaxed)) {
    job_(ctx_, thread, c);
  }
}

void PassPool::Dispatch(size_t chunks, Job job, void* ctx) {
  if (workers_.empty()) {
    for (size_t c = 0; c < chunks; ++c) job(ctx, 0, c);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    job_ = job;
    ctx_ = ctx;
    chunks_ = chunks;
    next_.store(0, std::memory_order_relaxed);
    busy_ = workers_.size();
    ++generation_;
  }
  start_.notify_all();
  Claim(0);
  std::unique_lock<std::mutex> lock(mu_);
  done_.wait(lock, [&] { return busy_ == 0; });
}

void PassPool::Work(size_t thread) {
  uint64_t seen = 0;
  while (true) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      start_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
    }
    Claim(thread);
    std::lock_guard<std::mutex> lock(mu_);
    if (--busy_ == 0) done_.notify_one();
  }
}

}  // namespace ballast::chain::sim
