// The secret key of the audit chain, kept in a file outside the store (mode 0600) so that
// someone holding only the store file cannot rewrite the chain and pass `audit verify`.
#ifndef BALLAST_AUTH_AUDIT_KEY_H_
#define BALLAST_AUTH_AUDIT_KEY_H_

#include <string>

#include "core/status.h"

namespace ballast::auth {

inline constexpr size_t kAuditKeyBytes = 32;

// "<store file>.audit-key", beside the store; for a PostgreSQL URI "DBNAME@HOST-PORT.audit-key"
// in the current directory (every instance needs the same key: pass --audit-key).
std::string DefaultAuditKeyPath(const std::string& store_path);

// Reads the key (64 hex digits) from `path`. A missing file is created with a fresh random key
// and mode 0600 when `create`, else NotFound. A file that others may read or write, or that
// does not hold a key, is refused.
Result<std::string> LoadOrCreateAuditKey(const std::string& path, bool create);

}  // namespace ballast::auth

#endif  // BALLAST_AUTH_AUDIT_KEY_H_
