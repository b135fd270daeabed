// `ballast chain simulate` run as a user would: the real binary against the daily totals that
// proNet printed for the committed toy cases (src/chain/sim/testdata), and its bad-input exits.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <charconv>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "testing/testing.h"

namespace ballast::test {
namespace {

const std::string kData = BALLAST_SOURCE_DIR "/src/chain/sim/testdata/";

struct CliRun {
  int code;
  std::string out;
};

// Runs the binary with `args`; stderr goes to the file `err`.
CliRun Ballast(const std::string& args, const std::string& err) {
  const std::string cmd = std::string(BALLAST_BINARY) + " " + args + " 2>" + err;
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  const int status = pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::pair<std::string, double>> Rows(const std::string& csv) {
  std::vector<std::pair<std::string, double>> rows;
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    const size_t comma = line.rfind(',');
    double v = -1;
    std::from_chars(line.data() + comma + 1, line.data() + line.size(), v);
    rows.emplace_back(line.substr(0, comma), v);
  }
  return rows;
}

TEST(ChainSimCliTest, PrintsProNetsDailyTotals) {
  testing::TempDir dir;
  std::istringstream cases(Slurp(kData + "cases.csv"));
  std::string line;
  std::getline(cases, line);
  int checked = 0;
  while (std::getline(cases, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, ',');) f.push_back(x);
    f.resize(8);
    SCOPED_TRACE(f[0]);
    const std::string eco = kData + f[1] + "/";
    std::string args = "chain simulate --firms " + eco + "firms.csv --links " + eco +
                       "links.csv --days " + f[3] + " --tau " + f[4] + " --inventory-days " + f[5] +
                       " --rationing " + f[6] + " --out " + dir.File("out.csv");
    if (!f[2].empty()) args += " --shocks " + eco + f[2];
    if (!f[7].empty()) args += " --recovery-days " + f[7];
    CliRun r = Ballast(args, dir.File("err"));
    ASSERT_EQ(r.code, 0) << Slurp(dir.File("err"));
    const std::string got = Slurp(dir.File("out.csv"));
    ASSERT_EQ(got.rfind("day,output\n", 0), 0u);
    EXPECT_EQ(Rows(got), Rows(Slurp(kData + "expected/" + f[0] + ".csv")));
    ++checked;
  }
  EXPECT_EQ(checked, 13);
}

TEST(ChainSimCliTest, PerFirmRowsAndStdout) {
  testing::TempDir dir;
  const std::string eco = kData + "chain3/";
  CliRun r = Ballast("chain simulate --firms " + eco + "firms.csv --links " + eco +
                         "links.csv --shocks " + eco +
                         "shocks_ore.csv --days 1 --tau 5 --inventory-days 2 --rationing priority "
                         "--per-firm --out -",
                     dir.File("err"));
  ASSERT_EQ(r.code, 0) << Slurp(dir.File("err"));
  EXPECT_EQ(
      r.out,
      "day,firm,output\n-1,ore,40\n-1,mill,50\n-1,maker,100\n0,ore,0\n0,mill,50\n0,maker,100\n");
}

TEST(ChainSimCliTest, BadInputExitsTwoNamingFileLineAndField) {
  testing::TempDir dir;
  dir.Write("l.csv", "supplier,customer,value\nore,mill,40\nmill,maker,-3\n");
  const std::string eco = kData + "chain3/";
  CliRun r = Ballast("chain simulate --firms " + eco + "firms.csv --links " + dir.File("l.csv") +
                         " --days 3 --tau 5 --inventory-days 2 --rationing priority --out " +
                         dir.File("o.csv"),
                     dir.File("err"));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(Slurp(dir.File("err")).find("l.csv:3: field 'value'"), std::string::npos)
      << Slurp(dir.File("err"));
  EXPECT_FALSE(std::filesystem::exists(dir.File("o.csv")));
  // A required option missing, an unknown rationing.
  EXPECT_EQ(
      Ballast("chain simulate --firms " + eco + "firms.csv --links " + eco + "links.csv --days 3",
              dir.File("err"))
          .code,
      2);
  EXPECT_EQ(Ballast("chain simulate --firms " + eco + "firms.csv --links " + eco +
                        "links.csv --days 3 --tau 5 --inventory-days 2 --rationing fair --out -",
                    dir.File("err"))
                .code,
            2);
}

}  // namespace
}  // namespace ballast::test
