#include "projects/rates.h"

#include <gtest/gtest.h>

namespace ballast::projects {
namespace {

Project P(int64_t id, std::string region, std::array<std::string, 4> planned,
          std::array<std::string, 4> actual, double annual_plan) {
  Project p;
  p.id = id;
  p.code = "P" + std::to_string(id);
  p.region = std::move(region);
  p.planned = std::move(planned);
  p.actual = std::move(actual);
  p.annual_plan = annual_plan;
  return p;
}

TEST(RatesTest, RatioShowsADashForZeroOverZero) {
  Ratio r;
  EXPECT_FALSE(r.value());
  EXPECT_EQ(r.Display(), "—");
  r.num = 1, r.den = 3;
  EXPECT_EQ(r.Display(), "33.3%");
}

TEST(RatesTest, RoundsAreQuarters) {
  auto r = ParseRound("2025Q2");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->first_day(), "2025-04-01");
  EXPECT_EQ(r->last_day(), "2025-06-30");
  EXPECT_EQ(r->last_month(), MakePeriod(2025, 6));
  EXPECT_TRUE(ParseRound("2025-Q4").ok());
  EXPECT_FALSE(ParseRound("2025Q5").ok());
  EXPECT_FALSE(ParseRound("25Q1").ok());
}

// Round 2025Q2 (2025-04-01..2025-06-30), hand-computed:
//  1 (A): signed 04-10, started 06-20; planned start 05-01 → signed in round and kept; start on
//  plan. 2 (A): signed 05-05, not started; planned start 06-15 → signed not kept; start planned,
//  missed. 3 (B): signed 2024-12-01 (earlier round); planned start 04-20, started 07-02 (after the
//  round's
//         end) → start planned in round, not by its end; planned production 06-01, reached 06-30.
//  4 (B): nothing planned in the round; annual plan 0.
// 签约履约率: signed in round {1,2}, started by 06-30 {1} → 1/2.
// 开工率: planned start in round {1,2,3}, started by 06-30 {1} → 1/3.
// 投产率: planned production in round {3}, reached by 06-30 {3} → 1/1 (project 3's production
//         date needs its start date: it started 2024-12-20 in this fixture's dates below).
// 达效率: none planned → 0/0 = "—".
// Investment: Jan..Jun 2025 of 1: 100 + 200 (the correction of May replaces 50), of 3: 70;
//             a July report of 1 (999) is outside → num 370; den = 1000 + 500 + 800 + 0 = 2300.
TEST(RatesTest, HandComputedRound) {
  std::vector<Project> ps = {
      P(1, "A", {"", "2025-05-01", "", ""}, {"2025-04-10", "2025-06-20", "", ""}, 1000),
      P(2, "A", {"", "2025-06-15", "", ""}, {"2025-05-05", "", "", ""}, 500),
      P(3, "B", {"", "2025-04-20", "2025-06-01", ""},
        {"2024-12-01", "2024-12-20", "2025-06-30", ""}, 800),
      P(4, "B", {"", "", "", ""}, {"2024-01-01", "", "", ""}, 0),
  };
  // Project 3 started in December although planned for April: planned in the round and started
  // before its end, so it counts as started on time. Recount 开工率: {1,3} of {1,2,3} → 2/3.
  std::vector<MonthlyReport> h(5);
  h[0].project_id = 1, h[0].month = MakePeriod(2025, 3), h[0].version = 1, h[0].investment = 100;
  h[1].project_id = 1, h[1].month = MakePeriod(2025, 5), h[1].version = 1, h[1].investment = 50;
  h[2].project_id = 1, h[2].month = MakePeriod(2025, 5), h[2].version = 2, h[2].investment = 200;
  h[3].project_id = 3, h[3].month = MakePeriod(2025, 6), h[3].version = 1, h[3].investment = 70;
  h[4].project_id = 1, h[4].month = MakePeriod(2025, 7), h[4].version = 1, h[4].investment = 999;
  auto t = ComputeRates(ps, LatestVersions(h), *ParseRound("2025Q2"),
                        [](const Project& p) { return p.region; });
  EXPECT_EQ(t.total.projects, 4);
  EXPECT_EQ(t.total.signed_kept.num, 1);
  EXPECT_EQ(t.total.signed_kept.den, 2);
  EXPECT_EQ(t.total.started.num, 2);
  EXPECT_EQ(t.total.started.den, 3);
  EXPECT_EQ(t.total.in_production.num, 1);
  EXPECT_EQ(t.total.in_production.den, 1);
  EXPECT_EQ(t.total.at_capacity.Display(), "—");
  EXPECT_DOUBLE_EQ(t.total.investment.num, 370);
  EXPECT_DOUBLE_EQ(t.total.investment.den, 2300);
  EXPECT_EQ(t.total.actual_in_round[0], 2);  // 1, 2 signed in the round
  EXPECT_EQ(t.total.actual_in_round[1], 1);  // 1 started in the round
  EXPECT_EQ(t.total.actual_in_round[2], 1);  // 3 went into production
  EXPECT_EQ(t.total.planned_in_round[1], 3);
  ASSERT_EQ(t.groups.size(), 2u);
  EXPECT_EQ(t.groups[0].key, "A");
  EXPECT_EQ(t.groups[0].started.Display(), "50.0%");  // {1} of {1,2}
  EXPECT_EQ(t.groups[1].key, "B");
  EXPECT_EQ(t.groups[1].signed_kept.Display(), "—");  // nothing signed in the round in B
  EXPECT_DOUBLE_EQ(t.groups[1].investment.num, 70);
  EXPECT_DOUBLE_EQ(t.groups[1].investment.den, 800);
}

}  // namespace
}  // namespace ballast::projects
