#include "projects/cards.h"

#include <gtest/gtest.h>

namespace ballast::projects {
namespace {

TEST(CardsTest, MonthsBetweenCountsWholeMonths) {
  EXPECT_EQ(MonthsBetween("2025-01-15", "2025-02-14"), 0);
  EXPECT_EQ(MonthsBetween("2025-01-15", "2025-02-15"), 1);
  EXPECT_EQ(MonthsBetween("2024-11-30", "2025-02-28"), 2);
  EXPECT_EQ(MonthsBetween("2025-03-01", "2025-01-01"), 0);
}

TEST(CardsTest, BehindPlanYellowThenRed) {
  Project p;
  p.id = 7;
  p.actual = {"2025-01-01", "", "", ""};
  p.planned = {"", "2025-03-10", "2025-12-01", ""};
  EXPECT_TRUE(ProjectCards(p, {}, "2025-04-09").empty());  // 0 whole months
  auto y = ProjectCards(p, {}, "2025-05-10");              // 2 months
  ASSERT_EQ(y.size(), 1u);
  EXPECT_EQ(y[0].kind, "behind_plan");
  EXPECT_EQ(y[0].level, "yellow");
  EXPECT_EQ(y[0].months, 2);
  auto r = ProjectCards(p, {}, "2025-06-10");  // 3 months
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].level, "red");
}

TEST(CardsTest, NoInvestmentAndOverdueBlockers) {
  Project p;
  p.id = 1;
  p.actual = {"2024-10-01", "2024-11-05", "", ""};
  MonthlyReport a;
  a.project_id = 1, a.month = MakePeriod(2025, 1), a.investment = 10;
  MonthlyReport b;
  b.project_id = 1, b.month = MakePeriod(2025, 4), b.investment = 0;
  b.blockers.push_back({Factor::kEnergy, "省发改委", "2025-04-30", ""});
  // Today 2025-05-10: completed months Feb, Mar, Apr without investment → 3 → yellow.
  auto cards = ProjectCards(p, {a, b}, "2025-05-10");
  ASSERT_EQ(cards.size(), 2u);
  EXPECT_EQ(cards[0].kind, "no_investment");
  EXPECT_EQ(cards[0].months, 3);
  EXPECT_EQ(cards[0].level, "yellow");
  EXPECT_EQ(cards[1].kind, "blocker_overdue");
  EXPECT_EQ(cards[1].months, 10);  // days past 2025-04-30
  EXPECT_NE(cards[1].reason_zh.find("用能"), std::string::npos);
  // With the January investment reported in April instead, nothing is idle.
  b.investment = 5;
  EXPECT_EQ(ProjectCards(p, {a, b}, "2025-04-20").size(), 0u);  // blocker not yet overdue
}

}  // namespace
}  // namespace ballast::projects
