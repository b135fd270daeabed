// The connection helpers every SQLite store shares: opening a Ballast store file (and refusing
// files that are not one), configuration, schema checks, transactions and the revision tables.
#ifndef BALLAST_STORE_SQLITE_CONNECTION_H_
#define BALLAST_STORE_SQLITE_CONNECTION_H_

#include <sqlite3.h>

#include <string>

#include "core/status.h"
#include "store/sqlite/stmt.h"

namespace ballast {

// Runs SQL without results; `who` prefixes the error ("store", "warn store").
Status ExecSql(sqlite3* db, const char* sql, const char* who = "store");
Status SqlError(sqlite3* db, const char* what, const char* who = "store");

// Checks that `path` is an existing SQLite file before SQLite touches it: a missing file is
// NotFound, an empty file or one without the SQLite header is FailedPrecondition (opening it
// would silently turn it into a database).
Status CheckSqliteFile(const std::string& path);

// Opens an existing store file (checked as above) for reading and writing.
Result<sqlite3*> OpenExistingFile(const std::string& path, const char* who);

// WAL (readers never block the writer; a crash loses no committed batch), a busy timeout for
// the other connections to the same file, and enforced foreign keys.
Status ConfigureConnection(sqlite3* db, const char* who = "store");

// Opens a second connection's use of the file: configured, and the schema migrated (by the
// Store, which owns the migrations) at least to `version`; `tables` names what would be missing.
Status ConfigureAtSchema(sqlite3* db, int64_t version, const char* tables, const char* who);

// The same for a domain's own connection, checked by a table its newest migration creates
// (`table`); `tables` names them in the error ("park tables").
Status ConfigureWithTable(sqlite3* db, const char* table, const char* tables, const char* who);

// Runs fn inside BEGIN IMMEDIATE … COMMIT, rolling back on error.
template <typename Fn>
Status InTransaction(sqlite3* db, Fn fn, const char* who = "store") {
  RETURN_IF_ERROR(ExecSql(db, "BEGIN IMMEDIATE", who));
  Status st = fn();
  if (!st.ok()) {
    ExecSql(db, "ROLLBACK", who);
    return st;
  }
  return ExecSql(db, "COMMIT", who);
}

// A revision table has columns (<key_column>, revision, body, author, created_at) with primary
// key (<key_column>, revision). Appends the next revision of `key` in one transaction and
// returns its number. Every "append a revision" of every domain goes through here.
struct RevisionRow {
  std::string key, body, author, created_at;
};
Result<int64_t> AppendRevision(sqlite3* db, const char* table, const char* key_column,
                               const RevisionRow& row, const char* who);

}  // namespace ballast

#endif  // BALLAST_STORE_SQLITE_CONNECTION_H_
