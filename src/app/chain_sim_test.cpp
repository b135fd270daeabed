#include "app/chain_sim.h"

#include <fstream>
#include <sstream>

#include "testing/testing.h"

namespace ballast::app {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class ChainSimAppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write(
        "f.csv",
        "firm,sector,final_demand,initial_output\nore,m,0,40\nmill,x,10,50\nmaker,x,100,100\n");
    dir_.Write("l.csv", "supplier,customer,value\nore,mill,40\nmill,maker,40\n");
    dir_.Write("s.csv", "firm,day_from,day_to,delta\nore,0,9,1\n");
    req_.firms = dir_.File("f.csv");
    req_.links = dir_.File("l.csv");
    req_.shocks = dir_.File("s.csv");
    req_.out = dir_.File("out.csv");
    req_.params.days = 5;
    req_.params.tau = 5;
    req_.params.inventory_days = 2;
  }
  testing::TempDir dir_;
  ChainSimRequest req_;
};

// Totals by hand in chain/sim/model_test.cpp (StoppedSupplierEmptiesItsCustomersStocks).
TEST_F(ChainSimAppTest, WritesDailyTotals) {
  ASSERT_OK_AND_ASSIGN(auto outcome, RunChainSimulation(req_));
  EXPECT_TRUE(outcome.warnings.empty());
  EXPECT_EQ(Slurp(req_.out), "day,output\n-1,190\n0,150\n1,150\n2,100\n3,100\n4,0\n");
}

TEST_F(ChainSimAppTest, WritesPerFirmOutputToStdoutText) {
  req_.out = "-";
  req_.params.days = 1;
  req_.params.per_firm = true;
  req_.rationing = "priority";
  ASSERT_OK_AND_ASSIGN(auto outcome, RunChainSimulation(req_));
  EXPECT_EQ(
      outcome.text,
      "day,firm,output\n-1,ore,40\n-1,mill,50\n-1,maker,100\n0,ore,0\n0,mill,50\n0,maker,100\n");
}

TEST_F(ChainSimAppTest, BadInputIsAUserErrorAndWritesNothing) {
  dir_.Write("s.csv", "firm,day_from,day_to,delta\nore,0,9,2\n");
  auto r = RunChainSimulation(req_);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsUserError());
  EXPECT_NE(r.status().message().find("s.csv:2: field 'delta'"), std::string::npos)
      << r.status().message();
  EXPECT_FALSE(std::filesystem::exists(req_.out));
  req_.rationing = "random";
  EXPECT_TRUE(RunChainSimulation(req_).status().IsUserError());
}

TEST_F(ChainSimAppTest, WarnsWhenInitialOutputIsNotTheEquilibrium) {
  dir_.Write(
      "f.csv",
      "firm,sector,final_demand,initial_output\nore,m,0,41\nmill,x,10,50\nmaker,x,100,100\n");
  ASSERT_OK_AND_ASSIGN(auto outcome, RunChainSimulation(req_));
  ASSERT_EQ(outcome.warnings.size(), 1u);
  EXPECT_NE(outcome.warnings[0].find("ore"), std::string::npos);
  EXPECT_EQ(Slurp(req_.out).substr(0, 18), "day,output\n-1,190\n");
}

}  // namespace
}  // namespace ballast::app
