// The cultivation pool, its revenue reports and the 专精特新 recognitions in the SQLite store
// file, on a connection of their own.
#include <sqlite3.h>

#include "store/cultivation_rows.h"
#include "store/cultivation_store.h"
#include "store/sqlite/connection.h"

namespace ballast {
namespace {

using cultivation::Member;
using cultivation::Recognition;
using cultivation::RevenueReport;

constexpr const char* kWho = "cultivation store";

using RowOf = SqliteRow;

class SqliteCultivationStore final : public CultivationStore {
 public:
  explicit SqliteCultivationStore(sqlite3* db) : db_(db) {}
  ~SqliteCultivationStore() override { sqlite3_close_v2(db_); }

  Status Configure() { return ConfigureWithTable(db_, "cult_member", "cultivation tables", kWho); }

  Result<std::vector<Member>> ListMembers() override {
    Stmt s(db_, std::string("SELECT ") + cultivation_rows::kMemberColumns +
                    " FROM cult_member ORDER BY uscc");
    if (!s.ok()) return Error("preparing pool query");
    std::vector<Member> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back(cultivation_rows::MemberFromRow(RowOf{s}));
    if (rc != SQLITE_DONE) return Error("reading the pool");
    return out;
  }

  Status SaveMembers(const std::vector<Member>& ms) override {
    return InTransaction(db_, [&]() -> Status {
      Stmt s(db_, std::string("INSERT INTO cult_member(") + cultivation_rows::kMemberColumns +
                      ") VALUES(?,?,?,?,?,?,?) ON CONFLICT(uscc) DO UPDATE SET name = "
                      "excluded.name, region = excluded.region, industry = excluded.industry, "
                      "tags = excluded.tags, joined = excluded.joined, left_on = excluded.left_on");
      if (!s.ok()) return Error("preparing pool insert");
      for (const auto& m : ms) {
        s.Reset();
        RETURN_IF_ERROR(s.BindAll(m.uscc, m.name, m.region, m.industry,
                                  cultivation::JoinTags(m.tags), m.joined, m.left));
        if (s.Step() != SQLITE_DONE) return Error("writing a pool member");
      }
      return Status::Ok();
    });
  }

  Result<std::vector<RevenueReport>> ListRevenue() override {
    Stmt s(db_, std::string("SELECT ") + cultivation_rows::kRevenueColumns +
                    " FROM cult_revenue ORDER BY uscc, year, month");
    if (!s.ok()) return Error("preparing revenue query");
    std::vector<RevenueReport> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back(cultivation_rows::RevenueFromRow(RowOf{s}));
    if (rc != SQLITE_DONE) return Error("reading revenue");
    return out;
  }

  Status SaveRevenue(const std::vector<RevenueReport>& rs) override {
    return InTransaction(db_, [&]() -> Status {
      Stmt s(db_, std::string("INSERT INTO cult_revenue(") + cultivation_rows::kRevenueColumns +
                      ") VALUES(?,?,?,?) ON CONFLICT(uscc, year, month) DO UPDATE SET revenue = "
                      "excluded.revenue");
      if (!s.ok()) return Error("preparing revenue insert");
      for (const auto& r : rs) {
        s.Reset();
        RETURN_IF_ERROR(s.BindAll(r.uscc, r.year, r.month, r.revenue));
        if (s.Step() != SQLITE_DONE) return Error("writing a revenue row");
      }
      return Status::Ok();
    });
  }

  Result<std::vector<Recognition>> ListRecognitions() override {
    Stmt s(db_, std::string("SELECT ") + cultivation_rows::kStageColumns +
                    " FROM cult_stage ORDER BY uscc, year, stage");
    if (!s.ok()) return Error("preparing stage query");
    std::vector<Recognition> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      ASSIGN_OR_RETURN(auto r, cultivation_rows::StageFromRow(RowOf{s}));
      out.push_back(std::move(r));
    }
    if (rc != SQLITE_DONE) return Error("reading stages");
    return out;
  }

  Status SaveRecognitions(const std::vector<Recognition>& rs) override {
    return InTransaction(db_, [&]() -> Status {
      Stmt s(db_, std::string("INSERT INTO cult_stage(") + cultivation_rows::kStageColumns +
                      ") VALUES(?,?,?,?,?,?) ON CONFLICT(uscc, stage) DO UPDATE SET year = "
                      "excluded.year, rd_share = excluded.rd_share, revenue_growth = "
                      "excluded.revenue_growth, main_product_share = excluded.main_product_share");
      if (!s.ok()) return Error("preparing stage insert");
      for (const auto& r : rs) {
        s.Reset();
        RETURN_IF_ERROR(s.BindAll(r.uscc, std::string(cultivation::StageName(r.stage)), r.year,
                                  r.rd_share, r.revenue_growth, r.main_product_share));
        if (s.Step() != SQLITE_DONE) return Error("writing a stage row");
      }
      return Status::Ok();
    });
  }

 private:
  Status Error(const char* what) { return SqlError(db_, what, kWho); }

  sqlite3* db_;
};

}  // namespace

Result<std::unique_ptr<CultivationStore>> OpenSqliteCultivationStore(const std::string& path) {
  ASSIGN_OR_RETURN(sqlite3 * db, OpenExistingFile(path, kWho));
  auto store = std::make_unique<SqliteCultivationStore>(db);
  RETURN_IF_ERROR(store->Configure());
  return std::unique_ptr<CultivationStore>(std::move(store));
}

}  // namespace ballast
