#include "store/sqlite/process_lock.h"

#include <gtest/gtest.h>

#include "testing/testing.h"

namespace ballast {
namespace {

TEST(ProcessLockTest, OneHolderAtATime) {
  testing::TempDir dir;
  const std::string path = dir.File("store.db-evaluating");
  ProcessLock a(path), b(path);
  ASSERT_OK_AND_ASSIGN(bool first, a.TryLock());
  EXPECT_TRUE(first);
  ASSERT_OK_AND_ASSIGN(bool second, b.TryLock());
  EXPECT_FALSE(second);
  ASSERT_OK(a.Unlock());
  ASSERT_OK_AND_ASSIGN(bool after, b.TryLock());
  EXPECT_TRUE(after);
  ASSERT_OK(b.Unlock());
}

TEST(ProcessLockTest, AHolderThatGoesAwayReleasesIt) {
  testing::TempDir dir;
  const std::string path = dir.File("store.db-evaluating");
  ProcessLock b(path);
  {
    ProcessLock a(path);
    ASSERT_OK_AND_ASSIGN(bool held, a.TryLock());
    ASSERT_TRUE(held);
    ASSERT_OK_AND_ASSIGN(bool refused, b.TryLock());
    EXPECT_FALSE(refused);
  }  // closed without Unlock, as when a process dies
  ASSERT_OK_AND_ASSIGN(bool taken, b.TryLock());
  EXPECT_TRUE(taken);
}

// Where the lock file cannot be made, nothing is locked (as before there was a lock) rather
// than every evaluation failing.
TEST(ProcessLockTest, AFileThatCannotBeMadeLocksNothing) {
  testing::TempDir dir;
  ProcessLock a(dir.File("missing/dir/store.db-evaluating"));
  ASSERT_OK_AND_ASSIGN(bool locked, a.TryLock());
  EXPECT_TRUE(locked);
  ASSERT_OK(a.Unlock());
}

}  // namespace
}  // namespace ballast
