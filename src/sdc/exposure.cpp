#include "sdc/exposure.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ballast::sdc {
namespace {

struct Entry {
  int row;  // constraint index, local to the component
  double coef;
};

int Find(std::vector<int>& up, int x) {
  while (up[static_cast<size_t>(x)] != x) {
    up[static_cast<size_t>(x)] = up[static_cast<size_t>(up[static_cast<size_t>(x)])];
    x = up[static_cast<size_t>(x)];
  }
  return x;
}

// Leverages of the columns of one component. `columns[j]` holds column j's entries; `m` rows.
void ComponentExposure(int m, const std::vector<std::vector<Entry>>& columns,
                       std::vector<char>* exposed) {
  const size_t mm = static_cast<size_t>(m);
  // G = A A' (dense, m x m; m is the number of constraints touching the component).
  std::vector<double> g(mm * mm, 0.0);
  for (const auto& col : columns) {
    for (const Entry& a : col) {
      for (const Entry& b : col) {
        g[static_cast<size_t>(a.row) * mm + static_cast<size_t>(b.row)] += a.coef * b.coef;
      }
    }
  }
  // Pivoted Cholesky: choose rows greedily by the largest remaining diagonal; stop when the
  // rest is (numerically) dependent on the rows chosen. l holds the factor row by row in
  // pivot order, over original row indices.
  double max_diag = 0;
  for (size_t i = 0; i < mm; ++i) max_diag = std::max(max_diag, g[i * mm + i]);
  const double tol = 1e-9 * std::max(1.0, max_diag);
  std::vector<double> diag(mm);
  for (size_t i = 0; i < mm; ++i) diag[i] = g[i * mm + i];
  std::vector<int> pivots;
  std::vector<char> used(mm, 0);
  std::vector<std::vector<double>> l;  // l[k][i]: factor entry of pivot k for row i
  while (true) {
    size_t best = mm;
    for (size_t i = 0; i < mm; ++i) {
      if (!used[i] && (best == mm || diag[i] > diag[best])) best = i;
    }
    if (best == mm || diag[best] <= tol) break;
    used[best] = 1;
    const double d = std::sqrt(diag[best]);
    // Column of the factor: (G[best][i] - sum over earlier pivots) / d, for rows not yet
    // chosen (entries of chosen rows are not needed later).
    std::vector<double> col(g.begin() + static_cast<std::ptrdiff_t>(best * mm),
                            g.begin() + static_cast<std::ptrdiff_t>((best + 1) * mm));
    for (const auto& prev : l) {
      const double f = prev[best];
      if (f == 0) continue;
      for (size_t i = 0; i < mm; ++i) col[i] -= f * prev[i];
    }
    for (size_t i = 0; i < mm; ++i) col[i] = (used[i] && i != best) ? 0.0 : col[i] / d;
    for (size_t i = 0; i < mm; ++i) {
      if (!used[i]) diag[i] -= col[i] * col[i];
    }
    l.push_back(std::move(col));
    pivots.push_back(static_cast<int>(best));
  }
  const size_t r = pivots.size();
  // L (r x r, lower) over the pivot rows: L[k][q] = l[q][pivots[k]] for q <= k.
  std::vector<int> pos(mm, -1);
  for (size_t k = 0; k < r; ++k) pos[static_cast<size_t>(pivots[k])] = static_cast<int>(k);
  std::vector<double> low(r * r, 0.0);
  for (size_t k = 0; k < r; ++k) {
    for (size_t q = 0; q <= k; ++q) low[k * r + q] = l[q][static_cast<size_t>(pivots[k])];
  }
  l.clear();
  // Inverse of L by forward substitution, then G_SS^-1 = L^-T L^-1.
  std::vector<double> inv(r * r, 0.0);  // inv = L^-1, lower
  for (size_t k = 0; k < r; ++k) {
    inv[k * r + k] = 1.0 / low[k * r + k];
    for (size_t i = k + 1; i < r; ++i) {
      double s = 0;
      for (size_t q = k; q < i; ++q) s += low[i * r + q] * inv[q * r + k];
      inv[i * r + k] = -s / low[i * r + i];
    }
  }
  std::vector<double> ginv(r * r, 0.0);  // (L^-1)' L^-1
  for (size_t q = 0; q < r; ++q) {
    const double* row = &inv[q * r];
    for (size_t a = 0; a <= q; ++a) {
      const double ra = row[a];
      if (ra == 0) continue;
      double* out = &ginv[a * r];
      for (size_t b = 0; b <= q; ++b) out[b] += ra * row[b];
    }
  }
  for (size_t j = 0; j < columns.size(); ++j) {
    double lev = 0;
    for (const Entry& a : columns[j]) {
      const int pa = pos[static_cast<size_t>(a.row)];
      if (pa < 0) continue;
      for (const Entry& b : columns[j]) {
        const int pb = pos[static_cast<size_t>(b.row)];
        if (pb < 0) continue;
        lev += a.coef * b.coef * ginv[static_cast<size_t>(pa) * r + static_cast<size_t>(pb)];
      }
    }
    if (lev > 1.0 - 1e-7) (*exposed)[j] = 1;
  }
}

}  // namespace

