#include "sdc/params.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "testing/testing.h"

namespace ballast::sdc {
namespace {

TEST(ParamsTest, DefaultsAreTheIssues) {
  const SdcParams p;
  EXPECT_EQ(p.min_contributors, 3);
  EXPECT_EQ(p.dominance_n, 1);
  EXPECT_EQ(p.dominance_k, 85.0);
  EXPECT_EQ(p.p_percent, 10.0);
  ASSERT_OK_AND_ASSIGN(SdcParams empty, ParseSdcParams("# nothing\n\n", "x.toml"));
  EXPECT_EQ(empty.min_contributors, 3);
  EXPECT_EQ(empty.p_percent, 10.0);
}

TEST(ParamsTest, ShippedFileHoldsTheDefaults) {
  const char* src = std::getenv("BALLAST_SOURCE_DIR");
  ASSERT_NE(src, nullptr);
  ASSERT_OK_AND_ASSIGN(SdcParams p, LoadSdcParams(std::string(src) + "/data/sdc.toml"));
  EXPECT_EQ(p.min_contributors, 3);
  EXPECT_EQ(p.dominance_n, 1);
  EXPECT_EQ(p.dominance_k, 85.0);
  EXPECT_EQ(p.p_percent, 10.0);
}

TEST(ParamsTest, ParsesEveryKey) {
  ASSERT_OK_AND_ASSIGN(SdcParams p, ParseSdcParams("min_contributors = 5  # stricter\n"
                                                   "dominance_n=2\r\n"
                                                   "\tdominance_k = 80.5\n"
                                                   "p_percent = 15\n",
                                                   "x.toml"));
  EXPECT_EQ(p.min_contributors, 5);
  EXPECT_EQ(p.dominance_n, 2);
  EXPECT_EQ(p.dominance_k, 80.5);
  EXPECT_EQ(p.p_percent, 15.0);
}

TEST(ParamsTest, ErrorsNameFileLineAndKey) {
  struct Case {
    const char* text;
    const char* expect;
  } cases[] = {
      {"\nfoo = 1\n", "x.toml:2: unknown key foo"},
      {"p_percent = ten\n", "x.toml:1: p_percent: not a number"},
      {"p_percent = 10 %\n", "x.toml:1: p_percent: not a number"},
      {"p_percent =\n", "x.toml:1: p_percent: not a number"},
      {"min_contributors = 2.5\n", "x.toml:1: min_contributors: expected a whole number"},
      {"min_contributors = 0\n", "x.toml:1: min_contributors: expected a whole number"},
      {"dominance_k = 100\n", "x.toml:1: dominance_k: expected a percentage in (0, 100)"},
      {"p_percent = -1\n", "x.toml:1: p_percent: expected a percentage"},
      {"p_percent = 10\np_percent = 12\n", "x.toml:2: p_percent given twice"},
      {"just words\n", "x.toml:1: expected `key = number`"},
      {"dominance_k = inf\n", "x.toml:1: dominance_k: not a number"},
  };
  for (const Case& c : cases) {
    Result<SdcParams> r = ParseSdcParams(c.text, "x.toml");
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message().rfind(c.expect, 0), 0u)
        << c.text << " -> " << r.status().message();
  }
}

TEST(ParamsTest, MissingFileIsAnError) {
  testing::TempDir dir;
  EXPECT_FALSE(LoadSdcParams(dir.File("none.toml")).ok());
}

}  // namespace
}  // namespace ballast::sdc
