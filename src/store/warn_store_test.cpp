#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "store/open.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast {
namespace {

class WarnStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = db_.locator();
    auto main = CreateStore(path_, {"code,name\n", "code,name\n", "code\n"});
    ASSERT_TRUE(main.ok()) << main.status().ToString();
    main_ = std::move(main).value();
    auto warn = OpenWarnStore(path_);
    ASSERT_TRUE(warn.ok()) << warn.status().ToString();
    store_ = std::move(warn).value();
  }
  void TearDown() override {
    store_.reset();
    main_.reset();
  }
  static AlertRecord Alert(const std::string& fp) {
    AlertRecord a;
    a.fingerprint = fp;
    a.rule_id = "r";
    a.family = "f";
    a.subject_kind = "enterprise";
    a.subject_key = "X";
    a.level = "red";
    a.state = "firing";
    a.value = -55.5;
    a.handling = "open";
    return a;
  }
  ::ballast::testing::TestStore db_;
  std::string path_;
  std::unique_ptr<Store> main_;
  std::unique_ptr<WarnStore> store_;
};

TEST_F(WarnStoreTest, RuleRevisionsCountUpAndTheLatestWins) {
  ASSERT_TRUE(store_->AddRuleRevision({"a", 0, "{\"v\":1}", "alice", ""}).ok());
  auto r2 = store_->AddRuleRevision({"a", 0, "{\"v\":2}", "bob", ""});
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(r2->revision, 2);
  ASSERT_TRUE(store_->AddRuleRevision({"b", 0, "{}", "alice", ""}).ok());
  auto latest = store_->LatestRuleRevisions();
  ASSERT_TRUE(latest.ok());
  ASSERT_EQ(latest->size(), 2u);
  EXPECT_EQ((*latest)[0].body, "{\"v\":2}");
  EXPECT_EQ((*latest)[0].author, "bob");
  EXPECT_EQ(store_->RuleHistory("a")->size(), 2u);
}

TEST_F(WarnStoreTest, AlertsRoundTripWithEventsAndRemoval) {
  AlertChange c{Alert("fp1"),
                false,
                {{0, 0, "2026-01-01T00:00:00Z", "system", "fired", "pending", "firing", ""}}};
  auto applied = store_->ApplyAlertChanges({c, AlertChange{Alert("fp2"), false, {}}});
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  const int64_t id = (*applied)[0].alert.id;
  EXPECT_GT(id, 0);
  auto loaded = store_->LoadAlerts({});
  ASSERT_EQ(loaded->size(), 2u);
  EXPECT_EQ((*loaded)[0].fingerprint, "fp1");
  EXPECT_DOUBLE_EQ((*loaded)[0].value, -55.5);
  auto events = store_->AlertEvents(id);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].action, "fired");

  AlertRecord closed = (*loaded)[1];
  closed.state = "resolved";
  closed.handling = "closed";
  ASSERT_TRUE(store_->ApplyAlertChanges({AlertChange{closed, false, {}}}).ok());
  EXPECT_EQ(store_->LoadAlerts({true, std::nullopt})->size(), 1u);
  auto one = store_->LoadAlerts({false, closed.id});
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].handling, "closed");
}

