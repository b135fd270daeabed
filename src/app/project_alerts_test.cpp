// The project cards as alerts of the warning engine (subject kind "project"): a hand-made
// register whose cards are computed by hand below, evaluated by the ordinary evaluation, read
// through the scoped alert list and the episodes with their counts.
#include <gtest/gtest.h>

#include "app/episodes.h"
#include "app/projects.h"
#include "app/warnings_scoped.h"
#include "core/clock.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast::app {
namespace {

using projects::Factor;

// Today is 2025-06-20 (Beijing).
// A: planned to start 2025-02-10, not started: 4 whole months behind → red (≥ 3).
// B: planned to start 2025-05-01, not started: 1 month behind → yellow.
// C (洛阳): started 2025-01-15 as planned; last investment reported for 2025-02, so March, April
//    and May are completed months without it: idle 3 → yellow (red from 6); the February report
//    names a land blocker due 2025-06-10: 10 days overdue → red.
// D: started on time, invested in May: no card, no alert.
constexpr const char* kRegister =
    "项目编号,项目名称,投资主体,所在地区,总投资（万元）,计划签约日期,计划开工日期,计划投产日期,"
    "签约日期,开工日期,责任单位\n"
    "ZZ-A,郑州新材料,甲,410102,50000,2025-01-10,2025-02-10,2026-06-01,2025-01-12,,郑州市发改委\n"
    "ZZ-B,郑州装备,乙,410102,8000,2025-01-10,2025-05-01,2026-06-01,2025-01-12,,郑州市工信局\n"
    "LY-C,洛阳轴承,丙,410302,60000,2025-01-05,2025-01-20,2026-06-01,2025-01-06,2025-01-15,"
    "洛阳市发改委\n"
    "ZZ-D,郑州电子,丁,410102,9000,2025-01-05,2025-01-20,2026-06-01,2025-01-06,2025-01-15,"
    "郑州市工信局\n";

class ProjectAlertsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clock_ = std::make_unique<FixedClock>(*ParseUtc("2025-06-20T04:00:00Z"));
    auto b = Ballast::Create(db_.locator(), OpenOptions{clock_.get(), ""});
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    b_ = std::move(b).value();
    ASSERT_OK(ImportProjects(*b_, province_, kRegister, "register.csv").status());
    std::map<std::string, int64_t> id;
    auto all = ListProjects(*b_, province_, {});
    ASSERT_OK(all.status());
    for (const auto& p : *all) id[p.code] = p.id;
    projects::MonthlyReport c;
    c.project_id = id["LY-C"];
    c.month = MakePeriod(2025, 2);
    c.investment = 500;
    c.blockers = {{Factor::kLand, "洛阳市自然资源局", "2025-06-10", ""}};
    ASSERT_OK(ReportMonth(*b_, province_, c).status());
    projects::MonthlyReport d;
    d.project_id = id["ZZ-D"];
    d.month = MakePeriod(2025, 5);
    d.investment = 300;
    ASSERT_OK(ReportMonth(*b_, province_, d).status());
    ASSERT_OK(b_->warnings().Evaluate().status());
  }
  // ZZ-A starts building (its second milestone reached), then the rules run.
  void StartZzA() {
    ProjectFilter code;
    code.text = "ZZ-A";
    auto p = *GetProject(*b_, province_, (*ListProjects(*b_, province_, code))[0].id);
    p.actual[1] = "2025-06-18";
    ASSERT_OK(UpdateProject(*b_, province_, p).status());
    ASSERT_OK(b_->warnings().Evaluate().status());
  }
  std::map<std::string, AlertRecord> Alerts(const Caller& c) {
    std::map<std::string, AlertRecord> out;
    auto list = ListAlerts(*b_, c, {});
    EXPECT_TRUE(list.ok()) << list.status().ToString();
    if (!list.ok()) return out;
    for (const auto& a : list->alerts) {
      if (a.subject_kind == "project") out[a.subject_key + "/" + a.rule_id] = a;
    }
    return out;
  }
  ::ballast::testing::TestStore db_;
  std::unique_ptr<FixedClock> clock_;
  std::unique_ptr<Ballast> b_;
  Caller province_{"prov", auth::Role::kDispatcher, "", "", "410000"};
  Caller zz_{"zz", auth::Role::kDispatcher, "", "", "410100"};
  Caller ly_{"ly", auth::Role::kDispatcher, "", "", "410300"};
  Caller zz_unit_{"zzu", auth::Role::kHandler, "", "郑州市发改委", "410100"};
};

