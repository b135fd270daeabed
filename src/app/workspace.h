// The use cases of Ballast over one store: the only thing cli/ and api/ call. Holds the store,
// the catalogs and immutable panel snapshots (the latest and recently asked vintages).
#ifndef BALLAST_APP_WORKSPACE_H_
#define BALLAST_APP_WORKSPACE_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/answer_cache.h"
#include "app/cell_rows.h"
#include "app/cell_statuses.h"
#include "app/contribution_passes.h"
#include "app/snapshot_changes.h"
#include "auth/auth_service.h"
#include "core/catalog.h"
#include "core/clock.h"
#include "engine/panel.h"
#include "engine/query.h"
#include "ingest/enterprise_index.h"
#include "ingest/report.h"
#include "store/store.h"

namespace ballast::app {

// A panel as of one batch, with its query engine; immutable and shared by readers.
struct Snapshot {
  BatchId as_of = kLatestBatch;
  BatchId through = 0;  // the newest batch it holds
  std::unique_ptr<Panel> panel;
  std::unique_ptr<Query> query;
  // True when made from the previous snapshot plus the new batches (Panel::Builder::Apply).
  bool incremental = false;
  // A digest of the prices and value-added rates it was built with.
  uint64_t references = 0;
  // Answers computed on this snapshot (app/answer_cache.h); they go with it.
  std::shared_ptr<AnswerCache> answers = std::make_shared<AnswerCache>();
  // Disclosure control's findings on its plain cells (app/cell_statuses.h); they go with it.
  std::shared_ptr<CellStatuses> statuses = std::make_shared<CellStatuses>();
  // The rows of plain cells its series answers read (app/cell_rows.h); they go with it.
  std::shared_ptr<CellRows> rows = std::make_shared<CellRows>();
  // Disclosure control's passes over plain parent cells, kept by block (app/contribution_passes.h).
  std::shared_ptr<ContributionPasses> contributions = std::make_shared<ContributionPasses>();
  // What its panel changed since earlier snapshots (app/snapshot_changes.h); nullptr when built
  // in full.
  std::shared_ptr<const SnapshotChanges> changes;
};

class Workspace;

// While it lives, GetSnapshot on this thread answers `snap` for its as-of: the parts of one
// answer (figures, disclosure control) read one snapshot even when a batch arrives meanwhile.
class SnapshotPin {
 public:
  SnapshotPin(const Workspace& ws, std::shared_ptr<const Snapshot> snap);
  ~SnapshotPin();
  SnapshotPin(const SnapshotPin&) = delete;
  SnapshotPin& operator=(const SnapshotPin&) = delete;

 private:
  const Workspace* saved_ws_;
  std::shared_ptr<const Snapshot> saved_snap_;
};

class Workspace {
 public:
  // `audit_key_path`: the audit chain's key file ("" = "<path>.audit-key"). Create makes the
  // key; Open reads it, or makes it for a store whose audit log is not keyed yet.
  static Result<std::unique_ptr<Workspace>> Create(const std::string& path,
                                                   const std::string& audit_key_path = "");
  static Result<std::unique_ptr<Workspace>> Open(const std::string& path,
                                                 const std::string& audit_key_path = "");

  const Catalog& catalog() const { return *catalog_; }
  const std::string& path() const { return path_; }
  std::shared_ptr<const Catalog> shared_catalog() const { return catalog_; }

