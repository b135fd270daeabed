// The schema of a PostgreSQL store: versioned migrations (migrations/NNN_*.sql, the same
// numbers as SQLite's), the check that a database is empty before `init`, and that a database
// is a Ballast store before it is opened.
#ifndef BALLAST_STORE_POSTGRES_PG_SCHEMA_H_
#define BALLAST_STORE_POSTGRES_PG_SCHEMA_H_

#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/postgres/pg_conn.h"

namespace ballast::pg {

std::vector<std::string_view> PostgresMigrations();

// The schema version of the database: 0 for an empty one; FailedPrecondition for a database
// that holds tables but is not a Ballast store.
Result<int64_t> SchemaVersion(Conn& conn);

// Applies the pending migrations, one transaction each, under an advisory lock (two instances
// starting at once migrate once).
Status Migrate(Conn& conn);

// Opens a connection to an existing store migrated at least to `version`.
Result<std::unique_ptr<Conn>> ConnectAtSchema(const std::string& uri, int64_t version,
                                              const char* tables, const char* who);

}  // namespace ballast::pg

#endif  // BALLAST_STORE_POSTGRES_PG_SCHEMA_H_
