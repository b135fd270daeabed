#include "testing/test_store.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "store/locator.h"

namespace ballast::testing {

namespace {

void Exec(const std::string& uri, const std::string& sql) {
  PGconn* c = PQconnectdb(uri.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    ADD_FAILURE() << "BALLAST_TEST_PG: cannot connect: " << PQerrorMessage(c);
    PQfinish(c);
    return;
  }
  PGresult* r = PQexec(c, sql.c_str());
  if (PQresultStatus(r) != PGRES_COMMAND_OK)
    ADD_FAILURE() << sql << ": " << PQresultErrorMessage(r);
  PQclear(r);
  PQfinish(c);
}

// The admin URI with its database name replaced.
std::string WithDatabase(const std::string& uri, const std::string& db) {
  const size_t start = uri.find("://") + 3;
  const size_t query = uri.find('?', start);
  const size_t slash = uri.find('/', start);
  const std::string tail = query == std::string::npos ? "" : uri.substr(query);
  const size_t host_end =
      slash != std::string::npos && (query == std::string::npos || slash < query)
          ? slash
          : (query == std::string::npos ? uri.size() : query);
  return uri.substr(0, host_end) + "/" + db + tail;
}

void RemoveKeyFile(const std::string& locator) {
  std::error_code ec;
  std::filesystem::remove(LocatorFileStem(locator) + ".audit-key", ec);
}

// Runs one statement on the admin connection; a failure fails the test.
void Admin(const std::string& sql) { Exec(TestStore::AdminUri(), sql); }

}  // namespace

void TestStore::RunSql(const std::string& locator, const std::string& sql) { Exec(locator, sql); }

std::string TestStore::AdminUri() {
  const char* uri = std::getenv("BALLAST_TEST_PG");
  return uri ? uri : "";
}

std::string TestStore::NewDatabase() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  const std::string name = "ballast_test_" + std::to_string(::getpid()) + "_" +
                           std::to_string(counter++) + "_" + std::to_string(rd() % 100000);
  Admin("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
  return name;
}

TestStore::TestStore() {
  if (AdminUri().empty()) {
    locator_ = dir_.File("s.db");
    return;
  }
  db_ = NewDatabase();
  locator_ = WithDatabase(AdminUri(), db_);
}

std::string TestStore::Another() {
  if (!postgres()) return dir_.File("s" + std::to_string(++files_) + ".db");
  extra_dbs_.push_back(NewDatabase());
  return WithDatabase(AdminUri(), extra_dbs_.back());
}

TestStore::~TestStore() {
  if (!postgres()) return;
  extra_dbs_.push_back(db_);
  for (const auto& db : extra_dbs_) {
    RemoveKeyFile(WithDatabase(AdminUri(), db));
    Admin("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
  }
}

SqlSession::SqlSession(const std::string& locator) : conn_(PQconnectdb(locator.c_str())) {
  if (PQstatus(conn_) != CONNECTION_OK)
    ADD_FAILURE() << "cannot connect: " << PQerrorMessage(conn_);
}

SqlSession::~SqlSession() { PQfinish(conn_); }

void SqlSession::Run(const std::string& sql) {
  PGresult* r = PQexec(conn_, sql.c_str());
  if (PQresultStatus(r) != PGRES_COMMAND_OK)
    ADD_FAILURE() << sql << ": " << PQresultErrorMessage(r);
  PQclear(r);
}

int64_t SqlSession::Number(const std::string& sql) {
  PGresult* r = PQexec(conn_, sql.c_str());
  int64_t n = -1;
  if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0 && PQnfields(r) > 0) {
    n = std::strtoll(PQgetvalue(r, 0, 0), nullptr, 10);
  } else {
    ADD_FAILURE() << sql << ": " << PQresultErrorMessage(r);
  }
  PQclear(r);
  return n;
}

}  // namespace ballast::testing
