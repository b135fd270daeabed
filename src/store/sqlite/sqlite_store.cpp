// The embedded store: one SQLite file in WAL mode, one transaction per batch.
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>

#include "core/clock.h"
#include "store/chunk_codec.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_auth.h"
#include "store/store.h"

namespace ballast {

namespace {

std::string JoinTags(const std::vector<std::string>& tags) {
  std::string s;
  for (const auto& t : tags) {
    if (!s.empty()) s += ';';
    s += t;
  }
  return s;
}

std::vector<std::string> SplitTags(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find(';', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {
    if (const char* n = std::getenv("BALLAST_FAILPOINT_CRASH_AFTER_CHUNKS"))
      crash_after_chunks_ = std::atoll(n);
  }
  ~SqliteStore() override { sqlite3_close_v2(db_); }

  Status Exec(const char* sql) { return ExecSql(db_, sql); }
  Status Error(const char* what) { return SqlError(db_, what); }
  Status Configure() { return ConfigureConnection(db_); }

  Result<int64_t> UserVersion() {
    Stmt s(db_, "PRAGMA user_version");
    if (!s.ok() || s.Step() != SQLITE_ROW) return Error("reading schema version");
    return s.Int(0);
  }

  Status Migrate() {
    ASSIGN_OR_RETURN(int64_t version, UserVersion());
    auto migrations = SqliteMigrations();
    if (version > static_cast<int64_t>(migrations.size())) {
      return Status::Precondition("store schema version " + std::to_string(version) +
                                  " is newer than this ballast understands");
    }
    for (auto i = static_cast<size_t>(version); i < migrations.size(); ++i) {
      std::string sql = "BEGIN IMMEDIATE;\n" + std::string(migrations[i]) +
                        "\nPRAGMA user_version=" + std::to_string(i + 1) + ";\nCOMMIT;";
      Status st = Exec(sql.c_str());
      if (!st.ok()) {
        Exec("ROLLBACK");
        return st;
      }
    }
    return Status::Ok();
  }

  Status InsertCatalogs(const CatalogTexts& c) {
    RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    Stmt s(db_, "INSERT INTO catalog(name, content) VALUES(?, ?)");
    if (!s.ok()) return Error("preparing catalog insert");
    for (auto [name, text] : {std::pair{"regions", &c.regions},
                              {"industries", &c.industries},
                              {"indicators", &c.indicators}}) {
      Status bound = s.BindAll(name, *text);
      if (!bound.ok() || s.Step() != SQLITE_DONE) {
        Exec("ROLLBACK");
        return Error("writing catalog");
      }
      s.Reset();
    }
    return Exec("COMMIT");
  }

  Result<CatalogTexts> LoadCatalogTexts() override {
    Stmt s(db_, "SELECT name, content FROM catalog");
    if (!s.ok()) return Error("reading catalogs");
    CatalogTexts c;
    int found = 0, rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      std::string name = s.Text(0);
      if (name == "regions") c.regions = s.Text(1), ++found;
      if (name == "industries") c.industries = s.Text(1), ++found;
      if (name == "indicators") c.indicators = s.Text(1), ++found;
    }
    if (rc != SQLITE_DONE) return Error("reading catalogs");
    if (found != 3)
      return Status::Precondition("store has no catalogs: was it created with `ballast init`?");
    return c;
  }

  static BatchInfo ReadBatch(Stmt& s) {
    BatchInfo b;
    b.id = s.Int(0);
    b.kind = s.Text(1);
    b.file_name = s.Text(2);
    b.sha256 = s.Text(3);
    b.format = s.Text(4);
    b.user = s.Text(5);
    b.created_at = s.Text(6);
    b.rows = s.Int(7);
    return b;
  }

  Result<std::optional<BatchInfo>> FindBatchByHash(const std::string& sha256) override {
    Stmt s(db_,
           "SELECT id, kind, file_name, sha256, format, user_name, created_at, rows FROM batch "
           "WHERE sha256 = ?");
    if (!s.ok()) return Error("reading batches");
    RETURN_IF_ERROR(s.BindAll(sha256));
    const int rc = s.Step();
    if (rc == SQLITE_ROW) return std::optional<BatchInfo>(ReadBatch(s));
    if (rc != SQLITE_DONE) return Error("reading batches");
    return std::optional<BatchInfo>();
  }

  Result<std::vector<BatchInfo>> ListBatches() override {
    Stmt s(db_,
           "SELECT id, kind, file_name, sha256, format, user_name, created_at, rows FROM batch "
           "ORDER BY id");
    if (!s.ok()) return Error("reading batches");
    std::vector<BatchInfo> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back(ReadBatch(s));
    if (rc != SQLITE_DONE) return Error("reading batches");
    return out;
  }

  Result<std::vector<StoredEnterprise>> LoadEnterprises(BatchId as_of) override {
    // The latest version of each enterprise written by a batch <= as_of.
    Stmt s(
        db_,
        "SELECT v.enterprise_id, v.batch_id, e.uscc, v.name, v.region, v.industry, v.size, v.tags, "
        "v.entered, v.exited "
        "FROM enterprise_version v JOIN enterprise e ON e.id = v.enterprise_id "
        "WHERE v.batch_id = (SELECT MAX(batch_id) FROM enterprise_version w "
        "                    WHERE w.enterprise_id = v.enterprise_id AND w.batch_id <= ?1) "
        "ORDER BY v.enterprise_id");
    if (!s.ok()) return Error("reading enterprises");
    RETURN_IF_ERROR(s.BindAll(as_of));
    std::vector<StoredEnterprise> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back(ReadEnterprise(s));
    if (rc != SQLITE_DONE) return Error("reading enterprises");
    return out;
  }

  static StoredEnterprise ReadEnterprise(Stmt& s) {
    StoredEnterprise e;
    e.id = static_cast<EnterpriseId>(s.Int(0));
    e.batch = s.Int(1);
    e.record.uscc = s.Text(2);
    e.record.name = s.Text(3);
    e.record.region = s.Text(4);
    e.record.industry = s.Text(5);
    e.record.size = s.Text(6);
    e.record.tags = SplitTags(s.Text(7));
    e.record.entered = s.Text(8);
    e.record.exited = s.Text(9);
    return e;
  }

  Result<std::optional<StoredEnterprise>> FindEnterprise(const std::string& uscc) override {
    // The unique index on enterprise(uscc) and the primary key (enterprise_id, batch_id) of the
    // versions make this two index lookups.
    Stmt s(
        db_,
        "SELECT v.enterprise_id, v.batch_id, e.uscc, v.name, v.region, v.industry, v.size, v.tags, "
        "v.entered, v.exited "
        "FROM enterprise e JOIN enterprise_version v ON v.enterprise_id = e.id "
        "WHERE e.uscc = ? ORDER BY v.batch_id DESC LIMIT 1");
    if (!s.ok()) return Error("reading enterprises");
    RETURN_IF_ERROR(s.BindAll(uscc));
    const int rc = s.Step();
    if (rc == SQLITE_ROW) return std::optional<StoredEnterprise>(ReadEnterprise(s));
    if (rc != SQLITE_DONE) return Error("reading enterprises");
    return std::optional<StoredEnterprise>();
  }

  Result<std::vector<std::pair<std::string, EnterpriseId>>> EnterpriseIds() override {
    Stmt s(db_, "SELECT uscc, id FROM enterprise");
    if (!s.ok()) return Error("reading enterprise ids");
    std::vector<std::pair<std::string, EnterpriseId>> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW)
      out.emplace_back(s.Text(0), static_cast<EnterpriseId>(s.Int(1)));
    if (rc != SQLITE_DONE) return Error("reading enterprise ids");
    return out;
  }

