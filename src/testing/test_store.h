// The one parameterised store fixture: a fresh store locator per test. By default a SQLite file
// in a TempDir; when the environment holds BALLAST_TEST_PG (an admin URI such as
// postgresql://postgres@127.0.0.1:PORT/postgres, see scripts/pg-test.sh), a fresh PostgreSQL
// database is created for the test and dropped after it, and its URI is the locator. Tests that
// take their store through this run against both stores unchanged.
#ifndef BALLAST_TESTING_TEST_STORE_H_
#define BALLAST_TESTING_TEST_STORE_H_

#include <string>
#include <vector>

#include "testing/testing.h"

struct pg_conn;  // libpq's PGconn

namespace ballast::testing {

class TestStore {
 public:
  TestStore();
  ~TestStore();
  TestStore(const TestStore&) = delete;
  TestStore& operator=(const TestStore&) = delete;

  // What `--db` would take: a file path or a postgresql:// URI (nothing created yet in it).
  const std::string& locator() const { return locator_; }
  bool postgres() const { return !db_.empty(); }
  // A folder for the test's other files (CSV, keys).
  const TempDir& dir() const { return dir_; }

  // Another fresh, empty locator of the same kind (a copy's target), dropped with this one.
  std::string Another();

  // Runs SQL on a PostgreSQL locator (as the tests' admin user); a failure fails the test.
  static void RunSql(const std::string& locator, const std::string& sql);

  // The admin URI of BALLAST_TEST_PG, or "" when the tests run on SQLite only.
  static std::string AdminUri();

 private:
  std::string NewDatabase();

  TempDir dir_;
  std::string locator_;
  std::string db_;
  std::vector<std::string> extra_dbs_;
  int files_ = 0;
};

// A connection of the test's own to a PostgreSQL locator, open until destroyed: a transaction
// on it can hold a lock the code under test must wait for.
class SqlSession {
 public:
  explicit SqlSession(const std::string& locator);
  ~SqlSession();
  SqlSession(const SqlSession&) = delete;
  SqlSession& operator=(const SqlSession&) = delete;

  // Runs statements (a failure fails the test).
  void Run(const std::string& sql);
  // The first column of the first row of a query, as a number (-1 and a failure when none).
  int64_t Number(const std::string& sql);

 private:
  ::pg_conn* conn_ = nullptr;
};

}  // namespace ballast::testing

#endif  // BALLAST_TESTING_TEST_STORE_H_
