// Opening files that are not Ballast stores, the lookup of one enterprise, and the checked
// statement wrapper.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "store/sqlite/connection.h"
#include "store/sqlite/migrations.h"
#include "store/store.h"
#include "store/warn_store.h"
#include "testing/testing.h"

namespace ballast {
namespace {

Store::CatalogTexts Texts() { return {"code,name\n", "code,name\n", "code\n"}; }

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(StoreFileTest, AnEmptyFileIsNotTurnedIntoAStore) {
  testing::TempDir dir;
  dir.Write("empty.db", "");
  auto opened = OpenSqliteStore(dir.File("empty.db"));
  EXPECT_EQ(opened.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(opened.status().message().find("empty file, not a Ballast store"), std::string::npos)
      << opened.status().message();
  EXPECT_EQ(std::filesystem::file_size(dir.File("empty.db")), 0u);
  EXPECT_FALSE(std::filesystem::exists(dir.File("empty.db-wal")));
  EXPECT_EQ(OpenSqliteWarnStore(dir.File("empty.db")).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(std::filesystem::file_size(dir.File("empty.db")), 0u);
  // `init` may use an empty file.
  EXPECT_OK(CreateSqliteStore(dir.File("empty.db"), Texts()));
}

TEST(StoreFileTest, AnotherFileIsRefusedAndLeftAsItWas) {
  testing::TempDir dir;
  const std::string text = "uscc,name\n91310110666007217T,甲\n";
  dir.Write("data.csv", text);
  auto opened = OpenSqliteStore(dir.File("data.csv"));
  EXPECT_EQ(opened.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(opened.status().message().find("not a Ballast store (not a SQLite database)"),
            std::string::npos)
      << opened.status().message();
  // `init` does not overwrite it either.
  auto created = CreateSqliteStore(dir.File("data.csv"), Texts());
  EXPECT_EQ(created.status().code(), StatusCode::kAlreadyExists);
  EXPECT_NE(created.status().message().find("is not empty"), std::string::npos)
      << created.status().message();
  EXPECT_EQ(Slurp(dir.File("data.csv")), text);
}

TEST(StoreFileTest, ASqliteFileOfAnotherProgramIsRefusedUntouched) {
  testing::TempDir dir;
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir.File("other.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  const std::string before = Slurp(dir.File("other.db"));
  auto opened = OpenSqliteStore(dir.File("other.db"));
  EXPECT_EQ(opened.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(opened.status().message().find("not a Ballast store"), std::string::npos)
      << opened.status().message();
  EXPECT_EQ(Slurp(dir.File("other.db")), before);  // not switched to WAL
  EXPECT_FALSE(std::filesystem::exists(dir.File("other.db-wal")));
}

TEST(StoreFileTest, FindEnterpriseGivesTheCurrentRegistration) {
  testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto s, CreateSqliteStore(dir.File("s.db"), Texts()));
  BatchInfo b;
  b.kind = "enterprises";
  b.format = "csv-utf8";
  b.sha256 = "h1";
  b.rows = 2;
  ASSERT_OK(s->WriteBatch(b,
                          {{"91310110666007217T", "甲", "410302", "1311", "small", {}, {}, {}},
                           {"91310115591693856A", "乙", "410102", "2611", "large", {}, {}, {}}},
                          {}));
  b.sha256 = "h2";
  b.rows = 1;
  ASSERT_OK_AND_ASSIGN(
      auto second,
      s->WriteBatch(
          b, {{"91310110666007217T", "甲公司", "410100", "1312", "medium", {"x"}, {}, {}}}, {}));
  ASSERT_OK_AND_ASSIGN(auto moved, s->FindEnterprise("91310110666007217T"));
  ASSERT_TRUE(moved.has_value());
  EXPECT_EQ(moved->batch, second.id);
  EXPECT_EQ(moved->record.region, "410100");
  EXPECT_EQ(moved->record.name, "甲公司");
  EXPECT_EQ(moved->record.industry, "1312");
  ASSERT_OK_AND_ASSIGN(auto other, s->FindEnterprise("91310115591693856A"));
  ASSERT_TRUE(other.has_value());
  EXPECT_EQ(other->record.region, "410102");
  ASSERT_OK_AND_ASSIGN(auto none, s->FindEnterprise("91330000755918469E"));
  EXPECT_FALSE(none.has_value());

  // Cheap: index lookups only, no scan of a table.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir.File("s.db").c_str(), &db), SQLITE_OK);
  {
    Stmt plan(db,
              "EXPLAIN QUERY PLAN SELECT v.enterprise_id, v.batch_id, e.uscc, v.name, v.region, "
              "v.industry, v.size, "
              "v.tags FROM enterprise e JOIN enterprise_version v ON v.enterprise_id = e.id "
              "WHERE e.uscc = ? ORDER BY v.batch_id DESC LIMIT 1");
    ASSERT_TRUE(plan.ok());
    std::string detail;
    while (plan.Step() == SQLITE_ROW) detail += plan.Text(3) + "\n";
    EXPECT_EQ(detail.find("SCAN"), std::string::npos) << detail;
  }
  sqlite3_close(db);
}

TEST(StoreFileTest, AStoreOfSchemaFourKeepsItsAuditEntriesAsUnkeyed) {
  // A store as the previous version wrote it: migrations 001-004 and one audit entry.
  testing::TempDir dir;
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir.File("old.db").c_str(), &db), SQLITE_OK);
  auto migrations = SqliteMigrations();
  ASSERT_GE(migrations.size(), 5u);
  for (size_t i = 0; i < 4; ++i) ASSERT_OK(ExecSql(db, std::string(migrations[i]).c_str()));
  ASSERT_OK(ExecSql(
      db,
      "PRAGMA user_version=4; INSERT INTO catalog VALUES('regions','code,name\n'),"
      "('industries','code,name\n'),('indicators','code\n');"
      "INSERT INTO audit_log(ts, actor, role, address, action, target, result, detail, prev_hash, "
      "hash) "
      "VALUES('2026-01-01T00:00:00Z','admin','admin','','user.add','zz','success','role=analyst',"
      "'0000','h1')"));
  sqlite3_close(db);
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(dir.File("old.db")));
  ASSERT_OK_AND_ASSIGN(auto entries, store->ListAudit(0, 0));
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].scheme, "sha256");
  EXPECT_EQ(entries[0].hash, "h1");
  EXPECT_EQ(entries[0].detail, "role=analyst");
  ASSERT_OK_AND_ASSIGN(auto head, store->GetAuditHead());
  EXPECT_FALSE(head.has_value());
  ASSERT_OK_AND_ASSIGN(int64_t failures, store->CountLoginFailures("account:zz", 0));
  EXPECT_EQ(failures, 0);
}

TEST(StmtTest, BindAllBindsEveryTypeInOrderAndReportsFailures) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
  {
    Stmt s(db, "SELECT ?1, ?2, ?3, ?4, typeof(?5), ?6, typeof(?7), ?8, typeof(?9), ?10");
    ASSERT_TRUE(s.ok());
    const std::string text = "文本";
    const std::string bytes("a\0b", 3);
    const std::string x = "x", y = "y";
    ASSERT_OK(s.BindAll(int32_t{-7}, int64_t{1} << 40, 2.5, text, Null{}, std::optional<int64_t>(9),
                        std::optional<double>(), ballast::Blob{bytes}, true,
                        std::vector<const std::string*>{&x}));
    ASSERT_EQ(s.Step(), SQLITE_ROW);
    EXPECT_EQ(s.Int(0), -7);
    EXPECT_EQ(s.Int(1), int64_t{1} << 40);
    EXPECT_EQ(s.Double(2), 2.5);
    EXPECT_EQ(s.Text(3), text);
    EXPECT_EQ(s.Text(4), "null");
    EXPECT_EQ(s.Int(5), 9);
    EXPECT_EQ(s.Text(6), "null");
    EXPECT_EQ(s.Blob(7), bytes);
    EXPECT_EQ(s.Text(8), "integer");
    EXPECT_EQ(s.Text(9), "x");
    EXPECT_EQ(Stmt::Count(1, std::vector<const std::string*>{&x, &y}, 2.0), 4);
  }
  {
    // One argument too many: SQLite's SQLITE_RANGE becomes a Status naming the parameter.
    Stmt s(db, "SELECT ?, ?");
    ASSERT_TRUE(s.ok());
    Status st = s.BindAll(1, 2, 3);
    EXPECT_EQ(st.code(), StatusCode::kInternal);
    EXPECT_NE(st.message().find("binding parameter 3"), std::string::npos) << st.message();
  }
  sqlite3_close(db);
}

