// `ballast region-series import` and `ballast query` of a region indicator, run as a user would:
// the real binary, its stdout, stderr and exit codes.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "testing/testing.h"

namespace ballast {
namespace {

struct CliRun {
  int code;
  std::string out, err;
};

class RegionSeriesCliTest : public ::testing::Test {
 protected:
  CliRun Ballast(const std::string& args) {
    const std::string err_file = dir_.File("stderr.txt");
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
  std::string Db() { return dir_.File("s.db"); }
  testing::TempDir dir_;
};

TEST_F(RegionSeriesCliTest, ImportThenQueryAsPublished) {
  ASSERT_EQ(Ballast("init --db " + Db()).code, 0);
  dir_.Write("rs.csv",
             "region,period,indicator,value,ytd,yoy,ytd_yoy\n"
             "410100,2024-03,gdp,2800,2800,,\n"
             "410100,2025-03,gdp,3500,3500,,\n"
             "410300,2025-03,gdp,1500,1500,,4.5\n");
  auto r = Ballast("region-series import --db " + Db() + " " + dir_.File("rs.csv"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "imported 3 region-series rows from rs.csv (csv-utf8)\n");
  // 3500 / 2800 − 1 = 25 % (no growth published: from the levels of both years).
  auto q = Ballast("query --db " + Db() +
                   " --indicator gdp --measure ytd_yoy --period 2025-03 --region 410100");
  ASSERT_EQ(q.code, 0) << q.err;
  EXPECT_EQ(
      q.out,
      "region,industry,period,indicator,measure,value,n\n410100,BCD,2025-03,gdp,ytd_yoy,25,0\n");
  // Published growth is used as published.
  q = Ballast("query --db " + Db() +
              " --indicator gdp --measure ytd_yoy --period 2025-03 --region 410300");
  ASSERT_EQ(q.code, 0) << q.err;
  EXPECT_EQ(
      q.out,
      "region,industry,period,indicator,measure,value,n\n410300,BCD,2025-03,gdp,ytd_yoy,4.5,0\n");
  // Henan published none and GDP is not additive: undefined (an empty value), not a sum.
  q = Ballast("query --db " + Db() +
              " --indicator gdp --measure ytd --period 2025-03 --region 410000");
  ASSERT_EQ(q.code, 0) << q.err;
  EXPECT_EQ(q.out,
            "region,industry,period,indicator,measure,value,n\n410000,BCD,2025-03,gdp,ytd,,0\n");
}

TEST_F(RegionSeriesCliTest, BadFileExitsTwoNamingFileLineFieldAndWritesNothing) {
  ASSERT_EQ(Ballast("init --db " + Db()).code, 0);
  dir_.Write("bad.csv",
             "region,period,indicator,value,ytd,yoy,ytd_yoy\n"
             "410100,2025-03,gdp,3000,,,\n"
             "410100,2025-03,gdp,x,,,\n");
  auto r = Ballast("region-series import --db " + Db() + " " + dir_.File("bad.csv"));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("bad.csv:3: value: 'x' is not a number"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nothing imported"), std::string::npos) << r.err;
  auto q = Ballast("query --db " + Db() +
                   " --indicator gdp --measure value --period 2025-03 --region 410100");
  ASSERT_EQ(q.code, 0) << q.err;
  EXPECT_EQ(q.out,
            "region,industry,period,indicator,measure,value,n\n410100,BCD,2025-03,gdp,value,,0\n");
}

}  // namespace
}  // namespace ballast
