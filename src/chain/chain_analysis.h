// The static analysis of one chain in one region (issue 16 item 2): local supporting rate
// (本地配套率), gaps with candidate enterprises elsewhere (招商), single-source inputs, and a
// ranking of key node enterprises. Formulas and rules in docs/chains.md.
#ifndef BALLAST_CHAIN_CHAIN_ANALYSIS_H_
#define BALLAST_CHAIN_CHAIN_ANALYSIS_H_

#include <optional>
#include <string>
#include <vector>

#include "chain/chain_catalog.h"
#include "chain/firm_info.h"
#include "chain/firm_links.h"
#include "core/catalog.h"

namespace ballast::chain {

struct ChainAnalysisOptions {
  std::string chain;
  std::string region = std::string(kCountryCode);  // GB/T 2260 code: the region's subtree
  double hhi_threshold = 0.5;  // a product with several suppliers is single-source above this
  size_t max_candidates = 10;  // per gap
  size_t max_key_nodes = 50;
};

struct SegmentStatus {
  std::string segment, name_zh, stage;
  int firms_in_region = 0, firms_elsewhere = 0;
  double purchases = 0, purchases_local = 0;  // bought by the segment's firms in the region
  std::optional<double> local_rate;           // purchases_local / purchases, none when 0
  bool gap = false;                           // no enterprise of the segment in the region
  std::vector<std::string>
      candidates;  // gaps: firms of the segment elsewhere, biggest sellers first
};

struct SingleSourceInput {
  std::string customer, product;
  int suppliers = 0;
  std::string top_supplier;
  double top_share = 0;  // of the product's value into this customer
  double hhi = 0;        // sum of squared shares, 0..1
  double value = 0;
};

struct KeyNode {
  std::string firm;
  bool in_region = false;
  std::vector<std::string> segments;    // of this chain
  std::vector<std::string> dependants;  // chain firms in the region that fail when it stops
  int failures = 0;                     // all firms that fail when it stops
  int dominated = 0;                    // firms whose every supply path runs through it
  double betweenness = 0;
  bool articulation = false;
  std::vector<std::string> sole_supply;   // "product→customer" where it is the only supplier
  std::vector<std::string> alternatives;  // other firms that sell the products it sells
  int reach = 0;                          // firms reachable downstream (customers, theirs, …)
};

// Where the region's chain firms buy: value by the supplier's province.
struct RegionShare {
  std::string province;  // GB/T 2260 province code; "" = a supplier without attributes
  double value = 0, share = 0;
};

struct ChainAnalysis {
  std::string chain, region;
  double purchases = 0, purchases_local = 0;
  std::optional<double> local_rate;
  int firms_in_region = 0, firms_unknown = 0;  // unknown: in the links but not in the firm list
  std::vector<SegmentStatus> segments;         // in the catalog's order
  std::vector<SingleSourceInput> single_source;
  std::vector<KeyNode> key_nodes;               // most dependants first
  std::vector<RegionShare> supplier_provinces;  // largest first
  double supplier_province_hhi = 0;             // sum of squared shares, 0..1
};

// Firms belong to a segment when their industry lies under one of its GB/T 4754 codes; a firm
// without attributes is outside every region and segment.
Result<ChainAnalysis> AnalyzeChain(const ChainCatalog& chains, const std::vector<FirmLink>& links,
                                   const std::vector<FirmInfo>& firms, const Catalog& catalog,
                                   const ChainAnalysisOptions& options);

}  // namespace ballast::chain

#endif  // BALLAST_CHAIN_CHAIN_ANALYSIS_H_
