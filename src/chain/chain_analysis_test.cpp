#include "chain/chain_analysis.h"

#include <gtest/gtest.h>

#include "testing/testing.h"

namespace ballast::chain {
namespace {

using V = std::vector<std::string>;

class ChainAnalysisTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = Catalog::Embedded();
    ASSERT_TRUE(c.ok());
    catalog_ = std::make_unique<Catalog>(std::move(*c));
    auto chains = ReadChainCatalog(
        {"chain,name_zh,region\nt,测试链,410000\n", "chains.csv"},
        {"chain,segment,name_zh,stage,industries\n"
         "t,up,钢材,upstream,3130\n"
         "t,mid,发动机,midstream,3412\n"
         "t,down,拖拉机,downstream,3571\n"
         "t,elec,电子,midstream,3979;6513\n",
         "segments.csv"},
        {"chain,from,to\nt,up,mid\nt,mid,down\nt,elec,down\n", "edges.csv"}, *catalog_);
    ASSERT_OK(chains);
    chains_ = *chains;
    // Zhengzhou 410100 and Luoyang 410300 are in Henan; 320100, 320500, 440300 are not.
    auto firms = ReadFirmInfo(
        "firm,name,region,industry\nS1,郑钢,410100,3130\nS2,宁钢,320100,3130\nE1,洛发,410300,3412\n"
        "T1,洛拖,410300,3571\nT2,郑拖,410100,3571\nX1,苏电,320500,3979\nX2,深电,440300,3979\n",
        "firms.csv", *catalog_);
    ASSERT_OK(firms);
    firms_ = *firms;
    auto links = ReadFirmLinks(
        "supplier,customer,product,value\nS1,E1,steel,50\nS2,E1,steel,50\nE1,T1,engine,100\nE1,T2,"
        "engine,50\n"
        "X1,T1,chip,30\nX2,T1,chip,10\nX1,T2,chip,20\n",
        "links.csv");
    ASSERT_OK(links);
    links_ = *links;
  }
  std::unique_ptr<Catalog> catalog_;
  ChainCatalog chains_;
  std::vector<FirmInfo> firms_;
  std::vector<FirmLink> links_;
};

TEST_F(ChainAnalysisTest, HenanByHand) {
  ChainAnalysisOptions o;
  o.chain = "t";
  o.region = "410000";
  ASSERT_OK_AND_ASSIGN(ChainAnalysis a, AnalyzeChain(chains_, links_, firms_, *catalog_, o));
  EXPECT_EQ(a.firms_in_region, 4);  // S1, E1, T1, T2
  // Bought by Henan's chain firms: E1 100 (50 from S1 local), T1 140 (100 from E1 local),
  // T2 70 (50 from E1 local): 200 of 310.
  EXPECT_EQ(a.purchases, 310);
  EXPECT_EQ(a.purchases_local, 200);
  EXPECT_DOUBLE_EQ(*a.local_rate, 200.0 / 310);
  ASSERT_EQ(a.segments.size(), 4u);
  EXPECT_EQ(a.segments[0].firms_in_region, 1);
  EXPECT_EQ(a.segments[0].firms_elsewhere, 1);
  EXPECT_FALSE(a.segments[0].local_rate.has_value());  // S1 buys nothing
  EXPECT_DOUBLE_EQ(*a.segments[1].local_rate, 0.5);
  EXPECT_DOUBLE_EQ(*a.segments[2].local_rate, 150.0 / 210);
  EXPECT_FALSE(a.segments[2].gap);
  // Nobody in Henan makes electronics: the gap lists X1 (sells 50) before X2 (10).
  EXPECT_TRUE(a.segments[3].gap);
  EXPECT_EQ(a.segments[3].candidates, (V{"X1", "X2"}));

  // E1's steel: 50/50, HHI 0.5, not above the threshold. T1's chips: 30/10, HHI 0.625.
  ASSERT_EQ(a.single_source.size(), 4u);
  EXPECT_EQ(a.single_source[0].customer, "T1");
  EXPECT_EQ(a.single_source[0].product, "engine");
  EXPECT_EQ(a.single_source[0].suppliers, 1);
  EXPECT_EQ(a.single_source[1].customer, "T2");
  EXPECT_EQ(a.single_source[1].product, "engine");
  EXPECT_EQ(a.single_source[2].product, "chip");
  EXPECT_EQ(a.single_source[2].top_supplier, "X1");
  EXPECT_DOUBLE_EQ(a.single_source[2].top_share, 0.75);
  EXPECT_DOUBLE_EQ(a.single_source[2].hhi, 0.625);
  EXPECT_EQ(a.single_source[3].customer, "T2");

  // E1 stops: both tractor makers lose their only engine. X1 stops: T2 loses its only chips, T1
  // still has X2. S1 stopping changes nothing (S2 remains).
  ASSERT_EQ(a.key_nodes.size(), 2u);
  EXPECT_EQ(a.key_nodes[0].firm, "E1");
  EXPECT_EQ(a.key_nodes[0].dependants, (V{"T1", "T2"}));
  EXPECT_EQ(a.key_nodes[0].sole_supply, (V{"engine→T1", "engine→T2"}));
  EXPECT_TRUE(a.key_nodes[0].alternatives.empty());
  EXPECT_EQ(a.key_nodes[0].segments, V{"mid"});
  // S1 and S2 reach T1 and T2 only through E1: 4 shortest paths.
  EXPECT_EQ(a.key_nodes[0].betweenness, 4);
  EXPECT_EQ(a.key_nodes[1].firm, "X1");
  EXPECT_FALSE(a.key_nodes[1].in_region);
  EXPECT_EQ(a.key_nodes[1].dependants, V{"T2"});
  EXPECT_EQ(a.key_nodes[1].alternatives, V{"X2"});
  EXPECT_EQ(a.key_nodes[0].reach, 2);  // E1 -> T1, T2
  EXPECT_EQ(a.key_nodes[1].reach, 2);  // X1 -> T1, T2

  // Henan's chain firms buy 200 in Henan (410000); 100 in Jiangsu (320000): S2 (Nanjing) 50 and
  // X1 (Suzhou) 30 + 20; 10 in Guangdong (440000) from X2 (Shenzhen): 310 in all.
  ASSERT_EQ(a.supplier_provinces.size(), 3u);
  EXPECT_EQ(a.supplier_provinces[0].province, "410000");
  EXPECT_EQ(a.supplier_provinces[0].value, 200);
  EXPECT_EQ(a.supplier_provinces[1].province, "320000");
  EXPECT_EQ(a.supplier_provinces[1].value, 100);
  EXPECT_EQ(a.supplier_provinces[2].province, "440000");
  EXPECT_EQ(a.supplier_provinces[2].value, 10);
  const double h = (200.0 * 200 + 100.0 * 100 + 10.0 * 10) / (310.0 * 310);
  EXPECT_NEAR(a.supplier_province_hhi, h, 1e-12);
}

