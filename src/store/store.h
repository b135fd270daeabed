// The one storage interface. Domain code sees only this; SQL lives in the implementations
// (sqlite/ now, postgres/ later).
#ifndef BALLAST_STORE_STORE_H_
#define BALLAST_STORE_STORE_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/auth_records.h"
#include "store/records.h"

namespace ballast {

class Store {
 public:
  virtual ~Store() = default;

  // The catalogs the store was created with, as the CSV texts of data/ (regions, industries,
  // indicators).
  struct CatalogTexts {
    std::string regions, industries, indicators;
  };
  virtual Result<CatalogTexts> LoadCatalogTexts() = 0;

  virtual Result<std::optional<BatchInfo>> FindBatchByHash(const std::string& sha256) = 0;
  virtual Result<std::vector<BatchInfo>> ListBatches() = 0;

  // Every enterprise as of a batch (latest version written by a batch <= as_of), by id.
  virtual Result<std::vector<StoredEnterprise>> LoadEnterprises(BatchId as_of) = 0;
  // uscc -> id for every enterprise ever registered.
  virtual Result<std::vector<std::pair<std::string, EnterpriseId>>> EnterpriseIds() = 0;

  // Writes one batch atomically: new enterprise versions (ids assigned to new codes) and
  // observation chunks (enterprise ids must exist). Sets info.id and created_at.
  virtual Result<BatchInfo> WriteBatch(BatchInfo info, const std::vector<EnterpriseRecord>& enterprises,
                                       const std::vector<ObservationChunk>& chunks) = 0;

  // Calls fn for every observation chunk of batches <= as_of, in batch order, so that a later
  // batch's rows replace an earlier one's.
  using ChunkFn = std::function<Status(BatchId batch, ObservationChunk&& chunk)>;
  virtual Status ScanObservations(BatchId as_of, const ChunkFn& fn) = 0;

  // Checks the database file and that every batch's rows are all there (none half-written).
  virtual Status CheckIntegrity() = 0;

  // Users. Usernames are unique; CreateUser sets the id.
  virtual Result<UserRecord> CreateUser(UserRecord user) = 0;
  virtual Status UpdateUser(const UserRecord& user) = 0;  // by id
  virtual Result<std::optional<UserRecord>> FindUser(const std::string& username) = 0;
  virtual Result<std::optional<UserRecord>> GetUser(int64_t id) = 0;
  virtual Result<std::vector<UserRecord>> ListUsers() = 0;

  // Sessions, keyed by the token's hash.
  virtual Status CreateSession(const SessionRecord& session) = 0;
  virtual Result<std::optional<SessionRecord>> FindSession(const std::string& token_hash) = 0;
  virtual Status TouchSession(const std::string& token_hash, int64_t last_seen) = 0;
  virtual Status RevokeSession(const std::string& token_hash) = 0;
  virtual Status RevokeUserSessions(int64_t user_id) = 0;

  // Appends to the audit log in one transaction: `seal` receives the entry with prev_hash set
  // to the last entry's hash and returns the entry's own hash.
  virtual Result<AuditEntry> AppendAudit(AuditEntry entry,
                                         const std::function<std::string(const AuditEntry&)>& seal) = 0;
  // Entries with id > after_id, oldest first, at most `limit` (0 = all).
  virtual Result<std::vector<AuditEntry>> ListAudit(int64_t after_id, int64_t limit) = 0;

  // Bytes the store occupies on disk.
  virtual Result<int64_t> SizeOnDisk() = 0;
};

// Creates a new SQLite store with the given catalogs (fails if the file holds a store).
Result<std::unique_ptr<Store>> CreateSqliteStore(const std::string& path,
                                                 const Store::CatalogTexts& catalogs);
// Opens an existing SQLite store and applies pending migrations.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);

}  // namespace ballast

#endif  // BALLAST_STORE_STORE_H_
