// The CLI contracts of docs/chains.md: exact output and exit codes.
#include "cli/chain_commands.h"

#include <gtest/gtest.h>

#include <sstream>

#include "testing/testing.h"

namespace ballast::cli {
namespace {

class ChainCommandsTest : public ::testing::Test {
 protected:
  std::string Links(const std::string& rows) {
    dir_.Write("links.csv", "supplier,customer,product,value,lead_days\n" + rows);
    return dir_.File("links.csv");
  }
  ::ballast::testing::TempDir dir_;
  std::ostringstream out_, err_;
};

TEST_F(ChainCommandsTest, CascadePrintsTheOtherFailedFirmsSorted) {
  const std::string f = Links("R,b,r,1,\nR,B,r,1,2\nb,C,p,1,\nB,C,p,1,\nC,D,c,1,\n");
  EXPECT_EQ(RunChainCascade(f, "R", out_, err_), 0);
  EXPECT_EQ(out_.str(), "B\nC\nD\nb\n");  // byte order: upper case first
}

TEST_F(ChainCommandsTest, CascadeNothingFailsOrUnknownFirm) {
  const std::string f = Links("R,A,r,1,\nR,B,r,1,\nA,C,p,1,\nB,C,p,1,\n");
  EXPECT_EQ(RunChainCascade(f, "A", out_, err_), 0);
  EXPECT_EQ(out_.str(), "");
  EXPECT_EQ(RunChainCascade(f, "nobody", out_, err_), 0);
  EXPECT_EQ(out_.str(), "");
}

TEST_F(ChainCommandsTest, BadInputExitsTwoNamingFileLineField) {
  const std::string f = Links("A,B,p,1,\nA,B,p,x,\n");
  EXPECT_EQ(RunChainCascade(f, "A", out_, err_), 2);
  EXPECT_EQ(out_.str(), "");
  EXPECT_NE(err_.str().find("links.csv:3: value: 'x'"), std::string::npos) << err_.str();
  EXPECT_EQ(RunChainAnalyze(f, "A", "csv", out_, err_), 2);
  EXPECT_EQ(RunChainCascade(dir_.File("missing.csv"), "A", out_, err_), 2);
}

TEST_F(ChainCommandsTest, AnalyzeCsv) {
  const std::string f = Links("R,A,r,1,\nR,B,r,1,\nA,C,p,1,\nB,C,p,1,\nC,D,c,1,\nC,D,d,1,\n");
  EXPECT_EQ(RunChainAnalyze(f, "R", "csv", out_, err_), 0);
  EXPECT_EQ(out_.str(),
            "firm,idom,betweenness,articulation\n"
            "A,R,1,0\n"
            "B,R,1,0\n"
            "C,R,3,1\n"
            "D,C,0,0\n"
            "R,,0,0\n");
  EXPECT_EQ(RunChainAnalyze(f, "R", "json", out_, err_), 2);
}

TEST_F(ChainCommandsTest, IoAnalyzeAndInverseOnMillerBlair) {
  dir_.Write("mb.csv", "code,1,2,f,GO\n1,150,500,350,1000\n2,200,100,1700,2000\n");
  EXPECT_EQ(RunIoAnalyze(dir_.File("mb.csv"), "csv", out_, err_), 0);
  std::istringstream lines(out_.str());
  std::string header, one, two;
  std::getline(lines, header);
  std::getline(lines, one);
  std::getline(lines, two);
  EXPECT_EQ(header, "code,backward,forward,key,extraction_loss_pct");
  EXPECT_EQ(one.substr(0, 2), "1,");
  EXPECT_NE(one.find(",1,"), std::string::npos);  // sector 1 is key
  EXPECT_NE(two.find(",0,"), std::string::npos);
  out_.str("");
  EXPECT_EQ(RunIoInverse(dir_.File("mb.csv"), "leontief", out_, err_), 0);
  EXPECT_EQ(out_.str().substr(0, out_.str().find('\n')), "code,1,2");
  // L_11 = 380/303 printed in shortest round-trip form.
  EXPECT_NE(out_.str().find("\n1,1.254125412541254"), std::string::npos) << out_.str();
  EXPECT_EQ(RunIoInverse(dir_.File("mb.csv"), "other", out_, err_), 2);
}

}  // namespace
}  // namespace ballast::cli
