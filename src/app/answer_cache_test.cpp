// Answers carried over a batch, and those made ahead for the new snapshot (AnswerCache).
#include "app/answer_cache.h"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace ballast::app {
namespace {

// A remake of `key` that notes the key in `made` and puts the answer, with the means to make it
// again, in `*into` (the next snapshot's cache, once there is one).
std::function<void()> Remaker(const std::string& key, AnswerCache** into,
                              std::vector<std::string>* made) {
  return [key, into, made] {
    made->push_back(key);
    (*into)->Put(key, 2, {"output_value"}, kNoNode, Remaker(key, into, made));
  };
}

void PutRemakable(AnswerCache& cache, const std::string& key, std::vector<std::string> reads,
                  AnswerCache** into, std::vector<std::string>* made) {
  cache.Put(key, 1, std::move(reads), kNoNode, Remaker(key, into, made));
}

TEST(AnswerCacheTest, TheChangedAnswersAskedAreMadeAgainTheMostRecentlyAskedFirst) {
  AnswerCache before, after;
  AnswerCache* into = &after;
  std::vector<std::string> made;
  PutRemakable(before, "table", {"output_value"}, &into, &made);
  PutRemakable(before, "cell", {"output_value"}, &into, &made);
  PutRemakable(before, "power", {"electricity"}, &into, &made);  // not changed: carried
  before.Put("plain", 1, {"output_value"});                      // nothing to remake it with
  ASSERT_NE(before.Find<int>("table"), nullptr);                 // asked last
  after.CarryFrom(before, {"output_value"});
  EXPECT_EQ(after.size(), 1u);  // power, carried
  EXPECT_EQ(after.MakeAgain(), 2u);
  EXPECT_EQ(made, (std::vector<std::string>{"table", "cell"}));
  EXPECT_EQ(after.size(), 3u);
  ASSERT_NE(after.Find<int>("cell"), nullptr);
  EXPECT_EQ(*after.Find<int>("cell"), 2);
  EXPECT_EQ(after.Find<int>("plain"), nullptr);
  EXPECT_EQ(after.MakeAgain(), 0u);  // once
}

TEST(AnswerCacheTest, AtMostSoManyAnswersAreMadeAhead) {
  AnswerCache before(1000), after(1000);
  AnswerCache* into = &after;
  std::vector<std::string> made;
  const size_t n = AnswerCache::kMostRemade + 6;
  for (size_t i = 0; i < n; ++i)
    PutRemakable(before, "k" + std::to_string(i), {"output_value"}, &into, &made);
  after.CarryFrom(before, {"output_value"});
  EXPECT_EQ(after.MakeAgain(), AnswerCache::kMostRemade);
  ASSERT_EQ(made.size(), AnswerCache::kMostRemade);
  EXPECT_EQ(made.front(), "k" + std::to_string(n - 1));  // the last put, asked most recently
}

// A remade answer keeps the time it was asked, not the time it was remade: on the snapshot after,
// the answers are made again in the order they were asked.
TEST(AnswerCacheTest, ARemadeAnswerKeepsWhenItWasAsked) {
  AnswerCache first, second, third;
  AnswerCache* into = &second;
  std::vector<std::string> made;
  PutRemakable(first, "a", {"output_value"}, &into, &made);
  PutRemakable(first, "b", {"output_value"}, &into, &made);
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  ASSERT_NE(first.Find<int>("a"), nullptr);  // a asked after b
  second.CarryFrom(first, {"output_value"});
  EXPECT_EQ(second.MakeAgain(), 2u);  // a, then b (remade last)
  into = &third;
  third.CarryFrom(second, {"output_value"});
  EXPECT_EQ(third.MakeAgain(), 2u);
  EXPECT_EQ(made, (std::vector<std::string>{"a", "b", "a", "b"}));
}

TEST(AnswerCacheTest, ARemakeThatFailsLeavesTheAnswerToBeMadeWhenAsked) {
  AnswerCache before, after;
  before.Put("cell", 1, {"output_value"}, kNoNode, [] {});  // makes nothing (an error)
  after.CarryFrom(before, {"output_value"});
  EXPECT_EQ(after.MakeAgain(), 0u);
  EXPECT_EQ(after.Find<int>("cell"), nullptr);
}

}  // namespace
}  // namespace ballast::app
