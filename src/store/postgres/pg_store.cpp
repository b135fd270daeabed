// The PostgreSQL store of the panel, users and the audit log: one connection, one transaction
// per batch written with binary COPY.
#include "store/postgres/pg_store.h"

#include <arpa/inet.h>

#include <cstdlib>
#include <cstring>

#include "core/clock.h"
#include "store/chunk_codec.h"
#include "store/postgres/pg_auth.h"
#include "store/postgres/pg_conn.h"
#include "store/postgres/pg_schema.h"

namespace ballast {

namespace {

using pg::Conn;
using pg::PgResult;

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

int64_t BinInt64(const PgResult& r, int row, int col) {
  uint32_t hi, lo;
  const char* p = PQgetvalue(r.get(), row, col);
  std::memcpy(&hi, p, 4);
  std::memcpy(&lo, p + 4, 4);
  return static_cast<int64_t>((static_cast<uint64_t>(ntohl(hi)) << 32) | ntohl(lo));
}

std::string_view BinBytes(const PgResult& r, int row, int col) {
  return {PQgetvalue(r.get(), row, col), static_cast<size_t>(PQgetlength(r.get(), row, col))};
}

constexpr const char* kBatchColumns =
    "id, kind, file_name, sha256, format, user_name, created_at, rows";

BatchInfo ReadBatch(const PgResult& r, int i) {
  BatchInfo b;
  b.id = r.Int(i, 0);
  b.kind = r.Text(i, 1);
  b.file_name = r.Text(i, 2);
  b.sha256 = r.Text(i, 3);
  b.format = r.Text(i, 4);
  b.user = r.Text(i, 5);
  b.created_at = r.Text(i, 6);
  b.rows = r.Int(i, 7);
  return b;
}

StoredEnterprise ReadEnterprise(const PgResult& r, int i) {
  StoredEnterprise e;
  e.id = static_cast<EnterpriseId>(r.Int(i, 0));
  e.batch = r.Int(i, 1);
  e.record.uscc = r.Text(i, 2);
  e.record.name = r.Text(i, 3);
  e.record.region = r.Text(i, 4);
  e.record.industry = r.Text(i, 5);
  e.record.size = r.Text(i, 6);
  e.record.tags = SplitTags(r.Text(i, 7));
  e.record.entered = r.Text(i, 8);
  e.record.exited = r.Text(i, 9);
  return e;
}

class PostgresStore final : public Store {
 public:
  explicit PostgresStore(std::unique_ptr<Conn> conn) : c_(std::move(conn)) {
    if (const char* n = std::getenv("BALLAST_FAILPOINT_CRASH_AFTER_CHUNKS"))
      crash_after_chunks_ = std::atoll(n);
  }

  Conn& conn() { return *c_; }

  Status InsertCatalogs(const CatalogTexts& t) {
    return c_->InTransaction([&]() -> Status {
      for (auto [name, text] : {std::pair{"regions", &t.regions},
                                {"industries", &t.industries},
                                {"indicators", &t.indicators}}) {
        RETURN_IF_ERROR(c_->Run("INSERT INTO catalog(name, content) VALUES($1, $2)", name, *text));
      }
      return Status::Ok();
    });
  }

  Result<CatalogTexts> LoadCatalogTexts() override {
    ASSIGN_OR_RETURN(auto r, c_->Query("SELECT name, content FROM catalog"));
    CatalogTexts t;
    int found = 0;
    for (int i = 0; i < r.rows(); ++i) {
      const std::string name = r.Text(i, 0);
      if (name == "regions") t.regions = r.Text(i, 1), ++found;
      if (name == "industries") t.industries = r.Text(i, 1), ++found;
      if (name == "indicators") t.indicators = r.Text(i, 1), ++found;
    }
    if (found != 3)
      return Status::Precondition("store has no catalogs: was it created with `ballast init`?");
    return t;
  }

  Result<std::optional<BatchInfo>> FindBatchByHash(const std::string& sha256) override {
    ASSIGN_OR_RETURN(
        auto r, c_->Query(std::string("SELECT ") + kBatchColumns + " FROM batch WHERE sha256 = $1",
                          sha256));
    if (r.rows() == 0) return std::optional<BatchInfo>();
    return std::optional<BatchInfo>(ReadBatch(r, 0));
  }

  Result<std::vector<BatchInfo>> ListBatches() override {
    ASSIGN_OR_RETURN(auto r,
                     c_->Query(std::string("SELECT ") + kBatchColumns + " FROM batch ORDER BY id"));
    std::vector<BatchInfo> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(ReadBatch(r, i));
    return out;
  }

