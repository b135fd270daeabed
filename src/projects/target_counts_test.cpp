#include "projects/target_counts.h"

#include <gtest/gtest.h>

namespace ballast::projects {
namespace {

Project P(std::string region, std::string industry, double total, std::string signed_on,
          std::string started_on = "", std::string producing_on = "") {
  Project p;
  p.region = std::move(region);
  p.industry = std::move(industry);
  p.total_investment = total;
  p.actual[0] = std::move(signed_on);
  p.actual[1] = std::move(started_on);
  p.actual[2] = std::move(producing_on);
  return p;
}

// Signed in February (Q1), started in August (Q3), in production in December (Q4); another year's
// dates do not count: three rounds held in 2022, none in 2021.
TEST(TargetCountsTest, RoundsHeldCountQuartersWithAnySigningStartOrProduction) {
  const std::vector<Project> ps = {P("410102", "3311", 5000, "2022-02-10", "2022-08-01"),
                                   P("410302", "1311", 5000, "2022-03-31", "", "2022-12-31"),
                                   P("410302", "1311", 5000, "2023-05-01")};
  EXPECT_EQ(RoundsHeld(ps, 2022), 3);
  EXPECT_EQ(RoundsHeld(ps, 2023), 1);
  EXPECT_EQ(RoundsHeld(ps, 2021), 0);
  EXPECT_TRUE(AnyActivity(ps, 2022));
  EXPECT_FALSE(AnyActivity(ps, 2021));
}

// 郑州: two 10亿+ manufacturing projects signed in 2022 (one at exactly 100,000 万元); a 9.9亿 one,
// a 20亿 logistics (division 59) one and a 2023 one do not count. 洛阳: one. 开封: none, listed as
// 0.
TEST(TargetCountsTest, MajorProjectsByCityCountTenYiManufacturingSignedInTheYear) {
  const std::vector<Project> ps = {P("410102", "3311", 100000, "2022-01-05"),
                                   P("410105", "2611", 250000, "2022-11-30"),
                                   P("410102", "3311", 99000, "2022-06-01"),
                                   P("410102", "5911", 200000, "2022-06-01"),
                                   P("410102", "3311", 300000, "2023-01-01"),
                                   P("410302", "1311", 150000, "2022-07-07"),
                                   P("419001", "3311", 150000, "")};
  auto city_of = [](const std::string& r) { return r.substr(0, 4) + "00"; };
  const auto n = MajorProjectsByCity(ps, 2022, {"410100", "410200", "410300"}, city_of);
  ASSERT_EQ(n.size(), 3u);
  EXPECT_EQ(n.at("410100"), 2);
  EXPECT_EQ(n.at("410200"), 0);
  EXPECT_EQ(n.at("410300"), 1);
}

}  // namespace
}  // namespace ballast::projects
