// A value kept for the newest object it was made from (app/newest_kept.h).
#include "app/newest_kept.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace ballast::app {
namespace {

struct Object {
  int64_t through = 0;
};

TEST(NewestKeptTest, FoundForItsObjectWhileItLivesAndNotReplacedByAnOlderOne) {
  NewestKept<Object, std::string> kept;
  auto first = std::make_shared<const Object>(Object{1});
  auto second = std::make_shared<const Object>(Object{2});
  EXPECT_EQ(kept.Find(first), nullptr);
  EXPECT_EQ(kept.Find(nullptr), nullptr);
  kept.Put(first, std::make_shared<const std::string>("one"), first->through);
  ASSERT_NE(kept.Find(first), nullptr);
  EXPECT_EQ(*kept.Find(first), "one");
  EXPECT_EQ(kept.Find(second), nullptr);  // another object, even of the same contents

  kept.Put(second, std::make_shared<const std::string>("two"), second->through);
  EXPECT_EQ(kept.Find(first), nullptr);  // one slot: the newer replaced it
  EXPECT_EQ(*kept.Find(second), "two");
  // A request still on the older object keeps its own value without replacing the newer.
  kept.Put(first, std::make_shared<const std::string>("one again"), first->through);
  EXPECT_EQ(kept.Find(first), nullptr);
  EXPECT_EQ(*kept.Find(second), "two");

  // Held weakly: the object gone, its value is found by no other object at its address.
  std::weak_ptr<const Object> watch = second;
  second.reset();
  EXPECT_TRUE(watch.expired());
  auto third = std::make_shared<const Object>(Object{2});
  EXPECT_EQ(kept.Find(third), nullptr);
}

}  // namespace
}  // namespace ballast::app