  Result<std::vector<StoredEnterprise>> LoadEnterprises(BatchId as_of) override {
    std::vector<StoredEnterprise> out;
    pg::Params p;
    p.Add(as_of);
    RETURN_IF_ERROR(c_->ForEachRow(
        "SELECT DISTINCT ON (v.enterprise_id) v.enterprise_id, v.batch_id, e.uscc, v.name, "
        "v.region, v.industry, v.size, v.tags, v.entered, v.exited FROM enterprise_version v JOIN "
        "enterprise e ON e.id "
        "= v.enterprise_id WHERE v.batch_id <= $1 ORDER BY v.enterprise_id, v.batch_id DESC",
        p, 0, [&](const PgResult& r) {
          out.push_back(ReadEnterprise(r, 0));
          return Status::Ok();
        }));
    return out;
  }

  Result<std::optional<StoredEnterprise>> FindEnterprise(const std::string& uscc) override {
    ASSIGN_OR_RETURN(
        auto r,
        c_->Query("SELECT v.enterprise_id, v.batch_id, e.uscc, v.name, v.region, v.industry, "
                  "v.size, v.tags, v.entered, v.exited FROM enterprise e JOIN enterprise_version v "
                  "ON v.enterprise_id "
                  "= e.id WHERE e.uscc = $1 ORDER BY v.batch_id DESC LIMIT 1",
                  uscc));
    if (r.rows() == 0) return std::optional<StoredEnterprise>();
    return std::optional<StoredEnterprise>(ReadEnterprise(r, 0));
  }

  Result<std::vector<std::pair<std::string, EnterpriseId>>> EnterpriseIds() override {
    std::vector<std::pair<std::string, EnterpriseId>> out;
    RETURN_IF_ERROR(
        c_->ForEachRow("SELECT uscc, id FROM enterprise", pg::Params(), 0, [&](const PgResult& r) {
          out.emplace_back(r.Text(0, 0), static_cast<EnterpriseId>(r.Int(0, 1)));
          return Status::Ok();
        }));
    return out;
  }

  Result<BatchInfo> WriteBatch(BatchInfo info, const std::vector<EnterpriseRecord>& enterprises,
                               const std::vector<ObservationChunk>& chunks) override {
    // One writer of batches at a time on the database: ids (max + 1) and new enterprise ids
    // are taken under the lock.
    RETURN_IF_ERROR(c_->InLockedTransaction(
        pg::kBatchLock, [&]() { return WriteBatchInTransaction(&info, enterprises, chunks); }));
    return info;
  }

