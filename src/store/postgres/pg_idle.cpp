#include "store/postgres/pg_idle.h"

#include <deque>
#include <mutex>
#include <utility>

namespace ballast::pg {

namespace {

// Across every URI: a process serves one database, and a test suite's databases come and go.
constexpr size_t kMaxIdle = 8;

bool Exec(PGconn* c, const char* sql) {
  PGresult* r = PQexec(c, sql);
  const ExecStatusType st = PQresultStatus(r);
  PQclear(r);
  return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
}

class IdleConnections {
 public:
  PGconn* Take(const std::string& uri) {
    for (;;) {
      PGconn* c = nullptr;
      {
        std::lock_guard<std::mutex> lock(mu_);
        for (auto it = idle_.rbegin(); it != idle_.rend(); ++it) {
          if (it->first != uri) continue;
          c = it->second;
          idle_.erase(std::next(it).base());
          break;
        }
      }
      if (c == nullptr) return nullptr;
      // One the server ended while it waited (a restart, a dropped database) is closed; what
      // it read meanwhile (notices of channels no longer listened) is dropped.
      if (PQconsumeInput(c) != 0 && PQstatus(c) == CONNECTION_OK &&
          PQtransactionStatus(c) == PQTRANS_IDLE) {
        while (PGnotify* n = PQnotifies(c)) PQfreemem(n);
        return c;
      }
      PQfinish(c);
    }
  }

  void Give(const std::string& uri, PGconn* c) {
    // DISCARD ALL ends what a session can hold past its use: LISTENs, session advisory locks,
    // temporary tables, prepared statements and settings (set again as Connect sets them).
    const bool sound = PQstatus(c) == CONNECTION_OK && PQtransactionStatus(c) == PQTRANS_IDLE &&
                       Exec(c, "DISCARD ALL") && Exec(c, kSessionSettings);
    if (!sound) {
      PQfinish(c);
      return;
    }
    PGconn* evicted = nullptr;
    {
      std::lock_guard<std::mutex> lock(mu_);
      idle_.emplace_back(uri, c);
      if (idle_.size() > kMaxIdle) {
        evicted = idle_.front().second;
        idle_.pop_front();
      }
    }
    if (evicted != nullptr) PQfinish(evicted);
  }

 private:
  std::mutex mu_;
  std::deque<std::pair<std::string, PGconn*>> idle_;  // oldest first
};

IdleConnections& Idle() {
  static auto* idle = new IdleConnections();  // never destroyed: connections close at exit
  return *idle;
}

}  // namespace

PGconn* TakeIdle(const std::string& uri) { return Idle().Take(uri); }

void GiveBack(const std::string& uri, PGconn* c) {
  if (c != nullptr) Idle().Give(uri, c);
}

}  // namespace ballast::pg
