// The region-series table in the SQLite store file, on a connection of its own.
#include <sqlite3.h>

#include "store/region_series_store.h"
#include "store/sqlite/connection.h"

namespace ballast {
namespace {

constexpr const char* kWho = "region-series store";

std::optional<double> OptDouble(Stmt& s, int col) {
  if (s.IsNull(col)) return std::nullopt;
  return s.Double(col);
}

class SqliteRegionSeriesStore final : public RegionSeriesStore {
 public:
  explicit SqliteRegionSeriesStore(sqlite3* db) : db_(db) {}
  ~SqliteRegionSeriesStore() override { sqlite3_close_v2(db_); }

  Status Configure() {
    {
      // Before any pragma that writes: the table must exist (the Store migrates the file).
      Stmt s(db_, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'region_series'");
      if (!s.ok()) return SqlError(db_, "reading the schema", kWho);
      if (s.Step() != SQLITE_ROW) {
        return Status::Precondition(
            "store has no region-series table (open it with the Store first to migrate)");
      }
    }
    return ConfigureConnection(db_, kWho);
  }

  Status Write(const std::vector<RegionSeriesRecord>& records) override {
    return InTransaction(db_, [&]() -> Status {
      Stmt s(db_,
             "INSERT OR REPLACE INTO region_series(region, indicator, period, value, ytd, yoy, "
             "ytd_yoy) "
             "VALUES(?,?,?,?,?,?,?)");
      if (!s.ok()) return SqlError(db_, "preparing the region-series insert", kWho);
      for (const auto& r : records) {
        RETURN_IF_ERROR(
            s.BindAll(r.region, r.indicator, r.period, r.value, r.ytd, r.yoy, r.ytd_yoy));
        if (s.Step() != SQLITE_DONE) return SqlError(db_, "inserting a region-series row", kWho);
        s.Reset();
      }
      return Status::Ok();
    });
  }

  Result<std::vector<RegionSeriesRecord>> Load() override {
    std::vector<RegionSeriesRecord> out;
    Stmt s(db_,
           "SELECT region, indicator, period, value, ytd, yoy, ytd_yoy FROM region_series "
           "ORDER BY region, indicator, period");
    if (!s.ok()) return SqlError(db_, "preparing the region-series query", kWho);
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      out.push_back({s.Text(0), s.Text(1), static_cast<Period>(s.Int(2)), OptDouble(s, 3),
                     OptDouble(s, 4), OptDouble(s, 5), OptDouble(s, 6)});
    }
    if (rc != SQLITE_DONE) return SqlError(db_, "reading region series", kWho);
    return out;
  }

 private:
  sqlite3* db_;
};

}  // namespace

Result<std::unique_ptr<RegionSeriesStore>> OpenSqliteRegionSeriesStore(const std::string& path) {
  ASSIGN_OR_RETURN(sqlite3 * db, OpenExistingFile(path, kWho));
  auto store = std::make_unique<SqliteRegionSeriesStore>(db);
  RETURN_IF_ERROR(store->Configure());
  return std::unique_ptr<RegionSeriesStore>(std::move(store));
}

}  // namespace ballast
