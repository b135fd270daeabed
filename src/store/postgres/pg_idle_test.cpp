// Runs under scripts/pg-test.sh (BALLAST_TEST_PG); skipped on SQLite alone.
#include "store/postgres/pg_idle.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>

#include "store/postgres/pg_conn_fixture.h"
#include "testing/test_store.h"

namespace ballast::pg {
namespace {

class IdleConnectionsTest : public PgConnTest {};

TEST_F(IdleConnectionsTest, AConnectionIsUsedAgainWithNothingLeftOfItsSession) {
  std::string pid;
  {
    auto c = Open();
    ASSERT_NE(c, nullptr);
    pid = One(*c, "SELECT pg_backend_pid()");
    ASSERT_TRUE(c->Run("SELECT pg_advisory_lock(4242)").ok());
    ASSERT_TRUE(c->Listen("ballast_idle_test").ok());
    ASSERT_TRUE(c->Script("SET TIME ZONE 'Asia/Shanghai'; CREATE TEMP TABLE kept (x INT)").ok());
  }
  auto c = Open();
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(One(*c, "SELECT pg_backend_pid()"), pid);  // the same server process
  EXPECT_EQ(One(*c, "SHOW TIME ZONE"), "UTC");
  EXPECT_EQ(One(*c, "SHOW client_encoding"), "UTF8");
  EXPECT_EQ(
      One(*c,
          "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"),
      "0");
  EXPECT_EQ(One(*c, "SELECT count(*) FROM pg_listening_channels()"), "0");
  EXPECT_EQ(One(*c, "SELECT to_regclass('pg_temp.kept') IS NULL"), "t");
}

TEST_F(IdleConnectionsTest, OneLeftInATransactionIsClosed) {
  std::string pid;
  {
    auto c = Open();
    ASSERT_NE(c, nullptr);
    pid = One(*c, "SELECT pg_backend_pid()");
    ASSERT_TRUE(c->Script("BEGIN; CREATE TABLE half (x INT)").ok());
  }
  auto c = Open();
  ASSERT_NE(c, nullptr);
  EXPECT_NE(One(*c, "SELECT pg_backend_pid()"), pid);
  EXPECT_EQ(One(*c, "SELECT to_regclass('half') IS NULL"), "t");  // rolled back with it
}

TEST_F(IdleConnectionsTest, OneTheServerEndedWhileIdleIsNotHandedOut) {
  std::string pid;
  {
    auto c = Open();
    ASSERT_NE(c, nullptr);
    pid = One(*c, "SELECT pg_backend_pid()");
  }
  ::ballast::testing::TestStore::RunSql(
      db_.locator(), "DO $$ BEGIN PERFORM pg_terminate_backend(" + pid + ", 5000); END $$");
  auto c = Open();
  ASSERT_NE(c, nullptr);
  const std::string now = One(*c, "SELECT pg_backend_pid()");
  EXPECT_NE(now, pid);
  EXPECT_NE(now, "?");
}

}  // namespace
}  // namespace ballast::pg
