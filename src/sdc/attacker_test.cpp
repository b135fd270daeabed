// The attacker: for random tables, suppress, then try to recover every suppressed cell exactly
// from the published cells and the table's constraints by Gaussian elimination over the
// rationals (independent of the library's floating-point check). It must fail for every cell
// after secondary suppression, and succeed for some cells with primary suppression alone.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "sdc/exposure.h"
#include "sdc/primary.h"
#include "sdc/secondary.h"
#include "testing/testing.h"

namespace ballast::sdc {
namespace {

// Exact rationals on int64 with overflow detection (the systems are small and their
// coefficients are 0 and +-1, so overflow would be a surprise; the test fails if it happens).
bool g_overflow = false;

int64_t Mul(int64_t a, int64_t b) {
  int64_t r = 0;
  if (__builtin_mul_overflow(a, b, &r)) g_overflow = true;
  return r;
}
int64_t Sub(int64_t a, int64_t b) {
  int64_t r = 0;
  if (__builtin_sub_overflow(a, b, &r)) g_overflow = true;
  return r;
}

struct Q {
  int64_t n = 0;
  int64_t d = 1;
};
Q Norm(int64_t n, int64_t d) {
  if (d < 0) {
    n = -n;
    d = -d;
  }
  const int64_t g = std::gcd(n, d);
  return g == 0 ? Q{0, 1} : Q{n / g, d / g};
}
Q operator-(Q a, Q b) { return Norm(Sub(Mul(a.n, b.d), Mul(b.n, a.d)), Mul(a.d, b.d)); }
Q operator*(Q a, Q b) { return Norm(Mul(a.n, b.n), Mul(a.d, b.d)); }
Q operator/(Q a, Q b) { return Norm(Mul(a.n, b.d), Mul(a.d, b.n)); }
bool IsZero(Q a) { return a.n == 0; }

struct Recovery {
  int cell;
  Q value;
};

// Unknowns: the suppressed cells. Each constraint parent = sum(children) becomes
// sum(coef * unknown) = -sum(coef * published value), coef -1 for the parent, +1 for a child.
// After reduction to row echelon form, an unknown is determined iff it is a pivot whose row
// has no entry in a free column; its value is then the row's right-hand side.
std::vector<Recovery> Attack(const SdcTable& t) {
  std::vector<int> unknown_of(t.cells.size(), -1);
  std::vector<int> cells;
  for (size_t i = 0; i < t.cells.size(); ++i) {
    if (IsSuppressed(t.cells[i].status)) {
      unknown_of[i] = static_cast<int>(cells.size());
      cells.push_back(static_cast<int>(i));
    }
  }
  const size_t u = cells.size();
  std::vector<std::vector<Q>> m;
  for (const SdcConstraint& c : t.constraints) {
    std::vector<Q> row(u + 1);
    Q rhs{0, 1};
    auto put = [&](int cell, int64_t coef) {
      const int j = unknown_of[static_cast<size_t>(cell)];
      if (j >= 0) {
        row[static_cast<size_t>(j)] = Q{coef, 1};
      } else {
        const auto v = static_cast<int64_t>(t.cells[static_cast<size_t>(cell)].value);
        rhs = rhs - Q{Mul(coef, v), 1};
      }
    };
    put(c.parent, -1);
    for (int child : c.children) put(child, 1);
    row[u] = rhs;
    m.push_back(std::move(row));
  }
  std::vector<int> pivot_row(u, -1);
  size_t r = 0;
  for (size_t col = 0; col < u && r < m.size(); ++col) {
    size_t p = r;
    while (p < m.size() && IsZero(m[p][col])) ++p;
    if (p == m.size()) continue;
    std::swap(m[p], m[r]);
    const Q lead = m[r][col];
    for (Q& x : m[r]) x = x / lead;
    for (size_t i = 0; i < m.size(); ++i) {
      if (i == r || IsZero(m[i][col])) continue;
      const Q f = m[i][col];
      for (size_t k = 0; k <= u; ++k) m[i][k] = m[i][k] - f * m[r][k];
    }
    pivot_row[col] = static_cast<int>(r);
    ++r;
  }
  std::vector<Recovery> out;
  for (size_t col = 0; col < u; ++col) {
    if (pivot_row[col] < 0) continue;
    const std::vector<Q>& row = m[static_cast<size_t>(pivot_row[col])];
    bool alone = true;
    for (size_t k = 0; k < u && alone; ++k) {
      if (k != col && !IsZero(row[k]) && pivot_row[k] < 0) alone = false;
    }
    if (alone) out.push_back({cells[col], row[u]});
  }
  return out;
}

// Random tables whose cells aggregate enterprises: each leaf cell gets 0..5 contributors
// (often 0-2, sometimes one giant), every cell sums the leaves it covers, and the primary rules
// run on each cell's contributors.
class Generator {
 public:
  explicit Generator(uint32_t seed) : rng_(seed) {}
  int Below(int n) { return static_cast<int>(rng_() % static_cast<uint32_t>(n)); }
  std::vector<double> Leaf() {
    static constexpr int kCounts[] = {0, 1, 1, 2, 2, 3, 3, 4, 5, 5, 6};
    std::vector<double> x(static_cast<size_t>(kCounts[Below(11)]));
    for (double& v : x) v = Below(10) == 0 ? 500 + Below(500) : 1 + Below(100);
    return x;
  }

