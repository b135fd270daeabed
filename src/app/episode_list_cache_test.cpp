#include "app/episode_list_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>

namespace ballast::app {
namespace {

using std::chrono::milliseconds;

std::shared_ptr<const Snapshot> SnapshotThrough(BatchId through) {
  auto s = std::make_shared<Snapshot>();
  s->through = through;
  return s;
}

std::shared_ptr<const LiveAlerts> Alerts(int64_t version) {
  auto a = std::make_shared<LiveAlerts>();
  a->version = version;
  return a;
}

std::shared_ptr<const Kept<KeptList>> List(int64_t total) {
  KeptList k;
  k.list.counts.total = total;
  return std::make_shared<const Kept<KeptList>>(std::move(k));
}

constexpr milliseconds kNone{0};
constexpr milliseconds kLong{3'600'000};

// Whether a second request for the list of `key` waits while `held` is held (200 ms), and is
// let in once it is released (here).
bool ASecondRequestWaits(ListCache& cache, const std::string& key, ListCache::Making& held) {
  std::atomic<bool> made{false};
  std::thread again([&] {
    const auto m = cache.MakingOf(key);
    made = true;
  });
  std::this_thread::sleep_for(milliseconds(200));
  const bool waited = !made.load();
  held.lock.unlock();
  again.join();
  return waited && made.load();
}

// A list is made by one request at a time (the others asking for it wait and find it made);
// lists of other keys are made meanwhile.
TEST(ListCacheTest, ListsOfOtherKeysAreMadeWhileOneIsMade) {
  ListCache cache;
  auto badge = cache.MakingOf("badge");
  ASSERT_TRUE(badge.lock.owns_lock());
  auto page =
      std::async(std::launch::async, [&] { return cache.MakingOf("page").lock.owns_lock(); });
  const bool apart = page.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  EXPECT_TRUE(ASecondRequestWaits(cache, "badge", badge)) << "the same list was made twice at once";
  EXPECT_TRUE(apart) << "another key's list waited for the one being made";
  EXPECT_TRUE(page.get());
}

// The locks of keys no request holds are dropped when there are many; a held one is kept (a
// second request for its list still waits for it).
TEST(ListCacheTest, AHeldListLockOutlivesTheDroppingOfIdleOnes) {
  ListCache cache;
  auto held = cache.MakingOf("held");
  auto others = std::async(std::launch::async, [&] {
    for (int i = 0; i < 2000; ++i) (void)cache.MakingOf("key " + std::to_string(i));
  });
  const bool apart = others.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  EXPECT_TRUE(ASecondRequestWaits(cache, "held", held));  // lets `others` end, were it held back
  EXPECT_TRUE(apart) << "other keys' lists waited for the held one";
}

TEST(ListCacheTest, WithoutKeepANewerSnapshotFindsNothing) {
  ListCache cache;
  const auto live = Alerts(1);
  const auto s1 = SnapshotThrough(1), s2 = SnapshotThrough(2);
  cache.Put(live, s1, "badge", List(7), kNone);
  ASSERT_NE(cache.Find(live, s1, "badge", kNone), nullptr);
  EXPECT_EQ(cache.Find(live, s2, "badge", kNone), nullptr);
  // A request still on the snapshot before is served what the newer one made.
  cache.Put(live, s2, "badge", List(8), kNone);
  auto older = cache.Find(live, s1, "badge", kNone);
  ASSERT_NE(older, nullptr);
  EXPECT_EQ(older->answer().list.counts.total, 8);
}

TEST(ListCacheTest, ListsOfTheSameAlertsServeANewerSnapshotForTheKeep) {
  ListCache cache;
  const auto live = Alerts(1);
  const auto s1 = SnapshotThrough(1), s2 = SnapshotThrough(2);
  cache.Put(live, s1, "badge", List(7), kLong);
  auto hit = cache.Find(live, s2, "badge", kLong);
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->answer().list.counts.total, 7);
  // A list first asked meanwhile is made from the newer snapshot and kept beside the others.
  EXPECT_EQ(cache.Find(live, s2, "page", kLong), nullptr);
  cache.Put(live, s2, "page", List(3), kLong);
  ASSERT_NE(cache.Find(live, s2, "page", kLong), nullptr);
  ASSERT_NE(cache.Find(live, s2, "badge", kLong), nullptr);
  // New alerts (an evaluation, a handling step) are never answered from the lists before.
  EXPECT_EQ(cache.Find(Alerts(2), s2, "badge", kLong), nullptr);
}

TEST(ListCacheTest, TheKeepRunsFromWhenANewerSnapshotWasFirstAsked) {
  ListCache cache;
  const auto live = Alerts(1);
  const auto s1 = SnapshotThrough(1), s2 = SnapshotThrough(2);
  const milliseconds keep{50};
  cache.Put(live, s1, "badge", List(7), keep);
  std::this_thread::sleep_for(milliseconds(80));  // older than the keep, but nothing newer yet
  ASSERT_NE(cache.Find(live, s1, "badge", keep), nullptr);
  ASSERT_NE(cache.Find(live, s2, "badge", keep), nullptr);  // the newer one first asked
  std::this_thread::sleep_for(milliseconds(80));
  EXPECT_EQ(cache.Find(live, s2, "badge", keep), nullptr);  // then made again from it
  cache.Put(live, s2, "badge", List(8), keep);
  auto made = cache.Find(live, s2, "badge", keep);
  ASSERT_NE(made, nullptr);
  EXPECT_EQ(made->answer().list.counts.total, 8);
}

}  // namespace
}  // namespace ballast::app