// A new month rewrites every open alert in one evaluation (PostgreSQL takes them through a
// temporary table, more than a statement's thousand rows here): each keeps its id and gets
// every field, the others stay as they were, and an insert in the same write gets its own id.
TEST_F(WarnStoreTest, AnEvaluationRewritesManyAlertsAtOnce) {
  std::vector<AlertChange> opened;
  for (int i = 0; i < 2500; ++i) opened.push_back({Alert("fp" + std::to_string(i)), false, {}});
  ASSERT_OK_AND_ASSIGN(auto stored, store_->ApplyEvaluation(opened, 1, "2026-01-01T00:00:00Z"));
  std::vector<AlertChange> moved;
  for (int i = 0; i < 2500; i += 2) {
    AlertRecord a = stored[static_cast<size_t>(i)].alert;
    a.period = "2026-02";
    a.value = i + 0.25;
    a.streak = i;
    a.level = "blue";
    a.message_zh = "第" + std::to_string(i) + "条";
    a.inhibited = true;
    moved.push_back({a,
                     false,
                     {{0, 0, "2026-02-01T00:00:00Z", "system", "deescalated", "firing", "firing",
                       "red -> blue"}}});
  }
  moved.push_back({Alert("new"), false, {}});
  ASSERT_OK_AND_ASSIGN(auto applied, store_->ApplyEvaluation(moved, 2, "2026-02-01T00:00:00Z"));
  EXPECT_GT(applied.back().alert.id, stored.back().alert.id);
  ASSERT_OK_AND_ASSIGN(auto loaded, store_->LoadAlerts({}));
  ASSERT_EQ(loaded.size(), 2501u);
  for (int i = 0; i < 2500; ++i) {
    const AlertRecord& a = loaded[static_cast<size_t>(i)];
    ASSERT_EQ(a.id, stored[static_cast<size_t>(i)].alert.id);
    if (i % 2 == 0) {
      EXPECT_EQ(a.period, "2026-02");
      EXPECT_DOUBLE_EQ(a.value, i + 0.25);
      EXPECT_EQ(a.streak, i);
      EXPECT_EQ(a.level, "blue");
      EXPECT_EQ(a.message_zh, "第" + std::to_string(i) + "条");
      EXPECT_TRUE(a.inhibited);
    } else {
      EXPECT_EQ(a.period, "");
      EXPECT_DOUBLE_EQ(a.value, -55.5);
      EXPECT_EQ(a.level, "red");
      EXPECT_FALSE(a.inhibited);
    }
  }
  ASSERT_OK_AND_ASSIGN(auto events, store_->AlertEvents(stored[2].alert.id));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].detail, "red -> blue");
}

// Another process holding the live alerts reads only what was written since: the rows
// inserted or updated (a row closed since comes too, to be dropped), the ids removed, and the
// counter, all of one moment; a process further behind than the removals kept reads every alert.
TEST_F(WarnStoreTest, AnotherProcessReadsOnlyTheAlertsWrittenSince) {
  ASSERT_OK_AND_ASSIGN(auto other, OpenWarnStore(path_));
  ASSERT_OK_AND_ASSIGN(auto first, store_->ApplyAlertChanges({{Alert("fp1"), false, {}},
                                                              {Alert("fp2"), false, {}},
                                                              {Alert("fp3"), false, {}}}));
  ASSERT_OK_AND_ASSIGN(AlertDelta all, other->AlertsSince(-1));
  EXPECT_TRUE(all.whole);
  ASSERT_EQ(all.rows.size(), 3u);
  const int64_t v1 = all.version;
  AlertRecord closed = first[0].alert, moved = first[2].alert;
  closed.state = "resolved";
  closed.handling = "closed";
  ASSERT_TRUE(store_
                  ->ApplyAlertChanges(
                      {{closed, false, {}}, {first[1].alert, true, {}}, {Alert("fp4"), false, {}}})
                  .ok());
  moved.value = 12.5;
  ASSERT_TRUE(store_->ApplyAlertChanges({{moved, false, {}}}).ok());

  ASSERT_OK_AND_ASSIGN(AlertDelta d, other->AlertsSince(v1));
  EXPECT_FALSE(d.whole);
  EXPECT_EQ(d.version, v1 + 2);
  ASSERT_EQ(d.rows.size(), 3u);  // fp1 (closed), fp3 (moved), fp4 (new), by id
  EXPECT_EQ(d.rows[0].fingerprint, "fp1");
  EXPECT_EQ(d.rows[0].handling, "closed");
  EXPECT_EQ(d.rows[1].fingerprint, "fp3");
  EXPECT_DOUBLE_EQ(d.rows[1].value, 12.5);
  EXPECT_EQ(d.rows[2].fingerprint, "fp4");
  EXPECT_EQ(d.removed, std::vector<int64_t>{first[1].alert.id});
  ASSERT_OK_AND_ASSIGN(AlertDelta later, other->AlertsSince(v1 + 1));
  ASSERT_EQ(later.rows.size(), 1u);  // the second write alone
  EXPECT_EQ(later.rows[0].fingerprint, "fp3");
  EXPECT_TRUE(later.removed.empty());
  ASSERT_OK_AND_ASSIGN(AlertDelta none, other->AlertsSince(v1 + 2));
  EXPECT_FALSE(none.whole);
  EXPECT_TRUE(none.rows.empty() && none.removed.empty());

  // A thousand writes later (the last one removing an alert), v1 is too old: every live alert.
  for (int i = 0; i < 1000; ++i) {
    moved.value = i;
    ASSERT_TRUE(store_->ApplyAlertChanges({{moved, false, {}}}).ok());
  }
  ASSERT_OK_AND_ASSIGN(auto gone, store_->ApplyAlertChanges({{Alert("fp5"), false, {}}}));
  ASSERT_TRUE(store_->ApplyAlertChanges({{gone[0].alert, true, {}}}).ok());
  ASSERT_OK_AND_ASSIGN(AlertDelta behind, other->AlertsSince(v1));
  EXPECT_TRUE(behind.whole);
  ASSERT_EQ(behind.rows.size(), 2u);  // fp3 and fp4 are live
  EXPECT_EQ(behind.rows[0].fingerprint, "fp3");
  EXPECT_DOUBLE_EQ(behind.rows[0].value, 999);
  EXPECT_TRUE(behind.removed.empty());
  ASSERT_OK_AND_ASSIGN(AlertDelta recent, other->AlertsSince(behind.version - 3));
  EXPECT_FALSE(recent.whole);
  EXPECT_EQ(recent.removed, std::vector<int64_t>{gone[0].alert.id});
  ASSERT_EQ(recent.rows.size(), 1u);  // fp3's last value (fp5 is gone)
  EXPECT_DOUBLE_EQ(recent.rows[0].value, 999);
}

