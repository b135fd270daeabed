// An evaluation writes only what changed (issue 13 item 4): nothing when nothing changed, only
// the revised subject's rows after a one-value revision; and the alerts a process holds in
// memory follow what another process writes. Runs on SQLite and PostgreSQL (store_neutral).
#include <gtest/gtest.h>

#include <map>

#include "app/ballast.h"
#include "app/warnings.h"
#include "store/open.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast::app {
namespace {

constexpr const char* kA = "91310110666007217T";
constexpr const char* kB = "91310115591693856A";

// A and B in 郑州 (410102), C in 济源. Output: A 1000 → 1200, B 1000 → 400 (B red, 郑州 −20 %
// red), C 1000 → 1100. Electricity: A 100 → 90 (−10 %: nothing), B 100 → 40 (−60 %: red),
// C 100 → 95. No region or industry rule reads electricity, so revising A's electricity can
// change A's alerts only.
constexpr const char* kEnterprises =
    "uscc,name,region,industry,size,tags\n"
    "91310110666007217T,甲装备有限公司,410102,3311,large,\n"
    "91310115591693856A,乙食品有限公司,410102,1311,medium,\n"
    "91330000755918469E,丙机械有限公司,419001,3311,small,\n";
constexpr const char* kObservations =
    "uscc,period,indicator,value,ytd,prior,prior_ytd\n"
    "91310110666007217T,2024-03,output_value,1000,,,\n"
    "91310115591693856A,2024-03,output_value,1000,,,\n"
    "91330000755918469E,2024-03,output_value,1000,,,\n"
    "91310110666007217T,2025-03,output_value,1200,,,\n"
    "91310115591693856A,2025-03,output_value,400,,,\n"
    "91330000755918469E,2025-03,output_value,1100,,,\n"
    "91310110666007217T,2024-03,electricity,100,,,\n"
    "91310115591693856A,2024-03,electricity,100,,,\n"
    "91330000755918469E,2024-03,electricity,100,,,\n"
    "91310110666007217T,2025-03,electricity,90,,,\n"
    "91310115591693856A,2025-03,electricity,40,,,\n"
    "91330000755918469E,2025-03,electricity,95,,,\n";

class WarningsWriteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto b = Ballast::Create(db_.locator());
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    b_ = std::move(b).value();
    Import(*b_, "e.csv", kEnterprises);
    Import(*b_, "o.csv", kObservations);
    auto store = OpenWarnStore(db_.locator());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
  }
  static void Import(Ballast& b, const std::string& name, const std::string& csv) {
    auto out = b.workspace().Import(csv, name, "alice", MakePeriod(2025, 4));
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    ASSERT_EQ(out->status, ingest::ImportStatus::kImported) << name;
  }
  // Every stored alert by id, and every stored event's alert by event id, read from the store.
  std::map<int64_t, AlertRecord> StoredAlerts() {
    std::map<int64_t, AlertRecord> out;
    auto all = store_->LoadAlerts({false, std::nullopt});
    EXPECT_TRUE(all.ok()) << all.status().ToString();
    for (auto& a : *all) out[a.id] = a;
    return out;
  }
  std::map<int64_t, int64_t> StoredEvents() {
    std::map<int64_t, int64_t> out;
    for (const auto& [id, a] : StoredAlerts()) {
      auto events = store_->AlertEvents(id);
      EXPECT_TRUE(events.ok()) << events.status().ToString();
      for (const auto& e : *events) out[e.id] = e.alert_id;
    }
    return out;
  }
  int64_t Version() { return store_->AlertsVersion().value(); }
  // The shipped rules of the panel: all are carried over after a batch of values (the region
  // and industry ones' measures, yoy and ytd_yoy, compare with no parent cell).
  static int32_t PanelRules() {
    int32_t n = 0;
    const std::vector<warn::Rule> defaults = warn::DefaultRules().value();
    for (const auto& r : defaults) n += warn::IsExternal(r.subject) ? 0 : 1;
    return n;
  }

  ::ballast::testing::TestStore db_;
  std::unique_ptr<Ballast> b_;
  std::unique_ptr<WarnStore> store_;
};

bool Same(const AlertRecord& a, const AlertRecord& b) {
  return a.state == b.state && a.level == b.level && a.value == b.value && a.streak == b.streak &&
         a.message_zh == b.message_zh && a.message_en == b.message_en &&
         a.updated_at == b.updated_at && a.silenced_by == b.silenced_by &&
         a.inhibited == b.inhibited && a.handling == b.handling;
}

