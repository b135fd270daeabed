#include "core/background.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <thread>

namespace ballast {
namespace {

TEST(BackgroundTest, RunsTheWorkNicerAndItsThreadsToo) {
  const int caller = ThreadNice();
  int inside = caller, spawned = caller;
  bool ran = false;
  RunInBackground([&] {
    ran = true;
    inside = ThreadNice();
    std::thread([&] { spawned = ThreadNice(); }).join();  // as ParallelFor's threads
  });
  EXPECT_TRUE(ran);
  // Lowering one's own priority needs no privilege; the ceiling is 19.
  const int expected = std::min(19, caller + kBackgroundNice);
  EXPECT_EQ(inside, expected);
  EXPECT_EQ(spawned, expected);
  EXPECT_EQ(ThreadNice(), caller);  // the caller's own thread is untouched
}

TEST(BackgroundTest, WhatTheWorkThrowsReachesTheCaller) {
  EXPECT_THROW(RunInBackground([] { throw std::runtime_error("out of memory"); }),
               std::runtime_error);
}

}  // namespace
}  // namespace ballast