  Result<BatchInfo> WriteBatch(BatchInfo info, const std::vector<EnterpriseRecord>& enterprises,
                               const std::vector<ObservationChunk>& chunks) override {
    RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    Status st = WriteBatchInTransaction(&info, enterprises, chunks);
    if (!st.ok()) {
      Exec("ROLLBACK");
      return st;
    }
    RETURN_IF_ERROR(Exec("COMMIT"));
    return info;
  }

  Status WriteBatchInTransaction(BatchInfo* info, const std::vector<EnterpriseRecord>& enterprises,
                                 const std::vector<ObservationChunk>& chunks) {
    info->created_at = FormatUtc(SystemClock().Now());
    {
      Stmt s(db_,
             "INSERT INTO batch(kind, file_name, sha256, format, user_name, created_at, rows) "
             "VALUES(?,?,?,?,?,?,?)");
      if (!s.ok()) return Error("preparing batch insert");
      RETURN_IF_ERROR(s.BindAll(info->kind, info->file_name, info->sha256, info->format, info->user,
                                info->created_at, info->rows));
      if (s.Step() != SQLITE_DONE) return Error("writing batch");
      info->id = sqlite3_last_insert_rowid(db_);
    }
    if (!enterprises.empty()) {
      Stmt find(db_, "SELECT id FROM enterprise WHERE uscc = ?");
      Stmt add(db_, "INSERT INTO enterprise(uscc) VALUES(?)");
      // A roster field the file did not give keeps the enterprise's latest value.
      Stmt ver(db_,
               "INSERT INTO enterprise_version(enterprise_id, batch_id, name, region, industry, "
               "size, tags, entered, exited) VALUES(?1,?2,?3,?4,?5,?6,?7,"
               "COALESCE(?8, (SELECT entered FROM enterprise_version WHERE enterprise_id = ?1 "
               "ORDER BY batch_id DESC LIMIT 1), ''),"
               "COALESCE(?9, (SELECT exited FROM enterprise_version WHERE enterprise_id = ?1 "
               "ORDER BY batch_id DESC LIMIT 1), ''))");
      if (!find.ok() || !add.ok() || !ver.ok()) return Error("preparing enterprise insert");
      for (const auto& e : enterprises) {
        int64_t id;
        RETURN_IF_ERROR(find.BindAll(e.uscc));
        if (find.Step() == SQLITE_ROW) {
          id = find.Int(0);
        } else {
          RETURN_IF_ERROR(add.BindAll(e.uscc));
          if (add.Step() != SQLITE_DONE) return Error("writing enterprise");
          add.Reset();
          id = sqlite3_last_insert_rowid(db_);
        }
        find.Reset();
        RETURN_IF_ERROR(ver.BindAll(id, info->id, e.name, e.region, e.industry, e.size,
                                    JoinTags(e.tags), e.entered, e.exited));
        if (ver.Step() != SQLITE_DONE) return Error("writing enterprise version");
        ver.Reset();
      }
    }
    if (!chunks.empty()) {
      Stmt s(db_,
             "INSERT INTO observation_chunk(batch_id, indicator, period, rows, data) "
             "VALUES(?,?,?,?,?)");
      if (!s.ok()) return Error("preparing observation insert");
      for (const auto& c : chunks) {
        std::string blob = EncodeChunk(c);
        RETURN_IF_ERROR(s.BindAll(info->id, c.indicator, c.period, c.size(), ballast::Blob{blob}));
        if (s.Step() != SQLITE_DONE) return Error("writing observations");
        s.Reset();
        // Failpoint for the crash-consistency test: die in the middle of the transaction.
        if (--crash_after_chunks_ == 0) std::_Exit(86);
      }
    }
    return Status::Ok();
  }

