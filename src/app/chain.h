// Supply-chain use cases (issue 16, static part). The file-based analyses need no store: they read
// a firm-links file or an input-output table handed over as bytes and answer with ids and numbers.
#ifndef BALLAST_APP_CHAIN_H_
#define BALLAST_APP_CHAIN_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/ballast.h"
#include "app/caller.h"
#include "chain/chain_analysis.h"
#include "chain/chain_catalog.h"
#include "chain/io_model.h"
#include "core/status.h"
#include "store/chain_store.h"

namespace ballast::app {

struct CascadeAnswer {
  bool firm_known = false;          // false: the firm is not in the links, so nobody fails
  std::vector<std::string> failed;  // the OTHER firms that fail, in byte order
};

// The firms that fail when `firm` stops (AND across products, OR across suppliers of one product).
Result<CascadeAnswer> ChainCascade(std::string_view links, std::string_view file_name,
                                   const std::string& firm);

struct FirmMeasures {
  std::string firm;
  std::string idom;  // "" for the root and firms it does not reach
  double betweenness = 0;
  bool articulation = false;
};

struct AnalyzeAnswer {
  bool root_known = false;
  std::vector<FirmMeasures> firms;  // every firm of the file, in byte order
};

Result<AnalyzeAnswer> ChainAnalyze(std::string_view links, std::string_view file_name,
                                   const std::string& root);

struct IoInverseAnswer {
  std::vector<std::string> codes;
  chain::IoMatrix matrix;
};

// kind: "leontief" or "ghosh".
Result<IoInverseAnswer> IoInverse(std::string_view table, std::string_view file_name,
                                  const std::string& kind);
Result<std::vector<chain::SectorLinkage>> IoKeySectors(std::string_view table,
                                                       std::string_view file_name);

// ---- Chain data in the store (chain_data.cpp) ----
// Each import replaces its whole kind (the province's network is one set), so it needs the import
// permission and the whole country in scope; the file is checked first and a bad row writes
// nothing. Chains come as three files (chains, segments, edges); with none given, the shipped
// examples (data/chains/) are imported.
// The import permission and the whole country in scope (checked first by every import; the API
// asks before it reads the upload, so a refused caller learns nothing from a malformed body).
Status MayImportChainData(Ballast& b, const Caller& c);
struct ChainFiles {
  chain::CsvSource chains, segments, edges;
};
Result<ChainImportRecord> ImportChains(Ballast& b, const Caller& c,
                                       const std::optional<ChainFiles>& files);
Result<ChainImportRecord> ImportFirmLinks(Ballast& b, const Caller& c, std::string_view bytes,
                                          const std::string& file_name);
Result<ChainImportRecord> ImportFirms(Ballast& b, const Caller& c, std::string_view bytes,
                                      const std::string& file_name);

// The chains in the store (the shipped examples when none was imported).
Result<chain::ChainCatalog> ListChains(Ballast& b, const Caller& c);

// A firm as the caller may see it: firms outside the caller's scope by name only (id empty).
struct FirmRef {
  std::string id, name, region;
};

struct ChainReport {
  chain::ChainDef chain;
  std::vector<chain::Segment> segments;
  std::vector<chain::SegmentEdge> edges;
  // The analysis with every firm id replaced by a FirmRef index into `firms`.
  chain::ChainAnalysis analysis;
  std::vector<FirmRef> firms;                // every firm the analysis names
  std::map<std::string, size_t> firm_index;  // analysis label -> index into firms
};

// The analysis of one chain in one region ("" = the caller's scope) with the firm network in the
// store. Aggregates need kReadAggregate in scope; the lists of firms (candidates, single-source
// inputs, key nodes) need enterprise-level reading and are empty otherwise.
Result<ChainReport> AnalyzeChainInStore(Ballast& b, const Caller& c, const std::string& chain,
                                        const std::string& region, double hhi_threshold = 0.5);

}  // namespace ballast::app

#endif  // BALLAST_APP_CHAIN_H_
