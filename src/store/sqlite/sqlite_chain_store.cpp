// The supply-chain tables in the SQLite store file, on a connection of their own.
#include <sqlite3.h>

#include "store/chain_store.h"
#include "store/sqlite/connection.h"

namespace ballast {
namespace {

constexpr const char* kWho = "chain store";

std::optional<double> OptDouble(Stmt& s, int col) {
  if (s.IsNull(col)) return std::nullopt;
  return s.Double(col);
}

class SqliteChainStore final : public ChainStore {
 public:
  explicit SqliteChainStore(sqlite3* db) : db_(db) {}
  ~SqliteChainStore() override { sqlite3_close_v2(db_); }

  Status Configure() {
    {
      // Before any pragma that writes: the tables must exist (the Store migrates the file).
      Stmt s(db_, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'chain_def'");
      if (!s.ok()) return Error("reading the schema");
      if (s.Step() != SQLITE_ROW) {
        return Status::Precondition(
            "store has no chain tables (open it with the Store first to migrate)");
      }
    }
    return ConfigureConnection(db_, kWho);
  }

  Status ReplaceChains(const ChainSetRecord& set, ChainImportRecord info) override {
    return InTransaction(db_, [&]() -> Status {
      RETURN_IF_ERROR(ExecSql(
          db_, "DELETE FROM chain_segment_edge; DELETE FROM chain_segment; DELETE FROM chain_def",
          kWho));
      Stmt c(db_,
             "INSERT INTO chain_def(chain, name_zh, name_en, region, lead_unit, ord) "
             "VALUES(?,?,?,?,?,?)");
      Stmt s(db_,
             "INSERT INTO chain_segment(chain, segment, name_zh, stage, industries, products, ord) "
             "VALUES(?,?,?,?,?,?,?)");
      Stmt e(db_,
             "INSERT INTO chain_segment_edge(chain, from_segment, to_segment, products, ord) "
             "VALUES(?,?,?,?,?)");
      if (!c.ok() || !s.ok() || !e.ok()) return Error("preparing chain inserts");
      int64_t ord = 0;
      for (const auto& r : set.chains) {
        RETURN_IF_ERROR(c.BindAll(r.chain, r.name_zh, r.name_en, r.region, r.lead_unit, ord++));
        RETURN_IF_ERROR(StepDone(c, "inserting a chain"));
      }
      for (const auto& r : set.segments) {
        RETURN_IF_ERROR(
            s.BindAll(r.chain, r.segment, r.name_zh, r.stage, r.industries, r.products, ord++));
        RETURN_IF_ERROR(StepDone(s, "inserting a segment"));
      }
      for (const auto& r : set.edges) {
        RETURN_IF_ERROR(e.BindAll(r.chain, r.from, r.to, r.products, ord++));
        RETURN_IF_ERROR(StepDone(e, "inserting a segment edge"));
      }
      return Log(info);
    });
  }

  Status ReplaceFirmLinks(const std::vector<FirmLinkRecord>& links,
                          ChainImportRecord info) override {
    return InTransaction(db_, [&]() -> Status {
      RETURN_IF_ERROR(ExecSql(db_, "DELETE FROM chain_firm_link", kWho));
      Stmt s(db_,
             "INSERT INTO chain_firm_link(supplier, customer, product, value, lead_days) "
             "VALUES(?,?,?,?,?)");
      if (!s.ok()) return Error("preparing link insert");
      for (const auto& l : links) {
        RETURN_IF_ERROR(s.BindAll(l.supplier, l.customer, l.product, l.value, l.lead_days));
        RETURN_IF_ERROR(StepDone(s, "inserting a firm link"));
      }
      return Log(info);
    });
  }

  Status ReplaceFirms(const std::vector<FirmRecord>& firms, ChainImportRecord info) override {
    return InTransaction(db_, [&]() -> Status {
      RETURN_IF_ERROR(ExecSql(db_, "DELETE FROM chain_firm", kWho));
      Stmt s(db_,
             "INSERT INTO chain_firm(firm, name, region, industry, capacity, inventory_days) "
             "VALUES(?,?,?,?,?,?)");
      if (!s.ok()) return Error("preparing firm insert");
      for (const auto& f : firms) {
        RETURN_IF_ERROR(
            s.BindAll(f.firm, f.name, f.region, f.industry, f.capacity, f.inventory_days));
        RETURN_IF_ERROR(StepDone(s, "inserting a firm"));
      }
      return Log(info);
    });
  }

  Result<ChainSetRecord> LoadChains() override {
    ChainSetRecord out;
    Stmt c(db_, "SELECT chain, name_zh, name_en, region, lead_unit FROM chain_def ORDER BY ord");
    Stmt s(db_,
           "SELECT chain, segment, name_zh, stage, industries, products FROM chain_segment ORDER "
           "BY ord");
    Stmt e(db_,
           "SELECT chain, from_segment, to_segment, products FROM chain_segment_edge ORDER BY ord");
    if (!c.ok() || !s.ok() || !e.ok()) return Error("preparing chain queries");
    int rc;
    while ((rc = c.Step()) == SQLITE_ROW)
      out.chains.push_back({c.Text(0), c.Text(1), c.Text(2), c.Text(3), c.Text(4)});
    if (rc != SQLITE_DONE) return Error("reading chains");
    while ((rc = s.Step()) == SQLITE_ROW) {
      out.segments.push_back({s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5)});
    }
    if (rc != SQLITE_DONE) return Error("reading segments");
    while ((rc = e.Step()) == SQLITE_ROW)
      out.edges.push_back({e.Text(0), e.Text(1), e.Text(2), e.Text(3)});
    if (rc != SQLITE_DONE) return Error("reading segment edges");
    return out;
  }