TEST_F(WarnStoreTest, SilencesExpireOnce) {
  auto s = store_->AddSilence({0, "r", "", "", "410000", "alice", "maintenance",
                               "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", "", ""});
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(store_->ExpireSilence(s->id, "bob", "2026-01-10T00:00:00Z").ok());
  EXPECT_EQ(store_->ExpireSilence(s->id, "bob", "2026-01-11T00:00:00Z").code(),
            StatusCode::kNotFound);
  auto list = store_->ListSilences();
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].expired_by, "bob");
}

TEST_F(WarnStoreTest, CommodityPointsAreRevisedNotDuplicated) {
  CommodityPointRecord p{"iron_ore", "铁矿石", "元/吨", "2026-01-05", 800,
                         20,         true,     "a.csv", "u",          "t"};
  ASSERT_TRUE(store_->UpsertCommodityPoints({p}).ok());
  p.price = 820;
  p.has_stock_days = false;
  ASSERT_TRUE(store_->UpsertCommodityPoints({p}).ok());
  auto pts = store_->LoadCommodityPoints();
  ASSERT_EQ(pts->size(), 1u);
  EXPECT_DOUBLE_EQ((*pts)[0].price, 820);
  EXPECT_FALSE((*pts)[0].has_stock_days);
}

TEST_F(WarnStoreTest, ProgressIsAppended) {
  ASSERT_TRUE(
      store_->AddProgress({0, "t1", 1200, "2022-06-30", "半年", "h1.pdf", "alice", ""}).ok());
  ASSERT_TRUE(store_->AddProgress({0, "t2", 5, "2022-06-30", "", "", "alice", ""}).ok());
  EXPECT_EQ(store_->ListProgress("t1")->size(), 1u);
  EXPECT_EQ(store_->ListProgress("")->size(), 2u);
}

// Instances on one store evaluate one at a time, on PostgreSQL and on a SQLite file alike.
TEST_F(WarnStoreTest, OneProcessAtATimeHoldsTheEvaluationLock) {
  ASSERT_OK_AND_ASSIGN(auto other, OpenWarnStore(path_));
  ASSERT_OK_AND_ASSIGN(bool first, store_->TryLockEvaluation());
  EXPECT_TRUE(first);
  ASSERT_OK_AND_ASSIGN(bool second, other->TryLockEvaluation());
  EXPECT_FALSE(second);
  ASSERT_OK(store_->UnlockEvaluation());
  ASSERT_OK_AND_ASSIGN(bool after, other->TryLockEvaluation());
  EXPECT_TRUE(after);
  ASSERT_OK(other->UnlockEvaluation());
}

}  // namespace
}  // namespace ballast