TEST_F(ChainAnalysisTest, CityScope) {
  ChainAnalysisOptions o;
  o.chain = "t";
  o.region = "410300";  // Luoyang: E1 and T1
  ASSERT_OK_AND_ASSIGN(ChainAnalysis a, AnalyzeChain(chains_, links_, firms_, *catalog_, o));
  EXPECT_EQ(a.firms_in_region, 2);
  // E1 buys 100 from outside Luoyang; T1 buys 100 of 140 from E1.
  EXPECT_DOUBLE_EQ(*a.local_rate, 100.0 / 240);
  EXPECT_TRUE(a.segments[0].gap);
  EXPECT_EQ(a.segments[0].candidates, (V{"S1", "S2"}));  // equal sales: by id
}

TEST_F(ChainAnalysisTest, UnknownChainOrRegion) {
  ChainAnalysisOptions o;
  o.chain = "nope";
  EXPECT_FALSE(AnalyzeChain(chains_, links_, firms_, *catalog_, o).ok());
  o.chain = "t";
  o.region = "999999";
  EXPECT_FALSE(AnalyzeChain(chains_, links_, firms_, *catalog_, o).ok());
}

TEST(ChainCatalogTest, ShippedExamplesAreValid) {
  ASSERT_OK_AND_ASSIGN(Catalog catalog, Catalog::Embedded());
  ASSERT_OK_AND_ASSIGN(ChainCatalog c, ShippedChains(catalog));
  ASSERT_NE(c.Find("nev"), nullptr);
  EXPECT_EQ(c.Find("nev")->name_zh, "新能源汽车");
  EXPECT_NE(c.Find("agri_machinery"), nullptr);
  EXPECT_NE(c.Find("nylon"), nullptr);
  EXPECT_GE(c.SegmentsOf("nylon").size(), 5u);
}

TEST(ChainCatalogTest, BadRowsNameFileLineAndField) {
  ASSERT_OK_AND_ASSIGN(Catalog catalog, Catalog::Embedded());
  const CsvSource chains{"chain,name_zh\nt,链\n", "c.csv"};
  const CsvSource edges{"chain,from,to\n", "e.csv"};
  auto r = ReadChainCatalog(
      chains, {"chain,segment,name_zh,stage,industries\nt,a,甲,sideways,3130\n", "s.csv"}, edges,
      catalog);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("s.csv:2: stage: 'sideways'"), std::string::npos)
      << r.status().message();
  r = ReadChainCatalog(chains,
                       {"chain,segment,name_zh,stage,industries\nt,a,甲,upstream,9999\n", "s.csv"},
                       edges, catalog);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("s.csv:2: industries: '9999'"), std::string::npos);
  r = ReadChainCatalog(chains,
                       {"chain,segment,name_zh,stage,industries\nt,a,甲,upstream,3130\n", "s.csv"},
                       {"chain,from,to\nt,a,b\n", "e.csv"}, catalog);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("e.csv:2: to: 'b' is not a segment"), std::string::npos);
  auto f = ReadFirmInfo("firm,region,industry\nA,410100,3130\nB,123,3130\n", "f.csv", catalog);
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("f.csv:3: region: '123'"), std::string::npos);
}

}  // namespace
}  // namespace ballast::chain
