#include "app/workspace.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <unordered_set>

#include "auth/audit_key.h"
#include "core/incbin.h"
#include "ingest/importer.h"
#include "ingest/table_import.h"
#include "metrics/metrics.h"
#include "store/locator.h"
#include "store/open.h"

BALLAST_INCBIN(ballast_va_rates_csv, BALLAST_DATA_DIR "/va_rates.csv")

namespace ballast::app {

namespace {
constexpr size_t kVintageCache = 3;

Result<std::shared_ptr<const Catalog>> LoadCatalog(Store& store) {
  ASSIGN_OR_RETURN(auto texts, store.LoadCatalogTexts());
  ASSIGN_OR_RETURN(Catalog c, Catalog::Parse(texts.regions, texts.industries, texts.indicators));
  return std::make_shared<const Catalog>(std::move(c));
}

// On PostgreSQL the audit groups get a connection of their own (AuthService::
// SetAuditStoreOpener): their synchronous commits no longer hold the one every request's session
// lookup uses. A SQLite file keeps one connection: a second writer would wait for the first's
// lock (an import's whole batch).
void WriteAuditsApart(auth::AuthService& auth, const std::string& path) {
  if (!IsPostgresLocator(path)) return;
  auth.SetAuditStoreOpener([path] { return OpenAuditStore(path); });
}
}  // namespace

Result<std::unique_ptr<Workspace>> Workspace::Create(const std::string& path,
                                                     const std::string& audit_key_path) {
  Store::CatalogTexts texts{std::string(Catalog::EmbeddedRegionsCsv()),
                            std::string(Catalog::EmbeddedIndustriesCsv()),
                            std::string(Catalog::EmbeddedIndicatorsCsv())};
  ASSIGN_OR_RETURN(auto store, CreateStore(path, texts));
  ASSIGN_OR_RETURN(auto catalog, LoadCatalog(*store));
  std::unique_ptr<Workspace> ws(new Workspace(std::move(store), std::move(catalog)));
  ws->path_ = path;
  ASSIGN_OR_RETURN(
      auto key,
      auth::LoadOrCreateAuditKey(
          audit_key_path.empty() ? auth::DefaultAuditKeyPath(path) : audit_key_path, true));
  RETURN_IF_ERROR(ws->auth().SetAuditKey(std::move(key)));
  WriteAuditsApart(ws->auth(), path);
  return ws;
}

Result<std::unique_ptr<Workspace>> Workspace::Open(const std::string& path,
                                                   const std::string& audit_key_path) {
  ASSIGN_OR_RETURN(auto store, OpenStore(path));
  ASSIGN_OR_RETURN(auto catalog, LoadCatalog(*store));
  std::unique_ptr<Workspace> ws(new Workspace(std::move(store), std::move(catalog)));
  ws->path_ = path;
  // A store made before audit keys gets its key on first open; a keyed one needs its key.
  ASSIGN_OR_RETURN(bool keyed, ws->auth().AuditLogKeyed());
  ASSIGN_OR_RETURN(
      auto key,
      auth::LoadOrCreateAuditKey(
          audit_key_path.empty() ? auth::DefaultAuditKeyPath(path) : audit_key_path, !keyed));
  RETURN_IF_ERROR(ws->auth().SetAuditKey(std::move(key)));
  WriteAuditsApart(ws->auth(), path);
  return ws;
}

Result<ingest::ImportOutcome> Workspace::Import(std::string_view bytes, std::string_view file_name,
                                                const std::string& user, Period today,
                                                NodeId scope) {
  // A scoped importer may only touch enterprises registered in its region subtree.
  std::unordered_map<EnterpriseId, NodeId> region_of;
  const bool scoped = scope != kNoNode && scope != catalog_->country();
  if (scoped) {
    ASSIGN_OR_RETURN(auto snap, GetSnapshot());
    for (uint32_t e = 0; e < snap->panel->num_enterprises(); ++e) {
      region_of[snap->panel->enterprise(e).id] = snap->panel->enterprise(e).region;
    }
  }
  // One import at a time. On PostgreSQL it writes on a connection of its own, without mu_:
  // meanwhile the requests' session lookups and snapshot checks go on (they take mu_). On
  // SQLite it writes on the store's one connection, holding mu_.
  std::lock_guard<std::mutex> imports(import_mu_);
  Store* target = ImportStore();
  std::unique_lock<std::mutex> lock(mu_, std::defer_lock);
  if (target == nullptr) {
    lock.lock();
    target = store_.get();
  }
  if (index_stale_.exchange(false)) enterprise_index_.reset();
  if (!enterprise_index_) {
    auto index = std::make_unique<ingest::UsccIndex>();
    RETURN_IF_ERROR(ingest::LoadEnterpriseIndex(*target, index.get()));
    enterprise_index_ = std::move(index);
  }
  ingest::ImportOptions options;
  options.user = user;
  options.today = today;
  options.enterprises = enterprise_index_.get();
  if (scoped) {
    const CodeTree& regions = catalog_->regions();
    options.region_allowed = [&regions, scope](const std::string& code) {
      NodeId n = regions.Find(code);
      return n != kNoNode && regions.Contains(scope, n);
    };
    options.enterprise_allowed = [&regions, &region_of, scope](EnterpriseId id) {
      auto it = region_of.find(id);
      return it != region_of.end() && it->second != kNoNode && regions.Contains(scope, it->second);
    };
  }
  auto outcome = ingest::ImportFile(*target, *catalog_, bytes, file_name, options);
  if (outcome.ok() && outcome->status == ingest::ImportStatus::kImported) {
    if (outcome->batch.kind == "enterprises") enterprise_index_.reset();  // new codes got ids
    if (!lock.owns_lock()) lock.lock();
    latest_stale_ = true;  // the next GetSnapshot applies the batch
  }
  return outcome;
}

Store* Workspace::ImportStore() {
  if (!import_store_tried_) {
    import_store_tried_ = true;
    if (IsPostgresLocator(path_)) {
      auto opened = OpenImportStore(path_);
      if (opened.ok()) import_store_ = std::move(opened).value();
    }
  }
  return import_store_.get();
}

Result<std::vector<VaRateRecord>> Workspace::VaRates(Store& store) {
  // The shipped defaults (data/va_rates.csv, from the 2020 input-output table), then the
  // imported rates over them, code by code.
  ingest::ImportReport report;
  ASSIGN_OR_RETURN(auto defaults,
                   ingest::ParseVaRates(*catalog_, BALLAST_INCBIN_VIEW(ballast_va_rates_csv),
                                        "va_rates.csv", &report));
  if (!report.ok()) return Status::Internal("the shipped data/va_rates.csv is invalid");
  ASSIGN_OR_RETURN(auto imported, store.LoadVaRates());
  std::map<std::string, double> merged;
  for (const auto& r : defaults) merged[r.industry] = r.rate;
  for (const auto& r : imported) merged[r.industry] = r.rate;
  std::vector<VaRateRecord> out;
  for (const auto& [code, rate] : merged) out.push_back({code, rate});
  return out;
}

Result<ingest::ImportOutcome> Workspace::ImportPrices(std::string_view bytes,
                                                      std::string_view file_name, Period today) {
  std::lock_guard<std::mutex> lock(mu_);
  auto outcome = ingest::ImportPrices(*store_, *catalog_, bytes, file_name, today);
  if (outcome.ok() && outcome->status == ingest::ImportStatus::kImported) {
    latest_.reset();
    vintages_.clear();  // every vintage reads the current prices
  }
  return outcome;
}

Result<ingest::ImportOutcome> Workspace::ImportVaRates(std::string_view bytes,
                                                       std::string_view file_name) {
  std::lock_guard<std::mutex> lock(mu_);
  auto outcome = ingest::ImportVaRates(*store_, *catalog_, bytes, file_name);
  if (outcome.ok() && outcome->status == ingest::ImportStatus::kImported) {
    latest_.reset();
    vintages_.clear();
  }
  return outcome;
}

Result<std::vector<BatchInfo>> Workspace::Batches() {
  std::lock_guard<std::mutex> lock(mu_);
  return store_->ListBatches();
}

Result<BatchId> Workspace::Newest() {
  std::lock_guard<std::mutex> lock(mu_);
  return store_->NewestBatchId();
}

Result<int64_t> Workspace::SizeOnDisk() {
  std::lock_guard<std::mutex> lock(mu_);
  return store_->SizeOnDisk();
}

Status Workspace::CheckIntegrity() {
  std::lock_guard<std::mutex> lock(mu_);
  return store_->CheckIntegrity();
}

Result<BatchId> Workspace::NewestBatch() { return store_->NewestBatchId(); }

namespace {
// The pinned snapshot of this thread (SnapshotPin).
thread_local const Workspace* pinned_ws = nullptr;
thread_local std::shared_ptr<const Snapshot> pinned_snap;
}  // namespace

namespace {

// What a snapshot's prices and value-added rates were (answers at comparable prices and of value
// added read them besides the figures).
uint64_t ReferenceDigest(const std::vector<PriceRecord>& prices,
                         const std::vector<VaRateRecord>& rates) {
  std::string all;
  for (const auto& p : prices) {
    all += p.industry + '\x1f' + std::to_string(p.period) + '\x1f';
    all.append(reinterpret_cast<const char*>(&p.index), sizeof p.index);
  }
  all += '\x1e';
  for (const auto& r : rates) {
    all += r.industry + '\x1f';
    all.append(reinterpret_cast<const char*>(&r.rate), sizeof r.rate);
  }
  return std::hash<std::string>{}(all);
}

}  // namespace

SnapshotPin::SnapshotPin(const Workspace& ws, std::shared_ptr<const Snapshot> snap)
    : saved_ws_(pinned_ws), saved_snap_(std::move(pinned_snap)) {
  pinned_ws = &ws;
  pinned_snap = std::move(snap);
}

SnapshotPin::~SnapshotPin() {
  pinned_ws = saved_ws_;
  pinned_snap = std::move(saved_snap_);
}

Result<std::shared_ptr<const Snapshot>> Workspace::Advance(Store& store, const Snapshot& previous,
                                                           BatchId newest, bool* new_list) {
  ASSIGN_OR_RETURN(auto prices, store.LoadPrices());
  ASSIGN_OR_RETURN(auto rates, VaRates(store));
  const uint64_t references = ReferenceDigest(prices, rates);
  // Prices or rates imported since (by another process: this one builds afresh at once): the
  // previous panel's deflators and scaled columns are not theirs.
  if (references != previous.references)
    return Status::Precondition("prices or value-added rates changed");
  ASSIGN_OR_RETURN(auto changes, store.ChangesBetween(previous.through, newest));
  // Enterprises added or changed (here or by another process): the columns move to the new order.
  std::optional<std::vector<StoredEnterprise>> enterprises;
  *new_list = changes.enterprises;
  if (changes.enterprises) {
    ASSIGN_OR_RETURN(enterprises, store.LoadEnterprises(newest));
  }
  auto builder = Panel::Builder::Apply(*previous.panel, changes.columns,
                                       enterprises ? &*enterprises : nullptr);
  if (!builder.ok()) return builder.status();
  Panel::Builder& b = **builder;
  b.SetPrices(std::move(prices));
  b.SetVaRates(std::move(rates));
  auto add = [&](BatchId, ObservationChunk&& c) { return b.Add(c); };
  for (const auto& [indicator, period] : b.Resolve())
    RETURN_IF_ERROR(store.ScanColumn(kBeforeAnyBatch, newest, indicator, period, add));
  // Columns whose raw figures the previous panel kept: the new batches' chunks on top.
  for (const auto& [indicator, period] : b.Refresh())
    RETURN_IF_ERROR(store.ScanColumn(previous.through, newest, indicator, period, add));
  auto snap = std::make_shared<app::Snapshot>();
  snap->answers = std::make_shared<AnswerCache>(answer_cache_entries_.load());
  snap->as_of = kLatestBatch;
  snap->through = newest;
  snap->incremental = true;
  snap->references = references;
  snap->panel = b.Finish();
  snap->query = std::make_unique<Query>(*snap->panel, previous.query.get());
  snap->changes = ChainChanges(previous, *snap->panel, snap->through);
  // Values alone changed: the answers that read none of the changed indicators stay right.
  if (!changes.enterprises && references == previous.references &&
      snap->panel->first_period() == previous.panel->first_period() &&
      snap->panel->last_period() == previous.panel->last_period()) {
    std::set<std::string> changed;
    for (const auto& column : changes.columns) changed.insert(column.first);
    MovedNodes nodes;
    if (snap->changes != nullptr) nodes = MovedNodesOf(*snap->panel, snap->changes->panel);
    std::unordered_set<NodeId> moved;
    AddMovedRegions(nodes, &moved);
    snap->answers->CarryFrom(*previous.answers, changed, nodes.regions_bound ? &moved : nullptr,
                             answers_made_ahead_.load());
    snap->statuses->CarryFrom(
        *previous.statuses, *catalog_, changes.columns,
        nodes.regions_bound && nodes.industries_bound ? &nodes.flags : nullptr);
    snap->rows->CarryFrom(*previous.rows, changes.columns);
    // The passes of plain cells, summed again in the blocks of the enterprises that moved; not
    // over a month that gained or lost data (a column read as missing for everyone).
    if (snap->changes != nullptr && MonthsKept(snap->changes->panel)) {
      snap->query->CarrySumsFrom(*previous.query, snap->changes->panel.enterprises);
      snap->contributions->CarryFrom(*previous.contributions, snap->changes->panel.enterprises);
    }
  }
  return std::shared_ptr<const app::Snapshot>(std::move(snap));
}

Result<std::shared_ptr<const Snapshot>> Workspace::Build(BatchId as_of) {
  BatchId through = as_of;
  if (as_of == kLatestBatch) {
    ASSIGN_OR_RETURN(through, NewestBatch());
  }
  ASSIGN_OR_RETURN(auto enterprises, store_->LoadEnterprises(as_of));
  Panel::Builder builder(catalog_, enterprises);
  ASSIGN_OR_RETURN(auto prices, store_->LoadPrices());
  ASSIGN_OR_RETURN(auto rates, VaRates(*store_));
  const uint64_t references = ReferenceDigest(prices, rates);
  builder.SetPrices(std::move(prices));
  builder.SetVaRates(std::move(rates));
  RETURN_IF_ERROR(store_->ScanObservations(
      as_of, [&](BatchId, ObservationChunk&& c) { return builder.Add(c); }));
  auto snap = std::make_shared<app::Snapshot>();
  snap->answers = std::make_shared<AnswerCache>(answer_cache_entries_.load());
  snap->as_of = as_of;
  snap->through = through;
  snap->references = references;
  snap->panel = builder.Finish();
  snap->query = std::make_unique<Query>(*snap->panel);
  return std::shared_ptr<const app::Snapshot>(std::move(snap));
}

Result<std::shared_ptr<const Snapshot>> Workspace::GetSnapshot(BatchId as_of) {
  if (pinned_ws == this && pinned_snap != nullptr && pinned_snap->as_of == as_of)
    return pinned_snap;
  if (as_of == kLatestBatch) return Latest();
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = vintages_.begin(); it != vintages_.end(); ++it) {
    if ((*it)->as_of == as_of) {
      auto snap = *it;
      vintages_.erase(it);
      vintages_.push_front(snap);
      return snap;
    }
  }
  ASSIGN_OR_RETURN(auto batches, store_->ListBatches());
  bool exists = false;
  for (const auto& b : batches) exists |= b.id == as_of;
  if (!exists) return Status::NotFound("batch " + std::to_string(as_of) + " does not exist");
  ASSIGN_OR_RETURN(auto snap, Build(as_of));
  vintages_.push_front(snap);
  if (vintages_.size() > kVintageCache) vintages_.pop_back();
  return snap;
}