  Status WriteBatchInTransaction(BatchInfo* info, const std::vector<EnterpriseRecord>& enterprises,
                                 const std::vector<ObservationChunk>& chunks) {
    info->created_at = FormatUtc(SystemClock().Now());
    {
      ASSIGN_OR_RETURN(auto r, c_->Query("SELECT COALESCE(MAX(id), 0) + 1 FROM batch"));
      info->id = r.Int(0, 0);
    }
    RETURN_IF_ERROR(c_->Run(
        "INSERT INTO batch(id, kind, file_name, sha256, format, user_name, created_at, rows) "
        "VALUES($1,$2,$3,$4,$5,$6,$7,$8)",
        info->id, info->kind, info->file_name, info->sha256, info->format, info->user,
        info->created_at, info->rows));
    // Delivered to every listening instance when (and only if) the batch commits.
    RETURN_IF_ERROR(c_->Run("SELECT pg_notify('ballast_batch', $1)", std::to_string(info->id)));
    if (!enterprises.empty()) {
      RETURN_IF_ERROR(c_->Script(
          "CREATE TEMP TABLE ballast_enterprise_in (ord BIGINT, uscc TEXT, name TEXT, region "
          "TEXT, industry TEXT, size TEXT, tags TEXT, entered TEXT, exited TEXT) ON COMMIT DROP"));
      pg::CopyBuffer buf;
      int64_t ord = 0;
      for (const auto& e : enterprises) {
        buf.Row(9);
        buf.Int64(ord++);
        for (const std::string* t : {&e.uscc, &e.name, &e.region, &e.industry, &e.size})
          buf.Text(*t);
        buf.Text(JoinTags(e.tags));
        // A roster field the file did not give (NULL) keeps the enterprise's latest value.
        for (const auto* f : {&e.entered, &e.exited}) {
          if (f->has_value()) {
            buf.Text(**f);
          } else {
            buf.Null();
          }
        }
      }
      RETURN_IF_ERROR(
          c_->CopyIn("COPY ballast_enterprise_in FROM STDIN (FORMAT binary)", buf.Finish()));
      // New codes get the next ids in the order of the file, as the SQLite store gives them.
      RETURN_IF_ERROR(c_->Run(
          "INSERT INTO enterprise(id, uscc) SELECT m.base + ROW_NUMBER() OVER (ORDER BY i.ord), "
          "i.uscc FROM ballast_enterprise_in i CROSS JOIN (SELECT COALESCE(MAX(id), 0) AS base "
          "FROM enterprise) m WHERE NOT EXISTS (SELECT 1 FROM enterprise e WHERE e.uscc = "
          "i.uscc)"));
      RETURN_IF_ERROR(c_->Run(
          "INSERT INTO enterprise_version(enterprise_id, batch_id, name, region, industry, size, "
          "tags, entered, exited) SELECT e.id, $1, i.name, i.region, i.industry, i.size, i.tags, "
          "COALESCE(i.entered, (SELECT w.entered FROM enterprise_version w WHERE w.enterprise_id "
          "= e.id ORDER BY w.batch_id DESC LIMIT 1), ''), COALESCE(i.exited, (SELECT w.exited "
          "FROM enterprise_version w WHERE w.enterprise_id = e.id ORDER BY w.batch_id DESC LIMIT "
          "1), '') FROM ballast_enterprise_in i JOIN enterprise e ON e.uscc = i.uscc",
          info->id));
    }
    if (!chunks.empty()) {
      pg::CopyBuffer buf;
      for (const auto& c : chunks) {
        buf.Row(5);
        buf.Int64(info->id);
        buf.Text(c.indicator);
        buf.Int64(c.period);
        buf.Int64(static_cast<int64_t>(c.size()));
        buf.Text(EncodeChunk(c));
      }
      RETURN_IF_ERROR(c_->CopyIn(
          "COPY observation_chunk(batch_id, indicator, period, rows, data) FROM STDIN (FORMAT "
          "binary)",
          buf.Finish()));
      // Failpoint for the crash-consistency test: die inside the transaction.
      if (crash_after_chunks_ > 0 && static_cast<size_t>(crash_after_chunks_) <= chunks.size())
        std::_Exit(86);
    }
    return Status::Ok();
  }

  Status ScanObservations(BatchId as_of, const ChunkFn& fn) override {
    pg::Params p;
    p.Add(as_of);
    // Binary results: the chunks come as their bytes, one row at a time.
    return c_->ForEachRow(
        "SELECT batch_id, indicator, period, data FROM observation_chunk WHERE batch_id <= $1 "
        "ORDER BY batch_id, indicator COLLATE \"C\", period",
        p, 1, [&](const PgResult& r) -> Status {
          ObservationChunk c;
          c.indicator = std::string(BinBytes(r, 0, 1));
          c.period = static_cast<Period>(BinInt64(r, 0, 2));
          RETURN_IF_ERROR(DecodeChunk(BinBytes(r, 0, 3), &c));
          return fn(BinInt64(r, 0, 0), std::move(c));
        });
  }

  Result<BatchId> NewestBatchId() override {
    ASSIGN_OR_RETURN(auto r, c_->Query("SELECT COALESCE(MAX(id), 0) FROM batch"));
    return r.Int(0, 0);
  }

  Result<BatchChanges> ChangesBetween(BatchId after, BatchId through) override {
    BatchChanges out;
    ASSIGN_OR_RETURN(
        auto e, c_->Query("SELECT EXISTS(SELECT 1 FROM enterprise_version WHERE batch_id > $1 AND "
                          "batch_id <= $2)::int",
                          after, through));
    out.enterprises = e.Int(0, 0) != 0;
    ASSIGN_OR_RETURN(
        auto r,
        // DISTINCT first: PostgreSQL orders a DISTINCT result only by the columns it selects.
        c_->Query("SELECT indicator, period FROM (SELECT DISTINCT indicator, period FROM "
                  "observation_chunk WHERE batch_id > $1 AND batch_id <= $2) c "
                  "ORDER BY indicator COLLATE \"C\", period",
                  after, through));
    for (int i = 0; i < r.rows(); ++i)
      out.columns.emplace_back(r.Text(i, 0), static_cast<Period>(r.Int(i, 1)));
    return out;
  }