  Status ScanObservations(BatchId as_of, const ChunkFn& fn) override {
    Stmt s(db_,
           "SELECT batch_id, indicator, period, data FROM observation_chunk WHERE batch_id <= ? "
           "ORDER BY batch_id, indicator, period");
    if (!s.ok()) return Error("reading observations");
    RETURN_IF_ERROR(s.BindAll(as_of));
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      ObservationChunk c;
      c.indicator = s.Text(1);
      c.period = static_cast<Period>(s.Int(2));
      RETURN_IF_ERROR(DecodeChunk(s.Blob(3), &c));
      RETURN_IF_ERROR(fn(s.Int(0), std::move(c)));
    }
    if (rc != SQLITE_DONE) return Error("reading observations");
    return Status::Ok();
  }

  Result<BatchId> NewestBatchId() override {
    Stmt s(db_, "SELECT COALESCE(MAX(id), 0) FROM batch");
    if (!s.ok() || s.Step() != SQLITE_ROW) return Error("reading the newest batch");
    return s.Int(0);
  }

  Result<BatchChanges> ChangesBetween(BatchId after, BatchId through) override {
    BatchChanges out;
    {
      Stmt s(
          db_,
          "SELECT EXISTS(SELECT 1 FROM enterprise_version WHERE batch_id > ?1 AND batch_id <= ?2)");
      if (!s.ok()) return Error("reading batch changes");
      RETURN_IF_ERROR(s.BindAll(after, through));
      if (s.Step() != SQLITE_ROW) return Error("reading batch changes");
      out.enterprises = s.Int(0) != 0;
    }
    Stmt s(db_,
           "SELECT DISTINCT indicator, period FROM observation_chunk WHERE batch_id > ?1 AND "
           "batch_id <= ?2 "
           "ORDER BY indicator, period");
    if (!s.ok()) return Error("reading batch changes");
    RETURN_IF_ERROR(s.BindAll(after, through));
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW)
      out.columns.emplace_back(s.Text(0), static_cast<Period>(s.Int(1)));
    if (rc != SQLITE_DONE) return Error("reading batch changes");
    return out;
  }

  Status ScanColumn(BatchId after, BatchId as_of, const std::string& indicator, Period period,
                    const ChunkFn& fn) override {
    Stmt s(db_,
           "SELECT batch_id, data FROM observation_chunk WHERE indicator = ?1 AND period = ?2 AND "
           "batch_id > ?4 AND batch_id <= ?3 "
           "ORDER BY batch_id");
    if (!s.ok()) return Error("reading observations");
    RETURN_IF_ERROR(s.BindAll(indicator, static_cast<int64_t>(period), as_of, after));
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      ObservationChunk c;
      c.indicator = indicator;
      c.period = period;
      RETURN_IF_ERROR(DecodeChunk(s.Blob(1), &c));
      RETURN_IF_ERROR(fn(s.Int(0), std::move(c)));
    }
    if (rc != SQLITE_DONE) return Error("reading observations");
    return Status::Ok();
  }

  Status WritePrices(const std::vector<PriceRecord>& prices) override {
    RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    Status st = [&]() -> Status {
      Stmt s(db_, "INSERT OR REPLACE INTO price_index(industry, period, value) VALUES(?,?,?)");
      if (!s.ok()) return Error("preparing price insert");
      for (const auto& p : prices) {
        RETURN_IF_ERROR(s.BindAll(p.industry, p.period, p.index));
        if (s.Step() != SQLITE_DONE) return Error("writing prices");
        s.Reset();
      }
      return Status::Ok();
    }();
    if (!st.ok()) {
      Exec("ROLLBACK");
      return st;
    }
    return Exec("COMMIT");
  }

  Result<std::vector<PriceRecord>> LoadPrices() override {
    Stmt s(db_, "SELECT industry, period, value FROM price_index ORDER BY industry, period");
    if (!s.ok()) return Error("reading prices");
    std::vector<PriceRecord> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW)
      out.push_back({s.Text(0), static_cast<Period>(s.Int(1)), s.Double(2)});
    if (rc != SQLITE_DONE) return Error("reading prices");
    return out;
  }

  Status WriteVaRates(const std::vector<VaRateRecord>& rates) override {
    RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    Status st = [&]() -> Status {
      Stmt s(db_, "INSERT OR REPLACE INTO va_rate(industry, rate) VALUES(?,?)");
      if (!s.ok()) return Error("preparing value-added rate insert");
      for (const auto& r : rates) {
        RETURN_IF_ERROR(s.BindAll(r.industry, r.rate));
        if (s.Step() != SQLITE_DONE) return Error("writing value-added rates");
        s.Reset();
      }
      return Status::Ok();
    }();
    if (!st.ok()) {
      Exec("ROLLBACK");
      return st;
    }
    return Exec("COMMIT");
  }

  Result<std::vector<VaRateRecord>> LoadVaRates() override {
    Stmt s(db_, "SELECT industry, rate FROM va_rate ORDER BY industry");
    if (!s.ok()) return Error("reading value-added rates");
    std::vector<VaRateRecord> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back({s.Text(0), s.Double(1)});
    if (rc != SQLITE_DONE) return Error("reading value-added rates");
    return out;
  }

  Result<UserRecord> CreateUser(UserRecord user) override {
    return sqlite_auth::CreateUser(db_, std::move(user));
  }
  Status UpdateUser(const UserRecord& user) override { return sqlite_auth::UpdateUser(db_, user); }
  Result<std::optional<UserRecord>> FindUser(const std::string& name) override {
    return sqlite_auth::FindUser(db_, name);
  }
  Result<std::optional<UserRecord>> GetUser(int64_t id) override {
    return sqlite_auth::GetUser(db_, id);
  }
  Result<std::vector<UserRecord>> ListUsers() override { return sqlite_auth::ListUsers(db_); }
  Status CreateSession(const SessionRecord& s) override {
    return sqlite_auth::CreateSession(db_, s);
  }
  Result<std::optional<SessionAndUser>> FindSession(const std::string& h) override {
    return sqlite_auth::FindSession(db_, h);
  }
  Status TouchSession(const std::string& h, int64_t t) override {
    return sqlite_auth::TouchSession(db_, h, t);
  }
  Status RevokeSession(const std::string& h) override { return sqlite_auth::RevokeSession(db_, h); }
  Status RevokeUserSessions(int64_t id) override {
    return sqlite_auth::RevokeUserSessions(db_, id);
  }
  Status RecordLoginFailure(const std::vector<std::string>& keys, int64_t at,
                            int64_t forget_before) override {
    return sqlite_auth::RecordLoginFailure(db_, keys, at, forget_before);
  }
  Result<int64_t> CountLoginFailures(const std::string& key, int64_t since) override {
    return sqlite_auth::CountLoginFailures(db_, key, since);
  }
  Status ClearLoginFailures(const std::string& key) override {
    return sqlite_auth::ClearLoginFailures(db_, key);
  }
  Result<std::vector<AuditEntry>> AppendAudits(std::vector<AuditEntry> entries,
                                               const AuditSeal& seal,
                                               const AuditHeadSeal& seal_head) override {
    return sqlite_auth::AppendAudits(db_, std::move(entries), seal, seal_head);
  }
  Result<std::vector<AuditEntry>> ListAudit(int64_t after, int64_t limit) override {
    return sqlite_auth::ListAudit(db_, after, limit);
  }
  Result<std::optional<AuditHead>> GetAuditHead() override {
    return sqlite_auth::GetAuditHead(db_);
  }
  Status EnsureAuditHead(const AuditHeadSeal& seal_head) override {
    return sqlite_auth::EnsureAuditHead(db_, seal_head);
  }

  Status CheckIntegrity() override {
    {
      Stmt s(db_, "PRAGMA integrity_check");
      if (!s.ok() || s.Step() != SQLITE_ROW) return Error("integrity check");
      if (s.Text(0) != "ok") return Status::Internal("store is damaged: " + s.Text(0));
    }
    // An observation batch's row count must equal the rows of its chunks.
    Stmt s(db_,
           "SELECT b.id, b.rows, COALESCE((SELECT SUM(c.rows) FROM observation_chunk c WHERE "
           "c.batch_id = b.id), 0),"
           " (SELECT COUNT(*) FROM enterprise_version v WHERE v.batch_id = b.id) FROM batch b");
    if (!s.ok()) return Error("integrity check");
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      const int64_t expected = s.Int(1);
      const int64_t found = s.Int(2) + s.Int(3);
      if (expected != found) {
        return Status::Internal("batch " + std::to_string(s.Int(0)) + " holds " +
                                std::to_string(found) + " rows, not " + std::to_string(expected));
      }
    }
    if (rc != SQLITE_DONE) return Error("integrity check");
    return Status::Ok();
  }

  Result<int64_t> SizeOnDisk() override {
    std::error_code ec;
    int64_t total = 0;
    for (const char* suffix : {"", "-wal"}) {
      auto n = std::filesystem::file_size(path_ + suffix, ec);
      if (!ec) total += static_cast<int64_t>(n);
    }
    return total;
  }

 private:
  sqlite3* db_;
  std::string path_;
  int64_t crash_after_chunks_ = -1;  // < 0: never
};

}  // namespace

