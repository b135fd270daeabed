#include "core/clock.h"

#include <gtest/gtest.h>

namespace ballast {
namespace {

TEST(ClockTest, FormatsAndParsesUtc) {
  // 2026-01-01T00:00:00Z is 1767225600 seconds after the epoch (56 years, 14 leap days).
  EXPECT_EQ(FormatUtc(1767225600), "2026-01-01T00:00:00Z");
  EXPECT_EQ(*ParseUtc("2026-01-01T00:00:00Z"), 1767225600);
  EXPECT_EQ(*ParseUtc("2026-01-01"), 1767225600);
  EXPECT_EQ(*ParseUtc("2026-01-01T08:00:00+08:00"), 1767225600);
  EXPECT_FALSE(ParseUtc("2026-02-30").ok());
  EXPECT_FALSE(ParseUtc("2026-1-01").ok());
  EXPECT_FALSE(ParseUtc("2026-01-01T00:00:00X").ok());
}

TEST(ClockTest, MonthsAreBeijingMonths) {
  // 2026-01-31T20:00:00Z is 04:00 on 1 February in Beijing.
  const int64_t t = *ParseUtc("2026-01-31T20:00:00Z");
  EXPECT_EQ(BeijingPeriod(t), MakePeriod(2026, 2));
  EXPECT_EQ(BeijingDate(t), "2026-02-01");
  EXPECT_EQ(BeijingPeriod(*ParseUtc("2026-01-31T15:59:59Z")), MakePeriod(2026, 1));
}

TEST(ClockTest, FixedClockStandsStill) {
  FixedClock c(100);
  EXPECT_EQ(c.Now(), 100);
  c.Advance(5);
  EXPECT_EQ(c.Now(), 105);
  c.Set(7);
  EXPECT_EQ(c.Now(), 7);
}

}  // namespace
}  // namespace ballast