std::vector<int> ExposedCells(const SdcTable& table) {
  const size_t n = table.cells.size();
  std::vector<int> col_of(n, -1);
  std::vector<int> suppressed;
  for (size_t i = 0; i < n; ++i) {
    if (IsSuppressed(table.cells[i].status)) {
      col_of[i] = static_cast<int>(suppressed.size());
      suppressed.push_back(static_cast<int>(i));
    }
  }
  const size_t s = suppressed.size();
  // Components of suppressed cells linked by a shared constraint.
  std::vector<int> up(s);
  std::iota(up.begin(), up.end(), 0);
  std::vector<int> constraint_anchor(table.constraints.size(), -1);
  for (size_t k = 0; k < table.constraints.size(); ++k) {
    const SdcConstraint& c = table.constraints[k];
    auto visit = [&](int cell) {
      const int j = col_of[static_cast<size_t>(cell)];
      if (j < 0) return;
      if (constraint_anchor[k] < 0) {
        constraint_anchor[k] = j;
      } else {
        up[static_cast<size_t>(Find(up, j))] = Find(up, constraint_anchor[k]);
      }
    };
    visit(c.parent);
    for (int child : c.children) visit(child);
  }
  // Per component: its columns (cells) and rows (constraints), with local numbering.
  std::vector<int> comp_of(s), local_col(s);
  std::vector<int> comp_index(s, -1);
  std::vector<std::vector<std::vector<Entry>>> comp_columns;
  std::vector<std::vector<int>> comp_cells;
  std::vector<int> comp_rows;
  for (size_t j = 0; j < s; ++j) {
    const int root = Find(up, static_cast<int>(j));
    int& ci = comp_index[static_cast<size_t>(root)];
    if (ci < 0) {
      ci = static_cast<int>(comp_columns.size());
      comp_columns.emplace_back();
      comp_cells.emplace_back();
      comp_rows.push_back(0);
    }
    comp_of[j] = ci;
    local_col[j] = static_cast<int>(comp_columns[static_cast<size_t>(ci)].size());
    comp_columns[static_cast<size_t>(ci)].emplace_back();
    comp_cells[static_cast<size_t>(ci)].push_back(suppressed[j]);
  }
  for (size_t k = 0; k < table.constraints.size(); ++k) {
    if (constraint_anchor[k] < 0) continue;
    const size_t ci = static_cast<size_t>(comp_of[static_cast<size_t>(constraint_anchor[k])]);
    const int row = comp_rows[ci]++;
    const SdcConstraint& c = table.constraints[k];
    auto add = [&](int cell, double coef) {
      const int j = col_of[static_cast<size_t>(cell)];
      if (j < 0) return;
      comp_columns[ci][static_cast<size_t>(local_col[static_cast<size_t>(j)])].push_back(
          {row, coef});
    };
    add(c.parent, -1.0);
    for (int child : c.children) add(child, 1.0);
  }
  std::vector<int> out;
  for (size_t ci = 0; ci < comp_columns.size(); ++ci) {
    std::vector<char> exposed(comp_columns[ci].size(), 0);
    ComponentExposure(comp_rows[ci], comp_columns[ci], &exposed);
    for (size_t j = 0; j < exposed.size(); ++j) {
      if (exposed[j]) out.push_back(comp_cells[ci][j]);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace ballast::sdc
