#include "core/catalog.h"

#include <gtest/gtest.h>

namespace ballast {
namespace {

class CatalogTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto c = Catalog::Embedded();
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    catalog_ = new Catalog(std::move(c).value());
  }
  static Catalog* catalog_;
};
Catalog* CatalogTest::catalog_ = nullptr;

TEST_F(CatalogTest, RegionCountsMatchTheSourceTable) {
  // 3213 rows in gbt2260_mca_2024.csv plus the virtual country root.
  EXPECT_EQ(catalog_->regions().size(), 3214u);
  EXPECT_EQ(catalog_->regions().node(catalog_->country()).children.size(), 34u);
}

TEST_F(CatalogTest, JiyuanIsInsideHenanWithoutPrefixMatching) {
  const auto& r = catalog_->regions();
  NodeId henan = r.Find("410000"), jiyuan = r.Find("419001"), zhengzhou = r.Find("410100");
  ASSERT_NE(jiyuan, kNoNode);
  EXPECT_TRUE(r.Contains(henan, jiyuan));
  EXPECT_FALSE(r.Contains(zhengzhou, jiyuan));
  EXPECT_EQ(r.node(jiyuan).parent, henan);
  // 411000 许昌 shares the prefix "41" with 419001 but is its sibling, not its ancestor.
  EXPECT_FALSE(r.Contains(r.Find("411000"), jiyuan));
  EXPECT_TRUE(r.Contains(catalog_->country(), jiyuan));
}

TEST_F(CatalogTest, IndustryTreeHasIndustryRootOverBCD) {
  const auto& t = catalog_->industries();
  EXPECT_EQ(t.size(), 1972u);  // 1971 rows + BCD
  NodeId bcd = catalog_->all_industry();
  EXPECT_EQ(t.node(bcd).children.size(), 3u);
  EXPECT_TRUE(t.Contains(bcd, t.Find("0610")));
  EXPECT_TRUE(t.Contains(t.Find("C"), t.Find("3311")));
  EXPECT_FALSE(t.Contains(bcd, t.Find("4710")));  // construction is not industry
  int divisions = 0;
  for (NodeId s : t.node(bcd).children) divisions += static_cast<int>(t.node(s).children.size());
  EXPECT_EQ(divisions, 41);  // divisions 06-46
}

TEST_F(CatalogTest, IndicatorsIncludeDerivedRatios) {
  int pm = catalog_->FindIndicator("profit_margin");
  ASSERT_GE(pm, 0);
  EXPECT_EQ(catalog_->indicators()[pm].kind, IndicatorKind::kRatio);
  EXPECT_EQ(catalog_->indicators()[catalog_->FindIndicator("assets")].kind, IndicatorKind::kStock);
  EXPECT_EQ(catalog_->FindIndicator("nope"), -1);
}

}  // namespace
}  // namespace ballast
