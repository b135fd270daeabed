#include "store/open.h"

#include "store/postgres/pg_store.h"

namespace ballast {

Result<std::unique_ptr<Store>> CreateStore(const std::string& locator,
                                           const Store::CatalogTexts& catalogs) {
  if (IsPostgresLocator(locator)) return CreatePostgresStore(locator, catalogs);
  return CreateSqliteStore(locator, catalogs);
}

Result<std::unique_ptr<Store>> OpenStore(const std::string& locator) {
  if (IsPostgresLocator(locator)) return OpenPostgresStore(locator);
  return OpenSqliteStore(locator);
}

Result<std::unique_ptr<AuthStore>> OpenAuditStore(const std::string& locator) {
  if (IsPostgresLocator(locator)) return OpenPostgresAuditStore(locator);
  return Status::Precondition("a SQLite store writes its audit log on its one connection");
}

Result<std::unique_ptr<Store>> OpenImportStore(const std::string& locator) {
  if (IsPostgresLocator(locator)) return OpenPostgresImportStore(locator);
  return Status::Precondition("a SQLite store writes its batches on its one connection");
}

Result<std::unique_ptr<WarnStore>> OpenWarnStore(const std::string& locator) {
  if (IsPostgresLocator(locator)) return OpenPostgresWarnStore(locator);
  return OpenSqliteWarnStore(locator);
}

Result<std::unique_ptr<ServiceStore>> OpenServiceStore(const std::string& locator) {
  if (IsPostgresLocator(locator)) return OpenPostgresServiceStore(locator);
  return OpenSqliteServiceStore(locator);
}

Result<std::unique_ptr<ChainStore>> OpenChainStore(const std::string& locator) {
  if (IsPostgresLocator(locator)) return OpenPostgresChainStore(locator);
  return OpenSqliteChainStore(locator);
}

Result<std::unique_ptr<RegionSeriesStore>> OpenRegionSeriesStore(const std::string& locator) {
  if (IsPostgresLocator(locator)) return OpenPostgresRegionSeriesStore(locator);
  return OpenSqliteRegionSeriesStore(locator);
}

Result<std::unique_ptr<ProjectStore>> OpenProjectStore(const std::string& locator) {
  if (IsPostgresLocator(locator)) return OpenPostgresProjectStore(locator);
  return OpenSqliteProjectStore(locator);
}

Result<std::unique_ptr<ParkStore>> OpenParkStore(const std::string& locator) {
  if (IsPostgresLocator(locator)) return OpenPostgresParkStore(locator);
  return OpenSqliteParkStore(locator);
}

Result<std::unique_ptr<BenefitStore>> OpenBenefitStore(const std::string& locator) {
  if (IsPostgresLocator(locator)) return OpenPostgresBenefitStore(locator);
  return OpenSqliteBenefitStore(locator);
}

Result<std::unique_ptr<CultivationStore>> OpenCultivationStore(const std::string& locator) {
  if (IsPostgresLocator(locator)) return OpenPostgresCultivationStore(locator);
  return OpenSqliteCultivationStore(locator);
}

}  // namespace ballast
