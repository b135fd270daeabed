// Compares ts::Stl with R's stats::stl. The goldens in test/data/stl come from R 4.2.2
// stats::stl, written by test/data/stl/make_golden.R (co2 and nottem from R's datasets, short
// series, outliers with robust fits, periodic, s.degree 1, even windows, loess jumps).
#include "ts/stl.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "testing/testing.h"

namespace ballast::ts {
namespace {

std::string GoldenDir() {
  const char* src = std::getenv("BALLAST_SOURCE_DIR");
  return std::string(src ? src : ".") + "/test/data/stl/";
}

// The goldens are plain CSV (no quotes): a header row, then comma-separated fields.
std::vector<std::vector<std::string>> ReadRows(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) cells.push_back(cell);
    if (line.back() == ',') cells.push_back("");
    rows.push_back(cells);
  }
  return rows;
}

TEST(StlTest, MatchesREveryGoldenCase) {
  const auto cases = ReadRows(GoldenDir() + "cases.csv");
  ASSERT_GE(cases.size(), 15u);
  for (const auto& c : cases) {
    ASSERT_EQ(c.size(), 8u);
    SCOPED_TRACE(c[0]);
    StlOptions o;
    o.period = std::stoi(c[1]);
    if (c[2] == "periodic") {
      o.periodic = true;
    } else {
      o.s_window = std::stoi(c[2]);
    }
    if (!c[3].empty()) o.t_window = std::stoi(c[3]);
    o.s_degree = std::stoi(c[4]);
    o.robust = c[5] == "1";
    if (!c[6].empty()) o.inner = std::stoi(c[6]);
    if (!c[7].empty()) o.outer = std::stoi(c[7]);

    std::vector<double> x;
    for (const auto& row : ReadRows(GoldenDir() + c[0] + ".csv")) x.push_back(std::stod(row[1]));
    const auto expected = ReadRows(GoldenDir() + c[0] + ".expected.csv");
    ASSERT_EQ(expected.size(), x.size());
    double max_abs = 1.0;
    for (double v : x) max_abs = std::max(max_abs, std::abs(v));
    const double tol = 1e-6 * max_abs;

    ASSERT_OK_AND_ASSIGN(StlResult r, Stl(x, o));
    ASSERT_EQ(r.seasonal.size(), x.size());
    int bad = 0;
    for (size_t i = 0; i < x.size() && bad < 5; ++i) {
      const double es = std::stod(expected[i][0]), et = std::stod(expected[i][1]),
                   er = std::stod(expected[i][2]), ew = std::stod(expected[i][3]);
      if (std::abs(r.seasonal[i] - es) > tol || std::abs(r.trend[i] - et) > tol ||
          std::abs(r.remainder[i] - er) > tol || std::abs(r.weights[i] - ew) > 1e-6) {
        ++bad;
        ADD_FAILURE() << "row " << i + 1 << ": seasonal " << r.seasonal[i] << " vs " << es
                      << ", trend " << r.trend[i] << " vs " << et << ", remainder "
                      << r.remainder[i] << " vs " << er << ", weight " << r.weights[i] << " vs "
                      << ew;
      }
    }
  }
}

TEST(StlTest, ResolvesRDefaults) {
  // Hand-computed from R's stl(): period 12, s.window 7 → t.window = nextodd(ceiling(18 /
  // (1 - 1.5/7))) = nextodd(ceiling(22.909)) = 23; l.window = nextodd(12) = 13; jumps ceil(w/10).
  StlOptions o;
  o.s_window = 7;
  ASSERT_OK_AND_ASSIGN(StlParams p, ResolveStlOptions(o, 100));
  EXPECT_EQ(p.t_window, 23);
  EXPECT_EQ(p.l_window, 13);
  EXPECT_EQ(p.s_jump, 1);
  EXPECT_EQ(p.t_jump, 3);
  EXPECT_EQ(p.l_jump, 2);
  EXPECT_EQ(p.inner, 2);
  EXPECT_EQ(p.outer, 0);
  // periodic: s.window = 10 n + 1 = 1001, s.jump = ceiling(100.1) = 101, t.window =
  // nextodd(ceiling(18 / (1 - 1.5/1001))) = nextodd(19) = 19, robust: inner 1, outer 15.
  o.periodic = true;
  o.s_degree = 1;
  o.robust = true;
  ASSERT_OK_AND_ASSIGN(p, ResolveStlOptions(o, 100));
  EXPECT_EQ(p.s_window, 1001);
  EXPECT_EQ(p.s_degree, 0);
  EXPECT_EQ(p.s_jump, 101);
  EXPECT_EQ(p.t_window, 19);
  EXPECT_EQ(p.inner, 1);
  EXPECT_EQ(p.outer, 15);
}

TEST(StlTest, RejectsShortSeries) {
  StlOptions o;
  o.period = 4;
  o.s_window = 7;
  EXPECT_FALSE(Stl(std::vector<double>(8, 1.0), o).ok());  // 2 period
  EXPECT_OK(Stl(std::vector<double>(9, 1.0), o));          // 2 period + 1
  o.period = 1;
  EXPECT_FALSE(Stl(std::vector<double>(9, 1.0), o).ok());
}

TEST(StlTest, LevelPlusPatternIsRecovered) {
  // x = 10 + a zero-mean period-4 pattern. By hand: the cycle-subseries are constant (their loess
  // is the subseries value), the moving averages of the pattern are 10, so seasonal = pattern,
  // trend = 10, remainder = 0 from the first inner pass on.
  const double pattern[4] = {3, -1, -4, 2};
  std::vector<double> x;
  for (int i = 0; i < 41; ++i) x.push_back(10 + pattern[i % 4]);
  for (bool periodic : {false, true}) {
    StlOptions o;
    o.period = 4;
    o.periodic = periodic;
    o.s_window = 7;
    o.robust = !periodic;
    ASSERT_OK_AND_ASSIGN(StlResult r, Stl(x, o));
    for (int i = 0; i < 41; ++i) {
      EXPECT_NEAR(r.seasonal[i], pattern[i % 4], 1e-9) << i;
      EXPECT_NEAR(r.trend[i], 10, 1e-9) << i;
      EXPECT_NEAR(r.remainder[i], 0, 1e-9) << i;
    }
  }
}

}  // namespace
}  // namespace ballast::ts