TEST_F(ProjectAlertsTest, CardsBecomeAlertsWithTheirLevels) {
  auto all = Alerts(province_);
  ASSERT_EQ(all.size(), 4u);
  const AlertRecord& a = all["ZZ-A/project_behind_plan"];
  EXPECT_EQ(a.level, "red");
  EXPECT_EQ(a.state, "firing");
  EXPECT_DOUBLE_EQ(a.value, 4);
  EXPECT_EQ(a.region, "410102");
  EXPECT_EQ(a.message_zh, "项目“郑州新材料”（ZZ-A）滞后计划4个月（红色预警）");
  EXPECT_EQ(all["ZZ-B/project_behind_plan"].level, "yellow");
  EXPECT_DOUBLE_EQ(all["ZZ-B/project_behind_plan"].value, 1);
  EXPECT_EQ(all["LY-C/project_no_investment"].level, "yellow");
  EXPECT_DOUBLE_EQ(all["LY-C/project_no_investment"].value, 3);
  EXPECT_EQ(all["LY-C/project_blocker_overdue"].level, "red");
  EXPECT_DOUBLE_EQ(all["LY-C/project_blocker_overdue"].value, 10);
  EXPECT_EQ(all.count("ZZ-D/project_no_investment"), 0u);
}

TEST_F(ProjectAlertsTest, EpisodesAndCountsByScope) {
  EpisodeFilter f;
  f.kind = "project";
  ASSERT_OK_AND_ASSIGN(auto list, ListEpisodes(*b_, province_, f));
  ASSERT_EQ(list.episodes.size(), 3u);  // one per project: C's two alerts are one episode
  EXPECT_EQ(list.counts.by_kind["project"], 3);
  for (const auto& e : list.episodes) {
    if (e.subject_key == "LY-C") {
      EXPECT_EQ(e.level, "red");
      EXPECT_EQ(e.hits.size(), 2u);
      // red 4 points × weight 10 (a subject without a share) × persistence 1.
      EXPECT_DOUBLE_EQ(e.score, 40);
    }
  }
  // 郑州 sees A and B; 洛阳 sees C; the handler of 郑州市发改委 only its own project A.
  auto zz = Alerts(zz_);
  EXPECT_EQ(zz.size(), 2u);
  EXPECT_TRUE(zz.count("ZZ-A/project_behind_plan") && zz.count("ZZ-B/project_behind_plan"));
  auto ly = Alerts(ly_);
  EXPECT_EQ(ly.size(), 2u);
  EXPECT_TRUE(ly.count("LY-C/project_blocker_overdue"));
  auto unit = Alerts(zz_unit_);
  ASSERT_EQ(unit.size(), 1u);
  EXPECT_TRUE(unit.count("ZZ-A/project_behind_plan"));
}

// Episode lists are kept for the alerts and the panel they were made from (app/episodes.cpp):
// each scope has its own, renderings too, and an evaluation that changes the alerts is seen by
// the very next request.
TEST_F(ProjectAlertsTest, KeptEpisodeListsFollowScopeAndChange) {
  EpisodeFilter f;
  f.kind = "project";
  auto count = [&](const Caller& c) {
    auto list = ListEpisodes(*b_, c, f);
    EXPECT_TRUE(list.ok()) << list.status().ToString();
    return list.ok() ? list->episodes.size() : 0u;
  };
  const Rendering<EpisodeList> size{
      "size", [](const EpisodeList& l) { return std::to_string(l.episodes.size()); }};
  for (int round = 0; round < 2; ++round) {  // the second round from the kept lists
    EXPECT_EQ(count(province_), 3u);
    EXPECT_EQ(count(zz_), 2u);
    EXPECT_EQ(count(ly_), 1u);
    EXPECT_EQ(count(zz_unit_), 1u);
    EXPECT_EQ(*ListEpisodes(*b_, zz_, f, size).value(), "2");
    EXPECT_EQ(*ListEpisodes(*b_, province_, f, size).value(), "3");
  }
  StartZzA();
  EXPECT_EQ(count(province_), 2u);
  EXPECT_EQ(count(zz_unit_), 0u);
  EXPECT_EQ(*ListEpisodes(*b_, zz_, f, size).value(), "1");
}

