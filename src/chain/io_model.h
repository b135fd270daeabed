// The demand-driven (Leontief) and supply-driven (Ghosh) input-output models on the domestic
// intermediate flows Z and gross output x of a table, the Rasmussen–Hirschman linkage indices, and
// hypothetical extraction. Formulas in docs/chains.md.
#ifndef BALLAST_CHAIN_IO_MODEL_H_
#define BALLAST_CHAIN_IO_MODEL_H_

#include <string>
#include <vector>

#include "chain/io_table.h"
#include "core/status.h"

namespace ballast::chain {

// A dense n x n matrix, row-major.
struct IoMatrix {
  int n = 0;
  std::vector<double> v;
  double at(int i, int j) const {
    return v[static_cast<size_t>(i) * static_cast<size_t>(n) + static_cast<size_t>(j)];
  }
};

enum class InverseKind { kLeontief, kGhosh };

// L = (I - A)^-1 with A = Z diag(x)^-1, or G = (I - B)^-1 with B = diag(x)^-1 Z. A sector with
// x = 0 has a zero column of A (row of B). Status::Invalid when I - A is singular.
Result<IoMatrix> Inverse(const IoTable& t, InverseKind kind);

struct SectorLinkage {
  std::string code;
  double backward = 0;             // n * colsum_j(L) / sum(L)
  double forward = 0;              // n * rowsum_i(G) / sum(G)
  bool key = false;                // both > 1
  double extraction_loss_pct = 0;  // see below
};

// One entry per sector, in table order. Extraction of k: A without row and column k, final demand
// f = x - Z 1 of the other sectors held, x' = (I - A_-k)^-1 f_-k; the loss is
// (sum_{i != k} x_i - sum x') / sum_all x * 100.
Result<std::vector<SectorLinkage>> KeySectors(const IoTable& t);

}  // namespace ballast::chain

#endif  // BALLAST_CHAIN_IO_MODEL_H_
