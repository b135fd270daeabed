// Runs under scripts/pg-test.sh (BALLAST_TEST_PG); skipped on SQLite alone.
#include "store/postgres/pg_conn.h"

#include <gtest/gtest.h>

#include <string>

#include "store/postgres/pg_conn_fixture.h"
#include "testing/testing.h"

namespace ballast::pg {
namespace {

class PreparedStatementsTest : public PgConnTest {
 protected:
  // How many statements of this session's are prepared with `sql`'s text.
  static std::string PreparedCount(Conn& c, const std::string& sql) {
    auto r = c.Query("SELECT count(*) FROM pg_prepared_statements WHERE statement = $1", sql);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->Text(0, 0) : "?";
  }
};

// A statement is prepared on its second run and run prepared from then on, with each run's own
// parameters; one run once is not prepared.
TEST_F(PreparedStatementsTest, AStatementRunTwiceIsPreparedOnceAndAnswersEachRun) {
  auto c = Open();
  ASSERT_NE(c, nullptr);
  const std::string twice = "SELECT $1::int + 1", once = "SELECT $1::int * 3";
  ASSERT_OK_AND_ASSIGN(auto r, c->Query(once, 5));
  EXPECT_EQ(r.Text(0, 0), "15");
  for (int k = 0; k < 4; ++k) {
    ASSERT_OK_AND_ASSIGN(auto s, c->Query(twice, k));
    EXPECT_EQ(s.Text(0, 0), std::to_string(k + 1));
  }
  EXPECT_EQ(PreparedCount(*c, twice), "1");
  EXPECT_EQ(PreparedCount(*c, once), "0");
}

// A prepared `SELECT *` whose table gains a column fails on the server ("cached plan must not
// change result type"): it is run again unprepared and answers with the new column.
TEST_F(PreparedStatementsTest, AStatementASchemaChangeMadeStaleIsRunAgain) {
  auto c = Open();
  ASSERT_NE(c, nullptr);
  ASSERT_TRUE(c->Script("CREATE TABLE grows (a INT); INSERT INTO grows VALUES (1)").ok());
  const std::string all = "SELECT * FROM grows WHERE a = $1";
  for (int k = 0; k < 2; ++k) ASSERT_TRUE(c->Query(all, 1).ok());
  ASSERT_EQ(PreparedCount(*c, all), "1");
  ASSERT_TRUE(c->Script("ALTER TABLE grows ADD COLUMN b INT DEFAULT 7").ok());
  ASSERT_OK_AND_ASSIGN(auto r, c->Query(all, 1));
  ASSERT_EQ(PQnfields(r.get()), 2);
  EXPECT_EQ(r.Text(0, 1), "7");
  // And it is prepared again from the new text of the table.
  for (int k = 0; k < 2; ++k) ASSERT_TRUE(c->Query(all, 1).ok());
  ASSERT_OK_AND_ASSIGN(auto again, c->Query(all, 1));
  EXPECT_EQ(again.Text(0, 1), "7");
}

// A connection given back ends its statements (DISCARD ALL): the next use of the same server
// process prepares its own again, without a name taken.
TEST_F(PreparedStatementsTest, AConnectionUsedAgainPreparesAfresh) {
  const std::string sql = "SELECT $1::text || 'x'";
  std::string pid;
  {
    auto c = Open();
    ASSERT_NE(c, nullptr);
    pid = One(*c, "SELECT pg_backend_pid()");
    for (int k = 0; k < 3; ++k) ASSERT_TRUE(c->Query(sql, std::string("a")).ok());
    ASSERT_EQ(PreparedCount(*c, sql), "1");
  }
  auto c = Open();
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(One(*c, "SELECT pg_backend_pid()"), pid);  // the same server process
  EXPECT_EQ(PreparedCount(*c, sql), "0");
  for (int k = 0; k < 3; ++k) {
    ASSERT_OK_AND_ASSIGN(auto r, c->Query(sql, std::string("b")));
    EXPECT_EQ(r.Text(0, 0), "bx");
  }
  EXPECT_EQ(PreparedCount(*c, sql), "1");
}

// InLockedTransaction holds its advisory lock (taken with BEGIN) while fn runs, inside the
// transaction; a step that fails rolls everything back and lets the lock go, and the connection
// serves the next transaction.
TEST_F(PgConnTest, ALockedTransactionHoldsItsLockUntilItEnds) {
  auto c = Open();
  ASSERT_NE(c, nullptr);
  ASSERT_TRUE(c->Script("CREATE TABLE steps (a INT)").ok());
  const int64_t key = 0x42414c4c41535499;
  const std::string held = Held(key);
  std::string inside;
  Status st = c->InLockedTransaction(key, [&]() -> Status {
    inside = One(*c, held);
    RETURN_IF_ERROR(c->Run("INSERT INTO steps VALUES (1)"));
    return Status::Invalid("a later step fails");
  });
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(inside, "1");
  EXPECT_EQ(One(*c, held), "0");                          // let go with the rollback
  EXPECT_EQ(One(*c, "SELECT count(*) FROM steps"), "0");  // the insert rolled back
  ASSERT_TRUE(
      c->InLockedTransaction(key, [&] { return c->Run("INSERT INTO steps VALUES (2)"); }).ok());
  EXPECT_EQ(One(*c, "SELECT count(*) FROM steps"), "1");
  EXPECT_EQ(One(*c, held), "0");
}

// The read given with the lock runs in BEGIN's round trip, under the lock: fn gets its rows; a
// read that fails calls no fn and leaves neither a transaction nor the lock behind.
TEST_F(PgConnTest, ALockedTransactionsReadRunsUnderItsLock) {
  auto c = Open();
  ASSERT_NE(c, nullptr);
  ASSERT_TRUE(c->Script("CREATE TABLE counter (n INT); INSERT INTO counter VALUES (5)").ok());
  const int64_t key = 0x42414c4c41535498;
  const std::string held = Held(key);
  std::string read, inside;
  Status st = c->InLockedTransaction(key, "SELECT n FROM counter", [&](const PgResult& r) {
    read = r.rows() == 1 ? r.Text(0, 0) : "?";
    inside = One(*c, held);
    return c->Run("UPDATE counter SET n = n + 1");
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(read, "5");
  EXPECT_EQ(inside, "1");
  EXPECT_EQ(One(*c, "SELECT n FROM counter"), "6");
  EXPECT_EQ(One(*c, held), "0");
  bool called = false;
  st = c->InLockedTransaction(key, "SELECT nothing FROM counter", [&](const PgResult&) {
    called = true;
    return Status::Ok();
  });
  EXPECT_FALSE(st.ok());
  EXPECT_FALSE(called);
  EXPECT_EQ(One(*c, held), "0");
  EXPECT_EQ(One(*c, "SELECT n FROM counter"), "6");  // and the connection serves on
}

}  // namespace
}  // namespace ballast::pg
