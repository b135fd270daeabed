// Parks, memberships and yearly resources in the SQLite store file, on a connection of their own.
#include <sqlite3.h>

#include <set>

#include "store/park_rows.h"
#include "store/park_store.h"
#include "store/sqlite/connection.h"

namespace ballast {
namespace {

using parks::Membership;
using parks::Park;
using parks::Resource;

constexpr const char* kWho = "park store";

using RowOf = SqliteRow;

class SqliteParkStore final : public ParkStore {
 public:
  explicit SqliteParkStore(sqlite3* db) : db_(db) {}
  ~SqliteParkStore() override { sqlite3_close_v2(db_); }

  Status Configure() { return ConfigureWithTable(db_, "park", "park tables", kWho); }

  Result<std::vector<Park>> ListParks() override {
    Stmt s(db_, std::string("SELECT ") + park_rows::kParkColumns + " FROM park ORDER BY code");
    if (!s.ok()) return Error("preparing park query");
    std::vector<Park> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      ASSIGN_OR_RETURN(auto p, park_rows::ParkFromRow(RowOf{s}));
      out.push_back(std::move(p));
    }
    if (rc != SQLITE_DONE) return Error("reading parks");
    return out;
  }

  Status SaveParks(const std::vector<Park>& ps) override {
    return InTransaction(db_, [&]() -> Status {
      for (const auto& p : ps) {
        Stmt s(db_, std::string("INSERT INTO park(") + park_rows::kParkColumns +
                        ") VALUES(?,?,?,?,?,?,?) ON CONFLICT(code) DO UPDATE SET name = "
                        "excluded.name, level = excluded.level, region = excluded.region, "
                        "area_mu = excluded.area_mu, industrial_land_share = "
                        "excluded.industrial_land_share, leading_industries = "
                        "excluded.leading_industries");
        if (!s.ok()) return Error("preparing park insert");
        RETURN_IF_ERROR(s.BindAll(p.code, p.name, std::string(parks::LevelName(p.level)), p.region,
                                  p.area_mu, p.industrial_land_share,
                                  parks::JoinIndustries(p.leading_industries)));
        if (s.Step() != SQLITE_DONE) return Error("writing a park");
      }
      return Status::Ok();
    });
  }

  Result<std::vector<Membership>> ListMemberships() override {
    Stmt s(db_, std::string("SELECT ") + park_rows::kMemberColumns +
                    " FROM park_member ORDER BY park, uscc, from_date");
    if (!s.ok()) return Error("preparing membership query");
    std::vector<Membership> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back(park_rows::MemberFromRow(RowOf{s}));
    if (rc != SQLITE_DONE) return Error("reading memberships");
    return out;
  }

  Status ReplaceMemberships(const std::vector<Membership>& ms) override {
    std::set<std::string> parks;
    for (const auto& m : ms) parks.insert(m.park);
    return InTransaction(db_, [&]() -> Status {
      for (const auto& park : parks) {
        {
          Stmt s(db_, "SELECT 1 FROM park WHERE code = ?");
          if (!s.ok()) return Error("preparing park lookup");
          RETURN_IF_ERROR(s.BindAll(park));
          if (s.Step() != SQLITE_ROW) return Status::NotFound("park '" + park + "' is not known");
        }
        Stmt d(db_, "DELETE FROM park_member WHERE park = ?");
        if (!d.ok()) return Error("preparing membership delete");
        RETURN_IF_ERROR(d.BindAll(park));
        if (d.Step() != SQLITE_DONE) return Error("deleting memberships");
      }
      for (const auto& m : ms) {
        Stmt s(db_, std::string("INSERT INTO park_member(") + park_rows::kMemberColumns +
                        ") VALUES(?,?,?,?)");
        if (!s.ok()) return Error("preparing membership insert");
        RETURN_IF_ERROR(s.BindAll(m.park, m.uscc, m.from, m.to));
        if (s.Step() != SQLITE_DONE) return Error("writing a membership");
      }
      return Status::Ok();
    });
  }

  Result<std::vector<Resource>> ListResources(int year) override {
    std::string sql = std::string("SELECT ") + park_rows::kResourceColumns + " FROM park_resource";
    if (year != 0) sql += " WHERE year = ?";
    sql += " ORDER BY uscc, year";
    Stmt s(db_, sql);
    if (!s.ok()) return Error("preparing resource query");
    if (year != 0) RETURN_IF_ERROR(s.BindAll(year));
    std::vector<Resource> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back(park_rows::ResourceFromRow(RowOf{s}));
    if (rc != SQLITE_DONE) return Error("reading resources");
    return out;
  }

  Status SaveResources(const std::vector<Resource>& rs) override {
    return InTransaction(db_, [&]() -> Status {
      Stmt s(db_, std::string("INSERT INTO park_resource(") + park_rows::kResourceColumns +
                      ") VALUES(?,?,?,?,?,?) ON CONFLICT(uscc, year) DO UPDATE SET land_mu = "
                      "excluded.land_mu, energy_tce = excluded.energy_tce, tax = excluded.tax, "
                      "rd_expense = excluded.rd_expense");
      if (!s.ok()) return Error("preparing resource insert");
      for (const auto& r : rs) {
        s.Reset();
        RETURN_IF_ERROR(s.BindAll(r.uscc, r.year, r.land_mu, r.energy_tce, r.tax, r.rd_expense));
        if (s.Step() != SQLITE_DONE) return Error("writing a resource row");
      }
      return Status::Ok();
    });
  }

 private:
  Status Error(const char* what) { return SqlError(db_, what, kWho); }

  sqlite3* db_;
};

}  // namespace

Result<std::unique_ptr<ParkStore>> OpenSqliteParkStore(const std::string& path) {
  ASSIGN_OR_RETURN(sqlite3 * db, OpenExistingFile(path, kWho));
  auto store = std::make_unique<SqliteParkStore>(db);
  RETURN_IF_ERROR(store->Configure());
  return std::unique_ptr<ParkStore>(std::move(store));
}

}  // namespace ballast
