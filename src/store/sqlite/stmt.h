// A prepared SQLite statement with RAII and checked binds. Binds by position come from the
// argument list (`s.BindAll(a, b, c)` binds ?1, ?2, ?3), so no caller numbers parameters by
// hand, and every bind's return code becomes a Status that the compiler will not let a caller
// drop.
#ifndef BALLAST_STORE_SQLITE_STMT_H_
#define BALLAST_STORE_SQLITE_STMT_H_

#include <sqlite3.h>

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace ballast {

// Bytes bound as a BLOB (a plain string binds as TEXT).
struct Blob {
  std::string_view bytes;
};
// SQL NULL.
struct Null {};

class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) { rc_ = sqlite3_prepare_v2(db, sql, -1, &s_, nullptr); }
  Stmt(sqlite3* db, const std::string& sql) : Stmt(db, sql.c_str()) {}
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  bool ok() const { return rc_ == SQLITE_OK; }
  sqlite3_stmt* get() { return s_; }

  template <std::integral T>
  [[nodiscard]] Status Bind(int i, T v) {
    return Check(i, sqlite3_bind_int64(s_, i, static_cast<sqlite3_int64>(v)));
  }
  [[nodiscard]] Status Bind(int i, double v) { return Check(i, sqlite3_bind_double(s_, i, v)); }
  [[nodiscard]] Status Bind(int i, std::string_view v) {
    return Check(i, sqlite3_bind_text64(s_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  }
  [[nodiscard]] Status Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  [[nodiscard]] Status Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  // The bytes must outlive the step (SQLITE_STATIC avoids copying large chunks).
  [[nodiscard]] Status Bind(int i, ballast::Blob v) {
    return Check(i, sqlite3_bind_blob64(s_, i, v.bytes.data(), v.bytes.size(), SQLITE_STATIC));
  }
  [[nodiscard]] Status Bind(int i, Null) { return Check(i, sqlite3_bind_null(s_, i)); }
  template <typename T>
  [[nodiscard]] Status Bind(int i, const std::optional<T>& v) {
    return v ? Bind(i, *v) : Bind(i, Null{});
  }
  // Several fields in a row (records with many columns of one type), one parameter each.
  template <typename T>
  [[nodiscard]] Status Bind(int i, const std::vector<T*>& fields) {
    for (const T* f : fields) {
      Status st = Bind(i++, *f);
      if (!st.ok()) return st;
    }
    return Status::Ok();
  }

  // Binds ?first, ?first+1, ... in order; a vector of field pointers takes one parameter each.
  template <typename... Ts>
  [[nodiscard]] Status BindFrom(int first, const Ts&... vs) {
    Status st;
    int i = first;
    auto one = [&](const auto& v) {
      if (!st.ok()) return;
      st = Bind(i, v);
      i += Width(v);
    };
    (one(vs), ...);
    return st;
  }
  template <typename... Ts>
  [[nodiscard]] Status BindAll(const Ts&... vs) {
    return BindFrom(1, vs...);
  }
  // The number of parameters the arguments bind, for callers that bind more after them.
  template <typename... Ts>
  static int Count(const Ts&... vs) {
    return (0 + ... + Width(vs));
  }

  int Step() { return sqlite3_step(s_); }
  void Reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  int64_t Int(int col) { return sqlite3_column_int64(s_, col); }
  double Double(int col) { return sqlite3_column_double(s_, col); }
  bool IsNull(int col) { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
  std::string Text(int col) {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(s_, col))) : std::string();
  }
  std::string_view Blob(int col) {
    auto p = static_cast<const char*>(sqlite3_column_blob(s_, col));
    return {p ? p : "", static_cast<size_t>(sqlite3_column_bytes(s_, col))};
  }

 private:
  template <typename T>
  static int Width(const T&) {
    return 1;
  }
  template <typename T>
  static int Width(const std::vector<T*>& v) {
    return static_cast<int>(v.size());
  }

  Status Check(int i, int rc) {
    if (rc == SQLITE_OK) return Status::Ok();
    return Status::Internal("store: binding parameter " + std::to_string(i) + " of \"" +
                            (s_ ? sqlite3_sql(s_) : "?") + "\": " + sqlite3_errstr(rc));
  }

  sqlite3_stmt* s_ = nullptr;
  int rc_;
};

// The current row of a statement as the domain row readers (store/*_rows.h) take it: the same
// readers serve the SQLite and the PostgreSQL stores (postgres/pg_conn.h has PgRow).
struct SqliteRow {
  Stmt& s;
  std::string Text(int c) const { return s.Text(c); }
  int64_t Int(int c) const { return s.Int(c); }
  double Double(int c) const { return s.Double(c); }
  bool IsNull(int c) const { return s.IsNull(c); }
};

}  // namespace ballast

#endif  // BALLAST_STORE_SQLITE_STMT_H_
