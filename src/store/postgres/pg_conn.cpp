#include "store/postgres/pg_conn.h"

#include <arpa/inet.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "store/locator.h"
#include "store/postgres/pg_idle.h"

namespace ballast::pg {

int64_t PgResult::Int(int row, int col) const {
  return std::strtoll(PQgetvalue(r_.get(), row, col), nullptr, 10);
}

double PgResult::Double(int row, int col) const {
  return std::strtod(PQgetvalue(r_.get(), row, col), nullptr);
}

std::string PgResult::Bytea(int row, int col) const {
  size_t n = 0;
  unsigned char* p =
      PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(r_.get(), row, col)), &n);
  if (p == nullptr) return {};
  std::string out(reinterpret_cast<const char*>(p), n);
  PQfreemem(p);
  return out;
}

int64_t PgResult::Affected() const { return std::strtoll(PQcmdTuples(r_.get()), nullptr, 10); }

void Params::Add(double v) {
  if (std::isnan(v)) return AddText("NaN");
  if (std::isinf(v)) return AddText(v > 0 ? "Infinity" : "-Infinity");
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);  // shortest round-trip form
  AddText(std::string(buf, end));
}

void Params::Add(Bytes b) {
  values_.emplace_back(std::string(b.bytes));
  lengths_.push_back(static_cast<int>(b.bytes.size()));
  formats_.push_back(1);
}

std::vector<const char*> Params::Pointers() const {
  std::vector<const char*> out;
  out.reserve(values_.size());
  for (const auto& v : values_) out.push_back(v ? v->data() : nullptr);
  return out;
}

CopyBuffer::CopyBuffer() {
  static constexpr char kHeader[] = "PGCOPY\n\377\r\n";
  buf_.assign(kHeader, 11);
  Be32(0);  // flags
  Be32(0);  // header extension length
}

void CopyBuffer::Be32(uint32_t v) {
  const uint32_t n = htonl(v);
  buf_.append(reinterpret_cast<const char*>(&n), 4);
}

void CopyBuffer::Row(int16_t fields) {
  const uint16_t n = htons(static_cast<uint16_t>(fields));
  buf_.append(reinterpret_cast<const char*>(&n), 2);
}

void CopyBuffer::Int64(int64_t v) {
  Be32(8);
  const auto u = static_cast<uint64_t>(v);
  Be32(static_cast<uint32_t>(u >> 32));
  Be32(static_cast<uint32_t>(u & 0xffffffffu));
}

void CopyBuffer::Double(double v) {
  uint64_t u;
  std::memcpy(&u, &v, 8);
  Be32(8);
  Be32(static_cast<uint32_t>(u >> 32));
  Be32(static_cast<uint32_t>(u & 0xffffffffu));
}

void CopyBuffer::Text(std::string_view s) {
  Be32(static_cast<uint32_t>(s.size()));
  buf_.append(s);
}

void CopyBuffer::Null() { Be32(0xffffffffu); }

std::string CopyBuffer::Finish() {
  Row(-1);
  return std::move(buf_);
}

Conn::Conn(PGconn* c, std::string uri, std::string who)
    : c_(c), uri_(std::move(uri)), redacted_(RedactLocator(uri_)), who_(std::move(who)) {}

Conn::~Conn() { GiveBack(uri_, c_); }

Result<std::unique_ptr<Conn>> Conn::Connect(const std::string& uri, const char* who) {
  if (PGconn* idle = TakeIdle(uri)) return std::unique_ptr<Conn>(new Conn(idle, uri, who));
  PGconn* c = PQconnectdb(uri.c_str());
  if (c == nullptr) return Status::Io(std::string(who) + ": out of memory connecting");
  if (PQstatus(c) != CONNECTION_OK) {
    std::string m = PQerrorMessage(c);
    PQfinish(c);
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    return Status::Io(std::string(who) + ": cannot connect to '" + RedactLocator(uri) + "': " + m);
  }
  auto conn = std::unique_ptr<Conn>(new Conn(c, uri, who));
  // Quiet NOTICEs (they would go to stderr) and UTC for every timestamp the server makes.
  PQsetNoticeProcessor(
      c, [](void*, const char*) {}, nullptr);
  RETURN_IF_ERROR(conn->Script(kSessionSettings));
  return conn;
}