Result<std::shared_ptr<const Snapshot>> Workspace::LatestThrough(BatchId batch) {
  return Latest(batch);
}

Result<std::shared_ptr<const Snapshot>> Workspace::Latest(BatchId need) {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    if (!latest_) {
      ASSIGN_OR_RETURN(latest_, Build(kLatestBatch));
      latest_checked_ = std::chrono::steady_clock::now();
      newest_seen_ = std::max(newest_seen_, latest_->through);
      // The connection batches are applied on, opened with the first snapshot rather than when
      // the first batch of another process arrives (opening a PostgreSQL store checks its
      // schema: a request would wait for it). Without it they are applied on store_ under mu_.
      if (!advance_store_ && !path_.empty()) {
        auto opened = OpenStore(path_);
        if (opened.ok()) advance_store_ = std::move(opened).value();
      }
      return latest_;
    }
    const auto now = std::chrono::steady_clock::now();
    // PostgreSQL tells of every batch at once (LISTEN/NOTIFY); otherwise, and as a fallback, a
    // quarter of a second: another process's import shows within a second of its answer even
    // with the panel's update (the check is one small query).
    const bool told = store_->BatchesMayHaveChanged();
    if (told || latest_stale_ || now - latest_checked_ >= std::chrono::milliseconds(250)) {
      latest_checked_ = now;
      latest_stale_ = false;
      ASSIGN_OR_RETURN(BatchId newest, NewestBatch());
      newest_seen_ = newest;
    }
    newest_seen_ = std::max(newest_seen_, need);  // a batch the caller knows is written
    if (newest_seen_ <= latest_->through) return latest_;
    const bool needed = need > latest_->through;
    if (advancing_) {
      // Another thread applies the new batches: answer from the panel held meanwhile, unless
      // the caller waits for one of them.
      if (!needed) return latest_;
      advanced_.wait(lock);
      continue;
    }
    const auto due = advance_started_ + std::chrono::milliseconds(advance_interval_ms_.load());
    if (now < due) {
      if (!needed) return latest_;
      advanced_.wait_until(lock, due);
      continue;
    }
    advance_started_ = now;
    const auto previous = latest_;
    const BatchId target = newest_seen_;
    bool new_list = false;
    Result<std::shared_ptr<const Snapshot>> next = Status::Internal("not advanced");
    if (advance_store_ != nullptr) {
      advancing_ = true;
      lock.unlock();
      next = Advance(*advance_store_, *previous, target, &new_list);
      (void)advance_store_->BatchesMayHaveChanged();  // its own notices: drained, not read
      if (next.ok()) {
        // The answers being asked, made before the snapshot is served (readers meanwhile get
        // the one held); not on a store without its own connection, whose lock is held here.
        SnapshotPin pin(*this, *next);
        const auto started = std::chrono::steady_clock::now();
        const size_t made = (*next)->answers->MakeAgain();
        metrics::Metrics::Global().ObserveAnswersMadeAhead(
            made,
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
      }
      lock.lock();
      advancing_ = false;
      advanced_.notify_all();
    } else {  // no second connection: on this one, holding the lock
      next = Advance(*store_, *previous, target, &new_list);
    }
    if (new_list) index_stale_ = true;  // codes another process added got ids
    if (latest_ != previous) continue;  // prices imported meanwhile: built afresh
    if (next.ok()) {
      latest_ = std::move(next).value();
    } else {
      latest_.reset();  // built afresh on the next turn
    }
  }
}

}  // namespace ballast::app
