#include "gen/cultivation_demo.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <map>

#include "core/uscc.h"
#include "cultivation/pipeline.h"
#include "cultivation/pool_import.h"

namespace ballast::gen {
namespace {

TEST(CultivationDemoTest, APoolOfValidRowsSomeEnteringTheRoster) {
  auto cat = Catalog::Embedded();
  ASSERT_TRUE(cat.ok());
  std::vector<CultivationDemoEnterprise> roster;
  const char* counties[] = {"410102", "410302", "410702", "411502"};
  const Period last = MakePeriod(2025, 10);
  for (int i = 0; i < 400; ++i) {
    char first17[18];
    std::snprintf(first17, sizeof first17, "914100%011d", i);
    CultivationDemoEnterprise e;
    e.uscc = std::string(first17) + UsccCheckChar(first17);
    e.name = "企业" + std::to_string(i);
    e.region = counties[i % 4];
    e.industry = i % 3 ? "3311" : "2611";
    if (i % 4 == 0) e.entered = MakePeriod(2024 + i % 2, 1 + i % 12);  // 100 entrants
    roster.push_back(e);
  }
  const CultivationDemo a = GenerateCultivation(*cat, "410000", roster, last, 7);
  EXPECT_EQ(a.pool_csv, GenerateCultivation(*cat, "410000", roster, last, 7).pool_csv);
  EXPECT_GT(a.pooled_entrants, 40);  // about 60 % of 100
  EXPECT_LT(a.pooled_entrants, 80);
  EXPECT_GE(a.pool, 2000);
  EXPECT_GT(a.stages, 200);
  EXPECT_LE(a.stages, 300);
  auto pool = cultivation::ParseMembers(*cat, a.pool_csv, "pool.csv");
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  EXPECT_EQ(static_cast<int64_t>(pool->size()), a.pool);
  auto rev = cultivation::ParseRevenue(a.revenue_csv, "rev.csv");
  ASSERT_TRUE(rev.ok()) << rev.status().ToString();
  auto st = cultivation::ParseRecognitions(a.stages_csv, "st.csv");
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  // Below scale: no pool firm's run rate at the last month reaches 2,000 万元 by much, and many
  // approach it.
  std::map<std::string, std::vector<cultivation::RevenueReport>> by;
  for (const auto& r : *rev) by[r.value.uscc].push_back(r.value);
  int near = 0, over = 0;
  for (const auto& [uscc, rs] : by) {
    auto rate = cultivation::ComputeRunRate(rs);
    if (!rate) continue;  // an entrant pooled for months of one year only, before its January
    if (rate->value > 1500 && rate->value < 2000) ++near;
    // Pool firms are below scale; a pooled entrant approaches the threshold before it enters.
    if (rate->value >= 2000 && uscc.find('P') != std::string::npos) ++over;
  }
  EXPECT_GT(near, 100);
  EXPECT_EQ(over, 0);
}

}  // namespace
}  // namespace ballast::gen
