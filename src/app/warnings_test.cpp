// The warning and policy use cases end to end on a real store file: import, evaluate, revise,
// silence, handle, commodities, targets and progress.
#include "app/warnings.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "app/ballast.h"
#include "app/episodes.h"
#include "app/judgement.h"
#include "app/policy.h"
#include "gen/demo_extras.h"
#include "store/open.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast::app {
namespace {

constexpr const char* kEnterprises =
    "uscc,name,region,industry,size,tags\n"
    "91310110666007217T,甲装备有限公司,410102,3311,large,专精特新\n"
    "91310115591693856A,乙食品有限公司,410102,1311,medium,\n"
    "91330000755918469E,丙机械有限公司,419001,3311,small,链主\n";
constexpr const char* kB = "91310115591693856A";

class WarningsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string path = db_.locator();
    // Through the composition root, which wires the target subjects into the rules.
    auto b = Ballast::Create(path);
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    b_ = std::move(b).value();
    ws_ = &b_->workspace();
    w_ = &b_->warnings();
    Import("e.csv", kEnterprises);
    // B falls 60 % (red); 郑州 (A + B) falls 20 % (region red, which inhibits B's alert).
    Import("o.csv",
           "uscc,period,indicator,value,ytd,prior,prior_ytd\n"
           "91310110666007217T,2024-03,output_value,1000,,,\n"
           "91310115591693856A,2024-03,output_value,1000,,,\n"
           "91310110666007217T,2025-03,output_value,1200,,,\n"
           "91310115591693856A,2025-03,output_value,400,,,\n"
           "91330000755918469E,2025-03,output_value,30,,20,\n");
  }
  void TearDown() override { b_.reset(); }
  void Import(const std::string& name, const std::string& csv) {
    auto out = ws_->Import(csv, name, "alice", MakePeriod(2025, 4));
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    ASSERT_EQ(out->status, ingest::ImportStatus::kImported) << name;
  }
  // A revision of A's March 2025 output (the value A reported: 1200).
  Result<ingest::ImportOutcome> Revise(const std::string& name, int value) {
    return ws_->Import(
        "uscc,period,indicator,value,ytd,prior,prior_ytd\n"
        "91310110666007217T,2025-03,output_value," +
            std::to_string(value) + ",,,\n",
        name, "alice", MakePeriod(2025, 4));
  }
  std::vector<AlertRecord> Alerts(const std::string& rule, bool closed = true) {
    AlertFilter f;
    f.rule_id = rule;
    f.include_closed = closed;
    return w_->ListAlerts(f).value();
  }
  std::vector<std::string> Actions(int64_t id) {
    std::vector<std::string> out;
    const auto history = w_->AlertHistory(id).value();
    for (const auto& e : history) out.push_back(e.action);
    return out;
  }
  ::ballast::testing::TestStore db_;
  std::filesystem::path dir_ = db_.dir().path();
  std::unique_ptr<Ballast> b_;
  Workspace* ws_ = nullptr;
  Warnings* w_ = nullptr;
};

