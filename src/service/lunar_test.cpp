// Computed Chinese dates against published ones (the State Council notices for 2023–2026 and the
// almanac dates the brief lists for 2027–2031), never against the code's own output.
#include "service/lunar.h"

#include <gtest/gtest.h>

namespace ballast::service {
namespace {

std::string Spring(int y) { return FormatDay(LunarToDay(y, 1, 1)); }

TEST(LunarTest, SpringFestival) {
  EXPECT_EQ(Spring(2023), "2023-01-22");
  EXPECT_EQ(Spring(2024), "2024-02-10");
  EXPECT_EQ(Spring(2025), "2025-01-29");
  EXPECT_EQ(Spring(2026), "2026-02-17");
  EXPECT_EQ(Spring(2027), "2027-02-06");
  EXPECT_EQ(Spring(2028), "2028-01-26");
  EXPECT_EQ(Spring(2029), "2029-02-13");
  EXPECT_EQ(Spring(2030), "2030-02-03");
  EXPECT_EQ(Spring(2031), "2031-01-23");
}

TEST(LunarTest, DragonBoatAndMidAutumnAcrossLeapMonths) {
  // 2023 has a leap 2nd month, 2025 a leap 6th: the holidays of those notices.
  EXPECT_EQ(FormatDay(LunarToDay(2023, 5, 5)), "2023-06-22");
  EXPECT_EQ(FormatDay(LunarToDay(2023, 8, 15)), "2023-09-29");
  EXPECT_EQ(FormatDay(LunarToDay(2024, 5, 5)), "2024-06-10");
  EXPECT_EQ(FormatDay(LunarToDay(2024, 8, 15)), "2024-09-17");
  EXPECT_EQ(FormatDay(LunarToDay(2025, 5, 5)), "2025-05-31");
  EXPECT_EQ(FormatDay(LunarToDay(2025, 8, 15)), "2025-10-06");
  EXPECT_EQ(FormatDay(LunarToDay(2026, 5, 5)), "2026-06-19");
  EXPECT_EQ(FormatDay(LunarToDay(2026, 8, 15)), "2026-09-25");
  EXPECT_EQ(FormatDay(LunarToDay(2027, 5, 5)), "2027-06-09");
  EXPECT_EQ(FormatDay(LunarToDay(2027, 8, 15)), "2027-09-15");
}

TEST(LunarTest, QingmingIsTheSolarTermDay) {
  EXPECT_EQ(FormatDay(SolarTermDay(2024, 15)), "2024-04-04");
  EXPECT_EQ(FormatDay(SolarTermDay(2025, 15)), "2025-04-04");
  EXPECT_EQ(FormatDay(SolarTermDay(2027, 15)), "2027-04-05");
  EXPECT_EQ(FormatDay(SolarTermDay(2024, 270)), "2024-12-21");  // 冬至
}

}  // namespace
}  // namespace ballast::service
