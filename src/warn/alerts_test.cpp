#include "warn/alerts.h"

#include <gtest/gtest.h>

#include "engine/test_panel_util.h"

namespace ballast::warn {
namespace {

// Keeps alerts as a store would: applies changes, assigns ids.
class FakeStore {
 public:
  void Apply(const std::vector<AlertChange>& changes) {
    for (const auto& c : changes) {
      if (c.remove) {
        std::erase_if(alerts_, [&](const AlertRecord& a) { return a.id == c.alert.id; });
        continue;
      }
      AlertRecord a = c.alert;
      if (a.id == 0) {
        a.id = ++next_;
        alerts_.push_back(a);
      } else {
        for (auto& x : alerts_) {
          if (x.id == a.id) x = a;
        }
      }
      for (const auto& e : c.events) events_.push_back({a.id, e.action});
    }
  }
  std::vector<AlertRecord> Live() const {
    std::vector<AlertRecord> out;
    for (const auto& a : alerts_) {
      if (!(a.state == "resolved" && a.handling == "closed")) out.push_back(a);
    }
    return out;
  }
  std::vector<AlertRecord> alerts_;
  std::vector<std::pair<int64_t, std::string>> events_;
  int64_t next_ = 0;
};

Rule MakeRule(const std::string& id, SubjectKind kind, const std::string& family,
              int for_periods = 1) {
  Rule r;
  r.id = id;
  r.family = family;
  r.subject = kind;
  r.indicator = "output_value";
  r.measure = Measure::kYoy;
  r.thresholds = {{Level::kRed, -50}, {Level::kYellow, -30}, {Level::kBlue, -20}};
  r.for_periods = for_periods;
  r.message_zh = "{subject} {value}";
  r.message_en = "{subject} {value}";
  return r;
}

Finding Find(size_t rule, const std::string& key, Level level, double value, int streak,
             bool firing, const std::string& region = "410102") {
  Finding f;
  f.rule = rule;
  f.subject_key = key;
  f.subject_name = key;
  f.region = region;
  f.level = level;
  f.value = value;
  f.streak = streak;
  f.firing = firing;
  f.period = "2025-09";
  return f;
}

class AlertsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rules_ = {MakeRule("ent", SubjectKind::kEnterprise, "output_decline"),
              MakeRule("ent3", SubjectKind::kEnterprise, "output_decline", 3),
              MakeRule("region", SubjectKind::kRegion, "output_decline"),
              MakeRule("other", SubjectKind::kEnterprise, "profit")};
  }
  // One evaluation at `now` with these findings (every rule evaluated).
  std::vector<AlertChange> Eval(std::vector<Finding> findings, const std::string& now) {
    EvaluationResult res;
    res.findings = std::move(findings);
    for (const auto& r : rules_) res.evaluated.insert(r.id);
    ReconcileInput in;
    in.rules = &rules_;
    in.evaluation = &res;
    in.live = store_.Live();
    in.silences = silences_;
    in.now = now;
    in.catalog = testing_util::SharedCatalog().get();
    auto changes = Reconcile(in);
    store_.Apply(changes);
    return changes;
  }
  const AlertRecord& Only() {
    EXPECT_EQ(store_.alerts_.size(), 1u);
    return store_.alerts_.front();
  }
  std::vector<Rule> rules_;
  std::vector<SilenceRecord> silences_;
  FakeStore store_;
};

TEST(FingerprintTest, StableAndDistinct) {
  EXPECT_EQ(Fingerprint("ent_output_drop", "enterprise", "91410100MA0000000X"),
            Fingerprint("ent_output_drop", "enterprise", "91410100MA0000000X"));
  // Pinned: a fingerprint must never change between versions (silences and history refer to it).
  EXPECT_EQ(Fingerprint("ent_output_drop", "enterprise", "91410100MA0000000X"), "9f61b575096d48cc");
  EXPECT_EQ(Fingerprint("a", "enterprise", "b").size(), 16u);
  EXPECT_NE(Fingerprint("ab", "enterprise", "c"), Fingerprint("a", "enterprise", "bc"));
}