  // `scope`: the importing user's region (kNoNode = unrestricted, as for the local CLI).
  Result<ingest::ImportOutcome> Import(std::string_view bytes, std::string_view file_name,
                                       const std::string& user, Period today = 0,
                                       NodeId scope = kNoNode);
  // Reference tables (ingest/table_import.h): price indices and value-added rates, merged into
  // the stored ones; the next snapshot uses them.
  Result<ingest::ImportOutcome> ImportPrices(std::string_view bytes, std::string_view file_name,
                                             Period today = 0);
  Result<ingest::ImportOutcome> ImportVaRates(std::string_view bytes, std::string_view file_name);
  auth::AuthService& auth() { return *auth_; }
  // The program's clock (the system clock unless a test sets another; it must outlive this).
  const Clock& clock() const { return *clock_; }
  void SetClock(const Clock* clock) { clock_ = clock != nullptr ? clock : &SystemClock(); }
  // Answers kept per snapshot (app/answer_cache.h) from the next snapshot on; 0 = none.
  void SetAnswerCacheEntries(size_t entries) { answer_cache_entries_ = entries; }
  // At most this many answers being asked are made again for each new snapshot before it is
  // served (AnswerCache::MakeAgain); 0 = none, each is made when next asked.
  void SetAnswersMadeAhead(size_t most) { answers_made_ahead_ = most; }
  Result<std::vector<BatchInfo>> Batches();
  // The newest batch's id (0 = none), without listing every batch.
  Result<BatchId> Newest();
  // The panel as of a batch (kLatestBatch for the newest data). An as-of batch that does not
  // exist is NotFound. The latest panel follows batches written by other processes on the same
  // store (a CLI import while the server runs), checked at once when the store tells of a batch
  // (PostgreSQL), else at most four times a second; while one thread applies new batches, and
  // until the advance interval has passed since the last application began, the others get the
  // snapshot before them.
  Result<std::shared_ptr<const Snapshot>> GetSnapshot(BatchId as_of = kLatestBatch);
  // The latest snapshot, holding at least batch `batch` (one this process wrote, or the newest
  // the store listed): waits for the next application of new batches when the one held is
  // older. Not the thread's pinned snapshot.
  Result<std::shared_ptr<const Snapshot>> LatestThrough(BatchId batch);
  // New batches are applied at most once per `interval` (from the start of one application to
  // the next; 0, the default: as soon as they are seen). Under a stream of imports the
  // snapshots, and all that is made again for each (answers, episode lists), come at that pace
  // instead of one per batch; a reader sees a batch at most about `interval` later.
  void SetAdvanceInterval(std::chrono::milliseconds interval) {
    advance_interval_ms_ = interval.count();
  }
  std::chrono::milliseconds advance_interval() const {
    return std::chrono::milliseconds(advance_interval_ms_.load());
  }
  Result<int64_t> SizeOnDisk();
  Status CheckIntegrity();

 private:
  Workspace(std::unique_ptr<Store> store, std::shared_ptr<const Catalog> catalog)
      : store_(std::move(store)),
        catalog_(std::move(catalog)),
        auth_(std::make_unique<auth::AuthService>(*store_, mu_, *catalog_, auth::AuthOptions{},
                                                  [this] { return clock_->Now(); })) {}
  Result<std::shared_ptr<const app::Snapshot>> Build(BatchId as_of);
  // GetSnapshot(kLatestBatch) when `need` is 0 (no batch); else LatestThrough(need).
  Result<std::shared_ptr<const app::Snapshot>> Latest(BatchId need = 0);
  // The latest snapshot advanced from `previous` to the batch `newest` through `store`: just
  // the columns the new batches touched are read and resolved again. FailedPrecondition when
  // only a full Build will do (other prices or rates); `enterprises` tells of a new list.
  Result<std::shared_ptr<const app::Snapshot>> Advance(Store& store, const app::Snapshot& previous,
                                                       BatchId newest, bool* enterprises);
  // The value-added rates in force: the shipped defaults with the imported ones over them.
  Result<std::vector<VaRateRecord>> VaRates(Store& store);
  Result<BatchId> NewestBatch();
  // The connection imports write on: PostgreSQL's own, opened with the first import (import_mu_
  // held); nullptr on SQLite, or when it cannot open (the store's own then, under mu_).
  Store* ImportStore();

  std::string path_;
  const Clock* clock_ = &SystemClock();
  std::mutex mu_;  // guards the store and the snapshot cache
  std::unique_ptr<Store> store_;
  std::shared_ptr<const Catalog> catalog_;
  std::shared_ptr<const app::Snapshot> latest_;
  std::chrono::steady_clock::time_point latest_checked_{};
  bool latest_stale_ = false;  // this process wrote a batch: check the newest one at once
  // Batches are applied by one thread at a time, outside mu_ and on a connection of their own
  // (opened when first needed): meanwhile the other requests answer from the latest snapshot,
  // unless they wait for a batch (LatestThrough: an import's own, read your writes).
  bool advancing_ = false;
  std::condition_variable advanced_;
  std::unique_ptr<Store> advance_store_;
  std::chrono::steady_clock::time_point advance_started_{};  // of the last application
  std::atomic<int64_t> advance_interval_ms_{0};
  BatchId newest_seen_ = 0;  // the newest batch the store said it holds
  std::atomic<size_t> answer_cache_entries_{2048};
  std::atomic<size_t> answers_made_ahead_{AnswerCache::kMostRemade};
  // Imports, one at a time (import_mu_ before mu_, never after), on PostgreSQL on import_store_.
  std::mutex import_mu_;
  bool import_store_tried_ = false;
  std::unique_ptr<Store> import_store_;
  std::unique_ptr<ingest::UsccIndex> enterprise_index_;  // cached between imports (import_mu_)
  std::atomic<bool> index_stale_{false};  // another process added codes: the index reloads
  std::unique_ptr<auth::AuthService> auth_;
  std::list<std::shared_ptr<const app::Snapshot>> vintages_;  // most recent first
};

}  // namespace ballast::app

#endif  // BALLAST_APP_WORKSPACE_H_