TEST_F(WarningsWriteTest, NothingChangedWritesNothing) {
  auto first = b_->warnings().Evaluate("2025-04-05T00:00:00Z");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_GT(first->opened, 0);
  EXPECT_EQ(first->alerts_written, first->opened);
  const auto alerts = StoredAlerts();
  const auto events = StoredEvents();
  const int64_t version = Version();
  EXPECT_GT(version, 0);

  auto again = b_->warnings().Evaluate("2025-04-06T00:00:00Z");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->alerts_written, 0);
  EXPECT_EQ(again->events_written, 0);
  EXPECT_EQ(again->opened + again->updated + again->resolved + again->removed, 0);
  // Zero rows: the same alerts with the same times, the same events, the counter unmoved.
  const auto after = StoredAlerts();
  ASSERT_EQ(after.size(), alerts.size());
  for (const auto& [id, a] : alerts)
    EXPECT_TRUE(Same(a, after.at(id))) << a.rule_id << " " << a.subject_key;
  EXPECT_EQ(StoredEvents(), events);
  EXPECT_EQ(Version(), version);

  // Another process (a second composition root, its memory cold) finds nothing to write either.
  auto other = Ballast::Open(db_.locator());
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  auto cold = (*other)->warnings().Evaluate("2025-04-07T00:00:00Z");
  ASSERT_TRUE(cold.ok()) << cold.status().ToString();
  EXPECT_EQ(cold->alerts_written, 0);
  EXPECT_EQ(Version(), version);
}

TEST_F(WarningsWriteTest, OneRevisedValueWritesOnlyItsSubject) {
  ASSERT_TRUE(b_->warnings().Evaluate("2025-04-05T00:00:00Z").ok());
  const auto alerts = StoredAlerts();
  const auto events = StoredEvents();
  const int64_t version = Version();
  for (const auto& [id, a] : alerts) EXPECT_NE(a.subject_key, kA) << a.rule_id;  // A has none yet

  // A's electricity revised to 40: −60 % on 100, red.
  Import(*b_, "r.csv",
         "uscc,period,indicator,value,ytd,prior,prior_ytd\n91310110666007217T,2025-03,electricity,"
         "40,,,\n");
  auto s = b_->warnings().Evaluate("2025-04-06T00:00:00Z");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->alerts_written, 1);
  EXPECT_EQ(s->opened, 1);
  EXPECT_EQ(s->events_written, 1);    // fired
  EXPECT_EQ(Version(), version + 1);  // one transaction
  // The rules were carried over from the first evaluation, A (and its cells) redone.
  EXPECT_EQ(s->rules_carried, PanelRules());

  const auto after = StoredAlerts();
  ASSERT_EQ(after.size(), alerts.size() + 1);
  for (const auto& [id, a] : alerts)
    EXPECT_TRUE(Same(a, after.at(id))) << a.rule_id << " " << a.subject_key;
  const AlertRecord& added = after.rbegin()->second;
  EXPECT_EQ(added.subject_key, kA);
  EXPECT_EQ(added.rule_id, "ent_electricity_drop");
  EXPECT_EQ(added.level, "red");
  EXPECT_NEAR(added.value, -60, 1e-9);
  const auto events_after = StoredEvents();
  ASSERT_EQ(events_after.size(), events.size() + 1);
  for (const auto& [id, alert] : events_after) {
    if (!events.count(id)) {
      EXPECT_EQ(alert, added.id);
    }
  }
}

// Evaluations after batches carry the rules' findings over and redo the moved enterprises and
// their cells only; a cold process (a whole evaluation) then finds nothing to write.
TEST_F(WarningsWriteTest, CarriedFindingsAreWhatAWholeEvaluationFinds) {
  ASSERT_TRUE(b_->warnings().Evaluate("2025-04-05T00:00:00Z").ok());
  // B's output recovers (no enterprise alert, 郑州's region alert goes), then C's falls.
  Import(*b_, "r1.csv",
         "uscc,period,indicator,value,ytd,prior,prior_ytd\n91310115591693856A,2025-03,output_value,"
         "990,,,\n");
  auto s = b_->warnings().Evaluate("2025-04-06T00:00:00Z");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->rules_carried, PanelRules());
  EXPECT_GT(s->resolved, 0);
  for (const auto& [id, a] : StoredAlerts()) {
    if (a.subject_key == kB && a.rule_id == "ent_output_drop") {
      EXPECT_EQ(a.state, "resolved");
    }
  }
  Import(*b_, "r2.csv",
         "uscc,period,indicator,value,ytd,prior,prior_ytd\n91330000755918469E,2025-03,output_value,"
         "300,,,\n91330000755918469E,2025-03,electricity,30,,,\n");
  s = b_->warnings().Evaluate("2025-04-06T01:00:00Z");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->rules_carried, PanelRules());
  EXPECT_GE(s->opened, 2);  // C: output −70 %, electricity −70 %
  const int64_t version = Version();

  auto other = Ballast::Open(db_.locator());
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  auto cold = (*other)->warnings().Evaluate("2025-04-06T01:00:00Z");
  ASSERT_TRUE(cold.ok()) << cold.status().ToString();
  EXPECT_EQ(cold->rules_carried, 0);
  EXPECT_EQ(cold->alerts_written, 0);
  EXPECT_EQ(Version(), version);
}

