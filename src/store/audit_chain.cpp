#include "store/audit_chain.h"

#include <utility>

namespace ballast {

Status AppendAuditChain(std::vector<AuditEntry>& entries, const AuthStore::AuditSeal& seal,
                        const AuthStore::AuditHeadSeal& seal_head, const AuditAppendSteps& steps) {
  if (entries.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(std::optional<AuditHead> head, steps.read_head());
  if (head && !seal_head) {
    return Status::Precondition(
        "the audit log is keyed: open the store with its audit key (--audit-key)");
  }
  ASSIGN_OR_RETURN(AuditTail tail, steps.read_tail());
  int64_t id = tail.id;
  std::string prev = std::move(tail.hash);
  for (AuditEntry& e : entries) {
    e.id = ++id;
    e.prev_hash = std::move(prev);
    e.hash = seal(e);
    prev = e.hash;
  }
  RETURN_IF_ERROR(steps.insert(entries));
  if (!seal_head) return Status::Ok();
  AuditHead h;
  if (head) {
    h = *head;
    h.entries += static_cast<int64_t>(entries.size());
  } else {
    ASSIGN_OR_RETURN(h, steps.current_log());
    h.keyed_from = entries.front().id;
  }
  h.last_id = entries.back().id;
  h.last_hash = entries.back().hash;
  return steps.write_head(h);
}

}  // namespace ballast
