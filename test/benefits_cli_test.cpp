// `ballast benefits import|list|match` (issue 14 item 6), run as a user would: the real binary.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

#include "test/test_util.h"

namespace ballast::test {
namespace {

struct CliResult {
  int code;
  std::string out;
};

class BenefitsCliTest : public ::testing::Test {
 protected:
  // Runs the binary; stderr joins stdout.
  CliResult Ballast(const std::string& args) {
    const std::string cmd = std::string(BALLAST_BINARY) + " " + args + " 2>&1";
    FILE* p = ::popen(cmd.c_str(), "r");
    std::string out;
    std::array<char, 4096> buf;
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    const int status = ::pclose(p);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
  }
  void SetUp() override {
    dir_.Write("e.csv", kEnterprisesCsv);
    dir_.Write("o.csv", kObservationsCsv);
    ASSERT_EQ(Ballast("init --db " + Db()).code, 0);
    ASSERT_EQ(Ballast("import --db " + Db() + " " + dir_.File("e.csv")).code, 0);
    ASSERT_EQ(Ballast("import --db " + Db() + " " + dir_.File("o.csv")).code, 0);
  }
  std::string Db() { return dir_.File("s.db"); }
  TempDir dir_;
};

// test_util.cpp: 甲 410102 3311 large 专精特新; 乙 410102 1311 medium; 丙 419001 3311 small 链主.
TEST_F(BenefitsCliTest, ImportListAndMatch) {
  dir_.Write("p.csv",
             "id,title,conditions,valid_from,valid_to\n"
             "T1,专精特新奖励,\"tag = 专精特新; industry = 33\",2025-01-01,2099-12-31\n"
             "T2,郑州小企业,\"region = 410100; size = small, micro\",,\n");
  auto imported = Ballast("benefits import --db " + Db() + " " + dir_.File("p.csv"));
  ASSERT_EQ(imported.code, 0) << imported.out;
  EXPECT_NE(imported.out.find("2 new, 0 updated"), std::string::npos) << imported.out;
  auto list = Ballast("benefits list --db " + Db());
  ASSERT_EQ(list.code, 0) << list.out;
  EXPECT_NE(
      list.out.find("T1,专精特新奖励,,,2025-01-01,2099-12-31,yes,tag = 专精特新; industry = 33\n"),
      std::string::npos)
      << list.out;
  // T1: only 甲 carries the tag (and 3311 lies under 33).
  auto m = Ballast("benefits match --db " + Db() + " --policy T1");
  ASSERT_EQ(m.code, 0) << m.out;
  EXPECT_NE(m.out.find("matched,91310110666007217T,甲装备有限公司,410102,3311,large,"),
            std::string::npos)
      << m.out;
  EXPECT_EQ(m.out.find("91310115591693856A"), std::string::npos) << m.out;
  EXPECT_NE(m.out.find("1 matched, 0 待核实 of 3 enterprises in 100000"), std::string::npos)
      << m.out;
  // T2: 乙 is medium, 甲 large, 丙 small but in 济源: nobody.
  auto none = Ballast("benefits match --db " + Db() + " --policy T2 --region 410100");
  ASSERT_EQ(none.code, 0) << none.out;
  EXPECT_NE(none.out.find("0 matched, 0 待核实 of 2 enterprises in 410100"), std::string::npos)
      << none.out;
  // A bad row: exit code 2, file, line and field named; nothing written.
  dir_.Write("bad.csv", "id,title,conditions\nT3,x,\nT4,y,revenue = 5\n");
  auto bad = Ballast("benefits import --db " + Db() + " " + dir_.File("bad.csv"));
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(
      bad.out.find("bad.csv:3: conditions: condition 1 'revenue = 5': a figure takes >= or <="),
      std::string::npos)
      << bad.out;
  EXPECT_EQ(Ballast("benefits list --db " + Db()).out.find("T3"), std::string::npos);
  EXPECT_EQ(Ballast("benefits match --db " + Db() + " --policy NOPE").code, 2);
}

}  // namespace
}  // namespace ballast::test