TEST_F(WarningsTest, EvaluateReviseAndNoDuplicates) {
  auto s = w_->Evaluate("2025-04-05T00:00:00Z");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_TRUE(s->problems.empty());
  EXPECT_GE(s->firing_by_level["red"], 2);
  auto drop = Alerts("ent_output_drop");
  ASSERT_EQ(drop.size(), 1u);
  EXPECT_EQ(drop[0].subject_key, kB);
  EXPECT_EQ(drop[0].level, "red");
  EXPECT_EQ(drop[0].state, "firing");
  EXPECT_TRUE(drop[0].inhibited);  // 郑州 itself is red in the same family
  EXPECT_EQ(drop[0].message_zh,
            "乙食品有限公司2025-03工业总产值同比-60.0%，低于-50.0%（红色预警）");
  auto region = Alerts("region_output_decline");
  ASSERT_EQ(region.size(), 1u);
  EXPECT_EQ(region[0].subject_key, "410100");

  // Evaluating the same data again changes nothing.
  auto again = w_->Evaluate("2025-04-06T00:00:00Z");
  EXPECT_EQ(again->opened + again->updated + again->resolved + again->removed, 0);

  // A revision: B's March was 900 (−10 %); both alerts resolve, on the same rows.
  Import("r.csv",
         "uscc,period,indicator,value,ytd,prior,prior_ytd\n91310115591693856A,2025-03,output_value,"
         "900,,,\n");
  ASSERT_TRUE(w_->Evaluate("2025-04-07T00:00:00Z").ok());
  drop = Alerts("ent_output_drop");
  ASSERT_EQ(drop.size(), 1u);
  EXPECT_EQ(drop[0].state, "resolved");
  EXPECT_FALSE(drop[0].inhibited);
  EXPECT_EQ(Actions(drop[0].id), (std::vector<std::string>{"fired", "inhibited", "resolved"}));
  // Re-revised back: the same alert reopens.
  Import("r2.csv",
         "uscc,period,indicator,value,ytd,prior,prior_ytd\n91310115591693856A,2025-03,output_value,"
         "410,,,\n");
  ASSERT_TRUE(w_->Evaluate("2025-04-08T00:00:00Z").ok());
  drop = Alerts("ent_output_drop");
  ASSERT_EQ(drop.size(), 1u);
  EXPECT_EQ(drop[0].state, "firing");
}

TEST_F(WarningsTest, HandlingLoopWithHistory) {
  ASSERT_TRUE(w_->Evaluate("2025-04-05T00:00:00Z").ok());
  const int64_t id = Alerts("region_output_decline")[0].id;
  EXPECT_EQ(w_->Handle(id, "x", "bob").status().code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(w_->Acknowledge(id, "bob").ok());
  ASSERT_TRUE(w_->Assign(id, "郑州市工业和信息化局", "2025-04-30", "bob").ok());
  auto handled = w_->Handle(id, "约谈重点企业，协调订单", "carol");
  ASSERT_TRUE(handled.ok());
  EXPECT_EQ(handled->note, "约谈重点企业，协调订单");
  auto closed = w_->Close(id, "bob");
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(closed->handling, "closed");
  EXPECT_EQ(w_->Acknowledge(id, "bob").status().code(), StatusCode::kFailedPrecondition);
  auto history = w_->AlertHistory(id).value();
  ASSERT_EQ(history.size(), 5u);
  EXPECT_EQ(history[2].action, "assign");
  EXPECT_EQ(history[2].actor, "bob");
  EXPECT_EQ(history[3].actor, "carol");
  EXPECT_FALSE(history[3].at.empty());
  EXPECT_EQ(w_->Acknowledge(999, "bob").status().code(), StatusCode::kNotFound);
  AlertFilter f;
  f.handling = "closed";
  EXPECT_EQ(w_->ListAlerts(f)->size(), 1u);
}

TEST_F(WarningsTest, SilencesRulesAndFilters) {
  ASSERT_TRUE(w_->Evaluate("2025-04-05T00:00:00Z").ok());
  SilenceRequest r;
  r.rule_id = "region_output_decline";
  r.region = "410000";
  r.reason = "已知：企业搬迁";
  r.ends_at = "2099-01-01T00:00:00Z";
  EXPECT_EQ(w_->CreateSilence(SilenceRequest{}, "alice").status().code(),
            StatusCode::kInvalidArgument);
  auto s = w_->CreateSilence(r, "alice");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  auto region = Alerts("region_output_decline")[0];
  EXPECT_EQ(region.silenced_by, s->id);
  EXPECT_EQ(w_->ListSilences(true)->size(), 1u);
  AlertFilter unmuted;
  unmuted.include_muted = false;
  const auto unmuted_alerts = w_->ListAlerts(unmuted).value();
  for (const auto& a : unmuted_alerts) EXPECT_NE(a.rule_id, "region_output_decline");
  ASSERT_TRUE(w_->ExpireSilence(s->id, "alice").ok());
  EXPECT_EQ(Alerts("region_output_decline")[0].silenced_by, 0);
  EXPECT_TRUE(w_->ListSilences(true)->empty());

  AlertFilter by_region;
  by_region.region = "419001";
  const auto in_jiyuan = w_->ListAlerts(by_region).value();
  for (const auto& a : in_jiyuan) EXPECT_EQ(a.region, "419001");
  by_region.region = "999999";
  EXPECT_FALSE(w_->ListAlerts(by_region).ok());

  // Disabling a rule resolves its alerts; the rule keeps its history of revisions.
  ASSERT_TRUE(w_->SetRuleEnabled("ent_output_drop", false, "alice").ok());
  ASSERT_TRUE(w_->Evaluate("2025-04-06T00:00:00Z").ok());
  EXPECT_EQ(Alerts("ent_output_drop")[0].state, "resolved");
  auto custom = w_->UpsertRule(
      R"({"id":"my_rule","family":"output_decline","subject":"enterprise","indicator":"output_value","measure":"yoy",
          "op":"<","levels":{"yellow":-5},"message":{"zh":"{subject}","en":"{subject}"}})",
      "alice");
  ASSERT_TRUE(custom.ok()) << custom.status().ToString();
  EXPECT_FALSE(
      w_->UpsertRule(
            R"({"id":"bad","family":"f","subject":"enterprise","indicator":"nope","measure":"yoy",
      "levels":{"red":-1}})",
            "alice")
          .ok());
  auto rules = w_->ListRules().value();
  int customs = 0;
  for (const auto& v : rules) customs += v.source == "custom";
  EXPECT_EQ(customs, 2);
  EXPECT_EQ(w_->RuleHistory("ent_output_drop")->size(), 1u);
}

