// The PostgreSQL implementations of the store interfaces. Callers use store/open.h, which
// picks these for a postgresql:// locator.
#ifndef BALLAST_STORE_POSTGRES_PG_STORE_H_
#define BALLAST_STORE_POSTGRES_PG_STORE_H_

#include <memory>
#include <string>

#include "core/status.h"
#include "store/benefit_store.h"
#include "store/chain_store.h"
#include "store/cultivation_store.h"
#include "store/park_store.h"
#include "store/project_store.h"
#include "store/service_store.h"
#include "store/store.h"
#include "store/warn_store.h"

namespace ballast {

// Creates the schema and catalogs in an existing, empty database (never creates databases);
// a database that already holds a store is AlreadyExists, one with other tables is
// FailedPrecondition.
Result<std::unique_ptr<Store>> CreatePostgresStore(const std::string& uri,
                                                   const Store::CatalogTexts& catalogs);
// Opens a store and applies pending migrations.
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& uri);
// A connection of the store's for audit appends alone (OpenAuditStore): the schema as the store
// left it, and no LISTEN (nobody would read the batch notices; libpq would keep them all).
Result<std::unique_ptr<AuthStore>> OpenPostgresAuditStore(const std::string& uri);
// A connection of the store's for imports alone (OpenImportStore): the schema migrated to the
// current version already (by the Store), and no LISTEN, as above.
Result<std::unique_ptr<Store>> OpenPostgresImportStore(const std::string& uri);
Result<std::unique_ptr<WarnStore>> OpenPostgresWarnStore(const std::string& uri);
Result<std::unique_ptr<ServiceStore>> OpenPostgresServiceStore(const std::string& uri);
Result<std::unique_ptr<ChainStore>> OpenPostgresChainStore(const std::string& uri);
Result<std::unique_ptr<ProjectStore>> OpenPostgresProjectStore(const std::string& uri);
Result<std::unique_ptr<ParkStore>> OpenPostgresParkStore(const std::string& uri);
// The cultivation pool and stages (issue 15 item 3).
Result<std::unique_ptr<CultivationStore>> OpenPostgresCultivationStore(const std::string& uri);
Result<std::unique_ptr<BenefitStore>> OpenPostgresBenefitStore(const std::string& uri);

}  // namespace ballast

#endif  // BALLAST_STORE_POSTGRES_PG_STORE_H_
