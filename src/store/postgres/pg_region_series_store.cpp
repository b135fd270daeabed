// The region-series table in a PostgreSQL store, on a connection of its own.
#include "store/postgres/pg_conn.h"
#include "store/postgres/pg_schema.h"
#include "store/region_series_store.h"

namespace ballast {
namespace {

using pg::Conn;
using pg::PgResult;

// The migration list's position of 012_region_series.sql (the lead renumbers when merging).
constexpr int kRegionSeriesSchemaVersion = 10;
constexpr const char* kWho = "region-series store";

std::optional<double> OptDouble(const PgResult& r, int i, int col) {
  if (r.IsNull(i, col)) return std::nullopt;
  return r.Double(i, col);
}

class PostgresRegionSeriesStore final : public RegionSeriesStore {
 public:
  explicit PostgresRegionSeriesStore(std::unique_ptr<Conn> c) : c_(std::move(c)) {}

  Status Write(const std::vector<RegionSeriesRecord>& records) override {
    return c_->InTransaction([&]() -> Status {
      for (const auto& r : records) {
        RETURN_IF_ERROR(c_->Run(
            "INSERT INTO region_series(region, indicator, period, value, ytd, yoy, ytd_yoy) "
            "VALUES(?,?,?,?,?,?,?) ON CONFLICT (region, indicator, period) DO UPDATE SET "
            "value = EXCLUDED.value, ytd = EXCLUDED.ytd, yoy = EXCLUDED.yoy, ytd_yoy = "
            "EXCLUDED.ytd_yoy",
            r.region, r.indicator, static_cast<int64_t>(r.period), r.value, r.ytd, r.yoy,
            r.ytd_yoy));
      }
      return Status::Ok();
    });
  }

  Result<std::vector<RegionSeriesRecord>> Load() override {
    ASSIGN_OR_RETURN(
        auto r,
        c_->Query("SELECT region, indicator, period, value, ytd, yoy, ytd_yoy FROM "
                  "region_series ORDER BY region COLLATE \"C\", indicator COLLATE \"C\", period"));
    std::vector<RegionSeriesRecord> out;
    for (int i = 0; i < r.rows(); ++i) {
      out.push_back({r.Text(i, 0), r.Text(i, 1), static_cast<Period>(r.Int(i, 2)),
                     OptDouble(r, i, 3), OptDouble(r, i, 4), OptDouble(r, i, 5),
                     OptDouble(r, i, 6)});
    }
    return out;
  }

 private:
  std::unique_ptr<Conn> c_;
};

}  // namespace

Result<std::unique_ptr<RegionSeriesStore>> OpenPostgresRegionSeriesStore(const std::string& uri) {
  ASSIGN_OR_RETURN(
      auto conn, pg::ConnectAtSchema(uri, kRegionSeriesSchemaVersion, "region-series table", kWho));
  return std::unique_ptr<RegionSeriesStore>(
      std::make_unique<PostgresRegionSeriesStore>(std::move(conn)));
}

}  // namespace ballast
