#include "sdc/exposure.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

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

// Pivoted Cholesky of the dense symmetric positive semi-definite s (n x n): picks rows greedily
// by the largest remaining diagonal until the rest is numerically dependent (diagonal <= tol).
// Returns the chosen rows in pivot order and, in *inv, the inverse of s restricted to them
// (r x r, indexed by pivot position).
std::vector<int> PivotedInverse(const std::vector<double>& s, size_t n, double tol,
                                std::vector<double>* inv) {
  std::vector<double> diag(n);
  for (size_t i = 0; i < n; ++i) diag[i] = s[i * n + i];
  std::vector<char> used(n, 0);
  std::vector<int> pivots;
  std::vector<std::vector<double>> l;  // l[k][i]: factor column of pivot k, for row i
  while (true) {
    size_t best = n;
    for (size_t i = 0; i < n; ++i) {
      if (!used[i] && (best == n || diag[i] > diag[best])) best = i;
    }
    if (best == n || diag[best] <= tol) break;
    used[best] = 1;
    const double d = std::sqrt(diag[best]);
    std::vector<double> col(s.begin() + static_cast<std::ptrdiff_t>(best * n),
                            s.begin() + static_cast<std::ptrdiff_t>((best + 1) * n));
    for (const auto& prev : l) {
      const double f = prev[best];
      if (f == 0) continue;
      for (size_t i = 0; i < n; ++i) col[i] -= f * prev[i];
    }
    // Entries of rows chosen earlier are not needed (the factor is lower triangular).
    for (size_t i = 0; i < n; ++i) col[i] = (used[i] && i != best) ? 0.0 : col[i] / d;
    for (size_t i = 0; i < n; ++i) {
      if (!used[i]) diag[i] -= col[i] * col[i];
    }
    l.push_back(std::move(col));
    pivots.push_back(static_cast<int>(best));
  }
  const size_t r = pivots.size();
  // low: the r x r factor over the pivot rows, row-major: low[k][q] = l[q][pivots[k]], q <= k.
  std::vector<double> low(r * r, 0.0);
  for (size_t k = 0; k < r; ++k) {
    for (size_t q = 0; q <= k; ++q) low[k * r + q] = l[q][static_cast<size_t>(pivots[k])];
  }
  l.clear();
  // x_k = L^-1 e_k by forward substitution, stored as row k of xt (so xt = L^-T); then
  // inv = L^-T L^-1, inv[a][b] = sum_q xt[a][q] xt[b][q].
  std::vector<double> xt(r * r, 0.0);
  for (size_t k = 0; k < r; ++k) {
    double* x = &xt[k * r];
    for (size_t i = k; i < r; ++i) {
      double v = i == k ? 1.0 : 0.0;
      const double* li = &low[i * r];
      for (size_t q = k; q < i; ++q) v -= li[q] * x[q];
      x[i] = v / li[i];
    }
  }
  inv->assign(r * r, 0.0);
  for (size_t a = 0; a < r; ++a) {
    for (size_t b = 0; b <= a; ++b) {
      const double* xa = &xt[a * r];
      const double* xb = &xt[b * r];
      double v = 0;
      for (size_t q = a; q < r; ++q) v += xa[q] * xb[q];  // xt[.][q] is 0 for q < row
      (*inv)[a * r + b] = v;
      (*inv)[b * r + a] = v;
    }
  }
  return pivots;
}

