// `ballast query` with groups and tags (issue #12 item 5), run as a user would: the real binary.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <string>

#include "test/test_util.h"

namespace ballast::test {
namespace {

struct CliResult {
  int code;
  std::string out;
};

std::string Shortest(double x) {
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, p);
}

class GroupsCliTest : public ::testing::Test {
 protected:
  // Runs the binary with `env` before it; stderr joins stdout.
  CliResult Ballast(const std::string& args, const std::string& env = "") {
    const std::string cmd = env + " " + std::string(BALLAST_BINARY) + " " + args + " 2>&1";
    FILE* p = ::popen(cmd.c_str(), "r");
    std::string out;
    std::array<char, 4096> buf;
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    const int status = ::pclose(p);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
  }
  void SetUp() override {
    std::filesystem::create_directories(dir_.File("groups"));
    dir_.Write("e.csv", kEnterprisesCsv);
    dir_.Write("o.csv", kObservationsCsv);
    ASSERT_EQ(Ballast("init --db " + Db()).code, 0);
    ASSERT_EQ(Ballast("import --db " + Db() + " " + dir_.File("e.csv")).code, 0);
    ASSERT_EQ(Ballast("import --db " + Db() + " " + dir_.File("o.csv")).code, 0);
  }
  std::string Db() { return dir_.File("s.db"); }
  std::string Query(const std::string& rest) {
    return "query --db " + Db() + " --indicator output_value --period 2025-03 " + rest;
  }
  TempDir dir_;
};

// test_util.cpp: 甲 410102 3311 专精特新 100 → 120; 乙 410102 1311 100 → 80; 丙 419001 3311 链主
// 30, prior 20.
TEST_F(GroupsCliTest, IndustryGroupsAndTags) {
  // 装备制造业 (33–40): 甲 and 丙, (120 + 30) / (100 + 20) − 1.
  auto r = Ballast(Query("--measure yoy --industry @equipment"));
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(r.out,
            "region,industry,period,indicator,measure,value,n\n100000,@equipment,2025-03,output_"
            "value,yoy," +
                Shortest((150.0 / 120.0 - 1) * 100) + ",2\n");
  // 消费品制造业 holds 乙 (13); its share is against all industry.
  auto s = Ballast(Query("--measure share --industry @consumer"));
  ASSERT_EQ(s.code, 0) << s.out;
  EXPECT_NE(s.out.find(",share," + Shortest(80.0 / 230.0 * 100) + ",1\n"), std::string::npos)
      << s.out;
  // Tags, repeated: any of them.
  auto t = Ballast(Query("--measure value --tag 专精特新 --tag 链主"));
  ASSERT_EQ(t.code, 0) << t.out;
  EXPECT_NE(t.out.find(",value,150,2\n"), std::string::npos) << t.out;
  // A group of the wrong dimension, or unknown, is a clear error (exit 2).
  auto bad = Ballast(Query("--measure value --region @hightech"));
  EXPECT_EQ(bad.code, 2) << bad.out;
  EXPECT_NE(bad.out.find("region: '@hightech' is a group of industries"), std::string::npos)
      << bad.out;
}

TEST_F(GroupsCliTest, UserGroupsFromTheFolder) {
  dir_.Write("groups/zz.csv",
             "# name_zh: 郑州和济源\n# dimension: region\n# source: "
             "test\ncode,name\n410100,郑州市\n419001,济源市\n");
  const std::string env = "BALLAST_GROUPS_DIR=" + dir_.File("groups");
  auto r = Ballast(Query("--measure value --region @zz"), env);
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("@zz,BCD,2025-03,output_value,value,230,3\n"), std::string::npos) << r.out;
  // A bad file names itself, its line and the field.
  dir_.Write("groups/bad.csv", "# name_zh: 坏\n# dimension: region\ncode\n410100\n999999\n");
  auto bad = Ballast(Query("--measure value --region @zz"), env);
  EXPECT_EQ(bad.code, 2) << bad.out;
  EXPECT_NE(bad.out.find("bad.csv: code: '999999' is not a GB/T 2260 region code"),
            std::string::npos)
      << bad.out;
}

}  // namespace
}  // namespace ballast::test
