#include "core/region_indicators.h"

#include <gtest/gtest.h>

#include "core/catalog.h"

namespace ballast {
namespace {

TEST(RegionIndicators, ShippedCatalogDeclaresUnitsAndAdditivity) {
  const auto* gdp = FindRegionIndicator("gdp");
  ASSERT_NE(gdp, nullptr);
  EXPECT_EQ(gdp->unit, "万元");
  EXPECT_FALSE(gdp->additive);
  const auto* inv = FindRegionIndicator("industrial_investment");
  ASSERT_NE(inv, nullptr);
  EXPECT_FALSE(inv->additive);
  ASSERT_NE(FindRegionIndicator("tech_investment"), nullptr);
  const auto* grid = FindRegionIndicator("grid_electricity");
  ASSERT_NE(grid, nullptr);
  EXPECT_EQ(grid->unit, "万千瓦时");
  EXPECT_TRUE(grid->additive);
  EXPECT_EQ(FindRegionIndicator("output_value"), nullptr);
}

TEST(RegionIndicators, NoCodeClashesWithTheEnterpriseCatalog) {
  auto c = Catalog::Embedded();
  ASSERT_TRUE(c.ok());
  for (const auto& r : RegionIndicators()) EXPECT_LT(c->FindIndicator(r.code), 0) << r.code;
}

TEST(RegionIndicators, RejectsBadAdditiveFlag) {
  EXPECT_FALSE(
      ParseRegionIndicators("code,name_zh,name_en,unit,additive\ngdp,a,b,万元,yes\n").ok());
  EXPECT_FALSE(ParseRegionIndicators("code,name_zh,name_en,unit,additive\ngdp,a,b\n").ok());
  auto ok = ParseRegionIndicators("code,name_zh,name_en,unit,additive\r\nx,a,b,万元,1\r\n");
  ASSERT_TRUE(ok.ok());
  ASSERT_EQ(ok->size(), 1u);
  EXPECT_TRUE((*ok)[0].additive);
}

}  // namespace
}  // namespace ballast