  Status ScanColumn(BatchId after, BatchId as_of, const std::string& indicator, Period period,
                    const ChunkFn& fn) override {
    pg::Params p;
    p.Add(indicator);
    p.Add(static_cast<int64_t>(period));
    p.Add(as_of);
    p.Add(after);
    return c_->ForEachRow(
        "SELECT batch_id, data FROM observation_chunk WHERE indicator = $1 AND period = $2 AND "
        "batch_id > $4 AND batch_id <= $3 "
        "ORDER BY batch_id",
        p, 1, [&](const PgResult& r) -> Status {
          ObservationChunk c;
          c.indicator = indicator;
          c.period = period;
          RETURN_IF_ERROR(DecodeChunk(BinBytes(r, 0, 1), &c));
          return fn(BinInt64(r, 0, 0), std::move(c));
        });
  }

  Status WritePrices(const std::vector<PriceRecord>& prices) override {
    return c_->InTransaction([&]() -> Status {
      for (const auto& p : prices) {
        RETURN_IF_ERROR(
            c_->Run("INSERT INTO price_index(industry, period, value) VALUES(?,?,?) ON CONFLICT "
                    "(industry, period) DO UPDATE SET value = excluded.value",
                    p.industry, static_cast<int64_t>(p.period), p.index));
      }
      return Status::Ok();
    });
  }

  Result<std::vector<PriceRecord>> LoadPrices() override {
    ASSIGN_OR_RETURN(auto r, c_->Query("SELECT industry, period, value FROM price_index ORDER BY "
                                       "industry COLLATE \"C\", period"));
    std::vector<PriceRecord> out;
    for (int i = 0; i < r.rows(); ++i)
      out.push_back({r.Text(i, 0), static_cast<Period>(r.Int(i, 1)), r.Double(i, 2)});
    return out;
  }

  Status WriteVaRates(const std::vector<VaRateRecord>& rates) override {
    return c_->InTransaction([&]() -> Status {
      for (const auto& v : rates) {
        RETURN_IF_ERROR(
            c_->Run("INSERT INTO va_rate(industry, rate) VALUES(?,?) ON CONFLICT "
                    "(industry) DO UPDATE SET rate = excluded.rate",
                    v.industry, v.rate));
      }
      return Status::Ok();
    });
  }

  Result<std::vector<VaRateRecord>> LoadVaRates() override {
    ASSIGN_OR_RETURN(auto r, c_->Query("SELECT industry, rate FROM va_rate ORDER BY industry "
                                       "COLLATE \"C\""));
    std::vector<VaRateRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back({r.Text(i, 0), r.Double(i, 1)});
    return out;
  }

  Result<UserRecord> CreateUser(UserRecord user) override {
    return pg_auth::CreateUser(*c_, std::move(user));
  }
  Status UpdateUser(const UserRecord& user) override { return pg_auth::UpdateUser(*c_, user); }
  Result<std::optional<UserRecord>> FindUser(const std::string& name) override {
    return pg_auth::FindUser(*c_, name);
  }
  Result<std::optional<UserRecord>> GetUser(int64_t id) override {
    return pg_auth::GetUser(*c_, id);
  }
  Result<std::vector<UserRecord>> ListUsers() override { return pg_auth::ListUsers(*c_); }
  Status CreateSession(const SessionRecord& s) override { return pg_auth::CreateSession(*c_, s); }
  Result<std::optional<SessionAndUser>> FindSession(const std::string& h) override {
    return pg_auth::FindSession(*c_, h);
  }
  Status TouchSession(const std::string& h, int64_t t) override {
    return pg_auth::TouchSession(*c_, h, t);
  }
  Status RevokeSession(const std::string& h) override { return pg_auth::RevokeSession(*c_, h); }
  Status RevokeUserSessions(int64_t id) override { return pg_auth::RevokeUserSessions(*c_, id); }
  Status RecordLoginFailure(const std::vector<std::string>& keys, int64_t at,
                            int64_t forget_before) override {
    return pg_auth::RecordLoginFailure(*c_, keys, at, forget_before);
  }
  Result<int64_t> CountLoginFailures(const std::string& key, int64_t since) override {
    return pg_auth::CountLoginFailures(*c_, key, since);
  }
  Status ClearLoginFailures(const std::string& key) override {
    return pg_auth::ClearLoginFailures(*c_, key);
  }
  Result<std::vector<AuditEntry>> AppendAudits(std::vector<AuditEntry> entries,
                                               const AuditSeal& seal,
                                               const AuditHeadSeal& seal_head) override {
    return pg_auth::AppendAudits(*c_, std::move(entries), seal, seal_head);
  }
  Result<std::vector<AuditEntry>> ListAudit(int64_t after, int64_t limit) override {
    return pg_auth::ListAudit(*c_, after, limit);
  }
  Result<std::optional<AuditHead>> GetAuditHead() override { return pg_auth::GetAuditHead(*c_); }
  Status EnsureAuditHead(const AuditHeadSeal& seal_head) override {
    return pg_auth::EnsureAuditHead(*c_, seal_head);
  }

