#include "chain/sim/economy.h"

#include "testing/testing.h"

namespace ballast::chain::sim {
namespace {

const char* kFirms = "firm,sector,final_demand,initial_output\na,s1,10,15\nb,s2,5,5\n";
const char* kLinks = "supplier,customer,value\na,b,5\n";

std::string ErrorOf(const std::string& firms, const std::string& links) {
  auto r = ParseEconomy(firms, links, "F.csv", "L.csv");
  return r.ok() ? "" : r.status().message();
}

TEST(EconomyTest, ParsesFirmsLinksAndShocks) {
  ASSERT_OK_AND_ASSIGN(Economy e, ParseEconomy("\xEF\xBB\xBF"
                                               "firm,sector,final_demand,initial_output\r\n"
                                               "a,s1,10,15\r\n\"b\",s2,5,5\r\n",
                                               kLinks));
  ASSERT_EQ(e.num_firms(), 2u);
  EXPECT_EQ(e.firm_ids[1], "b");
  EXPECT_EQ(e.num_sectors, 2);
  ASSERT_EQ(e.links.size(), 1u);
  EXPECT_EQ(e.links[0].supplier, 0);
  EXPECT_EQ(e.links[0].customer, 1);
  EXPECT_TRUE(InconsistentInitialOutput(e).empty());
  ASSERT_OK_AND_ASSIGN(auto shocks, ParseShocks("firm,day_from,day_to,delta\nb,2,4,0.5\n", e));
  ASSERT_EQ(shocks.size(), 1u);
  EXPECT_EQ(shocks[0].firm, 1);
  EXPECT_EQ(shocks[0].day_to, 4);
}

TEST(EconomyTest, FlagsInitialOutputThatIsNotTheEquilibrium) {
  ASSERT_OK_AND_ASSIGN(
      Economy e,
      ParseEconomy("firm,sector,final_demand,initial_output\na,s,10,99\nb,s,5,5\n", kLinks));
  EXPECT_EQ(EquilibriumOutput(e)[0], 15);
  ASSERT_EQ(InconsistentInitialOutput(e).size(), 1u);
  EXPECT_EQ(InconsistentInitialOutput(e)[0], "a");
}

TEST(EconomyTest, BadInputNamesFileLineAndField) {
  EXPECT_EQ(ErrorOf("firm,sector,final_demand\n", kLinks)
                .rfind("F.csv:1: header lacks column 'initial_output'", 0),
            0u);
  EXPECT_EQ(ErrorOf("firm,sector,final_demand,initial_output\na,s,x,1\n", kLinks)
                .rfind("F.csv:2: field 'final_demand'", 0),
            0u);
  EXPECT_EQ(ErrorOf("firm,sector,final_demand,initial_output\na,s,-1,1\n", kLinks)
                .rfind("F.csv:2: field 'final_demand'", 0),
            0u);
  EXPECT_EQ(ErrorOf("firm,sector,final_demand,initial_output\na,s,1,1\na,s,1,1\n", kLinks)
                .rfind("F.csv:3: field 'firm'", 0),
            0u);
  EXPECT_EQ(ErrorOf(kFirms, "supplier,customer,value\na,b,5\na,zz,1\n")
                .rfind("L.csv:3: field 'customer'", 0),
            0u);
  EXPECT_EQ(ErrorOf(kFirms, "supplier,customer,value\na,b,0\n").rfind("L.csv:2: field 'value'", 0),
            0u);
  EXPECT_EQ(
      ErrorOf(kFirms, "supplier,customer,value\na,b,nan\n").rfind("L.csv:2: field 'value'", 0), 0u);
  EXPECT_EQ(ErrorOf(kFirms, "supplier,customer,value\na,b,1\na,b,2\n").rfind("L.csv:3:", 0), 0u);
  EXPECT_EQ(
      ErrorOf(kFirms, "supplier,customer,value\na,b\n").rfind("L.csv:2: expected 3 fields", 0), 0u);

  ASSERT_OK_AND_ASSIGN(Economy e, ParseEconomy(kFirms, kLinks));
  auto shock_error = [&](const std::string& csv) {
    auto r = ParseShocks(csv, e, "S.csv");
    return r.ok() ? "" : r.status().message();
  };
  EXPECT_EQ(
      shock_error("firm,day_from,day_to,delta\nq,0,1,0.5\n").rfind("S.csv:2: field 'firm'", 0), 0u);
  EXPECT_EQ(
      shock_error("firm,day_from,day_to,delta\na,3,1,0.5\n").rfind("S.csv:2: field 'day_to'", 0),
      0u);
  EXPECT_EQ(
      shock_error("firm,day_from,day_to,delta\na,0,1,1.5\n").rfind("S.csv:2: field 'delta'", 0),
      0u);
  EXPECT_EQ(
      shock_error("firm,day_from,day_to,delta\na,0.5,1,1\n").rfind("S.csv:2: field 'day_from'", 0),
      0u);
  EXPECT_FALSE(ReadEconomy("/nonexistent/f.csv", "/nonexistent/l.csv").ok());
}

}  // namespace
}  // namespace ballast::chain::sim
