// `ballast stl` run as a user would. The expected values are R 4.2.2 stats::stl's, written by
// test/data/stl/make_golden.R (nottem, s.window 11, robust: the case where R's partial-sort
// median matters, n = 240 being even).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "testing/testing.h"

namespace ballast {
namespace {

struct CliRun {
  int code;
  std::string out, err;
};

CliRun Ballast(const std::string& args, const testing::TempDir& dir) {
  const std::string err_file = dir.File("stderr.txt");
  const std::string cmd = std::string(BALLAST_BINARY) + " " + args + " 2>" + err_file;
  FILE* p = ::popen(cmd.c_str(), "r");
  std::string out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  const int status = ::pclose(p);
  std::ifstream in(err_file);
  std::stringstream err;
  err << in.rdbuf();
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out, err.str()};
}

std::string Golden(const std::string& name) {
  const char* src = std::getenv("BALLAST_SOURCE_DIR");
  return std::string(src ? src : ".") + "/test/data/stl/" + name;
}

std::vector<std::vector<double>> Numbers(const std::string& text, size_t skip_columns = 0) {
  std::vector<std::vector<double>> rows;
  std::stringstream in(text);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<double> row;
    std::stringstream cells(line);
    std::string cell;
    for (size_t c = 0; std::getline(cells, cell, ','); ++c) {
      if (c >= skip_columns) row.push_back(std::stod(cell));
    }
    rows.push_back(row);
  }
  return rows;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(StlCliTest, ReproducesRRobustNottem) {
  testing::TempDir dir;
  const CliRun r = Ballast(
      "stl --period 12 --s-window 11 --robust --input " + Golden("nottem_sw11_robust.csv"), dir);
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_TRUE(r.out.starts_with("seasonal,trend,remainder\n"));
  const auto got = Numbers(r.out);
  const auto expected = Numbers(Slurp(Golden("nottem_sw11_robust.expected.csv")));
  const auto x = Numbers(Slurp(Golden("nottem_sw11_robust.csv")), 1);
  ASSERT_EQ(got.size(), 240u);
  ASSERT_EQ(expected.size(), 240u);
  double max_abs = 1;
  for (const auto& row : x) max_abs = std::max(max_abs, std::abs(row[0]));
  for (size_t i = 0; i < got.size(); ++i) {
    ASSERT_EQ(got[i].size(), 3u);
    for (int c = 0; c < 3; ++c) EXPECT_NEAR(got[i][c], expected[i][c], 1e-6 * max_abs) << i;
  }
}

TEST(StlCliTest, ReadsStandardInputAndPeriodic) {
  testing::TempDir dir;
  // 10 + a period-4 pattern: seasonal = pattern, trend = 10 (see ts/stl_test.cpp).
  std::string csv = "t,x\n";
  const double pattern[4] = {3, -1, -4, 2};
  for (int i = 0; i < 9; ++i)
    csv += std::to_string(i + 1) + "," + std::to_string(10 + pattern[i % 4]) + "\n";
  dir.Write("in.csv", csv);
  const CliRun r = Ballast("stl --period 4 --s-window periodic < " + dir.File("in.csv"), dir);
  ASSERT_EQ(r.code, 0) << r.err;
  const auto got = Numbers(r.out);
  ASSERT_EQ(got.size(), 9u);
  for (size_t i = 0; i < 9; ++i) {
    EXPECT_NEAR(got[i][0], pattern[i % 4], 1e-9);
    EXPECT_NEAR(got[i][1], 10, 1e-9);
  }
}

TEST(StlCliTest, BadInputExitsTwoNamingTheLine) {
  testing::TempDir dir;
  dir.Write("blank.csv", "t,x\n1,1\n2,2\n3,\n4,4\n5,5\n");
  CliRun r = Ballast("stl --period 2 --s-window 7 --input " + dir.File("blank.csv"), dir);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("line 4"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());

  dir.Write("text.csv", "x\n1\n2\n3\nn/a\n5\n");
  r = Ballast("stl --period 2 --s-window 7 --input " + dir.File("text.csv"), dir);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("line 5"), std::string::npos) << r.err;

  // 2 period + 1 = 9 rows needed, 8 given: the last line (9) is named.
  dir.Write("short.csv", "x\n1\n2\n3\n4\n5\n6\n7\n8\n");
  r = Ballast("stl --period 4 --s-window 7 --input " + dir.File("short.csv"), dir);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("line 9"), std::string::npos) << r.err;

  r = Ballast("stl --period 4 --s-window weekly --input " + dir.File("short.csv"), dir);
  EXPECT_EQ(r.code, 2);

  // The header names two columns; line 3 has one: its value (the last column) is blank.
  dir.Write("ragged.csv", "t,x\n1,1\n2\n3,3\n4,4\n5,5\n");
  r = Ballast("stl --period 2 --s-window 7 --input " + dir.File("ragged.csv"), dir);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("line 3"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace ballast