TEST_F(WarningsTest, CommoditiesImportAndWarn) {
  auto bad = w_->ImportCommodities(
      "code,name,unit,date,price\niron_ore,铁矿石,元/吨,2025-13-01,800\n", "c.csv", "alice");
  ASSERT_TRUE(bad.ok());
  EXPECT_FALSE(bad->imported);
  EXPECT_EQ(bad->errors.size(), 1u);
  auto ok = w_->ImportCommodities(
      "code,name,unit,date,price,stock_days\n"
      "iron_ore,铁矿石,元/吨,2025-03-01,800,20\n"
      "iron_ore,铁矿石,元/吨,2025-04-01,1000,6\n",
      "c.csv", "alice");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_TRUE(ok->imported);
  auto change = Alerts("commodity_price_change");
  ASSERT_EQ(change.size(), 1u);
  EXPECT_EQ(change[0].level, "red");                           // +25 %
  EXPECT_EQ(Alerts("commodity_supply_days")[0].level, "red");  // 6 days
  // A corrected re-import revises the point: no duplicate, the alert follows.
  ASSERT_TRUE(
      w_->ImportCommodities(
            "code,name,unit,date,price,stock_days\niron_ore,铁矿石,元/吨,2025-04-01,850,12\n",
            "c2.csv", "alice")
          .ok());
  EXPECT_EQ(w_->ListCommodityPoints("iron_ore")->size(), 2u);
  change = Alerts("commodity_price_change");
  ASSERT_EQ(change.size(), 1u);
  EXPECT_EQ(change[0].level, "blue");  // +6.25 %
  EXPECT_EQ(Alerts("commodity_supply_days")[0].level, "blue");
}

