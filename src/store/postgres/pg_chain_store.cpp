// The supply-chain tables in a PostgreSQL store, on a connection of their own; firm links and
// firms arrive by binary COPY inside the transaction that replaces them.
#include "store/chain_store.h"
#include "store/postgres/pg_conn.h"
#include "store/postgres/pg_schema.h"
#include "store/postgres/pg_store.h"

namespace ballast {
namespace {

using pg::Conn;
using pg::PgResult;

constexpr int kChainSchemaVersion = 9;  // the migration list's ninth entry, 010_chains.sql
constexpr const char* kWho = "chain store";

std::optional<double> OptDouble(const PgResult& r, int i, int col) {
  if (r.IsNull(i, col)) return std::nullopt;
  return r.Double(i, col);
}

void OptDouble(pg::CopyBuffer& buf, const std::optional<double>& v) {
  if (v) {
    buf.Double(*v);
  } else {
    buf.Null();
  }
}

class PostgresChainStore final : public ChainStore {
 public:
  explicit PostgresChainStore(std::unique_ptr<Conn> c) : c_(std::move(c)) {}

  Status ReplaceChains(const ChainSetRecord& set, ChainImportRecord info) override {
    return c_->InTransaction([&]() -> Status {
      RETURN_IF_ERROR(c_->Script(
          "DELETE FROM chain_segment_edge; DELETE FROM chain_segment; DELETE FROM chain_def"));
      int64_t ord = 0;
      for (const auto& r : set.chains) {
        RETURN_IF_ERROR(c_->Run("INSERT INTO chain_def(chain, name_zh, name_en, region, "
                                "lead_unit, ord) VALUES(?,?,?,?,?,?)",
                                r.chain, r.name_zh, r.name_en, r.region, r.lead_unit, ord++));
      }
      for (const auto& r : set.segments) {
        RETURN_IF_ERROR(c_->Run("INSERT INTO chain_segment(chain, segment, name_zh, stage, "
                                "industries, products, ord) VALUES(?,?,?,?,?,?,?)",
                                r.chain, r.segment, r.name_zh, r.stage, r.industries, r.products,
                                ord++));
      }
      for (const auto& r : set.edges) {
        RETURN_IF_ERROR(c_->Run("INSERT INTO chain_segment_edge(chain, from_segment, to_segment, "
                                "products, ord) VALUES(?,?,?,?,?)",
                                r.chain, r.from, r.to, r.products, ord++));
      }
      return Log(info);
    });
  }

  Status ReplaceFirmLinks(const std::vector<FirmLinkRecord>& links,
                          ChainImportRecord info) override {
    return c_->InTransaction([&]() -> Status {
      RETURN_IF_ERROR(c_->Script("DELETE FROM chain_firm_link"));
      if (!links.empty()) {
        pg::CopyBuffer buf;
        int64_t id = 0;
        for (const auto& l : links) {
          buf.Row(6);
          buf.Int64(++id);  // ids keep the file's order, as SQLite's rowids do
          buf.Text(l.supplier);
          buf.Text(l.customer);
          buf.Text(l.product);
          buf.Double(l.value);
          OptDouble(buf, l.lead_days);
        }
        RETURN_IF_ERROR(c_->CopyIn("COPY chain_firm_link(id, supplier, customer, product, value, "
                                   "lead_days) FROM STDIN (FORMAT binary)",
                                   buf.Finish()));
      }
      return Log(info);
    });
  }

  Status ReplaceFirms(const std::vector<FirmRecord>& firms, ChainImportRecord info) override {
    return c_->InTransaction([&]() -> Status {
      RETURN_IF_ERROR(c_->Script("DELETE FROM chain_firm"));
      if (!firms.empty()) {
        pg::CopyBuffer buf;
        for (const auto& f : firms) {
          buf.Row(6);
          for (const std::string* t : {&f.firm, &f.name, &f.region, &f.industry}) buf.Text(*t);
          OptDouble(buf, f.capacity);
          OptDouble(buf, f.inventory_days);
        }
        RETURN_IF_ERROR(c_->CopyIn("COPY chain_firm(firm, name, region, industry, capacity, "
                                   "inventory_days) FROM STDIN (FORMAT binary)",
                                   buf.Finish()));
      }
      return Log(info);
    });
  }