Result<std::unique_ptr<Store>> CreateSqliteStore(const std::string& path,
                                                 const Store::CatalogTexts& catalogs) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    const bool empty = std::filesystem::is_regular_file(path, ec) &&
                       std::filesystem::file_size(path, ec) == 0 && !ec;
    if (!empty) {
      const bool is_store = CheckSqliteFile(path).ok();
      return Status::AlreadyExists("'" + path + "' already exists and " +
                                   (is_store ? "holds a database" : "is not empty") +
                                   ": `ballast init` will not overwrite it");
    }
  }
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    std::string m = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Status::Io("cannot create store '" + path + "': " + m);
  }
  auto store = std::make_unique<SqliteStore>(db, path);
  RETURN_IF_ERROR(store->Configure());
  RETURN_IF_ERROR(store->Migrate());
  RETURN_IF_ERROR(store->InsertCatalogs(catalogs));
  return std::unique_ptr<Store>(std::move(store));
}

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  ASSIGN_OR_RETURN(sqlite3 * db, OpenExistingFile(path, "store"));
  auto store = std::make_unique<SqliteStore>(db, path);
  // The version is read before any pragma that writes, so that another SQLite file stays as it was.
  auto version = store->UserVersion();
  if (!version.ok())
    return Status::Precondition("'" + path +
                                "' is not a Ballast store: " + version.status().message());
  if (*version == 0)
    return Status::Precondition("'" + path + "' is a SQLite database but not a Ballast store");
  RETURN_IF_ERROR(store->Configure());
  RETURN_IF_ERROR(store->Migrate());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace ballast