void Conn::EnsureConnected() {
  if (tx_depth_ == 0 && PQstatus(c_) != CONNECTION_OK) {
    statements_.clear();  // a new session holds none
    PQreset(c_);
    if (PQstatus(c_) == CONNECTION_OK) {
      PQsetNoticeProcessor(
          c_, [](void*, const char*) {}, nullptr);
      PGresult* r = PQexec(c_, kSessionSettings);
      PQclear(r);
      for (const auto& ch : channels_) PQclear(PQexec(c_, ("LISTEN " + ch).c_str()));
    }
  }
}

Status Conn::Error(const std::string& what) const {
  return Status::Io(who_ + ": " + what + ": " + last_error_);
}

namespace {
std::string Trimmed(const char* m) {
  std::string s = m ? m : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}
}  // namespace

std::string Placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 1;
  bool quoted = false;
  for (size_t i = 0; i < sql.size(); ++i) {
    const char ch = sql[i];
    if (ch == '\'') quoted = !quoted;
    if (ch != '?' || quoted) {
      out += ch;
      continue;
    }
    out += '$';
    if (i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') continue;  // ?N -> $N
    out += std::to_string(next++);
  }
  return out;
}

const char* Conn::Prepared(const std::string& sql, int params) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    if (statements_.size() >= kMaxStatements) {
      // Full of statements run once (their text varies): those are forgotten, the prepared kept.
      std::erase_if(statements_, [](const auto& kv) { return kv.second.name.empty(); });
      if (statements_.size() >= kMaxStatements) return nullptr;
    }
    it = statements_.emplace(sql, Statement{}).first;
  }
  Statement& s = it->second;
  if (!s.name.empty()) return s.name.c_str();
  if (++s.uses < 2) return nullptr;  // a statement run once (a store opened for one use) is not
  std::string name = "ballast_" + std::to_string(++next_statement_);
  PgResult r(PQprepare(c_, name.c_str(), sql.c_str(), params, nullptr));
  if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) return nullptr;  // run unprepared
  s.name = std::move(name);
  return s.name.c_str();
}

Result<PgResult> Conn::Execute(const std::string& sql_in, const Params& params, int result_format) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  const std::string sql = Placeholders(sql_in);
  bool unprepared = false;
  for (int attempt = 0;; ++attempt) {
    EnsureConnected();
    const auto values = params.Pointers();
    const char* name = unprepared ? nullptr : Prepared(sql, params.size());
    PgResult r(name != nullptr
                   ? PQexecPrepared(c_, name, params.size(), values.data(), params.lengths(),
                                    params.formats(), result_format)
                   : PQexecParams(c_, sql.c_str(), params.size(), nullptr, values.data(),
                                  params.lengths(), params.formats(), result_format));
    const ExecStatusType st = PQresultStatus(r.get());
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
      last_sqlstate_.clear();
      return r;
    }
    // A connection lost outside a transaction is retried once on a new connection.
    if (attempt == 0 && tx_depth_ == 0 && PQstatus(c_) != CONNECTION_OK) continue;
    const char* state = PQresultErrorField(r.get(), PG_DIAG_SQLSTATE);
    // A prepared statement a schema change made stale (0A000: its result type moved) or that the
    // session no longer holds (26000) is forgotten and the statement run unprepared, once.
    if (name != nullptr && attempt == 0 && state != nullptr &&
        (std::strcmp(state, "0A000") == 0 || std::strcmp(state, "26000") == 0)) {
      statements_.erase(sql);
      unprepared = true;
      if (tx_depth_ == 0) continue;  // inside a transaction the error has ended it: reported
    }
    last_sqlstate_ = state ? state : "";
    last_error_ = Trimmed(PQresultErrorMessage(r.get()));
    if (last_error_.empty()) last_error_ = Trimmed(PQerrorMessage(c_));
    return Status::Io(who_ + ": " + last_error_);
  }
}

Status Conn::Script(const std::string& sql) { return ScriptResult(sql).status(); }

Result<PgResult> Conn::ScriptResult(const std::string& sql) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  EnsureConnected();
  PgResult r(PQexec(c_, sql.c_str()));
  const ExecStatusType st = PQresultStatus(r.get());
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) return r;
  const char* state = PQresultErrorField(r.get(), PG_DIAG_SQLSTATE);
  last_sqlstate_ = state ? state : "";
  last_error_ = Trimmed(PQresultErrorMessage(r.get()));
  if (last_error_.empty()) last_error_ = Trimmed(PQerrorMessage(c_));
  return Status::Io(who_ + ": " + last_error_);
}

