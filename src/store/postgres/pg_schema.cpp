#include "store/postgres/pg_schema.h"

#include "core/incbin.h"

BALLAST_INCBIN(ballast_pg_migration_001, BALLAST_PG_MIGRATIONS_DIR "/001_init.sql")
BALLAST_INCBIN(ballast_pg_migration_002, BALLAST_PG_MIGRATIONS_DIR "/002_auth.sql")
BALLAST_INCBIN(ballast_pg_migration_003, BALLAST_PG_MIGRATIONS_DIR "/003_warn.sql")
BALLAST_INCBIN(ballast_pg_migration_004, BALLAST_PG_MIGRATIONS_DIR "/004_service.sql")
BALLAST_INCBIN(ballast_pg_migration_005, BALLAST_PG_MIGRATIONS_DIR "/005_audit_key_throttle.sql")
BALLAST_INCBIN(ballast_pg_migration_006, BALLAST_PG_MIGRATIONS_DIR "/006_evaluation.sql")
BALLAST_INCBIN(ballast_pg_migration_007, BALLAST_PG_MIGRATIONS_DIR "/007_service_v2.sql")
BALLAST_INCBIN(ballast_pg_migration_008, BALLAST_PG_MIGRATIONS_DIR "/008_roster_prices.sql")
BALLAST_INCBIN(ballast_pg_migration_010, BALLAST_PG_MIGRATIONS_DIR "/010_chains.sql")
BALLAST_INCBIN(ballast_pg_migration_012, BALLAST_PG_MIGRATIONS_DIR "/012_region_series.sql")
BALLAST_INCBIN(ballast_pg_migration_013, BALLAST_PG_MIGRATIONS_DIR "/013_projects.sql")
BALLAST_INCBIN(ballast_pg_migration_014, BALLAST_PG_MIGRATIONS_DIR "/014_appeal_attachments.sql")
BALLAST_INCBIN(ballast_pg_migration_015, BALLAST_PG_MIGRATIONS_DIR "/015_parks.sql")
BALLAST_INCBIN(ballast_pg_migration_017, BALLAST_PG_MIGRATIONS_DIR "/017_benefits.sql")
BALLAST_INCBIN(ballast_pg_migration_016, BALLAST_PG_MIGRATIONS_DIR "/016_service_joint.sql")
BALLAST_INCBIN(ballast_pg_migration_018, BALLAST_PG_MIGRATIONS_DIR "/018_cultivation.sql")
BALLAST_INCBIN(ballast_pg_migration_019, BALLAST_PG_MIGRATIONS_DIR "/019_factor_ledger.sql")
BALLAST_INCBIN(ballast_pg_migration_020, BALLAST_PG_MIGRATIONS_DIR "/020_warn_speed.sql")
BALLAST_INCBIN(ballast_pg_migration_021, BALLAST_PG_MIGRATIONS_DIR "/021_alert_delta.sql")