TEST_F(WarningsTest, TargetsProgressAndTargetWarnings) {
  const Period june = MakePeriod(2022, 6);
  auto targets = ListTargets(*w_, {}, june);
  ASSERT_TRUE(targets.ok()) << targets.status().ToString();
  EXPECT_GT(targets->size(), 40u);
  auto t = GetTarget(*w_, "henan2022.2.new_above_scale_enterprises", june);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->status, "no_data");
  EXPECT_EQ(AddProgress(*w_, {"no.such", 1, "2022-06-30", "", ""}, "alice").status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(AddProgress(*w_, {t->target.id, 1, "2022-06-31", "", ""}, "alice").status().code(),
            StatusCode::kInvalidArgument);
  ASSERT_TRUE(AddProgress(*w_, {t->target.id, 1000, "2022-06-30", "上半年新增", "h1.xlsx"},
                          "省工业和信息化厅")
                  .ok());
  t = GetTarget(*w_, t->target.id, june);
  EXPECT_EQ(t->status, "off_track");  // 1000 of 1250 due: 20 % behind
  EXPECT_DOUBLE_EQ(*t->progress.behind_pct, 20);
  EXPECT_EQ(t->reports, 1);
  EXPECT_EQ(t->latest->attachment, "h1.xlsx");
  ASSERT_TRUE(w_->Evaluate("2022-06-30T00:00:00Z").ok());
  AlertFilter f;
  f.unit = "济源示范区管委会";
  f.subject_kind = "target";
  auto alerts = w_->ListAlerts(f).value();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].level, "yellow");
  EXPECT_EQ(alerts[0].subject_key, "henan2022.2.new_above_scale_enterprises");
  TargetFilter by_unit;
  by_unit.unit = "省通信管理局";
  by_unit.include_qualitative = false;
  auto mine = ListTargets(*w_, by_unit, june).value();
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].target.id, "henan2022.7.new_5g_base_stations");
}

// Issue 13: `targets --today` used reports dated after it; the 2022 targets read 未报送 forever.
TEST_F(WarningsTest, TargetsAsOfAMonthAndExpired) {
  const std::string id = "henan2022.1.enterprises_served";  // 50,000 in 2022
  ASSERT_TRUE(AddProgress(*w_, {id, 20000, "2022-05-31", "", ""}, "a").ok());
  ASSERT_TRUE(AddProgress(*w_, {id, 40000, "2022-08-31", "", ""}, "a").ok());
  auto may = GetTarget(*w_, id, MakePeriod(2022, 5)).value();
  EXPECT_DOUBLE_EQ(*may.progress.actual, 20000);  // not August's figure
  EXPECT_EQ(may.latest->date, "2022-05-31");
  EXPECT_FALSE(GetTarget(*w_, id, MakePeriod(2022, 4)).value().progress.actual.has_value());
  EXPECT_DOUBLE_EQ(*GetTarget(*w_, id, MakePeriod(2022, 9)).value().progress.actual, 40000);
  auto later = GetTarget(*w_, id, MakePeriod(2026, 11)).value();
  EXPECT_EQ(later.status, "expired");
  EXPECT_EQ(later.progress.met, false);
  EXPECT_DOUBLE_EQ(*later.progress.actual, 40000);
  EXPECT_EQ(
      GetTarget(*w_, "henan2022.2.new_high_tech_enterprises", MakePeriod(2026, 11)).value().status,
      "expired");
}

// B's fall raises its drop alert and a stoppage-free episode; 郑州's fall a region episode that
// outweighs it (region weight ≥ 10) and carries its counts.
TEST_F(WarningsTest, EpisodesGroupScoreAndCount) {
  ASSERT_TRUE(w_->Evaluate("2025-04-05T00:00:00Z").ok());
  EpisodeFilter f;
  f.include_muted = true;
  auto list = ListEpisodes(*w_, f);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_GE(list->episodes.size(), 2u);
  std::map<std::string, const warn::Episode*> by_id;
  for (const auto& e : list->episodes) by_id[e.id] = &e;
  ASSERT_TRUE(by_id.count(std::string("enterprise:") + kB));
  ASSERT_TRUE(by_id.count("region:410100"));
  const warn::Episode& b = *by_id[std::string("enterprise:") + kB];
  EXPECT_EQ(b.level, "red");
  EXPECT_GE(b.hits.size(), 1u);
  // B's base is 1000 of 郑州's 2000 (A and B in March 2024): weight 1 + 50 = 51.
  EXPECT_DOUBLE_EQ(b.weight, 51);
  EXPECT_EQ(list->counts.total, static_cast<int64_t>(list->matched));
  EXPECT_EQ(list->counts.by_kind.at("region"), 1);
  EXPECT_GE(list->counts.by_level.at("red"), 2);
  // Sorted by score.
  for (size_t i = 1; i < list->episodes.size(); ++i) {
    EXPECT_GE(list->episodes[i - 1].score, list->episodes[i].score);
  }
  // Pagination over all: two pages of one cover the first two.
  f.limit = 1;
  f.offset = 1;
  auto page = ListEpisodes(*w_, f).value();
  ASSERT_EQ(page.episodes.size(), 1u);
  EXPECT_EQ(page.episodes[0].id, list->episodes[1].id);
  EXPECT_EQ(page.matched, list->matched);
  // Filter by subject kind keeps the counts.
  f.kind = "region";
  f.offset = 0;
  auto regions = ListEpisodes(*w_, f).value();
  ASSERT_EQ(regions.episodes.size(), 1u);
  EXPECT_EQ(regions.counts.total, list->counts.total);
}

