#ifndef BALLAST_STORE_SQLITE_MIGRATIONS_H_
#define BALLAST_STORE_SQLITE_MIGRATIONS_H_

#include <string_view>
#include <vector>

namespace ballast {
// Migration i (0-based) brings the schema from user_version i to i + 1.
std::vector<std::string_view> SqliteMigrations();
}  // namespace ballast

#endif  // BALLAST_STORE_SQLITE_MIGRATIONS_H_
