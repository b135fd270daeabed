// The schema migrations, linked into the binary from migrations/*.sql.
#include "store/sqlite/migrations.h"

#include "core/incbin.h"

BALLAST_INCBIN(ballast_migration_001, BALLAST_MIGRATIONS_DIR "/001_init.sql")
BALLAST_INCBIN(ballast_migration_002, BALLAST_MIGRATIONS_DIR "/002_auth.sql")
BALLAST_INCBIN(ballast_migration_003, BALLAST_MIGRATIONS_DIR "/003_warn.sql")
BALLAST_INCBIN(ballast_migration_004, BALLAST_MIGRATIONS_DIR "/004_service.sql")
BALLAST_INCBIN(ballast_migration_005, BALLAST_MIGRATIONS_DIR "/005_audit_key_throttle.sql")
BALLAST_INCBIN(ballast_migration_006, BALLAST_MIGRATIONS_DIR "/006_evaluation.sql")
BALLAST_INCBIN(ballast_migration_007, BALLAST_MIGRATIONS_DIR "/007_service_v2.sql")
BALLAST_INCBIN(ballast_migration_008, BALLAST_MIGRATIONS_DIR "/008_roster_prices.sql")
BALLAST_INCBIN(ballast_migration_010, BALLAST_MIGRATIONS_DIR "/010_chains.sql")
BALLAST_INCBIN(ballast_migration_012, BALLAST_MIGRATIONS_DIR "/012_region_series.sql")
BALLAST_INCBIN(ballast_migration_013, BALLAST_MIGRATIONS_DIR "/013_projects.sql")
BALLAST_INCBIN(ballast_migration_014, BALLAST_MIGRATIONS_DIR "/014_appeal_attachments.sql")
BALLAST_INCBIN(ballast_migration_015, BALLAST_MIGRATIONS_DIR "/015_parks.sql")
BALLAST_INCBIN(ballast_migration_017, BALLAST_MIGRATIONS_DIR "/017_benefits.sql")
BALLAST_INCBIN(ballast_migration_016, BALLAST_MIGRATIONS_DIR "/016_service_joint.sql")
BALLAST_INCBIN(ballast_migration_018, BALLAST_MIGRATIONS_DIR "/018_cultivation.sql")
BALLAST_INCBIN(ballast_migration_019, BALLAST_MIGRATIONS_DIR "/019_factor_ledger.sql")
BALLAST_INCBIN(ballast_migration_020, BALLAST_MIGRATIONS_DIR "/020_warn_speed.sql")
BALLAST_INCBIN(ballast_migration_021, BALLAST_MIGRATIONS_DIR "/021_alert_delta.sql")

namespace ballast {

std::vector<std::string_view> SqliteMigrations() {
  return {
      BALLAST_INCBIN_VIEW(ballast_migration_001),
      BALLAST_INCBIN_VIEW(ballast_migration_002),
      BALLAST_INCBIN_VIEW(ballast_migration_003),
      BALLAST_INCBIN_VIEW(ballast_migration_004),
      BALLAST_INCBIN_VIEW(ballast_migration_005),
      BALLAST_INCBIN_VIEW(ballast_migration_006),
      BALLAST_INCBIN_VIEW(ballast_migration_007),
      BALLAST_INCBIN_VIEW(ballast_migration_008),
      BALLAST_INCBIN_VIEW(ballast_migration_010),  // 009 was never used
      BALLAST_INCBIN_VIEW(ballast_migration_012),  // region series (issue #12 item 4)
      BALLAST_INCBIN_VIEW(ballast_migration_013),  // major projects
      BALLAST_INCBIN_VIEW(ballast_migration_014),
      BALLAST_INCBIN_VIEW(ballast_migration_015),  // parks (issue 15 item 2)
      BALLAST_INCBIN_VIEW(ballast_migration_017),  // policy matching (issue 14 item 6)
      BALLAST_INCBIN_VIEW(ballast_migration_016),  // 会办 parts and 督办 notices
      BALLAST_INCBIN_VIEW(ballast_migration_018),  // cultivation pipelines (issue 15 item 3)
      BALLAST_INCBIN_VIEW(ballast_migration_019),  // factor-guarantee ledger (issue 15 item 1)
      BALLAST_INCBIN_VIEW(ballast_migration_020),  // the alerts' write counter
      BALLAST_INCBIN_VIEW(ballast_migration_021),  // the alerts each write touched (kWarnSchemaVersion)
  };
}

}  // namespace ballast