TEST(RevisionTest, AppendRevisionNumbersEachKeyOnItsOwn) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
  ASSERT_OK(ExecSql(
      db,
      "CREATE TABLE r(name TEXT, revision INTEGER, body TEXT, author TEXT, created_at TEXT, "
      "PRIMARY KEY (name, revision))"));
  ASSERT_OK_AND_ASSIGN(
      int64_t a1, AppendRevision(db, "r", "name", {"a", "{}", "u", "2026-01-01T00:00:00Z"}, "t"));
  ASSERT_OK_AND_ASSIGN(
      int64_t a2, AppendRevision(db, "r", "name", {"a", "{1}", "u", "2026-01-02T00:00:00Z"}, "t"));
  ASSERT_OK_AND_ASSIGN(
      int64_t b1, AppendRevision(db, "r", "name", {"b", "{}", "v", "2026-01-03T00:00:00Z"}, "t"));
  EXPECT_EQ(a1, 1);
  EXPECT_EQ(a2, 2);
  EXPECT_EQ(b1, 1);
  {
    Stmt s(db, "SELECT body, author FROM r WHERE name = 'a' AND revision = 2");
    ASSERT_EQ(s.Step(), SQLITE_ROW);
    EXPECT_EQ(s.Text(0), "{1}");
    EXPECT_EQ(s.Text(1), "u");
  }
  sqlite3_close(db);
}

}  // namespace
}  // namespace ballast
