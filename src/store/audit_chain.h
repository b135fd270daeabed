// How a group of audit entries joins the chain, the same on every store: only the SQL of each
// step is the store's (sqlite/sqlite_auth.cpp, postgres/pg_auth.cpp).
#ifndef BALLAST_STORE_AUDIT_CHAIN_H_
#define BALLAST_STORE_AUDIT_CHAIN_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/auth_records.h"
#include "store/auth_store.h"

namespace ballast {

// The newest entry of the log: {0, 64 zeros} when it is empty.
struct AuditTail {
  int64_t id = 0;
  std::string hash = std::string(64, '0');
};

// The steps a store runs, all inside the one transaction of the append.
struct AuditAppendSteps {
  std::function<Result<std::optional<AuditHead>>()> read_head;
  std::function<Result<AuditTail>()> read_tail;  // asked after read_head (one query may read both)
  std::function<Status(const std::vector<AuditEntry>&)> insert;  // the chained entries
  // Count, newest id and hash of the log as it stands (the first keyed append makes the head).
  std::function<Result<AuditHead>()> current_log;
  std::function<Status(const AuditHead&)> write_head;  // sealed with the append's seal_head
};

// Gives `entries` consecutive ids after the newest entry, each its predecessor's hash and its
// own seal, inserts them, and moves the head (AuthStore::AppendAudits says when).
Status AppendAuditChain(std::vector<AuditEntry>& entries, const AuthStore::AuditSeal& seal,
                        const AuthStore::AuditHeadSeal& seal_head, const AuditAppendSteps& steps);

}  // namespace ballast

#endif  // BALLAST_STORE_AUDIT_CHAIN_H_