// Only a list's page is put in order (Select): in every order, the pages of two laid end to end
// are the whole list in that order, and each page's matched count is the whole list's.
TEST_F(WarningsTest, PagesInEveryOrderAreTheWholeListCut) {
  ASSERT_TRUE(w_->Evaluate("2025-04-05T00:00:00Z").ok());
  // And the demo's three commodity episodes (red, yellow, blue), for lists of five or more.
  auto r = w_->ImportCommodities(gen::CommodityCsv(MakePeriod(2025, 3)), "commodities.csv", "demo");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  for (const std::string sort : {"score", "level", "newest", "duration"}) {
    EpisodeFilter f;
    f.include_muted = true;
    f.sort = sort;
    f.limit = 0;
    const EpisodeList whole = ListEpisodes(*w_, f).value();
    ASSERT_GE(whole.episodes.size(), 5u) << sort;
    std::vector<std::string> paged;
    f.limit = 2;
    for (f.offset = 0; f.offset < whole.episodes.size() + 2; f.offset += 2) {
      const EpisodeList page = ListEpisodes(*w_, f).value();
      EXPECT_EQ(page.matched, whole.matched) << sort;
      for (const auto& e : page.episodes) paged.push_back(e.id);
    }
    std::vector<std::string> ids;
    for (const auto& e : whole.episodes) ids.push_back(e.id);
    EXPECT_EQ(paged, ids) << sort;
    for (size_t i = 1; sort == "score" && i < whole.episodes.size(); ++i) {
      EXPECT_GE(whole.episodes[i - 1].score, whole.episodes[i].score);
    }
  }
}

// Imports that land while an evaluation runs share the one after it (Warnings::AfterImport): an
// import whose batch an evaluation already held gets that evaluation's summary, not another.
TEST_F(WarningsTest, AnImportAlreadyEvaluatedIsNotEvaluatedAgain) {
  auto out = Revise("o3.csv", 1190);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->status, ingest::ImportStatus::kImported);
  auto first = w_->AfterImport(*out);
  ASSERT_TRUE(first.ok() && first->has_value()) << first.status().ToString();
  EXPECT_GE((*first)->through_batch, out->batch.id);
  auto again = w_->AfterImport(*out);
  ASSERT_TRUE(again.ok() && again->has_value());
  EXPECT_EQ((*again)->evaluated_at, (*first)->evaluated_at);
  EXPECT_EQ((*again)->total_seconds, (*first)->total_seconds);  // the same summary, not a new one
  // A later batch is evaluated afresh.
  auto later = Revise("o4.csv", 1180);
  ASSERT_TRUE(later.ok());
  auto fresh = w_->AfterImport(*later);
  ASSERT_TRUE(fresh.ok() && fresh->has_value());
  EXPECT_GE((*fresh)->through_batch, later->batch.id);
}

