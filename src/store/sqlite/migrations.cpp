// The schema migrations, linked into the binary from migrations/*.sql.
#include "store/sqlite/migrations.h"

#define BALLAST_INCBIN_SQL(name, file)                                                      \
  __asm__(".section .rodata\n.global " #name "_begin\n" #name "_begin:\n.incbin \"" \
          BALLAST_MIGRATIONS_DIR "/" file "\"\n.global " #name "_end\n" #name "_end:\n.byte 0\n.previous\n"); \
  extern "C" const char name##_begin[];                                                     \
  extern "C" const char name##_end[];

BALLAST_INCBIN_SQL(ballast_migration_001, "001_init.sql")
BALLAST_INCBIN_SQL(ballast_migration_002, "002_auth.sql")
BALLAST_INCBIN_SQL(ballast_migration_003, "003_warn.sql")
BALLAST_INCBIN_SQL(ballast_migration_004, "004_service.sql")

namespace ballast {

std::vector<std::string_view> SqliteMigrations() {
  return {
      {ballast_migration_001_begin,
       static_cast<size_t>(ballast_migration_001_end - ballast_migration_001_begin)},
      {ballast_migration_002_begin,
       static_cast<size_t>(ballast_migration_002_end - ballast_migration_002_begin)},
      {ballast_migration_003_begin,
       static_cast<size_t>(ballast_migration_003_end - ballast_migration_003_begin)},
      {ballast_migration_004_begin,
       static_cast<size_t>(ballast_migration_004_end - ballast_migration_004_begin)},
  };
}

}  // namespace ballast
