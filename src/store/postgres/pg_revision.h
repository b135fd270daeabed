// The revision tables (rules, service configuration) of a PostgreSQL store: columns
// (<key_column>, revision, body, author, created_at).
#ifndef BALLAST_STORE_POSTGRES_PG_REVISION_H_
#define BALLAST_STORE_POSTGRES_PG_REVISION_H_

#include <string>

#include "core/status.h"
#include "store/postgres/pg_conn.h"

namespace ballast::pg {

struct RevisionRow {
  std::string key, body, author, created_at;
};

// Appends the next revision of `key` in one transaction (under an advisory lock, so that two
// processes never take the same number) and returns its number.
inline Result<int64_t> AppendRevision(Conn& c, const char* table, const char* key_column,
                                      const RevisionRow& row) {
  int64_t revision = 0;
  const std::string t(table), k(key_column);
  Status tx = c.InTransaction([&]() -> Status {
    RETURN_IF_ERROR(c.Run("SELECT pg_advisory_xact_lock(?)", kRevisionLock));
    ASSIGN_OR_RETURN(
        auto r, c.Query("SELECT COALESCE(MAX(revision), 0) + 1 FROM " + t + " WHERE " + k + " = ?",
                        row.key));
    revision = r.Int(0, 0);
    return c.Run(
        "INSERT INTO " + t + "(" + k + ", revision, body, author, created_at) VALUES(?,?,?,?,?)",
        row.key, revision, row.body, row.author, row.created_at);
  });
  RETURN_IF_ERROR(tx);
  return revision;
}

}  // namespace ballast::pg

#endif  // BALLAST_STORE_POSTGRES_PG_REVISION_H_
