// Demo firm links for the supply-chain analyses (issue 16 item 7): who supplies whom among the
// generated enterprises and some outside firms, with suppliers' industries drawn from the
// input-output table's input coefficients, most suppliers in the province, some outside, and a
// few planted single-source bottlenecks. Deterministic for a seed.
#ifndef BALLAST_GEN_CHAIN_LINKS_H_
#define BALLAST_GEN_CHAIN_LINKS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/status.h"

namespace ballast::gen {

struct LinkFirm {
  std::string id, name, region, industry, size;  // as in enterprises.csv
};

// The domestic input coefficients of a national table: a[i * n + j] = a_ij, sectors by code.
struct InputCoefficients {
  std::vector<std::string> codes, names;
  std::vector<double> a;
};

struct LinkOptions {
  uint64_t seed = 20261122;
  size_t max_customers = 3000;  // customers drawn from the enterprises (the biggest first)
  int inputs_per_customer = 3;  // input sectors per customer, drawn by coefficient
  double local_share = 0.8;     // probability that a supplier is in the province when one exists
  int outside_per_sector = 4;   // outside firms per IO sector
  int bottlenecks = 3;          // local suppliers made the only source of their product
};

struct LinkDemo {
  std::string firms_csv;  // firm,name,region,industry (enterprises used and outside firms)
  std::string links_csv;  // supplier,customer,product,value,lead_days
  int64_t links = 0;
  std::vector<std::string> bottlenecks;  // the planted single sources
};

// The 42-sector IO code of a GB/T 4754 industrial division ("" outside divisions 06-46).
std::string IoSectorOfDivision(std::string_view division);

Result<LinkDemo> GenerateLinks(const Catalog& catalog, const std::vector<LinkFirm>& firms,
                               const InputCoefficients& io, const LinkOptions& options);

}  // namespace ballast::gen

#endif  // BALLAST_GEN_CHAIN_LINKS_H_