  Result<ChainSetRecord> LoadChains() override {
    ChainSetRecord out;
    ASSIGN_OR_RETURN(auto c, c_->Query("SELECT chain, name_zh, name_en, region, lead_unit FROM "
                                       "chain_def ORDER BY ord"));
    for (int i = 0; i < c.rows(); ++i)
      out.chains.push_back({c.Text(i, 0), c.Text(i, 1), c.Text(i, 2), c.Text(i, 3), c.Text(i, 4)});
    ASSIGN_OR_RETURN(auto s, c_->Query("SELECT chain, segment, name_zh, stage, industries, "
                                       "products FROM chain_segment ORDER BY ord"));
    for (int i = 0; i < s.rows(); ++i) {
      out.segments.push_back(
          {s.Text(i, 0), s.Text(i, 1), s.Text(i, 2), s.Text(i, 3), s.Text(i, 4), s.Text(i, 5)});
    }
    ASSIGN_OR_RETURN(auto e, c_->Query("SELECT chain, from_segment, to_segment, products FROM "
                                       "chain_segment_edge ORDER BY ord"));
    for (int i = 0; i < e.rows(); ++i)
      out.edges.push_back({e.Text(i, 0), e.Text(i, 1), e.Text(i, 2), e.Text(i, 3)});
    return out;
  }

  Result<std::vector<FirmLinkRecord>> LoadFirmLinks() override {
    std::vector<FirmLinkRecord> out;
    RETURN_IF_ERROR(c_->ForEachRow(
        "SELECT supplier, customer, product, value, lead_days FROM chain_firm_link ORDER BY id",
        pg::Params(), 0, [&](const PgResult& r) {
          out.push_back({r.Text(0, 0), r.Text(0, 1), r.Text(0, 2), r.Double(0, 3),
                         OptDouble(r, 0, 4)});
          return Status::Ok();
        }));
    return out;
  }

  Result<std::vector<FirmRecord>> LoadFirms() override {
    std::vector<FirmRecord> out;
    RETURN_IF_ERROR(c_->ForEachRow(
        "SELECT firm, name, region, industry, capacity, inventory_days FROM chain_firm ORDER BY "
        "firm COLLATE \"C\"",
        pg::Params(), 0, [&](const PgResult& r) {
          out.push_back({r.Text(0, 0), r.Text(0, 1), r.Text(0, 2), r.Text(0, 3),
                         OptDouble(r, 0, 4), OptDouble(r, 0, 5)});
          return Status::Ok();
        }));
    return out;
  }

  Result<std::vector<ChainImportRecord>> ListImports() override {
    ASSIGN_OR_RETURN(auto r, c_->Query("SELECT id, kind, file_name, rows, imported_by, "
                                       "imported_at FROM chain_import ORDER BY id"));
    std::vector<ChainImportRecord> out;
    for (int i = 0; i < r.rows(); ++i) {
      out.push_back(
          {r.Int(i, 0), r.Text(i, 1), r.Text(i, 2), r.Int(i, 3), r.Text(i, 4), r.Text(i, 5)});
    }
    return out;
  }

 private:
  Status Log(const ChainImportRecord& info) {
    return c_->Run("INSERT INTO chain_import(kind, file_name, rows, imported_by, imported_at) "
                   "VALUES(?,?,?,?,?)",
                   info.kind, info.file_name, info.rows, info.imported_by, info.imported_at);
  }

  std::unique_ptr<Conn> c_;
};

}  // namespace

Result<std::unique_ptr<ChainStore>> OpenPostgresChainStore(const std::string& uri) {
  ASSIGN_OR_RETURN(auto conn, pg::ConnectAtSchema(uri, kChainSchemaVersion, "chain tables", kWho));
  return std::unique_ptr<ChainStore>(std::make_unique<PostgresChainStore>(std::move(conn)));
}

}  // namespace ballast
