#include "auth/audit_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/blocking.h"

namespace ballast::auth {
namespace {

AuditEntry Entry(const std::string& actor) {
  AuditEntry e;
  e.actor = actor;
  return e;
}

void WaitFor(AuditQueue& q, size_t n) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (q.Waiting() < n && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

// An append waits for a commit (its own or another caller's): it tells its thread's pool, which
// may serve another request meanwhile (core/blocking.h).
TEST(AuditQueueTest, AnAppendIsAWaitItsPoolIsToldOf) {
  AuditQueue q;
  int told = 0;
  const std::function<void()> hook = [&] { ++told; };
  SetThreadBlockingHook(&hook);
  const Status st = q.Append(Entry("a"), [](std::vector<AuditEntry>) { return Status::Ok(); });
  SetThreadBlockingHook(nullptr);
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(told, 1);
}

// The entries that arrive while a group is written wait and are written together, in one call
// of a flush, each caller answered once its entry is written.
TEST(AuditQueueTest, EntriesArrivingDuringAWriteAreWrittenTogether) {
  AuditQueue q;
  std::mutex mu;
  std::vector<std::vector<std::string>> groups;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  auto flush = [&](std::vector<AuditEntry> entries) -> Status {
    std::vector<std::string> actors;
    for (const AuditEntry& e : entries) actors.push_back(e.actor);
    bool first;
    {
      std::lock_guard<std::mutex> lock(mu);
      first = groups.empty();
      groups.push_back(actors);
    }
    if (first) released.wait();  // the first write is slow: the others queue behind it
    return Status::Ok();
  };
  std::thread slow([&] { EXPECT_TRUE(q.Append(Entry("slow"), flush).ok()); });
  while (true) {
    std::lock_guard<std::mutex> lock(mu);
    if (!groups.empty()) break;
  }
  constexpr int kOthers = 5;
  std::vector<std::thread> others;
  for (int i = 0; i < kOthers; ++i) {
    others.emplace_back(
        [&, i] { EXPECT_TRUE(q.Append(Entry("r" + std::to_string(i)), flush).ok()); });
  }
  WaitFor(q, kOthers);
  ASSERT_EQ(q.Waiting(), static_cast<size_t>(kOthers));
  release.set_value();
  slow.join();
  for (auto& t : others) t.join();
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0], std::vector<std::string>{"slow"});
  EXPECT_EQ(std::set<std::string>(groups[1].begin(), groups[1].end()),
            (std::set<std::string>{"r0", "r1", "r2", "r3", "r4"}));
  EXPECT_EQ(q.Waiting(), 0u);
}

// A group the store refuses fails every caller in it; the next group is written as usual.
TEST(AuditQueueTest, AFailedGroupFailsEachOfItsCallersOnly) {
  AuditQueue q;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> calls{0};
  auto flush = [&](std::vector<AuditEntry> entries) -> Status {
    if (++calls == 1) {
      released.wait();
      return Status::Ok();
    }
    for (const AuditEntry& e : entries) {
      if (e.actor == "bad") return Status::Io("the store is gone");
    }
    return Status::Ok();
  };
  std::thread first([&] { EXPECT_TRUE(q.Append(Entry("first"), flush).ok()); });
  while (q.Waiting() != 0 || calls == 0) std::this_thread::yield();
  Status bad, good;
  std::thread tb([&] { bad = q.Append(Entry("bad"), flush); });
  std::thread tg([&] { good = q.Append(Entry("good"), flush); });
  WaitFor(q, 2);
  release.set_value();
  first.join();
  tb.join();
  tg.join();
  EXPECT_EQ(bad.code(), StatusCode::kIoError);
  EXPECT_EQ(good.code(), StatusCode::kIoError);  // written in the same group
  EXPECT_TRUE(q.Append(Entry("later"), flush).ok());
  EXPECT_EQ(calls.load(), 3);
}

// A flush that throws answers its group with an error instead of leaving them waiting.
TEST(AuditQueueTest, AFlushThatThrowsAnswersItsGroup) {
  AuditQueue q;
  Status st = q.Append(Entry("x"), [](std::vector<AuditEntry>) -> Status {
    throw std::runtime_error("out of memory");
  });
  EXPECT_EQ(st.code(), StatusCode::kInternal);
  EXPECT_NE(st.message().find("out of memory"), std::string::npos);
  EXPECT_TRUE(q.Append(Entry("y"), [](std::vector<AuditEntry>) { return Status::Ok(); }).ok());
}

}  // namespace
}  // namespace ballast::auth