TEST_F(AlertsTest, PendingThenFiringThenResolved) {
  Eval({Find(1, "A", Level::kBlue, -5, 1, false)}, "2025-08-01T00:00:00Z");
  EXPECT_EQ(Only().state, "pending");
  ASSERT_EQ(store_.events_.size(), 1u);  // created pending: its history starts there
  EXPECT_EQ(store_.events_[0].second, "pending");
  Eval({Find(1, "A", Level::kBlue, -6, 3, true)}, "2025-09-01T00:00:00Z");
  EXPECT_EQ(Only().state, "firing");
  EXPECT_EQ(Only().fired_at, "2025-09-01T00:00:00Z");
  Eval({}, "2025-10-01T00:00:00Z");
  EXPECT_EQ(Only().state, "resolved");
  EXPECT_EQ(Only().resolved_at, "2025-10-01T00:00:00Z");
  ASSERT_EQ(store_.events_.size(), 3u);
  EXPECT_EQ(store_.events_[1].second, "fired");
  EXPECT_EQ(store_.events_[2].second, "resolved");
}

TEST_F(AlertsTest, PendingThatClearsLeavesNoTrace) {
  Eval({Find(1, "A", Level::kBlue, -5, 1, false)}, "2025-08-01T00:00:00Z");
  Eval({}, "2025-09-01T00:00:00Z");
  EXPECT_TRUE(store_.alerts_.empty());
}

TEST_F(AlertsTest, RevisionAfterFiringKeepsOneAlert) {
  Eval({Find(0, "A", Level::kRed, -60, 1, true)}, "2025-10-05T00:00:00Z");
  const std::string fp = Only().fingerprint;
  // Revised data: the same period re-evaluated, now a smaller fall.
  Eval({Find(0, "A", Level::kYellow, -35, 1, true)}, "2025-10-06T00:00:00Z");
  EXPECT_EQ(Only().fingerprint, fp);
  EXPECT_EQ(Only().level, "yellow");
  EXPECT_DOUBLE_EQ(Only().value, -35);
  EXPECT_EQ(store_.events_.back().second, "deescalated");
  // The same data again changes nothing.
  EXPECT_TRUE(Eval({Find(0, "A", Level::kYellow, -35, 1, true)}, "2025-10-07T00:00:00Z").empty());
  // A revision that clears the condition resolves it.
  Eval({}, "2025-10-08T00:00:00Z");
  EXPECT_EQ(Only().state, "resolved");
}

TEST_F(AlertsTest, FlappingReopensTheSameAlert) {
  for (int i = 0; i < 3; ++i) {
    Eval({Find(0, "A", Level::kRed, -60, 1, true)},
         "2025-0" + std::to_string(3 + 2 * i) + "-01T00:00:00Z");
    Eval({}, "2025-0" + std::to_string(4 + 2 * i) + "-01T00:00:00Z");
  }
  EXPECT_EQ(Only().state, "resolved");
  std::vector<std::string> actions;
  for (const auto& e : store_.events_) actions.push_back(e.second);
  EXPECT_EQ(actions, (std::vector<std::string>{"fired", "resolved", "reopened", "resolved",
                                               "reopened", "resolved"}));
}

TEST_F(AlertsTest, ClosedAndResolvedStartsANewEpisode) {
  Eval({Find(0, "A", Level::kRed, -60, 1, true)}, "2025-09-01T00:00:00Z");
  Eval({}, "2025-10-01T00:00:00Z");
  AlertRecord a = Only();
  auto closed = ApplyHandling(
      a, {HandlingAction::kClose, "alice", "", "", "data recovered", "2025-10-02T00:00:00Z"});
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  store_.Apply({*closed});
  Eval({Find(0, "A", Level::kRed, -70, 1, true)}, "2025-11-01T00:00:00Z");
  ASSERT_EQ(store_.alerts_.size(), 2u);
  EXPECT_EQ(store_.alerts_[0].fingerprint, store_.alerts_[1].fingerprint);
  EXPECT_EQ(store_.alerts_[1].state, "firing");
  EXPECT_EQ(store_.alerts_[1].handling, "open");
}