  Status CheckIntegrity() override {
    // The server keeps its own files consistent; what is ours to check is that every batch's
    // rows are all there (none half-written).
    ASSIGN_OR_RETURN(
        auto r,
        c_->Query("SELECT b.id, b.rows, COALESCE((SELECT SUM(c.rows) FROM observation_chunk c "
                  "WHERE c.batch_id = b.id), 0), (SELECT COUNT(*) FROM enterprise_version v WHERE "
                  "v.batch_id = b.id) FROM batch b ORDER BY b.id"));
    for (int i = 0; i < r.rows(); ++i) {
      const int64_t expected = r.Int(i, 1), found = r.Int(i, 2) + r.Int(i, 3);
      if (expected != found) {
        return Status::Internal("batch " + std::to_string(r.Int(i, 0)) + " holds " +
                                std::to_string(found) + " rows, not " + std::to_string(expected));
      }
    }
    return Status::Ok();
  }

  bool BatchesMayHaveChanged() override { return c_->ConsumeNotifications(); }

  Result<int64_t> SizeOnDisk() override {
    ASSIGN_OR_RETURN(auto r, c_->Query("SELECT pg_database_size(current_database())"));
    return r.Int(0, 0);
  }

 private:
  std::unique_ptr<Conn> c_;
  int64_t crash_after_chunks_ = -1;  // <= 0: never
};

}  // namespace

Result<std::unique_ptr<Store>> CreatePostgresStore(const std::string& uri,
                                                   const Store::CatalogTexts& catalogs) {
  ASSIGN_OR_RETURN(auto conn, Conn::Connect(uri, "store"));
  ASSIGN_OR_RETURN(int64_t version, pg::SchemaVersion(*conn));
  if (version != 0) {
    return Status::AlreadyExists("database '" + conn->redacted() +
                                 "' already holds a Ballast store: `ballast init` will not "
                                 "overwrite it");
  }
  auto store = std::make_unique<PostgresStore>(std::move(conn));
  RETURN_IF_ERROR(pg::Migrate(store->conn()));
  RETURN_IF_ERROR(store->InsertCatalogs(catalogs));
  RETURN_IF_ERROR(store->conn().Listen("ballast_batch"));
  return std::unique_ptr<Store>(std::move(store));
}

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& uri) {
  ASSIGN_OR_RETURN(auto conn, Conn::Connect(uri, "store"));
  ASSIGN_OR_RETURN(int64_t version, pg::SchemaVersion(*conn));
  if (version == 0) {
    return Status::Precondition("database '" + conn->redacted() +
                                "' is empty, not a Ballast store (create one with `ballast init "
                                "--db URI`)");
  }
  auto store = std::make_unique<PostgresStore>(std::move(conn));
  RETURN_IF_ERROR(pg::Migrate(store->conn()));
  RETURN_IF_ERROR(store->conn().Listen("ballast_batch"));
  return std::unique_ptr<Store>(std::move(store));
}

Result<std::unique_ptr<AuthStore>> OpenPostgresAuditStore(const std::string& uri) {
  // The audit log and its head record (migrations 002 and 005); the Store migrated it first.
  constexpr int64_t kAuditHeadVersion = 5;
  ASSIGN_OR_RETURN(auto conn,
                   pg::ConnectAtSchema(uri, kAuditHeadVersion, "audit head record", "audit"));
  return std::unique_ptr<AuthStore>(std::make_unique<PostgresStore>(std::move(conn)));
}

Result<std::unique_ptr<Store>> OpenPostgresImportStore(const std::string& uri) {
  const auto current = static_cast<int64_t>(pg::PostgresMigrations().size());
  ASSIGN_OR_RETURN(auto conn, pg::ConnectAtSchema(uri, current, "current schema", "import"));
  return std::unique_ptr<Store>(std::make_unique<PostgresStore>(std::move(conn)));
}

}  // namespace ballast
