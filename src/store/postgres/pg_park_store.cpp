// Parks, memberships and yearly resources in a PostgreSQL store, on a connection of their own.
#include <set>

#include "store/park_rows.h"
#include "store/park_store.h"
#include "store/postgres/pg_conn.h"
#include "store/postgres/pg_schema.h"
#include "store/postgres/pg_store.h"

namespace ballast {
namespace {

using parks::Membership;
using parks::Park;
using parks::Resource;
using pg::Conn;
using pg::PgResult;

// The migration list's position of 015_parks.sql (the lead renumbers when merging).
constexpr int kParkSchemaVersion = 13;  // 015_parks.sql is the 13th entry of the list
constexpr const char* kWho = "park store";

using RowOf = pg::PgRow;

class PostgresParkStore final : public ParkStore {
 public:
  explicit PostgresParkStore(std::unique_ptr<Conn> c) : c_(std::move(c)) {}

  Result<std::vector<Park>> ListParks() override {
    ASSIGN_OR_RETURN(auto r, c_->Query(std::string("SELECT ") + park_rows::kParkColumns +
                                       " FROM park ORDER BY code"));
    std::vector<Park> out;
    for (int i = 0; i < r.rows(); ++i) {
      ASSIGN_OR_RETURN(auto p, park_rows::ParkFromRow(RowOf{r, i}));
      out.push_back(std::move(p));
    }
    return out;
  }

  Status SaveParks(const std::vector<Park>& ps) override {
    return c_->InTransaction([&]() -> Status {
      for (const auto& p : ps) {
        RETURN_IF_ERROR(c_->Run(
            std::string("INSERT INTO park(") + park_rows::kParkColumns +
                ") VALUES(?,?,?,?,?,?,?) ON CONFLICT(code) DO UPDATE SET name = excluded.name, "
                "level = excluded.level, region = excluded.region, area_mu = excluded.area_mu, "
                "industrial_land_share = excluded.industrial_land_share, leading_industries = "
                "excluded.leading_industries",
            p.code, p.name, std::string(parks::LevelName(p.level)), p.region, p.area_mu,
            p.industrial_land_share, parks::JoinIndustries(p.leading_industries)));
      }
      return Status::Ok();
    });
  }

  Result<std::vector<Membership>> ListMemberships() override {
    ASSIGN_OR_RETURN(auto r, c_->Query(std::string("SELECT ") + park_rows::kMemberColumns +
                                       " FROM park_member ORDER BY park, uscc, from_date"));
    std::vector<Membership> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(park_rows::MemberFromRow(RowOf{r, i}));
    return out;
  }

  Status ReplaceMemberships(const std::vector<Membership>& ms) override {
    std::set<std::string> parks;
    for (const auto& m : ms) parks.insert(m.park);
    return c_->InTransaction([&]() -> Status {
      for (const auto& park : parks) {
        ASSIGN_OR_RETURN(auto r, c_->Query("SELECT 1 FROM park WHERE code = ? FOR UPDATE", park));
        if (r.rows() == 0) return Status::NotFound("park '" + park + "' is not known");
        RETURN_IF_ERROR(c_->Run("DELETE FROM park_member WHERE park = ?", park));
      }
      for (const auto& m : ms) {
        RETURN_IF_ERROR(c_->Run(std::string("INSERT INTO park_member(") +
                                    park_rows::kMemberColumns + ") VALUES(?,?,?,?)",
                                m.park, m.uscc, m.from, m.to));
      }
      return Status::Ok();
    });
  }

  Result<std::vector<Resource>> ListResources(int year) override {
    std::string sql = std::string("SELECT ") + park_rows::kResourceColumns + " FROM park_resource";
    pg::Params params;
    if (year != 0) {
      sql += " WHERE year = ?";
      params.Add(year);
    }
    sql += " ORDER BY uscc, year";
    ASSIGN_OR_RETURN(auto r, c_->Execute(sql, params, 0));
    std::vector<Resource> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(park_rows::ResourceFromRow(RowOf{r, i}));
    return out;
  }

  Status SaveResources(const std::vector<Resource>& rs) override {
    return c_->InTransaction([&]() -> Status {
      for (const auto& r : rs) {
        RETURN_IF_ERROR(
            c_->Run(std::string("INSERT INTO park_resource(") + park_rows::kResourceColumns +
                        ") VALUES(?,?,?,?,?,?) ON CONFLICT(uscc, year) DO UPDATE SET land_mu = "
                        "excluded.land_mu, energy_tce = excluded.energy_tce, tax = excluded.tax, "
                        "rd_expense = excluded.rd_expense",
                    r.uscc, r.year, r.land_mu, r.energy_tce, r.tax, r.rd_expense));
      }
      return Status::Ok();
    });
  }

 private:
  std::unique_ptr<Conn> c_;
};

}  // namespace

Result<std::unique_ptr<ParkStore>> OpenPostgresParkStore(const std::string& uri) {
  ASSIGN_OR_RETURN(auto conn, pg::ConnectAtSchema(uri, kParkSchemaVersion, "park tables", kWho));
  return std::unique_ptr<ParkStore>(std::make_unique<PostgresParkStore>(std::move(conn)));
}

}  // namespace ballast