TEST_F(AlertsTest, SilencesMuteUntilTheyExpire) {
  silences_.push_back({7, "ent", "", "", "410100", "alice", "known relocation",
                       "2025-09-01T00:00:00Z", "2025-09-15T00:00:00Z", "", ""});
  Eval({Find(0, "A", Level::kRed, -60, 1, true)}, "2025-09-02T00:00:00Z");
  EXPECT_EQ(Only().silenced_by, 7);
  Eval({Find(0, "A", Level::kRed, -60, 1, true)}, "2025-09-20T00:00:00Z");  // past ends_at
  EXPECT_EQ(Only().silenced_by, 0);
  EXPECT_EQ(store_.events_.back().second, "unsilenced");
  // A silence for another region or rule does not match.
  SilenceRecord other{
      8, "", "", "", "410300", "bob", "x", "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "", ""};
  EXPECT_FALSE(SilenceMatches(other, Only(), testing_util::SharedCatalog().get()));
  other.expired_at = "2025-02-01T00:00:00Z";
  EXPECT_FALSE(SilenceActive(other, "2025-06-01T00:00:00Z"));
}

TEST_F(AlertsTest, RegionAlertInhibitsItsEnterprisesOfTheSameFamily) {
  Eval({Find(0, "A", Level::kYellow, -35, 1, true, "410102"),  // in 郑州
        Find(0, "B", Level::kYellow, -35, 1, true, "410302"),  // in 洛阳
        Find(0, "C", Level::kRed, -80, 1, true, "410105"),  // in 郑州, more severe than the city
        Find(3, "D", Level::kRed, -60, 1, true, "410102"),  // other family
        Find(2, "410100", Level::kYellow, -35, 1, true, "410100")},
       "2025-10-01T00:00:00Z");
  std::map<std::string, bool> inhibited;
  for (const auto& a : store_.alerts_) inhibited[a.subject_key] = a.inhibited;
  EXPECT_TRUE(inhibited["A"]);
  EXPECT_FALSE(inhibited["B"]);
  EXPECT_FALSE(inhibited["C"]);
  EXPECT_FALSE(inhibited["D"]);
  EXPECT_FALSE(inhibited["410100"]);
  // The city recovers: its enterprises' alerts are no longer inhibited.
  Eval({Find(0, "A", Level::kYellow, -35, 1, true, "410102")}, "2025-11-01T00:00:00Z");
  for (const auto& a : store_.alerts_) {
    if (a.subject_key == "A") {
      EXPECT_FALSE(a.inhibited);
    }
  }
}

// Each region's inhibition is worked out once for all the enterprises in it, as the highest
// level above it: a red firm read after a yellow one of the same district is not muted by a
// yellow city, while a red city mutes both of its firms.
TEST_F(AlertsTest, InhibitionOfOneDistrictHoldsForEachLevelInIt) {
  Eval({Find(2, "410100", Level::kYellow, -35, 1, true, "410100"),  // 郑州, yellow
        Find(2, "410300", Level::kRed, -80, 1, true, "410300"),     // 洛阳, red
        Find(0, "A", Level::kYellow, -35, 1, true, "410102"),
        Find(0, "E", Level::kRed, -80, 1, true, "410102"),  // same district as A, after it
        Find(0, "B", Level::kRed, -80, 1, true, "410302"),
        Find(0, "H", Level::kYellow, -35, 1, true, "410302")},
       "2025-10-01T00:00:00Z");
  std::map<std::string, bool> inhibited;
  for (const auto& a : store_.alerts_) inhibited[a.subject_key] = a.inhibited;
  EXPECT_TRUE(inhibited["A"]);
  EXPECT_FALSE(inhibited["E"]);
  EXPECT_TRUE(inhibited["B"]);
  EXPECT_TRUE(inhibited["H"]);
  EXPECT_FALSE(inhibited["410100"]);
  EXPECT_FALSE(inhibited["410300"]);
}

// Issue 13: an alert created pending inside an inhibiting region got no events, so its later
// `uninhibited` had no `inhibited` before it.
TEST_F(AlertsTest, PendingAlertsRecordTheirMutes) {
  Eval({Find(1, "A", Level::kBlue, -25, 1, false, "410102"),
        Find(2, "410100", Level::kYellow, -35, 1, true, "410100")},
       "2025-10-01T00:00:00Z");
  Eval({Find(1, "A", Level::kBlue, -25, 2, false, "410102")}, "2025-11-01T00:00:00Z");
  std::vector<std::string> history;
  for (const auto& a : store_.alerts_) {
    if (a.subject_key != "A") continue;
    for (const auto& [id, action] : store_.events_) {
      if (id == a.id) history.push_back(action);
    }
  }
  EXPECT_EQ(history, (std::vector<std::string>{"pending", "inhibited", "uninhibited"}));
}

TEST_F(AlertsTest, AlertsOfRulesNotEvaluatedKeepTheirState) {
  Eval({Find(0, "A", Level::kRed, -60, 1, true)}, "2025-09-01T00:00:00Z");
  EvaluationResult res;  // nothing evaluated (e.g. no data for the indicator yet)
  ReconcileInput in;
  in.rules = &rules_;
  in.evaluation = &res;
  in.live = store_.Live();
  in.now = "2025-10-01T00:00:00Z";
  EXPECT_TRUE(Reconcile(in).empty());
  rules_[0].enabled = false;  // a disabled rule's alerts resolve
  auto changes = Reconcile(in);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].alert.state, "resolved");
}

