// The fixture of the tests of PostgreSQL connections (pg_idle_test.cpp, pg_conn_test.cpp): run
// under scripts/pg-test.sh (BALLAST_TEST_PG), skipped on SQLite alone.
#ifndef BALLAST_STORE_POSTGRES_PG_CONN_FIXTURE_H_
#define BALLAST_STORE_POSTGRES_PG_CONN_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/postgres/pg_conn.h"
#include "testing/test_store.h"

namespace ballast::pg {

class PgConnTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!db_.postgres()) GTEST_SKIP() << "PostgreSQL only (scripts/pg-test.sh)";
  }
  std::unique_ptr<Conn> Open() {
    auto c = Conn::Connect(db_.locator(), "test");
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? std::move(c).value() : nullptr;
  }
  // The one value `sql` answers ("?" when it fails or answers other than one row).
  static std::string One(Conn& c, const std::string& sql) {
    auto r = c.Query(sql);
    EXPECT_TRUE(r.ok()) << sql << ": " << r.status().ToString();
    return r.ok() && r->rows() == 1 ? r->Text(0, 0) : "?";
  }
  // Counts the advisory lock `key` this session holds ("1" or "0" through One).
  static std::string Held(int64_t key) {
    return "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND "
           "pid = pg_backend_pid() AND (classid::bigint << 32 | objid::bigint) = " +
           std::to_string(key);
  }
  ::ballast::testing::TestStore db_;
};

}  // namespace ballast::pg

#endif  // BALLAST_STORE_POSTGRES_PG_CONN_FIXTURE_H_
