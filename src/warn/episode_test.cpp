#include "warn/episode.h"

#include <gtest/gtest.h>

namespace ballast::warn {
namespace {

AlertRecord Hit(const std::string& rule, const std::string& kind, const std::string& key,
                const std::string& level, const std::string& state, int32_t streak,
                const std::string& starts_at) {
  AlertRecord a;
  a.rule_id = rule;
  a.subject_kind = kind;
  a.subject_key = key;
  a.subject_name = key;
  a.level = level;
  a.state = state;
  a.streak = streak;
  a.starts_at = starts_at;
  a.period = "2026-09";
  a.region = "410102";
  return a;
}

// One stoppage raises three rule hits (stoppage, drop, pending decline): one episode.
TEST(EpisodeTest, OneEpisodePerSubjectWithWorstLevelStartAndTrueDuration) {
  auto eps = GroupEpisodes(
      {Hit("ent_output_stoppage", "enterprise", "A", "red", "firing", 1, "2026-10-05T00:00:00Z"),
       Hit("ent_output_drop", "enterprise", "A", "red", "firing", 1, "2026-10-05T00:00:00Z"),
       Hit("ent_output_decline_3m", "enterprise", "A", "yellow", "firing", 4,
           "2026-08-05T00:00:00Z"),
       Hit("ent_output_drop", "enterprise", "B", "blue", "pending", 1, "2026-10-05T00:00:00Z"),
       Hit("ent_output_drop", "enterprise", "C", "red", "resolved", 1, "2026-10-05T00:00:00Z")});
  ASSERT_EQ(eps.size(), 2u);  // the resolved one is no open episode
  const Episode& a = eps[0];
  EXPECT_EQ(a.id, "enterprise:A");
  EXPECT_EQ(a.hits.size(), 3u);
  EXPECT_EQ(a.level, "red");
  EXPECT_EQ(a.state, "firing");
  EXPECT_EQ(a.months, 4);
  EXPECT_EQ(a.started_at, "2026-08-05T00:00:00Z");
  EXPECT_EQ(eps[1].state, "pending");
}

// Hand calculation: a red firing episode of an enterprise with 5 % of its city's output, tagged
// 链主, four months long: 4 × (1 + 5) × 2 × (1 + 3/4) = 84. A blue pending one of a tiny firm
// for one month: 1 × 0.5 × 1 × 1 = 0.5. A yellow region episode, 8 % of the province, two
// months: 2 × (10 + 8) × 1.25 = 45.
TEST(EpisodeTest, ScoreIsLevelTimesWeightTimesPersistence) {
  auto eps = GroupEpisodes({Hit("r", "enterprise", "BIG", "red", "firing", 4, "t"),
                            Hit("r", "enterprise", "TINY", "blue", "pending", 1, "t"),
                            Hit("r", "region", "410100", "yellow", "firing", 2, "t")});
  ASSERT_EQ(eps.size(), 3u);
  ScoreEpisode({5.0, true, std::nullopt, std::nullopt}, &eps[0]);
  EXPECT_DOUBLE_EQ(eps[0].score, 84);
  ScoreEpisode({0.0, false, std::nullopt, std::nullopt}, &eps[1]);
  EXPECT_DOUBLE_EQ(eps[1].score, 0.5);
  ScoreEpisode({8.0, false, std::nullopt, std::nullopt}, &eps[2]);
  EXPECT_DOUBLE_EQ(eps[2].score, 112.5);
  auto ind = GroupEpisodes({Hit("r", "industry", "13@410100", "red", "firing", 1, "t")});
  ScoreEpisode({2.0, false, std::nullopt, std::nullopt}, &ind[0]);
  EXPECT_DOUBLE_EQ(ind[0].score, 12);
  EXPECT_DOUBLE_EQ(Persistence(30), 1 + 11 / 4.0);  // capped at 12 months
}

// 信阳: +70 % after a collapse a year earlier, the two-year average −5 %: a rebound. Down 10 %
// on a year that was up 30 %: yoy_2y = √(0.9 × 1.3) − 1 = +8.2 %: a base effect.
TEST(EpisodeTest, BaseEffectsFromTheTwoYearAverage) {
  EXPECT_EQ(BaseEffect(70, -5), "rebound");
  EXPECT_EQ(BaseEffect(-10, 8.2), "base_effect");
  EXPECT_EQ(BaseEffect(-10, -4), "");
  EXPECT_EQ(BaseEffect(-10, std::nullopt), "");
}

TEST(EpisodeTest, MutedOnlyWhenEveryHitIs) {
  auto a = Hit("r1", "enterprise", "A", "red", "firing", 1, "t");
  auto b = Hit("r2", "enterprise", "A", "blue", "firing", 1, "t");
  a.inhibited = true;
  EXPECT_FALSE(GroupEpisodes({a, b})[0].muted);
  b.silenced_by = 3;
  EXPECT_TRUE(GroupEpisodes({a, b})[0].muted);
}

}  // namespace
}  // namespace ballast::warn
