// Supply-chain use cases (issue 16, static part). The file-based analyses need no store: they read
// a firm-links file or an input-output table handed over as bytes and answer with ids and numbers.
#ifndef BALLAST_APP_CHAIN_H_
#define BALLAST_APP_CHAIN_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chain/io_model.h"
#include "core/status.h"

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

}  // namespace ballast::app

#endif  // BALLAST_APP_CHAIN_H_