  // cell_leaves[i]: the leaves cell i covers.
  SdcTable Build(const std::vector<std::vector<int>>& cell_leaves, int leaves,
                 std::vector<SdcConstraint> constraints) {
    std::vector<std::vector<double>> firms(static_cast<size_t>(leaves));
    for (auto& f : firms) f = Leaf();
    SdcTable t;
    for (const auto& ls : cell_leaves) {
      std::vector<double> x;
      for (int l : ls) {
        x.insert(x.end(), firms[static_cast<size_t>(l)].begin(),
                 firms[static_cast<size_t>(l)].end());
      }
      Result<Suppression> s = PrimarySuppression(x, SdcParams{});
      EXPECT_TRUE(s.ok());
      t.AddCell(std::accumulate(x.begin(), x.end(), 0.0), s.ok() ? *s : Suppression::kNone);
    }
    t.constraints = std::move(constraints);
    return t;
  }

  SdcTable OneWay() {
    const int k = 2 + Below(7);
    std::vector<std::vector<int>> cells(1);
    std::vector<int> children;
    for (int i = 0; i < k; ++i) {
      cells[0].push_back(i);
      cells.push_back({i});
      children.push_back(i + 1);
    }
    return Build(cells, k, {{0, children}});
  }

  SdcTable TwoWay() {
    const int rows = 2 + Below(5), cols = 2 + Below(6);
    SdcTable shape;
    const TwoWayLayout l = AddTwoWay(&shape, rows, cols);
    std::vector<std::vector<int>> cells(shape.cells.size());
    for (int r = 0; r < rows; ++r) {
      for (int c = 0; c < cols; ++c) {
        const int leaf = r * cols + c;
        for (int cell : {l.Cell(r, c), l.RowTotal(r), l.ColTotal(c), l.GrandTotal()}) {
          cells[static_cast<size_t>(cell - l.first)].push_back(leaf);
        }
      }
    }
    return Build(cells, rows * cols, shape.constraints);
  }

  // Regions province -> cities -> counties by industries plus a total column: for every
  // column, province = sum of cities and city = sum of its counties; for every region, its
  // total = sum of its industries.
  SdcTable RegionByIndustry() {
    const int cities = 2 + Below(2), industries = 2 + Below(3);
    std::vector<int> counties_of(static_cast<size_t>(cities));
    for (int& n : counties_of) n = 2 + Below(2);
    // Region nodes: 0 = province, then each city followed by its counties.
    std::vector<std::vector<int>> region_counties;  // leaf counties (global ids) under a node
    std::vector<std::pair<int, std::vector<int>>> region_groups;
    region_counties.emplace_back();
    std::vector<int> city_nodes;
    int county_id = 0;
    for (int c = 0; c < cities; ++c) {
      const int city = static_cast<int>(region_counties.size());
      city_nodes.push_back(city);
      region_counties.emplace_back();
      std::vector<int> kids;
      for (int k = 0; k < counties_of[static_cast<size_t>(c)]; ++k) {
        kids.push_back(static_cast<int>(region_counties.size()));
        region_counties.push_back({county_id});
        region_counties[static_cast<size_t>(city)].push_back(county_id);
        region_counties[0].push_back(county_id);
        ++county_id;
      }
      region_groups.push_back({city, kids});
    }
    region_groups.push_back({0, city_nodes});
    const int nodes = static_cast<int>(region_counties.size());
    const int width = industries + 1;  // column `industries` is the total
    auto cell = [&](int node, int col) { return node * width + col; };
    std::vector<std::vector<int>> cells(static_cast<size_t>(nodes * width));
    for (int node = 0; node < nodes; ++node) {
      for (int county : region_counties[static_cast<size_t>(node)]) {
        for (int j = 0; j < industries; ++j) {
          const int leaf = county * industries + j;
          cells[static_cast<size_t>(cell(node, j))].push_back(leaf);
          cells[static_cast<size_t>(cell(node, industries))].push_back(leaf);
        }
      }
    }
    std::vector<SdcConstraint> cons;
    for (int col = 0; col < width; ++col) {
      for (const auto& [parent, kids] : region_groups) {
        SdcConstraint c{cell(parent, col), {}};
        for (int k : kids) c.children.push_back(cell(k, col));
        cons.push_back(c);
      }
    }
    for (int node = 0; node < nodes; ++node) {
      SdcConstraint c{cell(node, industries), {}};
      for (int j = 0; j < industries; ++j) c.children.push_back(cell(node, j));
      cons.push_back(c);
    }
    return Build(cells, county_id * industries, cons);
  }