TEST_F(WarningsWriteTest, AlertsHeldInMemoryFollowAnotherProcess) {
  Warnings& w = b_->warnings();
  ASSERT_TRUE(w.Evaluate("2025-04-05T00:00:00Z").ok());
  AlertFilter f;
  f.subject_key = kB;
  f.rule_id = "ent_electricity_drop";
  auto mine = w.ListAlerts(f);  // now held in memory
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].handling, "open");

  // Another process acknowledges it: the first sees it at once, and its next evaluation keeps it.
  auto other = Ballast::Open(db_.locator());
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  ASSERT_TRUE((*other)->warnings().Acknowledge((*mine)[0].id, "bob").ok());
  auto seen = w.ListAlerts(f);
  ASSERT_TRUE(seen.ok());
  ASSERT_EQ(seen->size(), 1u);
  EXPECT_EQ((*seen)[0].handling, "acknowledged");
  auto s = w.Evaluate("2025-04-06T00:00:00Z");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->alerts_written, 0);
  EXPECT_EQ(StoredAlerts().at((*mine)[0].id).handling, "acknowledged");

  // Its own steps are folded into what it holds: B's alert closes only after it resolves; once
  // resolved and closed it leaves the live list, and a list with closed ones still shows it.
  ASSERT_TRUE(w.Assign((*mine)[0].id, "郑州市工业和信息化局", "2025-04-30", "bob").ok());
  ASSERT_TRUE(w.Handle((*mine)[0].id, "约谈企业", "carol").ok());
  ASSERT_TRUE(w.Close((*mine)[0].id, "bob").ok());
  EXPECT_EQ(w.ListAlerts(f)->at(0).handling, "closed");  // still firing: live
  Import(*b_, "r.csv",
         "uscc,period,indicator,value,ytd,prior,prior_ytd\n91310115591693856A,2025-03,electricity,"
         "100,,,\n");
  ASSERT_TRUE(w.Evaluate("2025-04-07T00:00:00Z").ok());
  EXPECT_TRUE(w.ListAlerts(f)->empty());
  f.include_closed = true;
  auto closed = w.ListAlerts(f);
  ASSERT_EQ(closed->size(), 1u);
  EXPECT_EQ((*closed)[0].state, "resolved");
}

// A process holding the live alerts takes in another's writes row by row (WarnStore::
// AlertsSince): an evaluation after a revision, a closing and a removal done elsewhere leave it
// with what a process reading every alert holds, and the rows nobody wrote are the ones it held.
TEST_F(WarningsWriteTest, AnotherProcesssWritesAreTakenInRowByRow) {
  Warnings& w = b_->warnings();
  ASSERT_TRUE(w.Evaluate("2025-04-05T00:00:00Z").ok());
  ASSERT_OK_AND_ASSIGN(auto before, w.Live());
  const AlertRecord* untouched = nullptr;  // B's electricity alert: no write below moves it
  for (const auto& a : before->rows) {
    if (a->subject_key == kB && a->rule_id == "ent_electricity_drop") untouched = a.get();
  }
  ASSERT_NE(untouched, nullptr);

  ASSERT_OK_AND_ASSIGN(auto other, Ballast::Open(db_.locator()));
  Import(*other, "r1.csv",
         "uscc,period,indicator,value,ytd,prior,prior_ytd\n91310115591693856A,2025-03,output_value,"
         "990,,,\n");
  ASSERT_OK_AND_ASSIGN(auto s, other->warnings().Evaluate("2025-04-06T00:00:00Z"));
  EXPECT_GT(s.resolved, 0);  // B's output and 郑州's
  std::vector<AlertChange> elsewhere;
  for (const auto& [id, a] : StoredAlerts()) {
    if (a.state != "resolved") continue;
    AlertRecord closed = a;
    closed.handling = "closed";
    // One resolved alert closes (it leaves the live alerts), the others are removed.
    elsewhere.push_back({closed, !elsewhere.empty(), {}});
  }
  ASSERT_GE(elsewhere.size(), 2u);
  ASSERT_TRUE(store_->ApplyAlertChanges(elsewhere).ok());

  ASSERT_OK_AND_ASSIGN(auto after, w.Live());
  EXPECT_EQ(after->version, Version());
  ASSERT_OK_AND_ASSIGN(auto cold, Ballast::Open(db_.locator()));
  ASSERT_OK_AND_ASSIGN(auto all, cold->warnings().Live());
  ASSERT_EQ(after->rows.size(), all->rows.size());
  for (size_t i = 0; i < all->rows.size(); ++i) {
    const AlertRecord &a = *after->rows[i], &b = *all->rows[i];
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.fingerprint, b.fingerprint);
    EXPECT_TRUE(Same(a, b)) << b.rule_id << " " << b.subject_key;
    EXPECT_NE(a.state, "resolved");  // closed or removed
  }
  bool shared = false;
  for (const auto& a : after->rows) shared |= a.get() == untouched;
  EXPECT_TRUE(shared) << "an alert nobody wrote was read again";
}

}  // namespace
}  // namespace ballast::app