Status Conn::ForEachRow(const std::string& sql_in, const Params& params, int result_format,
                        const std::function<Status(const PgResult&)>& fn) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  const std::string sql = Placeholders(sql_in);
  EnsureConnected();
  const auto values = params.Pointers();
  if (!PQsendQueryParams(c_, sql.c_str(), params.size(), nullptr, values.data(), params.lengths(),
                         params.formats(), result_format) ||
      !PQsetSingleRowMode(c_)) {
    last_error_ = Trimmed(PQerrorMessage(c_));
    return Status::Io(who_ + ": " + last_error_);
  }
  Status out;
  while (PGresult* raw = PQgetResult(c_)) {
    PgResult r(raw);
    const ExecStatusType st = PQresultStatus(raw);
    if (st == PGRES_SINGLE_TUPLE) {
      if (out.ok()) out = fn(r);  // after an error, the rest is drained and dropped
    } else if (st != PGRES_TUPLES_OK && out.ok()) {
      last_error_ = Trimmed(PQresultErrorMessage(raw));
      out = Status::Io(who_ + ": " + last_error_);
    }
  }
  return out;
}

Status Conn::CopyIn(const std::string& copy_sql, std::string_view data) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  PgResult start(PQexec(c_, copy_sql.c_str()));
  if (PQresultStatus(start.get()) != PGRES_COPY_IN) {
    last_error_ = Trimmed(PQresultErrorMessage(start.get()));
    return Status::Io(who_ + ": " + last_error_);
  }
  constexpr size_t kPiece = 1 << 20;
  bool sent = true;
  for (size_t off = 0; off < data.size() && sent; off += kPiece) {
    const size_t n = std::min(kPiece, data.size() - off);
    sent = PQputCopyData(c_, data.data() + off, static_cast<int>(n)) == 1;
  }
  PQputCopyEnd(c_, sent ? nullptr : "client failed to send");
  Status out;
  while (PGresult* raw = PQgetResult(c_)) {
    PgResult r(raw);
    if (PQresultStatus(raw) != PGRES_COMMAND_OK && out.ok()) {
      const char* state = PQresultErrorField(raw, PG_DIAG_SQLSTATE);
      last_sqlstate_ = state ? state : "";
      last_error_ = Trimmed(PQresultErrorMessage(raw));
      out = Status::Io(who_ + ": " + last_error_);
    }
  }
  return out;
}

Status Conn::Listen(const std::string& channel) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  RETURN_IF_ERROR(Script("LISTEN " + channel));
  channels_.push_back(channel);
  return Status::Ok();
}

bool Conn::ConsumeNotifications() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  if (tx_depth_ > 0) return false;
  if (PQconsumeInput(c_) == 0 || PQstatus(c_) != CONNECTION_OK) return true;
  bool any = false;
  while (PGnotify* n = PQnotifies(c_)) {
    any = true;
    PQfreemem(n);
  }
  return any;
}

Status Conn::InTransaction(const std::function<Status()>& fn) {
  return Transaction("", [&](const PgResult&) { return fn(); });
}

Status Conn::InLockedTransaction(int64_t lock, const std::function<Status()>& fn) {
  return Transaction("SELECT pg_advisory_xact_lock(" + std::to_string(lock) + ")",
                     [&](const PgResult&) { return fn(); });
}

Status Conn::InLockedTransaction(int64_t lock, const std::string& read,
                                 const std::function<Status(const PgResult&)>& fn) {
  return Transaction("SELECT pg_advisory_xact_lock(" + std::to_string(lock) + "); " + read, fn);
}

Status Conn::Transaction(const std::string& first,
                         const std::function<Status(const PgResult&)>& fn) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  if (tx_depth_ > 0) {  // nested: part of the outer transaction
    if (first.empty()) return fn(PgResult(nullptr));  // no rows
    ASSIGN_OR_RETURN(PgResult rows, ScriptResult(first));
    return fn(rows);
  }
  auto begun = ScriptResult(first.empty() ? "BEGIN" : "BEGIN; " + first);
  if (!begun.ok()) {
    // BEGIN may have run and the statement after it failed: nothing is left open.
    const std::string state = last_sqlstate_, error = last_error_;
    (void)Script("ROLLBACK");
    last_sqlstate_ = state, last_error_ = error;
    return begun.status();
  }
  ++tx_depth_;
  Status st = fn(*begun);
  --tx_depth_;
  if (!st.ok()) {
    const std::string state = last_sqlstate_, error = last_error_;
    (void)Script("ROLLBACK");
    last_sqlstate_ = state, last_error_ = error;
    return st;
  }
  return Script("COMMIT");
}

}  // namespace ballast::pg
