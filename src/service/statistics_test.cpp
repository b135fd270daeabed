#include "service/statistics.h"

#include <gtest/gtest.h>

namespace ballast::service {
namespace {

AppealRecord A(const char* category, const char* region, const char* unit, const char* state,
               const char* filed_at) {
  AppealRecord a;
  a.category = category;
  a.region = region;
  a.unit = unit;
  a.state = state;
  a.filed_at = filed_at;
  return a;
}

// The fixture, by hand (today 2024-10-15, a Tuesday):
//  1 financing 410102 unit-a closed, filed 09-26 (Beijing 2024-09), solved, satisfied
//  2 financing 410102 unit-a in progress, due 10-12 (overdue), 2 督办; filed 2024-09-30T17:00Z,
//    which is 10-01 01:00 in Beijing: month 2024-10
//  3 financing 410105 unit-a rated not solved, dissatisfied, 1 督办 (by rule); filed 10-08
//  4 labour 410102 unit-b dispatched, due 10-20 (not overdue); filed 10-09
//  5 labour 410102 unit-b closed, solved, basically satisfied; filed 10-10
//  6 labour 410102 (not dispatched) submitted, accept_due 10-11 (overdue); filed 10-10
//  7 labour 410102 (not dispatched) withdrawn; filed 10-10
std::vector<AppealRecord> Fixture() {
  std::vector<AppealRecord> v;
  v.push_back(A("financing", "410102", "unit-a", "closed", "2024-09-26T02:00:00Z"));
  v.back().rating_solved = 1;
  v.back().satisfaction = "satisfied";
  v.push_back(A("financing", "410102", "unit-a", "in_progress", "2024-09-30T17:00:00Z"));
  v.back().due = "2024-10-12";
  v.back().escalations = 2;
  v.push_back(A("financing", "410105", "unit-a", "rated", "2024-10-08T02:00:00Z"));
  v.back().rating_solved = 0;
  v.back().satisfaction = "dissatisfied";
  v.back().escalations = 1;
  v.push_back(A("labour", "410102", "unit-b", "dispatched", "2024-10-09T02:00:00Z"));
  v.back().due = "2024-10-20";
  v.push_back(A("labour", "410102", "unit-b", "closed", "2024-10-10T02:00:00Z"));
  v.back().rating_solved = 1;
  v.back().satisfaction = "basic";
  v.push_back(A("labour", "410102", "", "submitted", "2024-10-10T02:00:00Z"));
  v.back().accept_due = "2024-10-11";
  v.push_back(A("labour", "410102", "", "withdrawn", "2024-10-10T03:00:00Z"));
  return v;
}

Statistics Compute() {
  auto cal = WorkCalendar::Default();
  EXPECT_TRUE(cal.ok());
  return ComputeStatistics(Fixture(), *ParseDay("2024-10-15"), *cal);
}

TEST(StatisticsTest, CrossTableOnTheHandComputedFixture) {
  const auto s = Compute();
  ASSERT_EQ(s.cross.size(), 4u);
  auto check = [&](size_t i, const char* cat, const char* region, const char* unit, int64_t filed,
                   int64_t in_scope, int64_t open, int64_t closed, int64_t overdue) {
    SCOPED_TRACE(i);
    const auto& c = s.cross[i];
    EXPECT_EQ(c.category, cat);
    EXPECT_EQ(c.region, region);
    EXPECT_EQ(c.unit, unit);
    EXPECT_EQ(c.filed, filed);
    EXPECT_EQ(c.in_scope, in_scope);
    EXPECT_EQ(c.open, open);
    EXPECT_EQ(c.closed, closed);
    EXPECT_EQ(c.overdue, overdue);
  };
  check(0, "financing", "410102", "unit-a", 2, 2, 1, 1, 1);  // 1 closed, 2 overdue
  check(1, "financing", "410105", "unit-a", 1, 1, 1, 0, 0);  // 3: rated is not closed
  check(2, "labour", "410102", "", 2, 1, 1, 0, 1);           // 6 past accept_due; 7 withdrawn
  check(3, "labour", "410102", "unit-b", 2, 2, 1, 1, 0);     // 4 due 10-20; 5 closed
}

TEST(StatisticsTest, HotTopicsByBeijingMonth) {
  const auto s = Compute();
  ASSERT_EQ(s.topics.size(), 3u);
  // 2024-09: appeal 1 only (appeal 2 is October in Beijing); October: labour 4, financing 2.
  EXPECT_EQ(s.topics[0].period, "2024-09");
  EXPECT_EQ(s.topics[0].category, "financing");
  EXPECT_EQ(s.topics[0].filed, 1);
  EXPECT_EQ(s.topics[1].period, "2024-10");
  EXPECT_EQ(s.topics[1].category, "labour");
  EXPECT_EQ(s.topics[1].filed, 4);
  EXPECT_EQ(s.topics[2].category, "financing");
  EXPECT_EQ(s.topics[2].filed, 2);
}

TEST(StatisticsTest, UnitsSatisfactionOverdueAndEscalation) {
  const auto s = Compute();
  ASSERT_EQ(s.units.size(), 3u);
  const auto& desk = s.units[0];  // not dispatched
  EXPECT_EQ(desk.unit, "");
  EXPECT_EQ(desk.open, 1);
  EXPECT_EQ(desk.overdue.num, 1);
  EXPECT_EQ(desk.overdue.den, 1);
  EXPECT_EQ(desk.escalated.den, 1);  // the withdrawn one is out of scope
  EXPECT_EQ(desk.metrics.satisfaction.Text(), "—");  // 0/0, never 100 %
  const auto& a = s.units[1];
  EXPECT_EQ(a.unit, "unit-a");
  EXPECT_EQ(a.open, 2);  // 2 in progress, 3 rated
  EXPECT_EQ(a.overdue.num, 1);
  EXPECT_EQ(a.overdue.den, 2);
  EXPECT_EQ(a.escalated.num, 2);
  EXPECT_EQ(a.escalated.den, 3);
  EXPECT_EQ(a.escalations, 3);
  EXPECT_EQ(a.metrics.satisfaction.num, 1);  // 1 satisfied, 3 dissatisfied
  EXPECT_EQ(a.metrics.satisfaction.den, 2);
  EXPECT_EQ(a.metrics.resolution.num, 1);
  EXPECT_EQ(a.metrics.resolution.den, 2);
  const auto& b = s.units[2];
  EXPECT_EQ(b.unit, "unit-b");
  EXPECT_EQ(b.overdue.num, 0);
  EXPECT_EQ(b.overdue.den, 1);
  EXPECT_EQ(b.escalated.num, 0);
  EXPECT_EQ(b.escalated.den, 2);
  EXPECT_EQ(b.metrics.satisfaction.num, 1);  // 5 basically satisfied
  EXPECT_EQ(b.metrics.satisfaction.den, 1);
  EXPECT_EQ(b.metrics.satisfaction.Text(), "100.0%");

  // Overdue: the desk 1 of 1 before unit-a 1 of 2 (same count, higher share), unit-b none.
  ASSERT_EQ(s.overdue_ranking.size(), 3u);
  EXPECT_EQ(s.overdue_ranking[0].unit, "");
  EXPECT_EQ(s.overdue_ranking[1].unit, "unit-a");
  EXPECT_EQ(s.overdue_ranking[2].unit, "unit-b");
  // Escalation: unit-a (2 appeals, 3 notices), then the others by name.
  ASSERT_EQ(s.escalation_ranking.size(), 3u);
  EXPECT_EQ(s.escalation_ranking[0].unit, "unit-a");
  EXPECT_EQ(s.escalation_ranking[1].unit, "");
  EXPECT_EQ(s.escalation_ranking[2].unit, "unit-b");
}

TEST(StatisticsTest, NoAppealsGiveEmptyTables) {
  auto cal = WorkCalendar::Default();
  ASSERT_TRUE(cal.ok());
  const auto s = ComputeStatistics({}, *ParseDay("2024-10-15"), *cal);
  EXPECT_TRUE(s.cross.empty());
  EXPECT_TRUE(s.topics.empty());
  EXPECT_TRUE(s.units.empty());
}

}  // namespace
}  // namespace ballast::service
