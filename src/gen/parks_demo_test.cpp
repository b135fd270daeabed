#include "gen/parks_demo.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <map>

#include "core/uscc.h"
#include "parks/park_import.h"

namespace ballast::gen {
namespace {

TEST(ParksDemoTest, FortyValidParksAndPlausibleLand) {
  auto cat = Catalog::Embedded();
  ASSERT_TRUE(cat.ok());
  std::vector<ParkDemoEnterprise> es;
  const char* counties[] = {"410102", "410302", "410702", "411502"};
  for (int i = 0; i < 400; ++i) {
    char first17[18];
    std::snprintf(first17, sizeof first17, "914100%011d", i);
    ParkDemoEnterprise e;
    e.uscc = std::string(first17) + UsccCheckChar(first17);
    e.region = cat->regions().Find(counties[i % 4]);
    e.division = i % 3 ? "33" : "26";
    e.revenue = {{2024, 2000.0 + 10 * i}, {2025, 2200.0 + 10 * i}};
    es.push_back(e);
  }
  const ParkDemo a = GenerateParks(*cat, "410000", es, 7);
  EXPECT_EQ(a.members_csv, GenerateParks(*cat, "410000", es, 7).members_csv);  // deterministic
  EXPECT_EQ(a.parks, 40);
  EXPECT_GT(a.members, 90);  // about 35 % of 400
  EXPECT_LT(a.members, 200);
  auto parks = parks::ParseParks(*cat, a.parks_csv, "parks.csv");
  ASSERT_TRUE(parks.ok()) << parks.status().ToString();
  for (const auto& p : *parks) EXPECT_EQ(p.value.region.substr(0, 2), "41");
  auto members = parks::ParseMemberships(a.members_csv, "m.csv");
  ASSERT_TRUE(members.ok()) << members.status().ToString();
  auto res = parks::ParseResources(a.resources_csv, "r.csv");
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  ASSERT_EQ(static_cast<int64_t>(res->size()), a.resource_rows);
  // Output (revenue) per 亩 between about 50 and 500 万元 (land is rounded to whole 亩).
  std::map<std::string, double> revenue;
  for (const auto& e : es) revenue[e.uscc] = e.revenue.at(2024);
  for (const auto& r : *res) {
    if (r.value.year != 2024) continue;
    const double per_mu = revenue[r.value.uscc] / r.value.land_mu;
    EXPECT_GT(per_mu, 45) << r.value.uscc;
    EXPECT_LT(per_mu, 560) << r.value.uscc;
  }
}

}  // namespace
}  // namespace ballast::gen