// Two instances on one store: a batch another instance's evaluation already held is not
// evaluated again by the instance that imported it (the store's evaluation mark says so).
TEST_F(WarningsTest, ABatchAnotherInstanceEvaluatedIsNotEvaluatedAgain) {
  auto out = Revise("o3.csv", 1190);
  ASSERT_TRUE(out.ok() && out->status == ingest::ImportStatus::kImported);
  auto other = Ballast::Open(db_.locator());
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  auto theirs = (*other)->warnings().Evaluate();
  ASSERT_TRUE(theirs.ok()) << theirs.status().ToString();
  ASSERT_GE(theirs->through_batch, out->batch.id);
  auto mine = w_->AfterImport(*out);
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  EXPECT_FALSE(mine->has_value());  // skipped: nothing evaluated here
  // A batch nobody evaluated yet is evaluated here.
  auto later = Revise("o4.csv", 1180);
  ASSERT_TRUE(later.ok());
  auto fresh = w_->AfterImport(*later);
  ASSERT_TRUE(fresh.ok() && fresh->has_value()) << fresh.status().ToString();
  EXPECT_GE((*fresh)->through_batch, later->batch.id);
  EXPECT_EQ(w_->EvaluatedThrough().value(), (*fresh)->through_batch);
}

// While another instance holds the evaluation lock, an import waits for its turn; once that
// instance's evaluation marks the batch, the import has nothing left to wait for, though the
// other may hold (or take again) the lock for longer.
TEST_F(WarningsTest, AnImportStopsWaitingOnceAnotherInstanceEvaluatedItsBatch) {
  auto out = Revise("o3.csv", 1190);
  ASSERT_TRUE(out.ok() && out->status == ingest::ImportStatus::kImported);
  ASSERT_OK_AND_ASSIGN(auto other, OpenWarnStore(db_.locator()));
  ASSERT_OK_AND_ASSIGN(bool locked, other->TryLockEvaluation());
  ASSERT_TRUE(locked);
  std::atomic<bool> done{false};
  Result<std::optional<WarnSummary>> mine = std::optional<WarnSummary>();
  std::thread importer([&] {
    mine = w_->AfterImport(*out);
    done = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // waiting for the lock by now
  EXPECT_TRUE(other->SetEvaluatedThrough(out->batch.id, "2025-04-30T08:00:00Z").ok());
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!done && std::chrono::steady_clock::now() < give_up)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const bool done_while_held = done;
  EXPECT_TRUE(other->UnlockEvaluation().ok());
  importer.join();
  EXPECT_TRUE(done_while_held);
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  EXPECT_FALSE(mine->has_value());  // evaluated there, not here
}

// A region's weight is its share of its parent's output, read from the panel once per snapshot
// (app/episodes.cpp keeps it): a new batch must be read afresh. 郑州 holds 1600 of 河南's 1630 in
// March 2025 (济源 30); a new 洛阳 enterprise with 1630 halves the share to 1600 / 3260.
TEST_F(WarningsTest, EpisodeWeightsFollowANewBatch) {
  ASSERT_TRUE(w_->Evaluate("2025-04-05T00:00:00Z").ok());
  EpisodeFilter f;
  f.include_muted = true;
  f.kind = "region";
  auto weight = [&] {
    auto list = ListEpisodes(*w_, f);
    EXPECT_TRUE(list.ok()) << list.status().ToString();
    for (const auto& e : list->episodes)
      if (e.id == "region:410100") return e.weight;
    ADD_FAILURE() << "no episode of 郑州";
    return 0.0;
  };
  const double before = weight();
  EXPECT_DOUBLE_EQ(weight(), before);  // the kept facts answer the same
  Import("e2.csv",
         "uscc,name,region,industry,size,tags\n"
         "91110000802100433B,丁材料有限公司,410302,1311,large,\n");
  Import("o2.csv",
         "uscc,period,indicator,value,ytd,prior,prior_ytd\n"
         "91110000802100433B,2025-03,output_value,1630,,1630,\n");
  const double after = weight();
  const double share_before = 1600.0 / 1630 * 100, share_after = 1600.0 / 3260 * 100;
  // weight = boost × (1 + share): the same boost on both sides.
  EXPECT_NEAR(before / (1 + share_before), after / (1 + share_after), 1e-9);
  EXPECT_LT(after, before);
}

// The facts of subjects are kept from one batch of values to the next for the subjects it
// cannot have moved, and read again for those it moved. A revision of A's March 2024 output
// (1000 → 3000; no new enterprise) moves 郑州, A's prefecture: B's base is then 1000 of 4000
// (weight 1 + 25) where it was 1000 of 2000 (1 + 50). Every episode's weight and score are then
// what a process reading every fact afresh finds.
TEST_F(WarningsTest, FactsABatchOfValuesMovedAreReadAgain) {
  ASSERT_TRUE(w_->Evaluate("2025-04-05T00:00:00Z").ok());
  EpisodeFilter f;
  f.include_muted = true;
  auto scores = [&](Warnings& w) {
    std::map<std::string, std::pair<double, double>> out;  // id -> weight, score
    auto list = ListEpisodes(w, f);
    EXPECT_TRUE(list.ok()) << list.status().ToString();
    if (list.ok()) {
      for (const auto& e : list->episodes) out[e.id] = {e.weight, e.score};
    }
    return out;
  };
  const std::string b = std::string("enterprise:") + kB;
  ASSERT_DOUBLE_EQ(scores(*w_)[b].first, 51);
  Import("r.csv",
         "uscc,period,indicator,value,ytd,prior,prior_ytd\n"
         "91310110666007217T,2024-03,output_value,3000,,,\n");
  ASSERT_TRUE(w_->Evaluate("2025-04-06T00:00:00Z").ok());
  const auto kept = scores(*w_);
  EXPECT_DOUBLE_EQ(kept.at(b).first, 26);
  ASSERT_OK_AND_ASSIGN(auto cold, Ballast::Open(db_.locator()));
  const auto afresh = scores(cold->warnings());
  ASSERT_EQ(kept.size(), afresh.size());
  for (const auto& [id, ws] : afresh) {
    ASSERT_TRUE(kept.contains(id)) << id;
    EXPECT_NEAR(kept.at(id).first, ws.first, 1e-9) << id;
    EXPECT_NEAR(kept.at(id).second, ws.second, 1e-9) << id;
  }
}

// The facts of region subjects are read by passes kept by block (engine/sums_memo.h). After a
// batch that moved one enterprise, the subjects left to score again are those of its scope, a
// set that differs from batch to batch; they are read with every region and industry subject,
// so the passes asked are those the previous snapshot kept, summed again in the moved block
// only, and no new pass over the panel is made (issue 11: a fresh pass of 500,000 enterprises
// after every batch). 4,500 more firms in 郑州 and 100 in 武汉, each falling 20 %: the panel has
// two blocks, and 郑州 and 武汉 fire.
TEST_F(WarningsTest, FactsOfRegionsAfterABatchAreReadFromTheKeptPasses) {
  std::string firms = "uscc,name,region,industry,size,tags\n";
  std::string values = "uscc,period,indicator,value,ytd,prior,prior_ytd\n";
  for (int k = 0; k < 4600; ++k) {
    const std::string region = k < 4500 ? "410102" : "420102";
    const std::string uscc = ::ballast::testing::TestUscc(region, k);
    firms += uscc + ",企业" + std::to_string(k) + "," + region + ",1311,small,\n";
    values += uscc + ",2024-03,output_value,100,,,\n" + uscc + ",2025-03,output_value,80,,,\n";
  }
  Import("e3.csv", firms);
  Import("o3.csv", values);
  ASSERT_TRUE(w_->Evaluate("2025-04-05T00:00:00Z").ok());
  EpisodeFilter f;
  f.include_muted = true;
  f.kind = "region";
  auto weights = [&](Warnings& w) {
    std::map<std::string, double> out;
    auto list = ListEpisodes(w, f);
    EXPECT_TRUE(list.ok()) << list.status().ToString();
    if (list.ok()) {
      for (const auto& e : list->episodes) out[e.id] = e.weight;
    }
    return out;
  };
  const auto before = weights(*w_);
  // After the batch, 郑州's is scored again (its share of Henan moved), 武汉's is not.
  for (const char* id : {"region:410100", "region:420100"})
    ASSERT_TRUE(before.contains(id)) << id << " does not fire";
  ASSERT_TRUE(Revise("r.csv", 5000).ok());  // A, in 郑州 and in the first block
  ASSERT_OK_AND_ASSIGN(auto snap, ws_->GetSnapshot());
  const size_t carried = snap->query->kept_passes();
  ASSERT_GT(carried, 0u) << "the passes of the first list were not carried to the new panel";
  const auto after = weights(*w_);
  EXPECT_EQ(snap->query->kept_passes(), carried) << "a new pass was made for the moved subjects";
  // And the weights are what a process reading every fact afresh finds.
  ASSERT_OK_AND_ASSIGN(auto cold, Ballast::Open(db_.locator()));
  const auto afresh = weights(cold->warnings());
  ASSERT_EQ(after.size(), afresh.size());
  for (const auto& [id, weight] : afresh) {
    ASSERT_TRUE(after.contains(id)) << id;
    EXPECT_NEAR(after.at(id), weight, 1e-9) << id;
  }
}

// 郑州 in March 2025: A 1000 → 1200, B 1000 → 400. Same sample 2, one declining (50 %), holding
// 1000 of the 2000 base (50 %); the fall is −600, all of it B's; growth (1600 − 2000) / 2000 = −20
// %.
TEST_F(WarningsTest, JudgementOfANode) {
  ASSERT_TRUE(w_->Evaluate("2025-04-05T00:00:00Z").ok());
  auto j = Judge(*w_, "410100", "");
  ASSERT_TRUE(j.ok()) << j.status().ToString();
  EXPECT_EQ(j->period, "2025-03");
  EXPECT_EQ(j->same_sample, 2);
  EXPECT_EQ(j->declining, 1);
  EXPECT_DOUBLE_EQ(j->declining_share, 50);
  EXPECT_DOUBLE_EQ(j->declining_output_share, 50);
  EXPECT_DOUBLE_EQ(j->fall, -600);
  EXPECT_NEAR(*j->yoy, -20, 1e-9);
  ASSERT_EQ(j->top_enterprises.size(), 1u);
  EXPECT_EQ(j->top_enterprises[0].key, kB);
  EXPECT_DOUBLE_EQ(j->top_enterprises[0].share_of_fall, 100);
  ASSERT_EQ(j->top_industries.size(), 1u);
  EXPECT_EQ(j->top_industries[0].key, "13");
  EXPECT_EQ(j->months_declining, 1);
  bool region_on_top = false;
  for (const auto& e : j->episodes) region_on_top |= e.id == "region:410100";
  EXPECT_TRUE(region_on_top);
  EXPECT_FALSE(Judge(*w_, "999999", "").ok());
}

// The demo's commodity series plant exactly one red (coal +22 % on the week), one yellow (copper
// +12 %) and one blue (urea at 13 days of stock) episode; steel stays calm.
TEST_F(WarningsTest, DemoCommoditiesPlantOneEpisodeOfEachColour) {
  auto r = w_->ImportCommodities(gen::CommodityCsv(MakePeriod(2025, 3)), "commodities.csv", "demo");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->imported);
  EpisodeFilter f;
  f.kind = "commodity";
  f.limit = 0;
  auto list = ListEpisodes(*w_, f).value();
  std::map<std::string, std::string> level;
  for (const auto& e : list.episodes) level[e.subject_key] = e.level;
  EXPECT_EQ(level, (std::map<std::string, std::string>{
                       {"copper", "yellow"}, {"thermal_coal", "red"}, {"urea", "blue"}}));
}

}  // namespace
}  // namespace ballast::app
