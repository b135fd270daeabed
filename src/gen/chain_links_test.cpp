#include "gen/chain_links.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>

#include "testing/testing.h"

namespace ballast::gen {
namespace {

std::vector<std::vector<std::string>> Rows(const std::string& csv) {
  std::vector<std::vector<std::string>> out;
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::istringstream l(line);
    std::string c;
    while (std::getline(l, c, ',')) cells.push_back(c);
    out.push_back(cells);
  }
  return out;
}

TEST(ChainLinksTest, DeterministicLocalMostlyAndPlantedSingleSources) {
  ASSERT_OK_AND_ASSIGN(Catalog catalog, Catalog::Embedded());
  // Three sectors: 14 metals, 16 general equipment, 18 transport equipment. Transport buys
  // metals (0.3) and equipment (0.2); equipment buys metals (0.4); metals buy nothing here.
  InputCoefficients io{{"14", "16", "18"},
                       {"金属冶炼和压延加工品", "通用设备", "交通运输设备"},
                       {0, 0.4, 0.3, 0, 0, 0.2, 0, 0, 0}};
  std::vector<LinkFirm> firms;
  for (int i = 0; i < 4; ++i) {
    firms.push_back({"S" + std::to_string(i), "钢" + std::to_string(i), "410100", "3130", "large"});
    firms.push_back({"E" + std::to_string(i), "机" + std::to_string(i), "410300", "3412", "large"});
    firms.push_back(
        {"T" + std::to_string(i), "车" + std::to_string(i), "410100", "3670", "medium"});
  }
  LinkOptions o;
  o.bottlenecks = 1;
  ASSERT_OK_AND_ASSIGN(LinkDemo a, GenerateLinks(catalog, firms, io, o));
  ASSERT_OK_AND_ASSIGN(LinkDemo b, GenerateLinks(catalog, firms, io, o));
  EXPECT_EQ(a.links_csv, b.links_csv);
  EXPECT_EQ(a.firms_csv, b.firms_csv);
  ASSERT_GT(a.links, 0);
  ASSERT_EQ(a.bottlenecks.size(), 1u);

  // Suppliers' sectors follow the coefficients: metals never buy (a_i,14 = 0), transport makers
  // buy metals and equipment only.
  std::map<std::string, std::set<std::string>> suppliers_of_product;
  int local = 0;
  const auto rows = Rows(a.links_csv);
  for (const auto& r : rows) {
    ASSERT_EQ(r.size(), 5u);
    EXPECT_NE(r[1][0], 'S') << "metals buy nothing";
    if (r[1][0] == 'T') {
      EXPECT_TRUE(r[2] == "金属冶炼和压延加工品" || r[2] == "通用设备") << r[2];
    }
    if (r[1][0] == 'E') {
      EXPECT_EQ(r[2], "金属冶炼和压延加工品");
    }
    suppliers_of_product[r[2]].insert(r[0]);
    local += r[0].size() <= 2 ? 1 : 0;  // local ids are short here; outside ones are USCC-like
  }
  EXPECT_GT(local * 2, static_cast<int>(rows.size()));  // most suppliers are in the province
  // The planted bottleneck is the only supplier of its product to everyone else.
  const std::string planted = a.bottlenecks[0].substr(0, a.bottlenecks[0].find(' '));
  const std::string product = a.bottlenecks[0].substr(a.bottlenecks[0].find(' ') + 1);
  for (const auto& r : rows) {
    if (r[2] == product && r[1] != planted) {
      EXPECT_EQ(r[0], planted) << r[1];
    }
  }
}

TEST(ChainLinksTest, DivisionsMapToTheFortyTwoSectors) {
  EXPECT_EQ(IoSectorOfDivision("31"), "14");
  EXPECT_EQ(IoSectorOfDivision("36"), "18");
  EXPECT_EQ(IoSectorOfDivision("44"), "24");
  EXPECT_EQ(IoSectorOfDivision("05"), "");
  EXPECT_EQ(IoSectorOfDivision("47"), "");
}

}  // namespace
}  // namespace ballast::gen