  Result<std::vector<FirmLinkRecord>> LoadFirmLinks() override {
    std::vector<FirmLinkRecord> out;
    Stmt s(db_,
           "SELECT supplier, customer, product, value, lead_days FROM chain_firm_link ORDER BY id");
    if (!s.ok()) return Error("preparing link query");
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW)
      out.push_back({s.Text(0), s.Text(1), s.Text(2), s.Double(3), OptDouble(s, 4)});
    if (rc != SQLITE_DONE) return Error("reading firm links");
    return out;
  }

  Result<std::vector<FirmRecord>> LoadFirms() override {
    std::vector<FirmRecord> out;
    Stmt s(db_,
           "SELECT firm, name, region, industry, capacity, inventory_days FROM chain_firm ORDER BY "
           "firm");
    if (!s.ok()) return Error("preparing firm query");
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      out.push_back({s.Text(0), s.Text(1), s.Text(2), s.Text(3), OptDouble(s, 4), OptDouble(s, 5)});
    }
    if (rc != SQLITE_DONE) return Error("reading firms");
    return out;
  }

  Result<std::vector<ChainImportRecord>> ListImports() override {
    std::vector<ChainImportRecord> out;
    Stmt s(
        db_,
        "SELECT id, kind, file_name, rows, imported_by, imported_at FROM chain_import ORDER BY id");
    if (!s.ok()) return Error("preparing import query");
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      out.push_back({s.Int(0), s.Text(1), s.Text(2), s.Int(3), s.Text(4), s.Text(5)});
    }
    if (rc != SQLITE_DONE) return Error("reading the chain import log");
    return out;
  }

 private:
  Status Error(const char* what) { return SqlError(db_, what, kWho); }

  Status StepDone(Stmt& s, const char* what) {
    if (s.Step() != SQLITE_DONE) return Error(what);
    s.Reset();
    return Status::Ok();
  }

  Status Log(const ChainImportRecord& info) {
    Stmt s(db_,
           "INSERT INTO chain_import(kind, file_name, rows, imported_by, imported_at) "
           "VALUES(?,?,?,?,?)");
    if (!s.ok()) return Error("preparing import log insert");
    RETURN_IF_ERROR(
        s.BindAll(info.kind, info.file_name, info.rows, info.imported_by, info.imported_at));
    return StepDone(s, "logging the import");
  }

  sqlite3* db_;
};

}  // namespace

Result<std::unique_ptr<ChainStore>> OpenSqliteChainStore(const std::string& path) {
  ASSIGN_OR_RETURN(sqlite3 * db, OpenExistingFile(path, kWho));
  auto store = std::make_unique<SqliteChainStore>(db);
  RETURN_IF_ERROR(store->Configure());
  return std::unique_ptr<ChainStore>(std::move(store));
}

}  // namespace ballast
