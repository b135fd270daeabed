// One libpq connection shared by a PostgreSQL store's methods: parameters converted from C++
// values (text format, bytea in binary), results read by row and column, transactions, binary
// COPY, and a reconnect when the server went away between statements (a restarted or promoted
// server). A mutex serialises the users of the connection (libpq connections are not
// thread-safe); a transaction holds it from BEGIN to COMMIT.
#ifndef BALLAST_STORE_POSTGRES_PG_CONN_H_
#define BALLAST_STORE_POSTGRES_PG_CONN_H_

#include <libpq-fe.h>

#include <concepts>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace ballast::pg {

// Bytes sent as a bytea parameter (binary format).
struct Bytes {
  std::string_view bytes;
};
struct Null {};

// The advisory lock keys of the store (pg_advisory_xact_lock / pg_try_advisory_lock).
inline constexpr int64_t kMigrationLock = 0x42414c4c41535401;   // schema migrations
inline constexpr int64_t kBatchLock = 0x42414c4c41535402;       // batch writes (ids, enterprises)
inline constexpr int64_t kAuditLock = 0x42414c4c41535403;       // the audit chain stays linear
inline constexpr int64_t kEvaluationLock = 0x42414c4c41535404;  // one instance evaluates warnings
inline constexpr int64_t kRevisionLock = 0x42414c4c41535405;    // revision tables

// SQL written with SQLite's placeholders (`?` in order, `?N` by number) in PostgreSQL's ($N).
std::string Placeholders(std::string_view sql);

class PgResult {
 public:
  explicit PgResult(PGresult* r) : r_(r, &PQclear) {}
  int rows() const { return PQntuples(r_.get()); }
  bool IsNull(int row, int col) const { return PQgetisnull(r_.get(), row, col) != 0; }
  std::string Text(int row, int col) const {
    return std::string(PQgetvalue(r_.get(), row, col),
                       static_cast<size_t>(PQgetlength(r_.get(), row, col)));
  }
  int64_t Int(int row, int col) const;
  double Double(int row, int col) const;
  // bytea in text format (hex), decoded.
  std::string Bytea(int row, int col) const;
  // Rows changed by INSERT/UPDATE/DELETE.
  int64_t Affected() const;
  PGresult* get() const { return r_.get(); }

 private:
  std::shared_ptr<PGresult> r_;
};

// Parameters of one statement, text format unless bytea.
class Params {
 public:
  template <std::integral T>
  void Add(T v) {
    if constexpr (std::is_same_v<T, bool>) {
      AddText(v ? "1" : "0");
    } else {
      AddText(std::to_string(v));
    }
  }
  void Add(double v);
  void Add(std::string_view v) { AddText(std::string(v)); }
  void Add(const std::string& v) { AddText(v); }
  void Add(const char* v) { AddText(v); }
  void Add(Bytes b);
  void Add(Null) { values_.emplace_back(), lengths_.push_back(0), formats_.push_back(0); }
  template <typename T>
  void Add(const std::optional<T>& v) {
    if (v) {
      Add(*v);
    } else {
      Add(Null{});
    }
  }
  template <typename T>
  void Add(const std::vector<T*>& fields) {
    for (const T* f : fields) Add(*f);
  }

  int size() const { return static_cast<int>(values_.size()); }
  // Pointers into the stored values, valid while this object lives and is not changed.
  std::vector<const char*> Pointers() const;
  const int* lengths() const { return lengths_.data(); }
  const int* formats() const { return formats_.data(); }

 private:
  void AddText(std::string s) {
    lengths_.push_back(static_cast<int>(s.size()));
    values_.emplace_back(std::move(s));
    formats_.push_back(0);
  }
  std::vector<std::optional<std::string>> values_;
  std::vector<int> lengths_, formats_;
};

// A binary COPY stream (PostgreSQL's PGCOPY format) built in memory row by row.
class CopyBuffer {
 public:
  CopyBuffer();
  void Row(int16_t fields);
  void Int64(int64_t v);
  void Double(double v);
  void Text(std::string_view s);  // also bytea
  size_t size() const { return buf_.size(); }
  void Null();
  std::string Finish();  // the buffer with its trailer

 private:
  void Be32(uint32_t v);
  std::string buf_;
};

