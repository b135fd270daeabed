// Connections kept open between a store's uses. The domain stores (projects, parks, chains,
// cultivation, region series) are opened per use, several times per warning evaluation: a new
// connection each time is a server process forked, authenticated and warmed (on a loaded
// national run, 7 a second, while the server took about a quarter of the machine's samples).
#ifndef BALLAST_STORE_POSTGRES_PG_IDLE_H_
#define BALLAST_STORE_POSTGRES_PG_IDLE_H_

#include <libpq-fe.h>

#include <string>

namespace ballast::pg {

// What every session of Ballast's is set to (Conn::Connect), again after a reconnect.
inline constexpr const char* kSessionSettings = "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'";

// An idle connection to `uri` whose session is as Conn::Connect leaves a new one (nothing
// listened, locked, prepared or set but UTF-8 and UTC), or nullptr when none is kept.
PGconn* TakeIdle(const std::string& uri);

// Takes `c` back after its use: kept (its session reset) when it is sound and outside any
// transaction, otherwise closed. Few are kept, the last given back first out.
void GiveBack(const std::string& uri, PGconn* c);

}  // namespace ballast::pg

#endif  // BALLAST_STORE_POSTGRES_PG_IDLE_H_
