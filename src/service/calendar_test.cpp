#include "service/calendar.h"

#include <gtest/gtest.h>

namespace ballast::service {
namespace {

Day D(const char* s) { return *ParseDay(s); }

TEST(CalendarTest, ShippedCalendarKnowsHolidaysAndMakeUpDays) {
  auto cal = WorkCalendar::Default();
  ASSERT_TRUE(cal.ok()) << cal.status().ToString();
  EXPECT_FALSE(cal->IsWorkday(D("2024-10-01")));  // 国庆
  EXPECT_FALSE(cal->IsWorkday(D("2024-10-07")));  // Monday, still 国庆
  EXPECT_TRUE(cal->IsWorkday(D("2024-09-29")));   // Sunday, make-up workday
  EXPECT_TRUE(cal->IsWorkday(D("2024-10-12")));   // Saturday, make-up workday
  EXPECT_FALSE(cal->IsWorkday(D("2024-10-13")));  // an ordinary Sunday
  EXPECT_FALSE(cal->IsWorkday(D("2025-01-28")));  // 除夕 2025 (a holiday since 2025)
  EXPECT_TRUE(cal->IsWorkday(D("2025-01-26")));
  EXPECT_TRUE(cal->IsWorkday(D("2025-02-08")));
  EXPECT_FALSE(cal->IsWorkday(D("2025-10-08")));
  EXPECT_TRUE(cal->IsWorkday(D("2023-10-07")));
  EXPECT_EQ(cal->DayName(D("2024-10-12")), "国庆节调休");
}

TEST(CalendarTest, DeadlineCrossesNationalDayAndMakeUpSaturday) {
  auto cal = WorkCalendar::Default();
  ASSERT_TRUE(cal.ok());
  // From Friday 2024-09-27, 7 working days: 09-29 (Sun, make-up) 1, 09-30 2, [10-01..10-07 off],
  // 10-08 3, 10-09 4, 10-10 5, 10-11 6, 10-12 (Sat, make-up) 7.
  EXPECT_EQ(FormatDay(cal->AddWorkingDays(D("2024-09-27"), 7)), "2024-10-12");
  EXPECT_EQ(FormatDay(cal->AddWorkingDays(D("2024-09-27"), 1)), "2024-09-29");
  EXPECT_EQ(FormatDay(cal->AddWorkingDays(D("2024-09-30"), 1)), "2024-10-08");
  EXPECT_EQ(cal->WorkingDaysBetween(D("2024-09-27"), D("2024-10-12")), 7);
  EXPECT_EQ(cal->WorkingDaysBetween(D("2024-10-12"), D("2024-09-27")), 0);
}

TEST(CalendarTest, RemindersAreOnTheWorkingCalendar) {
  auto cal = WorkCalendar::Default();
  ASSERT_TRUE(cal.ok());
  // Due 2024-10-08: on 09-30 the next workday is 10-08, so T−1 fires before the holiday.
  EXPECT_EQ(ReminderFor(*cal, D("2024-10-08"), D("2024-09-30")), ReminderKind::kDueTomorrow);
  EXPECT_EQ(ReminderFor(*cal, D("2024-10-08"), D("2024-09-29")), std::nullopt);
  EXPECT_EQ(ReminderFor(*cal, D("2024-10-08"), D("2024-10-08")), std::nullopt);
  EXPECT_EQ(ReminderFor(*cal, D("2024-10-08"), D("2024-10-09")), ReminderKind::kOverdue);
}

TEST(CalendarTest, DatesAndBeijingDay) {
  EXPECT_FALSE(ParseDay("2024-02-30").has_value());
  EXPECT_FALSE(ParseDay("2024-2-3").has_value());
  EXPECT_EQ(FormatDay(D("2024-02-29")), "2024-02-29");
  EXPECT_EQ(Weekday(D("2024-10-12")), 5);  // Saturday
  EXPECT_EQ(FormatDay(*BeijingDay("2024-09-30T15:59:59Z")), "2024-09-30");
  EXPECT_EQ(FormatDay(*BeijingDay("2024-09-30T16:00:00Z")), "2024-10-01");
}

TEST(CalendarTest, ParseRejectsWeekdayMakeUpAndRoundTrips) {
  auto bad = WorkCalendar::Parse(R"({"version":1,"from":"2024-01-01","to":"2024-12-31",
      "holidays":[],"workdays":[{"name":"x","date":"2024-10-09"}]})");
  EXPECT_FALSE(bad.ok());
  auto cal = WorkCalendar::Default();
  ASSERT_TRUE(cal.ok());
  auto again = WorkCalendar::Parse(cal->ToJson());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->IsWorkday(D("2024-10-12")));
  EXPECT_FALSE(again->IsWorkday(D("2026-02-23")));
}

}  // namespace
}  // namespace ballast::service
