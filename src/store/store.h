// The storage interface of the panel (batches, the enterprise registry, observations). Domain code
// sees only interfaces; SQL lives in the implementations (sqlite/ now, postgres/ later). Each
// other domain has its own interface and records beside it (auth_store.h, warn_store.h,
// service_store.h).
#ifndef BALLAST_STORE_STORE_H_
#define BALLAST_STORE_STORE_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/auth_store.h"
#include "store/records.h"

namespace ballast {

// Store still derives from AuthStore so that code holding a Store& keeps reaching users and
// the audit log while callers move to AuthStore&.
class Store : public AuthStore {
 public:
  ~Store() override = default;

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
  // The current registration (latest version) of one enterprise, or nullopt for an unknown code.
  virtual Result<std::optional<StoredEnterprise>> FindEnterprise(const std::string& uscc) = 0;
  // uscc -> id for every enterprise ever registered.
  virtual Result<std::vector<std::pair<std::string, EnterpriseId>>> EnterpriseIds() = 0;

  // Writes one batch atomically: new enterprise versions (ids assigned to new codes) and
  // observation chunks (enterprise ids must exist). Sets info.id and created_at.
  virtual Result<BatchInfo> WriteBatch(BatchInfo info,
                                       const std::vector<EnterpriseRecord>& enterprises,
                                       const std::vector<ObservationChunk>& chunks) = 0;

  // Calls fn for every observation chunk of batches <= as_of, in batch order, so that a later
  // batch's rows replace an earlier one's.
  using ChunkFn = std::function<Status(BatchId batch, ObservationChunk&& chunk)>;
  virtual Status ScanObservations(BatchId as_of, const ChunkFn& fn) = 0;

  // The newest batch's id (0 when there is none): one small query, for the latest panel's
  // check of batches written by other processes (ListBatches reads them all).
  virtual Result<BatchId> NewestBatchId() = 0;
  // What the batches in (after, through] wrote: whether any enterprise versions, and the
  // (indicator, period) columns of their observation chunks, without reading the chunks. The
  // panel applies just these (Panel::Builder::Apply) instead of replaying every batch.
  struct BatchChanges {
    bool enterprises = false;
    std::vector<std::pair<std::string, Period>> columns;  // sorted, distinct
  };
  virtual Result<BatchChanges> ChangesBetween(BatchId after, BatchId through) = 0;
  // Calls fn for the chunks of one indicator and period written by batches in (after, as_of],
  // in batch order (a later batch's rows replace an earlier one's).
  virtual Status ScanColumn(BatchId after, BatchId as_of, const std::string& indicator,
                            Period period, const ChunkFn& fn) = 0;

  // Price indices: a write replaces the same (industry, period) and writes all or nothing.
  virtual Status WritePrices(const std::vector<PriceRecord>& prices) = 0;
  virtual Result<std::vector<PriceRecord>> LoadPrices() = 0;
  // Value-added rates: a write replaces the same code (merged into the current rates).
  virtual Status WriteVaRates(const std::vector<VaRateRecord>& rates) = 0;
  virtual Result<std::vector<VaRateRecord>> LoadVaRates() = 0;

  // Checks the database file and that every batch's rows are all there (none half-written).
  virtual Status CheckIntegrity() = 0;

  // Bytes the store occupies on disk.
  virtual Result<int64_t> SizeOnDisk() = 0;

  // True when the store has been told that a batch was written (by any process) since the last
  // call: PostgreSQL's NOTIFY, so that every instance sees another's import at once. False means
  // "not known" (SQLite): the caller keeps polling ListBatches.
  virtual bool BatchesMayHaveChanged() { return false; }
};

// Creates a new SQLite store with the given catalogs (fails if the file exists and is not empty).
Result<std::unique_ptr<Store>> CreateSqliteStore(const std::string& path,
                                                 const Store::CatalogTexts& catalogs);
// Opens an existing SQLite store and applies pending migrations; a file that is not a Ballast
// store (empty, or another file) is FailedPrecondition and is left untouched.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);

}  // namespace ballast

#endif  // BALLAST_STORE_STORE_H_
