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

TEST(CalendarTest, PastTheLastKnownYearTheStatutoryHolidaysApplyProvisionally) {
  auto cal = WorkCalendar::Default();
  ASSERT_TRUE(cal.ok());
  ASSERT_EQ(FormatDay(cal->covers_to()), "2026-12-31");
  // The issue's example: from Monday 2026-12-28, 7 working days: 12-29 1, 12-30 2, 12-31 3,
  // [Fri 2027-01-01 元旦], 01-04 4, 01-05 5, 01-06 6, 01-07 7.
  const Day due = cal->AddWorkingDays(D("2026-12-28"), 7);
  EXPECT_EQ(FormatDay(due), "2027-01-07");
  EXPECT_TRUE(cal->IsProvisional(due));
  EXPECT_FALSE(cal->IsProvisional(D("2026-12-31")));
  // A complex case (20 working days) from Wed 2027-01-20 across 春节 2027: 除夕 Fri 02-05 and
  // 初一 Sat 02-06 … 初三 Mon 02-08, with 补假 for Sat and Sun on Tue 02-09 and Wed 02-10:
  // 01-21, 22 (2), 01-25..29 (7), 02-01..04 (11), 02-11, 12 (13), 02-15..19 (18), 02-22, 23 (20).
  EXPECT_EQ(FormatDay(cal->AddWorkingDays(D("2027-01-20"), 20)), "2027-02-23");
  EXPECT_FALSE(cal->IsWorkday(D("2027-02-05")));
  EXPECT_FALSE(cal->IsWorkday(D("2027-02-10")));
  EXPECT_TRUE(cal->IsWorkday(D("2027-02-11")));
  EXPECT_FALSE(cal->IsWorkday(D("2027-04-05")));  // 清明, a Monday
  EXPECT_FALSE(cal->IsWorkday(D("2027-05-03")));  // 劳动节 05-01 Sat, 05-02 Sun: 补假 Mon, Tue
  EXPECT_FALSE(cal->IsWorkday(D("2027-05-04")));
  EXPECT_TRUE(cal->IsWorkday(D("2027-05-05")));
  EXPECT_FALSE(cal->IsWorkday(D("2027-06-09")));  // 端午, Wednesday
  EXPECT_FALSE(cal->IsWorkday(D("2027-09-15")));  // 中秋, Wednesday
  EXPECT_EQ(cal->DayName(D("2027-09-15")), "中秋节");
}

TEST(CalendarTest, ANewerYearIsLoadedWithItsSource) {
  auto cal = WorkCalendar::Default();
  ASSERT_TRUE(cal.ok());
  // A notice for 2027 (made up for the test): 元旦 01-01..01-03, make-up Saturday 01-09.
  const char* year = R"({"version":1,"year":2027,
    "source":{"title":"国务院办公厅关于2027年部分节假日安排的通知","number":"test","date":"2026-11-01"},
    "holidays":[{"name":"元旦","from":"2027-01-01","to":"2027-01-03"}],
    "workdays":[{"name":"元旦调休","date":"2027-01-09"}]})";
  auto next = cal->WithYear(year);
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  EXPECT_EQ(FormatDay(next->covers_to()), "2027-12-31");
  EXPECT_FALSE(next->IsProvisional(D("2027-06-01")));
  EXPECT_TRUE(next->IsWorkday(D("2027-01-09")));
  EXPECT_TRUE(next->IsWorkday(D("2027-05-03")));  // a known year is its notice: no provisional days
  ASSERT_FALSE(next->sources().empty());
  EXPECT_EQ(next->sources().back().year, 2027);
  // A year two ahead, and a day outside the year, are refused.
  std::string far = year;
  far.replace(far.find("\"year\":2027"), 11, "\"year\":2028");
  EXPECT_EQ(cal->WithYear(far).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(
      cal->WithYear(
             R"({"version":1,"year":2027,"source":{"title":"t","date":"d"},"workdays":[{"name":"x","date":"2028-01-08"}]})")
          .status()
          .code(),
      StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace ballast::service
