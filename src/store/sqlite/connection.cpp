#include "store/sqlite/connection.h"

#include <algorithm>
#include <filesystem>

namespace ballast {

Status ExecSql(sqlite3* db, const char* sql, const char* who) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string m = err ? err : "unknown error";
    sqlite3_free(err);
    return Status::Io(std::string(who) + ": " + m);
  }
  return Status::Ok();
}

Status SqlError(sqlite3* db, const char* what, const char* who) {
  return Status::Io(std::string(who) + ": " + what + ": " + sqlite3_errmsg(db));
}

Status CheckSqliteFile(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Status::NotFound("store '" + path +
                            "' does not exist (create it with `ballast init --db " + path + "`)");
  }
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::Precondition("'" + path + "' is not a Ballast store: not a regular file");
  }
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return Status::Io("cannot read '" + path + "': " + ec.message());
  if (size == 0) {
    return Status::Precondition(
        "'" + path + "' is an empty file, not a Ballast store (create one with `ballast init`)");
  }
  // SQLite itself reads the header: opening and closing a descriptor of our own on the file
  // (an ifstream) would drop every POSIX lock this process's connections hold on it (fcntl
  // locks belong to the process), and another process closing the store would then think it
  // the last user, checkpoint and delete the WAL under them: their later writes were lost
  // (issue 10, a CLI import or `ballast check` while the server runs). SQLite's own closes
  // keep the locks.
  sqlite3* db = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc == SQLITE_OK) {
    sqlite3_busy_timeout(db, 10000);
    rc = sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
  }
  const std::string m = db ? sqlite3_errmsg(db) : "out of memory";
  sqlite3_close_v2(db);
  if (rc == SQLITE_NOTADB) {
    return Status::Precondition("'" + path + "' is not a Ballast store (not a SQLite database)");
  }
  if (rc != SQLITE_OK) return Status::Io("cannot read '" + path + "': " + m);
  return Status::Ok();
}

Result<sqlite3*> OpenExistingFile(const std::string& path, const char* who) {
  RETURN_IF_ERROR(CheckSqliteFile(path));
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, nullptr) !=
      SQLITE_OK) {
    std::string m = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Status::Io(std::string(who) + ": cannot open '" + path + "': " + m);
  }
  return db;
}

Status ConfigureConnection(sqlite3* db, const char* who) {
  sqlite3_busy_timeout(db, 10000);
  RETURN_IF_ERROR(ExecSql(db, "PRAGMA journal_mode=WAL", who));
  RETURN_IF_ERROR(ExecSql(db, "PRAGMA synchronous=NORMAL", who));
  return ExecSql(db, "PRAGMA foreign_keys=ON", who);
}

Status ConfigureAtSchema(sqlite3* db, int64_t version, const char* tables, const char* who) {
  {
    // Before any pragma that writes: a file that is not a Ballast store stays untouched.
    Stmt s(db, "PRAGMA user_version");
    if (!s.ok() || s.Step() != SQLITE_ROW) return SqlError(db, "reading schema version", who);
    if (s.Int(0) < version) {
      return Status::Precondition("store schema version " + std::to_string(s.Int(0)) + " has no " +
                                  tables + " (open it with the Store first to migrate)");
    }
  }
  return ConfigureConnection(db, who);
}

Status ConfigureWithTable(sqlite3* db, const char* table, const char* tables, const char* who) {
  {
    Stmt s(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
    if (!s.ok()) return SqlError(db, "reading the schema", who);
    RETURN_IF_ERROR(s.BindAll(std::string(table)));
    if (s.Step() != SQLITE_ROW) {
      return Status::Precondition(std::string("store has no ") + tables +
                                  " (open it with the Store first to migrate)");
    }
  }
  return ConfigureConnection(db, who);
}

Result<int64_t> AppendRevision(sqlite3* db, const char* table, const char* key_column,
                               const RevisionRow& row, const char* who) {
  int64_t revision = 0;
  const std::string t(table), k(key_column);
  Status st = InTransaction(
      db,
      [&]() -> Status {
        Stmt max(db, "SELECT COALESCE(MAX(revision), 0) FROM " + t + " WHERE " + k + " = ?");
        if (!max.ok()) return SqlError(db, "reading revisions", who);
        RETURN_IF_ERROR(max.BindAll(row.key));
        if (max.Step() != SQLITE_ROW) return SqlError(db, "reading revisions", who);
        revision = max.Int(0) + 1;
        Stmt s(db, "INSERT INTO " + t + "(" + k +
                       ", revision, body, author, created_at) VALUES(?,?,?,?,?)");
        if (!s.ok()) return SqlError(db, "preparing revision insert", who);
        RETURN_IF_ERROR(s.BindAll(row.key, revision, row.body, row.author, row.created_at));
        if (s.Step() != SQLITE_DONE) return SqlError(db, "writing revision", who);
        return Status::Ok();
      },
      who);
  RETURN_IF_ERROR(st);
  return revision;
}

}  // namespace ballast
