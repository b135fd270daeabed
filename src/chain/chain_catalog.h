// Chains as data (data/chains/): chains, their segments (stage, GB/T 4754 classes, products) and
// segment -> segment supply edges. See docs/chains.md for the three file formats.
#ifndef BALLAST_CHAIN_CHAIN_CATALOG_H_
#define BALLAST_CHAIN_CHAIN_CATALOG_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/status.h"

namespace ballast::chain {

inline constexpr const char* kStages[] = {"upstream", "midstream", "downstream"};

struct ChainDef {
  std::string id, name_zh, name_en;
  std::string region;     // GB/T 2260 code of the authority that keeps the chain
  std::string lead_unit;  // 链长 office
};

struct Segment {
  std::string chain, id, name_zh;
  std::string stage;                    // upstream | midstream | downstream
  std::vector<std::string> industries;  // GB/T 4754 codes (any level)
  std::vector<std::string> products;
};

struct SegmentEdge {
  std::string chain, from, to;
  std::vector<std::string> products;
};

struct ChainCatalog {
  std::vector<ChainDef> chains;
  std::vector<Segment> segments;
  std::vector<SegmentEdge> edges;

  const ChainDef* Find(std::string_view chain) const;
  std::vector<const Segment*> SegmentsOf(std::string_view chain) const;
  std::vector<const SegmentEdge*> EdgesOf(std::string_view chain) const;
};

struct CsvSource {
  std::string_view bytes;
  std::string file_name;
};

// Reads and checks the three files together: ids unique, regions and industry codes known to the
// catalog, stages valid, edges between segments of their chain. Any error rejects all three.
Result<ChainCatalog> ReadChainCatalog(const CsvSource& chains, const CsvSource& segments,
                                      const CsvSource& edges, const Catalog& catalog);

// The shipped examples (data/chains/*.csv), compiled into the binary.
Result<ChainCatalog> ShippedChains(const Catalog& catalog);

}  // namespace ballast::chain

#endif  // BALLAST_CHAIN_CHAIN_CATALOG_H_
