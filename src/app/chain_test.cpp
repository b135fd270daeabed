#include "app/chain.h"

#include <gtest/gtest.h>

#include "testing/testing.h"

namespace ballast::app {
namespace {

// Luoyang 410300 makes engines (E1) and tractors (T1); Zhengzhou 410100 steel (S1) and tractors
// (T2); the steel of S2 comes from Nanjing 320100.
constexpr const char* kFirms =
    "firm,name,region,industry\nS1,郑钢,410100,3130\nS2,宁钢,320100,3130\nE1,洛发,410300,3412\n"
    "T1,洛拖,410300,3571\nT2,郑拖,410100,3571\n";
constexpr const char* kLinks =
    "supplier,customer,product,value\nS1,E1,钢材,50\nS2,E1,钢材,50\nE1,T1,柴油发动机,100\nE1,T2,"
    "柴油发动机,50\n";

class ChainAppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    OpenOptions options;
    options.clock = &clock_;
    auto b = Ballast::Create(dir_.File("s.db"), options);
    ASSERT_OK(b);
    b_ = std::move(*b);
    ASSERT_OK(ImportChains(*b_, admin_, std::nullopt));  // the shipped Henan examples
    ASSERT_OK(ImportFirms(*b_, admin_, kFirms, "firms.csv"));
    ASSERT_OK(ImportFirmLinks(*b_, admin_, kLinks, "links.csv"));
  }
  ::ballast::testing::TempDir dir_;
  FixedClock clock_{*ParseUtc("2026-02-01T00:30:00Z")};
  std::unique_ptr<Ballast> b_;
  Caller admin_ = Caller::Local("t");
};

TEST_F(ChainAppTest, ProvinceSeesEveryFirm) {
  ASSERT_OK_AND_ASSIGN(ChainReport r, AnalyzeChainInStore(*b_, admin_, "agri_machinery", "410000"));
  EXPECT_EQ(r.chain.name_zh, "农机装备");
  // Bought by Henan's chain firms: E1 100 (50 local), T1 100 and T2 50 from E1 (local).
  EXPECT_DOUBLE_EQ(*r.analysis.local_rate, 200.0 / 250);
  ASSERT_FALSE(r.analysis.key_nodes.empty());
  EXPECT_EQ(r.analysis.key_nodes[0].firm, "E1");
  EXPECT_EQ(r.analysis.key_nodes[0].dependants, (std::vector<std::string>{"T1", "T2"}));
  ASSERT_OK_AND_ASSIGN(auto log, ImportFirmLinks(*b_, admin_, kLinks, "again.csv"));
  EXPECT_EQ(log.rows, 4);
  EXPECT_EQ(log.imported_at, "2026-02-01T00:30:00Z");
}

TEST_F(ChainAppTest, CitySeesOutsideFirmsByNameOnly) {
  Caller luoyang{"ly", auth::Role::kAnalyst, "", "", "410300"};
  ASSERT_OK_AND_ASSIGN(ChainReport r, AnalyzeChainInStore(*b_, luoyang, "agri_machinery", ""));
  EXPECT_EQ(r.analysis.region, "410300");
  // Luoyang has no steel maker: the gap's candidates are Zhengzhou's and Nanjing's, by name.
  const chain::SegmentStatus* steel = nullptr;
  for (const auto& s : r.analysis.segments) {
    if (s.segment == "steel") steel = &s;
  }
  ASSERT_NE(steel, nullptr);
  EXPECT_TRUE(steel->gap);
  EXPECT_EQ(steel->candidates, (std::vector<std::string>{"郑钢", "宁钢"}));  // equal sales: S1 before S2
  for (const auto& f : r.firms) {
    if (f.name == "郑钢" || f.name == "宁钢") {
      EXPECT_TRUE(f.id.empty()) << f.name;
    }
  }
  // The key node E1 is in Luoyang; T2 (Zhengzhou) is not a dependant inside Luoyang.
  ASSERT_FALSE(r.analysis.key_nodes.empty());
  EXPECT_EQ(r.analysis.key_nodes[0].firm, "E1");
  EXPECT_EQ(r.analysis.key_nodes[0].dependants, std::vector<std::string>{"T1"});
  // Another city's region is refused; so is an import.
  EXPECT_EQ(AnalyzeChainInStore(*b_, luoyang, "agri_machinery", "410100").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_FALSE(ImportFirmLinks(*b_, luoyang, kLinks, "l.csv").ok());
}

TEST_F(ChainAppTest, ViewerGetsAggregatesOnly) {
  Caller viewer{"v", auth::Role::kViewer, "", "", "410000"};
  ASSERT_OK_AND_ASSIGN(ChainReport r, AnalyzeChainInStore(*b_, viewer, "agri_machinery", ""));
  EXPECT_TRUE(r.analysis.local_rate.has_value());
  EXPECT_TRUE(r.analysis.key_nodes.empty());
  EXPECT_TRUE(r.analysis.single_source.empty());
}

TEST_F(ChainAppTest, ABadFileWritesNothing) {
  auto bad = ImportFirmLinks(*b_, admin_, "supplier,customer,product,value\nA,B,p,1\nA,A,p,1\n",
                             "bad.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("bad.csv:3: customer"), std::string::npos);
  ASSERT_OK_AND_ASSIGN(ChainReport r, AnalyzeChainInStore(*b_, admin_, "agri_machinery", "410000"));
  EXPECT_EQ(r.analysis.purchases, 250);  // the links imported in SetUp
  EXPECT_EQ(AnalyzeChainInStore(*b_, admin_, "nope", "").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace ballast::app