  // A random two-level tree as parent indices: root 0, 2-3 children, each with 0-3 children
  // (one child: a node equal to its only child).
  std::vector<int> Tree() {
    std::vector<int> parent = {-1};
    const int kids = 2 + Below(2);
    for (int i = 0; i < kids; ++i) {
      const int node = static_cast<int>(parent.size());
      parent.push_back(0);
      const int grandkids = Below(4);
      for (int g = 0; g < grandkids; ++g) parent.push_back(node);
    }
    return parent;
  }

  // Both dimensions hierarchical (regions x industries, each a tree), built by AddCrossTable.
  SdcTable CrossHierarchy() {
    const std::vector<int> rows = Tree(), cols = Tree();
    auto leaves = [](const std::vector<int>& parent) {
      std::vector<char> has_kids(parent.size(), 0);
      for (int p : parent) {
        if (p >= 0) has_kids[static_cast<size_t>(p)] = 1;
      }
      std::vector<std::vector<int>> under(parent.size());
      for (size_t v = 0; v < parent.size(); ++v) {
        if (has_kids[v]) continue;
        for (int u = static_cast<int>(v); u >= 0; u = parent[static_cast<size_t>(u)]) {
          under[static_cast<size_t>(u)].push_back(static_cast<int>(v));
        }
      }
      return under;
    };
    const auto row_leaves = leaves(rows), col_leaves = leaves(cols);
    SdcTable shape;
    Result<CrossLayout> l = AddCrossTable(&shape, rows, cols);
    EXPECT_TRUE(l.ok());
    std::vector<std::vector<int>> cells(shape.cells.size());
    for (int r = 0; r < l->rows; ++r) {
      for (int c = 0; c < l->cols; ++c) {
        for (int a : row_leaves[static_cast<size_t>(r)]) {
          for (int b : col_leaves[static_cast<size_t>(c)]) {
            cells[static_cast<size_t>(l->Cell(r, c))].push_back(a * l->cols + b);
          }
        }
      }
    }
    return Build(cells, l->rows * l->cols, shape.constraints);
  }

  SdcTable Any() {
    switch (Below(4)) {
      case 0:
        return OneWay();
      case 1:
        return TwoWay();
      case 2:
        return RegionByIndustry();
      default:
        return CrossHierarchy();
    }
  }

