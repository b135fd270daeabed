// Copying a whole store between SQLite and PostgreSQL (either direction, or the same kind):
// every table row by row with its ids, so that batch ids, provenance, users, warnings, service
// records and the audit chain (byte for byte) are the same in the copy. Sessions and recorded
// login failures are transient and are not copied.
#ifndef BALLAST_STORE_COPY_H_
#define BALLAST_STORE_COPY_H_

#include <cstdint>
#include <string>

#include "core/status.h"

namespace ballast {

struct CopyCounts {
  int64_t tables = 0, rows = 0;
};

// `from` is an existing store (migrated first); `to` is a SQLite file that does not exist yet
// or an existing, empty PostgreSQL database. The rows are written in one transaction; a SQLite
// target is removed again when the copy fails.
Result<CopyCounts> CopyStore(const std::string& from, const std::string& to);

}  // namespace ballast

#endif  // BALLAST_STORE_COPY_H_