class Conn {
 public:
  // `uri` is never shown: messages name RedactLocator(uri).
  static Result<std::unique_ptr<Conn>> Connect(const std::string& uri, const char* who);
  ~Conn();
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;

  template <typename... Ts>
  Result<PgResult> Query(const std::string& sql, const Ts&... args) {
    Params p;
    (p.Add(args), ...);
    return Execute(sql, p, 0);
  }
  template <typename... Ts>
  Status Run(const std::string& sql, const Ts&... args) {
    return Query(sql, args...).status();
  }
  // Result columns in binary format (for bulk reads).
  Result<PgResult> Execute(const std::string& sql, const Params& params, int result_format);
  // Runs `sql` (may hold several statements) without parameters.
  Status Script(const std::string& sql);
  // Streams the rows of a query one by one (single-row mode, binary results when asked).
  Status ForEachRow(const std::string& sql, const Params& params, int result_format,
                    const std::function<Status(const PgResult&)>& fn);
  // COPY ... FROM STDIN with the given data.
  Status CopyIn(const std::string& copy_sql, std::string_view data);

  // LISTENs on a channel, again after every reconnect.
  Status Listen(const std::string& channel);
  // Reads what the server sent without waiting; true if a notification arrived since the last
  // call (or the connection was lost: the caller should look for itself).
  bool ConsumeNotifications();

  // Runs fn inside BEGIN … COMMIT (holding the connection), rolling back on error.
  Status InTransaction(const std::function<Status()>& fn);
  // The same holding the transaction's advisory lock `lock` (pg_advisory_xact_lock), taken in
  // the round trip of BEGIN: what one writer at a time does (the audit chain's appends) takes
  // one wait less each.
  Status InLockedTransaction(int64_t lock, const std::function<Status()>& fn);
  // The same with `read` (a query without parameters) run under the lock in that round trip too:
  // fn is given its rows (the audit chain's head, read before every append).
  Status InLockedTransaction(int64_t lock, const std::string& read,
                             const std::function<Status(const PgResult&)>& fn);

  std::recursive_mutex& mu() { return mu_; }
  // The SQLSTATE of the last failed statement ("23505" = unique violation), "" if none.
  const std::string& last_sqlstate() const { return last_sqlstate_; }
  const std::string& who() const { return who_; }
  const std::string& redacted() const { return redacted_; }
  Status Error(const std::string& what) const;

 private:
  // BEGIN and `first` (statements without parameters; "" none) in one round trip, then fn with
  // the rows of the last of them.
  Status Transaction(const std::string& first, const std::function<Status(const PgResult&)>& fn);
  // Runs `sql` as Script does, keeping the result of its last statement.
  Result<PgResult> ScriptResult(const std::string& sql);
  Conn(PGconn* c, std::string uri, std::string who);
  // Reconnects a connection the server closed, unless a transaction was under way.
  void EnsureConnected();
  // The name of `sql` prepared on this session (PQprepare), from its second run on, or nullptr
  // to run it unprepared: the server then parses and plans a statement once per session rather
  // than on every run (issue 11: the session lookup of every request, the audit appends).
  const char* Prepared(const std::string& sql, int params);

  PGconn* c_;
  std::string uri_, redacted_, who_;
  std::string last_sqlstate_, last_error_;
  int tx_depth_ = 0;
  std::vector<std::string> channels_;
  struct Statement {
    int uses = 0;
    std::string name;  // empty: not prepared
  };
  // Statements seen on this session, at most kMaxStatements (those made with varying text, such
  // as a VALUES list per row, run unprepared past it). The session ends them (Give's DISCARD ALL).
  static constexpr size_t kMaxStatements = 256;
  std::unordered_map<std::string, Statement> statements_;
  int64_t next_statement_ = 0;  // names are never used twice on a session
  std::recursive_mutex mu_;
};

// Row i of a result as the domain row readers (store/*_rows.h) take it (SqliteRow's twin).
struct PgRow {
  const PgResult& r;
  int i;
  std::string Text(int c) const { return r.Text(i, c); }
  int64_t Int(int c) const { return r.Int(i, c); }
  double Double(int c) const { return r.Double(i, c); }
  bool IsNull(int c) const { return r.IsNull(i, c); }
};

}  // namespace ballast::pg

#endif  // BALLAST_STORE_POSTGRES_PG_CONN_H_