TEST_F(AlertsTest, FullHandlingLoopAndIllegalSteps) {
  Eval({Find(0, "A", Level::kRed, -60, 1, true)}, "2025-09-01T00:00:00Z");
  AlertRecord a = Only();
  auto step = [&](HandlingAction act, std::string unit = "", std::string deadline = "",
                  std::string note = "") {
    return ApplyHandling(a, {act, "alice", unit, deadline, note, "2025-09-02T00:00:00Z"});
  };
  EXPECT_EQ(step(HandlingAction::kHandle, "", "", "x").status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(step(HandlingAction::kClose).status().code(),
            StatusCode::kFailedPrecondition);  // still firing
  EXPECT_EQ(step(HandlingAction::kAssign, "u", "2025-09-30").status().code(),
            StatusCode::kFailedPrecondition);
  auto ack = step(HandlingAction::kAcknowledge);
  ASSERT_TRUE(ack.ok());
  a = ack->alert;
  EXPECT_EQ(a.handling, "acknowledged");
  EXPECT_EQ(step(HandlingAction::kAcknowledge).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(step(HandlingAction::kAssign, "", "2025-09-30").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(step(HandlingAction::kAssign, "省工业和信息化厅", "2025-02-30").status().code(),
            StatusCode::kInvalidArgument);
  auto assigned = step(HandlingAction::kAssign, "省工业和信息化厅", "2025-09-30");
  ASSERT_TRUE(assigned.ok());
  a = assigned->alert;
  EXPECT_EQ(a.assignee, "省工业和信息化厅");
  EXPECT_EQ(a.deadline, "2025-09-30");
  EXPECT_EQ(assigned->events[0].detail, "省工业和信息化厅 by 2025-09-30");
  EXPECT_EQ(step(HandlingAction::kHandle).status().code(),
            StatusCode::kInvalidArgument);  // note required
  auto handled = step(HandlingAction::kHandle, "", "", "企业订单恢复，已协调电力保障");
  ASSERT_TRUE(handled.ok());
  a = handled->alert;
  auto closed = step(HandlingAction::kClose);
  ASSERT_TRUE(closed.ok());
  a = closed->alert;
  EXPECT_EQ(a.handling, "closed");
  EXPECT_EQ(closed->events[0].from, "handled");
  EXPECT_EQ(closed->events[0].actor, "alice");
  for (auto act : {HandlingAction::kAcknowledge, HandlingAction::kAssign, HandlingAction::kHandle,
                   HandlingAction::kClose}) {
    EXPECT_EQ(step(act, "u", "2025-09-30", "n").status().code(), StatusCode::kFailedPrecondition);
  }
  // A closed alert that keeps firing is updated in place, not duplicated.
  store_.Apply({*closed});
  Eval({Find(0, "A", Level::kRed, -65, 1, true)}, "2025-10-01T00:00:00Z");
  EXPECT_EQ(Only().handling, "closed");
  EXPECT_DOUBLE_EQ(Only().value, -65);
}

}  // namespace
}  // namespace ballast::warn
