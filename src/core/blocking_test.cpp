// A wait for a lock another thread holds is marked as waiting (core/blocking.h); taking a free
// lock is not.
#include "core/blocking.h"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <future>
#include <mutex>
#include <thread>

namespace ballast {
namespace {

TEST(BlockingTest, AFreeLockIsTakenWithoutLendingTheThread) {
  int lent = 0;
  const std::function<void()> hook = [&] { ++lent; };
  SetThreadBlockingHook(&hook);
  std::mutex mu;
  {
    auto lock = LockWaiting(mu);
    EXPECT_TRUE(lock.owns_lock());
  }
  SetThreadBlockingHook(nullptr);
  EXPECT_EQ(lent, 0);
}

TEST(BlockingTest, ALockHeldElsewhereIsWaitedForInARegion) {
  std::mutex mu;
  std::unique_lock<std::mutex> held(mu);
  std::promise<void> lent_promise;
  auto lent = lent_promise.get_future();
  auto waiter = std::async(std::launch::async, [&] {
    const std::function<void()> hook = [&] { lent_promise.set_value(); };
    SetThreadBlockingHook(&hook);
    {
      auto lock = LockWaiting(mu);
      EXPECT_TRUE(lock.owns_lock());
    }
    SetThreadBlockingHook(nullptr);
  });
  // The waiter lends its thread before it has the lock (still held here). The lock is let go
  // before the check, so that a failure ends the test rather than hanging it on the waiter.
  const auto lent_status = lent.wait_for(std::chrono::seconds(10));
  held.unlock();
  EXPECT_EQ(lent_status, std::future_status::ready);
  ASSERT_EQ(waiter.wait_for(std::chrono::seconds(10)), std::future_status::ready);
}

}  // namespace
}  // namespace ballast
