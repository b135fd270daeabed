// What `--db` names: a SQLite file path or a libpq URI (postgresql://USER:PASSWORD@HOST:PORT/DB).
#ifndef BALLAST_STORE_LOCATOR_H_
#define BALLAST_STORE_LOCATOR_H_

#include <string>
#include <string_view>

namespace ballast {

// True for a libpq URI (postgresql:// or postgres://); anything else is a SQLite path.
bool IsPostgresLocator(std::string_view locator);

// The locator as it may be shown (messages, logs, batches): a URI's password, in the userinfo
// or as a `password=` parameter, becomes "***". A path is returned as it is.
std::string RedactLocator(std::string_view locator);

// A file name that stands for the store, for files kept beside it: the path itself for SQLite;
// for PostgreSQL "DBNAME@HOST-PORT" (no user, no password), in the current directory.
std::string LocatorFileStem(std::string_view locator);

}  // namespace ballast

#endif  // BALLAST_STORE_LOCATOR_H_
