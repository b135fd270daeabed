// The cultivation pool, its revenue reports and the 专精特新 recognitions in a PostgreSQL store,
// on a connection of their own.
#include "store/cultivation_rows.h"
#include "store/cultivation_store.h"
#include "store/postgres/pg_conn.h"
#include "store/postgres/pg_schema.h"
#include "store/postgres/pg_store.h"

namespace ballast {
namespace {

using cultivation::Member;
using cultivation::Recognition;
using cultivation::RevenueReport;
using pg::Conn;
using pg::PgResult;

// The migration list's position of 018_cultivation.sql: the one place this number lives (the
// lead renumbers when merging; MIGR.md gives it position 16, after 016_service_joint).
constexpr int kCultivationSchemaVersion = 16;
constexpr const char* kWho = "cultivation store";

using RowOf = pg::PgRow;

class PostgresCultivationStore final : public CultivationStore {
 public:
  explicit PostgresCultivationStore(std::unique_ptr<Conn> c) : c_(std::move(c)) {}

  Result<std::vector<Member>> ListMembers() override {
    ASSIGN_OR_RETURN(auto r, c_->Query(std::string("SELECT ") + cultivation_rows::kMemberColumns +
                                       " FROM cult_member ORDER BY uscc"));
    std::vector<Member> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(cultivation_rows::MemberFromRow(RowOf{r, i}));
    return out;
  }

  Status SaveMembers(const std::vector<Member>& ms) override {
    return c_->InTransaction([&]() -> Status {
      for (const auto& m : ms) {
        RETURN_IF_ERROR(c_->Run(
            std::string("INSERT INTO cult_member(") + cultivation_rows::kMemberColumns +
                ") VALUES(?,?,?,?,?,?,?) ON CONFLICT(uscc) DO UPDATE SET name = excluded.name, "
                "region = excluded.region, industry = excluded.industry, tags = excluded.tags, "
                "joined = excluded.joined, left_on = excluded.left_on",
            m.uscc, m.name, m.region, m.industry, cultivation::JoinTags(m.tags), m.joined, m.left));
      }
      return Status::Ok();
    });
  }

  Result<std::vector<RevenueReport>> ListRevenue() override {
    ASSIGN_OR_RETURN(auto r, c_->Query(std::string("SELECT ") + cultivation_rows::kRevenueColumns +
                                       " FROM cult_revenue ORDER BY uscc, year, month"));
    std::vector<RevenueReport> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(cultivation_rows::RevenueFromRow(RowOf{r, i}));
    return out;
  }

  Status SaveRevenue(const std::vector<RevenueReport>& rs) override {
    return c_->InTransaction([&]() -> Status {
      for (const auto& r : rs) {
        RETURN_IF_ERROR(c_->Run(std::string("INSERT INTO cult_revenue(") +
                                    cultivation_rows::kRevenueColumns +
                                    ") VALUES(?,?,?,?) ON CONFLICT(uscc, year, month) DO UPDATE "
                                    "SET revenue = excluded.revenue",
                                r.uscc, r.year, r.month, r.revenue));
      }
      return Status::Ok();
    });
  }

  Result<std::vector<Recognition>> ListRecognitions() override {
    ASSIGN_OR_RETURN(auto r, c_->Query(std::string("SELECT ") + cultivation_rows::kStageColumns +
                                       " FROM cult_stage ORDER BY uscc, year, stage"));
    std::vector<Recognition> out;
    for (int i = 0; i < r.rows(); ++i) {
      ASSIGN_OR_RETURN(auto rec, cultivation_rows::StageFromRow(RowOf{r, i}));
      out.push_back(std::move(rec));
    }
    return out;
  }

  Status SaveRecognitions(const std::vector<Recognition>& rs) override {
    return c_->InTransaction([&]() -> Status {
      for (const auto& r : rs) {
        RETURN_IF_ERROR(
            c_->Run(std::string("INSERT INTO cult_stage(") + cultivation_rows::kStageColumns +
                        ") VALUES(?,?,?,?,?,?) ON CONFLICT(uscc, stage) DO UPDATE SET year = "
                        "excluded.year, rd_share = excluded.rd_share, revenue_growth = "
                        "excluded.revenue_growth, main_product_share = excluded.main_product_share",
                    r.uscc, std::string(cultivation::StageName(r.stage)), r.year, r.rd_share,
                    r.revenue_growth, r.main_product_share));
      }
      return Status::Ok();
    });
  }

 private:
  std::unique_ptr<Conn> c_;
};

}  // namespace

Result<std::unique_ptr<CultivationStore>> OpenPostgresCultivationStore(const std::string& uri) {
  ASSIGN_OR_RETURN(auto conn,
                   pg::ConnectAtSchema(uri, kCultivationSchemaVersion, "cultivation tables", kWho));
  return std::unique_ptr<CultivationStore>(
      std::make_unique<PostgresCultivationStore>(std::move(conn)));
}

}  // namespace ballast