// The counts of a list whose one page holds every episode, tallied here from the episodes shown:
// by level, subject kind, prefecture (a district's is its city: the code's first four digits and
// 00; a city's is itself) and the rules of the hits in each episode's own state.
EpisodeCounts CountedByHand(const EpisodeList& list) {
  EpisodeCounts c;
  for (const warn::Episode& e : list.episodes) {
    ++c.total;
    ++c.by_level[e.level];
    ++c.by_kind[e.subject_kind];
    ++c.by_region[e.region.substr(0, 4) + "00"];
    for (const AlertRecord& h : e.hits) {
      if (h.state == e.state) ++c.by_rule[h.rule_id];
    }
  }
  return c;
}

void ExpectCounts(const EpisodeList& list, const EpisodeCounts& want) {
  EXPECT_EQ(list.counts.total, want.total);
  EXPECT_EQ(list.counts.by_level, want.by_level);
  EXPECT_EQ(list.counts.by_kind, want.by_kind);
  EXPECT_EQ(list.counts.by_region, want.by_region);
  EXPECT_EQ(list.counts.by_rule, want.by_rule);
}

// Every list is cut from one grouping and scoring of all live episodes (app/episodes.cpp), made
// here by the province's list first: the handler's list and its counts still hold only what the
// handler may see, and its one episode is scored as the province's is.
TEST_F(ProjectAlertsTest, ListsCutFromTheSharedGroupingKeepTheirScope) {
  EpisodeFilter f;
  f.state.clear();
  ASSERT_OK_AND_ASSIGN(auto all, ListEpisodes(*b_, province_, f));
  EXPECT_EQ(all.counts.by_kind["project"], 3);
  ASSERT_OK_AND_ASSIGN(auto unit, ListEpisodes(*b_, zz_unit_, f));
  ASSERT_EQ(unit.episodes.size(), 1u);
  EXPECT_EQ(unit.episodes[0].subject_key, "ZZ-A");
  EXPECT_EQ(unit.counts.total, 1);
  EXPECT_EQ(unit.counts.by_kind.size(), 1u);
  EXPECT_EQ(unit.counts.by_region.size(), 1u);
  EXPECT_EQ(unit.counts.by_region.count("410100"), 1u);
  // red 4 points × weight 10 (no share) × persistence 1 (a card fires as one streak) = 40.
  EXPECT_DOUBLE_EQ(unit.episodes[0].score, 40);
  ASSERT_OK_AND_ASSIGN(auto ly, ListEpisodes(*b_, ly_, f));
  ASSERT_EQ(ly.episodes.size(), 1u);
  EXPECT_EQ(ly.episodes[0].hits.size(), 2u);
  EXPECT_DOUBLE_EQ(ly.episodes[0].score, 40);
  // Each list's counts are those of its own episodes (every one on its page), whichever grouping
  // they were counted from.
  for (const EpisodeList* list : {&all, &unit, &ly}) ExpectCounts(*list, CountedByHand(*list));
  EXPECT_EQ(ly.counts.by_rule.size(), 2u);  // C's two cards: idle months and the overdue blocker
}

TEST_F(ProjectAlertsTest, AStartedProjectResolvesItsAlert) {
  StartZzA();
  auto all = Alerts(province_);
  EXPECT_EQ(all["ZZ-A/project_behind_plan"].state, "resolved");
  EXPECT_EQ(all["ZZ-B/project_behind_plan"].state, "firing");
}

}  // namespace
}  // namespace ballast::app
