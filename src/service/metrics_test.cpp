#include "service/metrics.h"

#include <gtest/gtest.h>

namespace ballast::service {
namespace {

AppealRecord Appeal(const char* state, const char* category) {
  AppealRecord a;
  a.state = state;
  a.category = category;
  a.region = "410102";
  a.filed_at = "2024-09-26T02:00:00Z";
  return a;
}

AppealRecord Dispatched(const char* state, const char* first_response, const char* replied) {
  AppealRecord a = Appeal(state, "financing");
  a.unit = "省地方金融监管局";
  a.dispatched_at = "2024-09-27T02:00:00Z";
  a.response_due = "2024-09-29";
  a.due = "2024-10-12";
  a.first_response_at = first_response;
  a.replied_at = replied;
  return a;
}

// The fixture, by hand:
//  1 closed, response on 09-29 (on time), reply 10-11 (on time), solved, satisfied; 6 working days
//  2 closed, response 09-30 (late), reply 10-14 (late), not solved, dissatisfied, reopened once;
//    8 working days (09-29, 09-30, 10-08..10-12, 10-14)
//  3 rated, response on time, reply 10-08, solved, basically satisfied; 3 working days
//  4 dispatched, no response yet
//  5 withdrawn, 6 merged, 7 not responsible (financing, labour, labour), 8 submitted (land)
std::vector<AppealRecord> Fixture() {
  std::vector<AppealRecord> v;
  v.push_back(Dispatched("closed", "2024-09-29T01:00:00Z", "2024-10-11T02:00:00Z"));
  v.back().rating_solved = 1;
  v.back().satisfaction = "satisfied";
  v.push_back(Dispatched("closed", "2024-09-30T02:00:00Z", "2024-10-14T02:00:00Z"));
  v.back().rating_solved = 0;
  v.back().satisfaction = "dissatisfied";
  v.back().reopen_count = 1;
  v.push_back(Dispatched("rated", "2024-09-28T20:00:00Z", "2024-10-08T02:00:00Z"));  // 09-29 in Beijing
  v.back().rating_solved = 1;
  v.back().satisfaction = "basic";
  v.push_back(Dispatched("dispatched", "", ""));
  v.push_back(Appeal("withdrawn", "financing"));
  v.push_back(Appeal("merged", "labour"));
  v.push_back(Appeal("not_responsible", "labour"));
  v.push_back(Appeal("submitted", "land"));
  return v;
}

TEST(MetricsTest, TotalsOnTheHandComputedFixture) {
  auto cal = WorkCalendar::Default();
  ASSERT_TRUE(cal.ok());
  auto rows = ComputeMetrics(Fixture(), GroupBy::kTotal, *cal);
  ASSERT_EQ(rows.size(), 1u);
  const auto& r = rows[0];
  EXPECT_EQ(r.filed, 8);
  EXPECT_EQ(r.withdrawn, 1);
  EXPECT_EQ(r.merged, 1);
  EXPECT_EQ(r.not_responsible, 1);
  EXPECT_EQ(r.in_scope, 5);
  EXPECT_EQ(r.response.num, 2);  // 1 and 3
  EXPECT_EQ(r.response.den, 4);  // 1–4 were dispatched
  EXPECT_EQ(r.response.Text(), "50.0%");
  EXPECT_EQ(r.on_time_closure.num, 1);
  EXPECT_EQ(r.on_time_closure.den, 2);
  EXPECT_EQ(r.resolution.num, 2);
  EXPECT_EQ(r.resolution.den, 3);
  EXPECT_EQ(r.resolution.Text(), "66.7%");
  EXPECT_EQ(r.satisfaction.num, 2);  // satisfied + basically satisfied
  EXPECT_EQ(r.satisfaction.den, 3);
  EXPECT_EQ(r.reopen.num, 1);
  EXPECT_EQ(r.reopen.den, 3);
  EXPECT_EQ(r.handling_days, 6 + 8 + 3);
  EXPECT_EQ(r.replied, 3);
  EXPECT_NEAR(*r.AverageHandlingDays(), 17.0 / 3.0, 1e-9);
}

TEST(MetricsTest, ZeroOverZeroIsUndefinedNotHundredPercent) {
  auto cal = WorkCalendar::Default();
  ASSERT_TRUE(cal.ok());
  auto rows = ComputeMetrics(Fixture(), GroupBy::kCategory, *cal);
  ASSERT_EQ(rows.size(), 3u);  // financing, labour, land
  EXPECT_EQ(rows[1].key, "labour");
  EXPECT_EQ(rows[1].filed, 2);
  EXPECT_EQ(rows[1].in_scope, 0);  // merged and not responsible: counted, outside the rates
  EXPECT_EQ(rows[2].key, "land");
  EXPECT_EQ(rows[2].resolution.Text(), "—");
  EXPECT_FALSE(rows[2].resolution.Percent().has_value());
  EXPECT_FALSE(rows[2].AverageHandlingDays().has_value());
  auto empty = ComputeMetrics({}, GroupBy::kTotal, *cal);
  ASSERT_EQ(empty.size(), 1u);
  EXPECT_EQ(empty[0].response.Text(), "—");
}

TEST(MetricsTest, MatchmakingTotals) {
  std::vector<MatchEventRecord> ev(3);
  ev[0].type = "finance";
  ev[0].date = "2022-05-01";
  ev[0].financing_amount = 12.5;
  ev[0].participants = "A;B;C";
  ev[1].type = "research";
  ev[1].date = "2022-06-01";
  ev[1].research_results = 4;
  ev[2].type = "finance";
  ev[2].date = "2023-01-10";
  ev[2].financing_amount = 3;
  auto t = ComputeMatchTotals(ev, "2022");
  EXPECT_EQ(t.finance_events(), 1);
  EXPECT_DOUBLE_EQ(t.financing_amount, 12.5);
  EXPECT_EQ(t.research_results, 4);
  EXPECT_EQ(t.enterprises, 3);
  EXPECT_EQ(ComputeMatchTotals(ev).finance_events(), 2);
}

}  // namespace
}  // namespace ballast::service