// Leverages of the columns of one component. `columns[j]` holds column j's entries; `m` rows.
//
// G = AA' is m x m, but in a table most constraints do not share a suppressed cell with each
// other (the rows of a two-way table are disjoint, and so are its columns). A set I of such
// mutually orthogonal constraints makes G = [D B; B' C] with D diagonal, so only the Schur
// complement S = C - B'D^-1 B over the other constraints R needs a dense factorisation: for a
// 200 x 600 table, 201 x 201 instead of 802 x 802. With S^-1 over a maximal independent subset
// of R (pivoted Cholesky of S) and y_i = S^-1 b_i:
//   (G^-1)_ii = 1/d_i + b_i'y_i / d_i^2,  (G^-1)_is = -y_is / d_i,  (G^-1)_ss' = (S^-1)_ss',
// and no column has entries in two rows of I.
void ComponentExposure(int m, const std::vector<std::vector<Entry>>& columns,
                       std::vector<char>* exposed) {
  const size_t mm = static_cast<size_t>(m);
  // Sparse G: diagonal and the couplings of each row (row, value), merged.
  std::vector<double> d(mm, 0.0);
  std::vector<std::vector<std::pair<int, double>>> adj(mm);
  for (const auto& col : columns) {
    for (const Entry& a : col) {
      d[static_cast<size_t>(a.row)] += a.coef * a.coef;
      for (const Entry& b : col) {
        if (a.row != b.row) adj[static_cast<size_t>(a.row)].push_back({b.row, a.coef * b.coef});
      }
    }
  }
  for (auto& list : adj) {
    std::sort(list.begin(), list.end());
    size_t out = 0;
    for (size_t i = 0; i < list.size(); ++i) {
      if (out > 0 && list[out - 1].first == list[i].first) {
        list[out - 1].second += list[i].second;
      } else {
        list[out++] = list[i];
      }
    }
    list.resize(out);
  }
  // I: greedy independent set of the coupling graph, fewest couplings first.
  std::vector<int> order(mm);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return adj[static_cast<size_t>(a)].size() < adj[static_cast<size_t>(b)].size();
  });
  std::vector<char> in_i(mm, 0), blocked(mm, 0);
  for (int a : order) {
    if (blocked[static_cast<size_t>(a)] || d[static_cast<size_t>(a)] == 0) continue;
    in_i[static_cast<size_t>(a)] = 1;
    for (const auto& [b, v] : adj[static_cast<size_t>(a)]) blocked[static_cast<size_t>(b)] = 1;
  }
  std::vector<int> r_index(mm, -1);
  std::vector<int> r_rows;
  for (size_t a = 0; a < mm; ++a) {
    if (!in_i[a]) {
      r_index[a] = static_cast<int>(r_rows.size());
      r_rows.push_back(static_cast<int>(a));
    }
  }
  const size_t nr = r_rows.size();
  std::vector<double> s(nr * nr, 0.0);
  for (size_t x = 0; x < nr; ++x) {
    const size_t a = static_cast<size_t>(r_rows[x]);
    s[x * nr + x] = d[a];
    for (const auto& [b, v] : adj[a]) {
      const int y = r_index[static_cast<size_t>(b)];
      if (y >= 0) s[x * nr + static_cast<size_t>(y)] = v;
    }
  }
  for (size_t a = 0; a < mm; ++a) {
    if (!in_i[a]) continue;
    const auto& bi = adj[a];  // every neighbour of a row of I is in R
    for (const auto& [p, vp] : bi) {
      double* row = &s[static_cast<size_t>(r_index[static_cast<size_t>(p)]) * nr];
      const double f = vp / d[a];
      for (const auto& [q, vq] : bi)
        row[static_cast<size_t>(r_index[static_cast<size_t>(q)])] -= f * vq;
    }
  }
  double max_diag = 1.0;
  for (double v : d) max_diag = std::max(max_diag, v);
  std::vector<double> sinv;
  const std::vector<int> piv = PivotedInverse(s, nr, 1e-9 * max_diag, &sinv);
  const size_t r = piv.size();
  // pos[a]: the pivot position of row a of R in S^-1, or -1 for rows of R left out.
  std::vector<int> pos(mm, -1);
  for (size_t k = 0; k < r; ++k) {
    pos[static_cast<size_t>(r_rows[static_cast<size_t>(piv[k])])] = static_cast<int>(k);
  }
  // y_i = S^-1 b_i (over the chosen rows of R) for the rows of I that some column uses.
  std::vector<std::vector<double>> y(mm);
  std::vector<double> gii(mm, 0.0);
  for (size_t a = 0; a < mm; ++a) {
    if (!in_i[a]) continue;
    std::vector<double> v(r, 0.0);
    for (const auto& [p, vp] : adj[a]) {
      const int k = pos[static_cast<size_t>(p)];
      if (k < 0) continue;
      const double* col = &sinv[static_cast<size_t>(k) * r];  // symmetric: row k = column k
      for (size_t q = 0; q < r; ++q) v[q] += col[q] * vp;
    }
    double by = 0;
    for (const auto& [p, vp] : adj[a]) {
      const int k = pos[static_cast<size_t>(p)];
      if (k >= 0) by += vp * v[static_cast<size_t>(k)];
    }
    gii[a] = 1.0 / d[a] + by / (d[a] * d[a]);
    y[a] = std::move(v);
  }
  auto ginv = [&](int a, int b) -> double {
    const size_t ua = static_cast<size_t>(a), ub = static_cast<size_t>(b);
    if (in_i[ua] && in_i[ub]) return a == b ? gii[ua] : 0.0;
    if (in_i[ua] || in_i[ub]) {
      const size_t i = in_i[ua] ? ua : ub;
      const int k = pos[in_i[ua] ? ub : ua];
      return k < 0 ? 0.0 : -y[i][static_cast<size_t>(k)] / d[i];
    }
    const int ka = pos[ua], kb = pos[ub];
    if (ka < 0 || kb < 0) return 0.0;
    return sinv[static_cast<size_t>(ka) * r + static_cast<size_t>(kb)];
  };
  for (size_t j = 0; j < columns.size(); ++j) {
    double lev = 0;
    for (const Entry& a : columns[j]) {
      for (const Entry& b : columns[j]) lev += a.coef * b.coef * ginv(a.row, b.row);
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
