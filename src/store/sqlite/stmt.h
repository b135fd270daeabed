// A prepared SQLite statement with RAII and typed binds, and the connection helpers every
// SQLite store shares.
#ifndef BALLAST_STORE_SQLITE_STMT_H_
#define BALLAST_STORE_SQLITE_STMT_H_

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace ballast {

class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) { rc_ = sqlite3_prepare_v2(db, sql, -1, &s_, nullptr); }
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  bool ok() const { return rc_ == SQLITE_OK; }
  sqlite3_stmt* get() { return s_; }
  void Bind(int i, int64_t v) { sqlite3_bind_int64(s_, i, v); }
  void Bind(int i, const std::string& v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void BindBlob(int i, const std::string& v) {
    sqlite3_bind_blob(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  }
  int Step() { return sqlite3_step(s_); }
  void Reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  int64_t Int(int col) { return sqlite3_column_int64(s_, col); }
  std::string Text(int col) {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(s_, col))) : std::string();
  }
  std::string_view Blob(int col) {
    auto p = static_cast<const char*>(sqlite3_column_blob(s_, col));
    return {p ? p : "", static_cast<size_t>(sqlite3_column_bytes(s_, col))};
  }

 private:
  sqlite3_stmt* s_ = nullptr;
  int rc_;
};

// Runs SQL without results; `who` prefixes the error ("store", "warn store").
inline Status ExecSql(sqlite3* db, const char* sql, const char* who = "store") {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string m = err ? err : "unknown error";
    sqlite3_free(err);
    return Status::Io(std::string(who) + ": " + m);
  }
  return Status::Ok();
}

inline Status SqlError(sqlite3* db, const char* what, const char* who = "store") {
  return Status::Io(std::string(who) + ": " + what + ": " + sqlite3_errmsg(db));
}

// WAL (readers never block the writer; a crash loses no committed batch), a busy timeout for
// the other connections to the same file, and enforced foreign keys.
inline Status ConfigureConnection(sqlite3* db, const char* who = "store") {
  sqlite3_busy_timeout(db, 10000);
  RETURN_IF_ERROR(ExecSql(db, "PRAGMA journal_mode=WAL", who));
  RETURN_IF_ERROR(ExecSql(db, "PRAGMA synchronous=NORMAL", who));
  return ExecSql(db, "PRAGMA foreign_keys=ON", who);
}

// Opens a second connection's use of the file: configured, and the schema migrated (by the
// Store, which owns the migrations) at least to `version`; `tables` names what would be missing.
inline Status ConfigureAtSchema(sqlite3* db, int64_t version, const char* tables, const char* who) {
  RETURN_IF_ERROR(ConfigureConnection(db, who));
  Stmt s(db, "PRAGMA user_version");
  if (!s.ok() || s.Step() != SQLITE_ROW) return SqlError(db, "reading schema version", who);
  if (s.Int(0) < version) {
    return Status::Precondition("store schema version " + std::to_string(s.Int(0)) + " has no " + tables +
                                " (open it with the Store first to migrate)");
  }
  return Status::Ok();
}

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

}  // namespace ballast

#endif  // BALLAST_STORE_SQLITE_STMT_H_
