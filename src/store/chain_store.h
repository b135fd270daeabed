// Storage of the supply-chain data (issue 16): chains, segments and segment edges, firm links and
// firm attributes. Each kind is replaced as a whole by an import, in one transaction (a rejected
// file writes nothing). The SQLite implementation opens its own connection to the store file;
// its tables come from migration 010.
#ifndef BALLAST_STORE_CHAIN_STORE_H_
#define BALLAST_STORE_CHAIN_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace ballast {

struct ChainRecord {
  std::string chain, name_zh, name_en, region, lead_unit;
};
struct ChainSegmentRecord {
  std::string chain, segment, name_zh, stage;
  std::string industries, products;  // ';'-separated
};
struct ChainSegmentEdgeRecord {
  std::string chain, from, to, products;
};
struct ChainSetRecord {
  std::vector<ChainRecord> chains;
  std::vector<ChainSegmentRecord> segments;
  std::vector<ChainSegmentEdgeRecord> edges;
};
struct FirmLinkRecord {
  std::string supplier, customer, product;
  double value = 0;
  std::optional<double> lead_days;
};
struct FirmRecord {
  std::string firm, name, region, industry;
  std::optional<double> capacity, inventory_days;
};
struct ChainImportRecord {
  int64_t id = 0;
  std::string kind;  // chains | links | firms
  std::string file_name;
  int64_t rows = 0;
  std::string imported_by, imported_at;
};

class ChainStore {
 public:
  virtual ~ChainStore() = default;
  // Each replaces everything of its kind and appends `info` to the import log, atomically.
  virtual Status ReplaceChains(const ChainSetRecord& set, ChainImportRecord info) = 0;
  virtual Status ReplaceFirmLinks(const std::vector<FirmLinkRecord>& links,
                                  ChainImportRecord info) = 0;
  virtual Status ReplaceFirms(const std::vector<FirmRecord>& firms, ChainImportRecord info) = 0;
  // In import order.
  virtual Result<ChainSetRecord> LoadChains() = 0;
  virtual Result<std::vector<FirmLinkRecord>> LoadFirmLinks() = 0;
  virtual Result<std::vector<FirmRecord>> LoadFirms() = 0;
  virtual Result<std::vector<ChainImportRecord>> ListImports() = 0;
};

// Opens the chain tables of an existing Ballast store file (migrated by the Store).
Result<std::unique_ptr<ChainStore>> OpenSqliteChainStore(const std::string& path);

}  // namespace ballast

#endif  // BALLAST_STORE_CHAIN_STORE_H_
