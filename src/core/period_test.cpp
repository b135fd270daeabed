#include "core/period.h"

#include <gtest/gtest.h>

namespace ballast {
namespace {

TEST(PeriodTest, ParsesAndFormats) {
  auto p = ParsePeriod("2024-02");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(PeriodYear(*p), 2024);
  EXPECT_EQ(PeriodMonth(*p), 2);
  EXPECT_EQ(FormatPeriod(*p), "2024-02");
  EXPECT_EQ(*ParsePeriod("2025-01") - *ParsePeriod("2024-01"), 12);
}

TEST(PeriodTest, RejectsMalformed) {
  for (const char* bad : {"2024-13", "2024-00", "2024-1", "24-01", "2024/01", "", "abcd-ef", "2024-011"}) {
    EXPECT_FALSE(ParsePeriod(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace ballast