namespace ballast::pg {

std::vector<std::string_view> PostgresMigrations() {
  return {
      BALLAST_INCBIN_VIEW(ballast_pg_migration_001), BALLAST_INCBIN_VIEW(ballast_pg_migration_002),
      BALLAST_INCBIN_VIEW(ballast_pg_migration_003), BALLAST_INCBIN_VIEW(ballast_pg_migration_004),
      BALLAST_INCBIN_VIEW(ballast_pg_migration_005), BALLAST_INCBIN_VIEW(ballast_pg_migration_006),
      BALLAST_INCBIN_VIEW(ballast_pg_migration_007), BALLAST_INCBIN_VIEW(ballast_pg_migration_008),
      BALLAST_INCBIN_VIEW(ballast_pg_migration_010),  // 009 was never used
      BALLAST_INCBIN_VIEW(ballast_pg_migration_012),  // region series (issue #12 item 4)
      BALLAST_INCBIN_VIEW(ballast_pg_migration_013),  // major projects
      BALLAST_INCBIN_VIEW(ballast_pg_migration_014),
      BALLAST_INCBIN_VIEW(ballast_pg_migration_015),  // parks (issue 15 item 2)
      BALLAST_INCBIN_VIEW(ballast_pg_migration_017),  // policy matching (issue 14 item 6)
      BALLAST_INCBIN_VIEW(ballast_pg_migration_016),  // 会办 parts and 督办 notices
      BALLAST_INCBIN_VIEW(ballast_pg_migration_018),  // cultivation pipelines (issue 15 item 3)
      BALLAST_INCBIN_VIEW(ballast_pg_migration_019),  // factor-guarantee ledger (issue 15 item 1)
      BALLAST_INCBIN_VIEW(ballast_pg_migration_020),  // the alerts' write counter
      BALLAST_INCBIN_VIEW(ballast_pg_migration_021),  // the alerts each write touched (kWarnSchemaVersion)
  };
}

Result<int64_t> SchemaVersion(Conn& conn) {
  ASSIGN_OR_RETURN(
      auto r,
      conn.Query("SELECT (SELECT COUNT(*) FROM pg_catalog.pg_class c JOIN "
                 "pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                 "WHERE n.nspname = current_schema() AND c.relkind IN ('r','v','m','S','p')), "
                 "to_regclass('ballast_schema') IS NOT NULL"));
  const int64_t relations = r.Int(0, 0);
  const bool ours = r.Text(0, 1) == "t";
  if (!ours) {
    if (relations == 0) return int64_t{0};
    return Status::Precondition("database '" + conn.redacted() +
                                "' is not a Ballast store: it holds other tables");
  }
  ASSIGN_OR_RETURN(auto v, conn.Query("SELECT version FROM ballast_schema"));
  if (v.rows() != 1)
    return Status::Precondition("'" + conn.redacted() + "': damaged schema version");
  return v.Int(0, 0);
}

Status Migrate(Conn& conn) {
  auto migrations = PostgresMigrations();
  // A quick look without the lock: an up-to-date store takes no lock at all.
  ASSIGN_OR_RETURN(int64_t seen, SchemaVersion(conn));
  if (seen == static_cast<int64_t>(migrations.size())) return Status::Ok();
  return conn.InTransaction([&]() -> Status {
    RETURN_IF_ERROR(conn.Run("SELECT pg_advisory_xact_lock($1)", kMigrationLock));
    ASSIGN_OR_RETURN(int64_t version, SchemaVersion(conn));
    if (version > static_cast<int64_t>(migrations.size())) {
      return Status::Precondition("store schema version " + std::to_string(version) +
                                  " is newer than this ballast understands");
    }
    if (version == 0) {
      RETURN_IF_ERROR(
          conn.Script("CREATE TABLE ballast_schema (version BIGINT NOT NULL); "
                      "INSERT INTO ballast_schema VALUES (0)"));
    }
    for (auto i = static_cast<size_t>(version); i < migrations.size(); ++i) {
      RETURN_IF_ERROR(conn.Script(std::string(migrations[i])));
      RETURN_IF_ERROR(
          conn.Run("UPDATE ballast_schema SET version = $1", static_cast<int64_t>(i + 1)));
    }
    return Status::Ok();
  });
}

Result<std::unique_ptr<Conn>> ConnectAtSchema(const std::string& uri, int64_t version,
                                              const char* tables, const char* who) {
  ASSIGN_OR_RETURN(auto conn, Conn::Connect(uri, who));
  ASSIGN_OR_RETURN(int64_t v, SchemaVersion(*conn));
  if (v == 0) {
    return Status::Precondition("database '" + conn->redacted() +
                                "' is empty, not a Ballast store (create one with `ballast init`)");
  }
  if (v < version) {
    return Status::Precondition("store schema version " + std::to_string(v) + " has no " + tables +
                                " (open it with the Store first to migrate)");
  }
  return conn;
}

}  // namespace ballast::pg