 private:
  std::mt19937 rng_;
};

// Wall-clock and CPU time since construction (the machine may be shared: both are printed).
struct Stopwatch {
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  std::clock_t cpu = std::clock();
  std::string Elapsed() const {
    const double w =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall).count();
    const double c = 1000.0 * static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC;
    return std::to_string(static_cast<int>(w)) + " ms (cpu " + std::to_string(static_cast<int>(c)) +
           " ms)";
  }
};

std::vector<int> CellsOf(const std::vector<Recovery>& r) {
  std::vector<int> out;
  for (const Recovery& x : r) out.push_back(x.cell);
  return out;
}

TEST(AttackerTest, SecondarySuppressionDefeatsExactRecovery) {
  Generator gen(20261130);
  int tables_attacked = 0, cells_recovered = 0, primary_cells = 0, secondary_cells = 0;
  for (int i = 0; i < 400; ++i) {
    SdcTable t = gen.Any();
    const Status valid = t.Validate();  // named: ASSERT_OK would keep a reference to a temporary
    ASSERT_OK(valid);
    const SdcTable primary_only = t;
    // Primary suppression alone: the attacker recovers the exact value of some cells, and the
    // library's floating-point check names exactly the same cells.
    const std::vector<Recovery> before = Attack(primary_only);
    for (const Recovery& r : before) {
      const double truth = t.cells[static_cast<size_t>(r.cell)].value;
      EXPECT_EQ(r.value.d, 1);
      EXPECT_EQ(static_cast<double>(r.value.n), truth) << "table " << i << " cell " << r.cell;
    }
    EXPECT_EQ(ExposedCells(primary_only), CellsOf(before)) << "table " << i;
    tables_attacked += before.empty() ? 0 : 1;
    cells_recovered += static_cast<int>(before.size());
    primary_cells += primary_only.SuppressedCount();

    ASSERT_OK_AND_ASSIGN(SecondaryReport rep, ApplySecondarySuppression(&t));
    secondary_cells += rep.secondary;
    EXPECT_TRUE(Attack(t).empty()) << "table " << i << " still leaks";
    for (size_t c = 0; c < t.cells.size(); ++c) {
      const Suppression was = primary_only.cells[c].status;
      if (IsSuppressed(was)) {
        EXPECT_EQ(t.cells[c].status, was);  // primary reasons are kept
      } else {
        EXPECT_TRUE(t.cells[c].status == Suppression::kNone ||
                    t.cells[c].status == Suppression::kSecondary);
      }
    }
  }
  EXPECT_FALSE(g_overflow);
  // The test could fail: without secondary suppression the attack works on many tables.
  EXPECT_GT(tables_attacked, 100);  // of 400
  std::printf(
      "400 tables: %d primary cells, attacker recovered %d cells in %d tables without "
      "secondary suppression; %d secondary cells added, 0 recovered after\n",
      primary_cells, cells_recovered, tables_attacked, secondary_cells);
}

TEST(AttackerTest, ExposureCheckAgreesWithExactEliminationOnRandomPatterns) {
  // Random suppression patterns (not from the rules) in larger two-way and hierarchical
  // tables: bridges and long cycles the group rule alone would not produce.
  Generator gen(7);
  std::mt19937 rng(99);
  int exposed_total = 0;
  for (int i = 0; i < 150; ++i) {
    SdcTable t = i % 3 == 0   ? gen.TwoWay()
                 : i % 3 == 1 ? gen.RegionByIndustry()
                              : gen.CrossHierarchy();
    const uint32_t density = 1 + rng() % 4;  // 10 % .. 40 %
    for (SdcCell& c : t.cells) {
      c.status = rng() % 10 < density ? Suppression::kThreshold : Suppression::kNone;
    }
    const std::vector<int> exact = CellsOf(Attack(t));
    EXPECT_EQ(ExposedCells(t), exact) << "table " << i;
    exposed_total += static_cast<int>(exact.size());
  }
  EXPECT_FALSE(g_overflow);
  EXPECT_GT(exposed_total, 50);
}

TEST(AttackerTest, LargeRegionByIndustryTable) {
  // 200 regions x 600 industries with margins (120,801 cells): not a timed test; the time is
  // printed for the record. Two shapes: a few per cent of the cells fail a primary rule (every
  // row and column holds several), and rare failures (one cell in 400: most rows and columns
  // then hold a single suppressed cell, so the group rule has to find complements).
  struct Shape {
    int min_firms, firm_spread, giant_one_in;
  };
  for (const Shape shape : {Shape{-4, 60, 20}, Shape{5, 20, 400}}) {
    std::mt19937 rng(2026);
    SdcTable t;
    const TwoWayLayout l = AddTwoWay(&t, 200, 600);
    const Stopwatch generation;
    int primary = 0;
    for (int r = 0; r < 200; ++r) {
      for (int c = 0; c < 600; ++c) {
        const int n =
            shape.min_firms + static_cast<int>(rng() % static_cast<uint32_t>(shape.firm_spread));
        std::vector<double> x;
        for (int k = 0; k < n; ++k) {
          const bool giant = k == 0 && rng() % static_cast<uint32_t>(shape.giant_one_in) == 0;
          x.push_back(1.0 + static_cast<double>(rng() % (giant ? 100000 : 1000)));
        }
        Result<Suppression> s = PrimarySuppression(x, SdcParams{});
        ASSERT_TRUE(s.ok());
        SdcCell& cell = t.cells[static_cast<size_t>(l.Cell(r, c))];
        cell.value = std::accumulate(x.begin(), x.end(), 0.0);
        cell.status = *s;
        primary += IsSuppressed(*s) ? 1 : 0;
      }
    }
    FillTwoWayTotals(&t, l);
    const std::string generation_time = generation.Elapsed();
    const Stopwatch secondary;
    ASSERT_OK_AND_ASSIGN(SecondaryReport rep, ApplySecondarySuppression(&t));
    const std::string secondary_time = secondary.Elapsed();
    EXPECT_TRUE(ExposedCells(t).empty());
    EXPECT_EQ(rep.primary, primary);
    std::printf(
        "200 x 600: %d primary, %d secondary (%d by the group rule), %d exact checks; "
        "generating and primary rules %s, secondary suppression %s\n",
        primary, rep.secondary, rep.by_group_rule, rep.exact_checks, generation_time.c_str(),
        secondary_time.c_str());
  }
}

}  // namespace
}  // namespace ballast::sdc

