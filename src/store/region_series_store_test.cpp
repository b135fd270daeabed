// The region-series store on SQLite and (under scripts/pg-test.sh) PostgreSQL.
#include <gtest/gtest.h>

#include "store/copy.h"
#include "store/open.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast {
namespace {

Store::CatalogTexts Texts() { return {"code,name\n", "code,name\n", "code\n"}; }

TEST(RegionSeriesStore, LaterWriteReplacesTheSameKeyOnly) {
  testing::TestStore db;
  ASSERT_OK_AND_ASSIGN(auto main, CreateStore(db.locator(), Texts()));
  ASSERT_OK_AND_ASSIGN(auto s, OpenRegionSeriesStore(db.locator()));
  const Period p = MakePeriod(2025, 6);
  ASSERT_OK(
      s->Write({{"410100", "gdp", p, 100.0, 500.0, 5.5, std::nullopt},
                {"410100", "industrial_investment", p, std::nullopt, 80.0, std::nullopt, 7.0}}));
  ASSERT_OK(s->Write({{"410100", "gdp", p, 110.0, std::nullopt, std::nullopt, 6.0},
                      {"410200", "gdp", p - 1, 40.0, std::nullopt, std::nullopt, std::nullopt}}));
  ASSERT_OK_AND_ASSIGN(auto rows, s->Load());
  ASSERT_EQ(rows.size(), 3u);
  // Ordered by region, indicator, period.
  EXPECT_EQ(rows[0].indicator, "gdp");
  EXPECT_EQ(rows[0].value, 110.0);
  EXPECT_FALSE(rows[0].ytd.has_value());  // replaced as a whole, not merged
  EXPECT_FALSE(rows[0].yoy.has_value());
  EXPECT_EQ(rows[0].ytd_yoy, 6.0);
  EXPECT_EQ(rows[1].indicator, "industrial_investment");
  EXPECT_FALSE(rows[1].value.has_value());
  EXPECT_EQ(rows[1].ytd, 80.0);
  EXPECT_EQ(rows[2].region, "410200");
  EXPECT_EQ(rows[2].period, p - 1);
}

TEST(RegionSeriesStore, CopiedWithTheStore) {
  testing::TestStore db;
  ASSERT_OK_AND_ASSIGN(auto main, CreateStore(db.locator(), Texts()));
  {
    ASSERT_OK_AND_ASSIGN(auto s, OpenRegionSeriesStore(db.locator()));
    ASSERT_OK(s->Write({{"410100", "gdp", MakePeriod(2025, 3), 1.5, 2.5, std::nullopt, -1.25}}));
  }
  main.reset();
  const std::string to = db.Another();
  ASSERT_OK(CopyStore(db.locator(), to).status());
  ASSERT_OK_AND_ASSIGN(auto copied_main, OpenStore(to));
  ASSERT_OK_AND_ASSIGN(auto s, OpenRegionSeriesStore(to));
  ASSERT_OK_AND_ASSIGN(auto rows, s->Load());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].value, 1.5);
  EXPECT_EQ(rows[0].ytd, 2.5);
  EXPECT_FALSE(rows[0].yoy.has_value());
  EXPECT_EQ(rows[0].ytd_yoy, -1.25);
}

}  // namespace
}  // namespace ballast
