// The one place that turns a `--db` locator into stores: a libpq URI
// (postgresql://USER:PASSWORD@HOST:PORT/DBNAME, also postgres://) opens PostgreSQL, anything
// else is the path of a SQLite file.
#ifndef BALLAST_STORE_OPEN_H_
#define BALLAST_STORE_OPEN_H_

#include <memory>
#include <string>

#include "core/status.h"
#include "store/benefit_store.h"
#include "store/chain_store.h"
#include "store/cultivation_store.h"
#include "store/locator.h"
#include "store/park_store.h"
#include "store/project_store.h"
#include "store/region_series_store.h"
#include "store/service_store.h"
#include "store/store.h"
#include "store/warn_store.h"

namespace ballast {

// A new store: a SQLite file that does not exist yet, or the schema in an existing, empty
// PostgreSQL database (databases are never created or dropped here).
Result<std::unique_ptr<Store>> CreateStore(const std::string& locator,
                                           const Store::CatalogTexts& catalogs);
// An existing store, migrated to the current schema.
Result<std::unique_ptr<Store>> OpenStore(const std::string& locator);
// A second connection to an opened PostgreSQL store for the audit log's appends
// (app/workspace.cpp); a SQLite file keeps its one writer (FailedPrecondition).
Result<std::unique_ptr<AuthStore>> OpenAuditStore(const std::string& locator);
// A second connection to an opened PostgreSQL store for imports (app/workspace.cpp): a batch's
// COPY and commit then hold neither the connection nor the mutex every request's session lookup
// and snapshot check take. A SQLite file keeps its one writer (FailedPrecondition).
Result<std::unique_ptr<Store>> OpenImportStore(const std::string& locator);
// The warning, service and chain tables of an existing store (opened by OpenStore first).
Result<std::unique_ptr<WarnStore>> OpenWarnStore(const std::string& locator);
Result<std::unique_ptr<ServiceStore>> OpenServiceStore(const std::string& locator);
Result<std::unique_ptr<ChainStore>> OpenChainStore(const std::string& locator);
// The region series (issue #12 item 4) of an existing store.
Result<std::unique_ptr<RegionSeriesStore>> OpenRegionSeriesStore(const std::string& locator);

// The major-project register and its monthly reports (issue 15).
Result<std::unique_ptr<ProjectStore>> OpenProjectStore(const std::string& locator);

// Parks, memberships and the 亩均 resources (issue 15 item 2).
Result<std::unique_ptr<ParkStore>> OpenParkStore(const std::string& locator);
// The cultivation pool, its revenue reports and the 专精特新 stages (issue 15 item 3).
Result<std::unique_ptr<CultivationStore>> OpenCultivationStore(const std::string& locator);
// Policy matching: the policy library, benefit records, standard answers (issue 14 item 6).
Result<std::unique_ptr<BenefitStore>> OpenBenefitStore(const std::string& locator);

}  // namespace ballast

#endif  // BALLAST_STORE_OPEN_H_