namespace ballast::sdc {
namespace {

TEST(AttackerTest, LargeHierarchyByIndustryTable) {
  // A province of 17 cities with 10 counties each (188 region nodes) x 200 industries and
  // their total: for every column, province = sum of cities and city = sum of its counties;
  // for every region node, its total = sum of industries. Not timed; printed for the record.
  // (With 600 industries a Release build took about 0.35 s of CPU; 200 keep the sanitizer
  // build of the tests short.)
  constexpr int kCities = 17, kCounties = 10, kIndustries = 200, kWidth = kIndustries + 1;
  std::mt19937 rng(2027);
  SdcTable t;
  const int nodes = 1 + kCities * (1 + kCounties);
  for (int i = 0; i < nodes * kWidth; ++i) t.AddCell(0);
  auto cell = [&](int node, int col) { return node * kWidth + col; };
  auto city = [&](int c) { return 1 + c * (1 + kCounties); };
  auto county = [&](int c, int k) { return city(c) + 1 + k; };
  std::vector<std::vector<double>> firms(static_cast<size_t>(nodes * kWidth));
  for (int c = 0; c < kCities; ++c) {
    for (int k = 0; k < kCounties; ++k) {
      for (int j = 0; j < kIndustries; ++j) {
        const int n = static_cast<int>(rng() % 8) - 2;
        for (int f = 0; f < n; ++f) {
          const bool giant = rng() % 20 == 0;
          const double v = 1.0 + static_cast<double>(rng() % (giant ? 100000 : 1000));
          for (int target :
               {cell(county(c, k), j), cell(county(c, k), kIndustries), cell(city(c), j),
                cell(city(c), kIndustries), cell(0, j), cell(0, kIndustries)}) {
            firms[static_cast<size_t>(target)].push_back(v);
          }
        }
      }
    }
  }
  int primary = 0;
  for (size_t i = 0; i < firms.size(); ++i) {
    Result<Suppression> s = PrimarySuppression(firms[i], SdcParams{});
    ASSERT_TRUE(s.ok());
    t.cells[i].value = std::accumulate(firms[i].begin(), firms[i].end(), 0.0);
    t.cells[i].status = *s;
    primary += IsSuppressed(*s) ? 1 : 0;
  }
  for (int col = 0; col < kWidth; ++col) {
    std::vector<int> cities;
    for (int c = 0; c < kCities; ++c) {
      cities.push_back(cell(city(c), col));
      std::vector<int> counties;
      for (int k = 0; k < kCounties; ++k) counties.push_back(cell(county(c, k), col));
      t.AddConstraint(cell(city(c), col), counties);
    }
    t.AddConstraint(cell(0, col), cities);
  }
  for (int node = 0; node < nodes; ++node) {
    std::vector<int> cols;
    for (int j = 0; j < kIndustries; ++j) cols.push_back(cell(node, j));
    t.AddConstraint(cell(node, kIndustries), cols);
  }
  const Stopwatch secondary;
  ASSERT_OK_AND_ASSIGN(SecondaryReport rep, ApplySecondarySuppression(&t));
  const std::string secondary_time = secondary.Elapsed();
  EXPECT_TRUE(ExposedCells(t).empty());
  std::printf(
      "188 regions (3 levels) x %d: %zu cells, %zu constraints, %d primary, %d "
      "secondary, %d exact checks; secondary suppression %s\n",
      kIndustries, t.cells.size(), t.constraints.size(), primary, rep.secondary, rep.exact_checks,
      secondary_time.c_str());
}

}  // namespace
}  // namespace ballast::sdc
