// The incremental evaluation (EvaluationMemo): after a batch, the rules are evaluated again for
// the enterprises the batch moved (or the cells that hold them) only. Every test compares with a
// whole evaluation of the same panel, finding by finding, and checks a moved finding by hand.
#include <gtest/gtest.h>

#include "warn/alerts.h"
#include "warn/evaluation_memo_fixture.h"
#include "warn/evaluator.h"

namespace ballast::warn {
namespace {

TEST_F(EvaluationMemoTest, ARevisionRedoesTheMovedEnterprisesOnly) {
  ASSERT_NE(Find(first_, rules_, "ent_output_stoppage", "ZERO"), nullptr);
  ASSERT_EQ(Find(first_, rules_, "ent_output_drop", "DROP"), nullptr);
  // DROP falls to 300 from 1,000 a year before (−70 %, red); ZERO reports again (no stoppage).
  auto after = m_.Apply(*before_, {{"DROP", "output_value", "2025-09", 300},
                                   {"ZERO", "output_value", "2025-09", 790}});
  ASSERT_NE(after, nullptr);
  EvaluationMemo next;
  auto [incremental, whole] = Both(*after, *before_, &memo_, &next);
  EXPECT_EQ(incremental.carried, PanelRules());
  ExpectSameFindings(incremental, whole);
  const Finding* drop = Find(incremental, rules_, "ent_output_drop", "DROP");
  ASSERT_NE(drop, nullptr);
  EXPECT_EQ(drop->level, Level::kRed);
  EXPECT_DOUBLE_EQ(drop->value, -70);
  EXPECT_EQ(Find(incremental, rules_, "ent_output_stoppage", "ZERO"), nullptr);
  // 郑州's cell holds both: redone, with another value than before.
  const Finding* city_before = Find(first_, rules_, "region_output_decline", "410100");
  const Finding* city = Find(incremental, rules_, "region_output_decline", "410100");
  ASSERT_NE(city_before, nullptr);
  ASSERT_NE(city, nullptr);
  EXPECT_NE(city->value, city_before->value);
  // Carried findings of enterprises nobody moved are still there (GONE's missing report).
  EXPECT_NE(Find(incremental, rules_, "ent_missing_report", "GONE"), nullptr);

  // A second batch from the memo the first incremental evaluation left.
  auto third = m_.Apply(*after, {{"DROP", "output_value", "2025-09", 1000}});
  ASSERT_NE(third, nullptr);
  auto [again, whole_again] = Both(*third, *after, &next);
  EXPECT_EQ(again.carried, PanelRules());
  ExpectSameFindings(again, whole_again);
  EXPECT_EQ(Find(again, rules_, "ent_output_drop", "DROP"), nullptr);
}

// A first value of an indicator in a month nobody reported it for (within the panel's months)
// moves its rules' latest month: those are evaluated whole, the others still carried. (A month
// after the panel's last makes another panel range: every rule is evaluated whole.)
TEST_F(EvaluationMemoTest, ANewMonthOfAnIndicatorEvaluatesItsRulesWhole) {
  ASSERT_EQ(Find(first_, rules_, "ent_below_scale_risk", "FINE"), nullptr);
  auto after = m_.Apply(*before_, {{"FINE", "revenue", "2025-09", kMissing, 900}});
  ASSERT_NE(after, nullptr);
  auto [incremental, whole] = Both(*after, *before_, &memo_);
  int others = 0;
  for (const auto& r : rules_) others += r.indicator != "revenue" ? 1 : 0;
  ASSERT_LT(others, PanelRules());
  EXPECT_EQ(incremental.carried, others);
  ExpectSameFindings(incremental, whole);
  const Finding* fine = Find(incremental, rules_, "ent_below_scale_risk", "FINE");
  ASSERT_NE(fine, nullptr);
  EXPECT_DOUBLE_EQ(fine->value, 1200);  // 900 in nine months, a year's worth
  EXPECT_EQ(fine->level, Level::kYellow);

  auto later = m_.Apply(*after, {{"FINE", "output_value", "2025-10", 400}});
  ASSERT_NE(later, nullptr);
  EXPECT_FALSE(later->ChangesSince(*after).has_value());
}

// A memo of another list of enterprises, or of another rule, is not used.
TEST_F(EvaluationMemoTest, AMemoOfOtherEnterprisesOrRulesIsNotUsed) {
  auto rebuilt = m_.Make();
  ASSERT_NE(rebuilt, nullptr);
  Query query(*rebuilt);
  PanelChanges none;
  EvaluationInput in{rebuilt.get(), &query, {}};
  in.previous = &memo_;
  in.changes = &none;
  auto res = Evaluate(rules_, in);
  EXPECT_EQ(res.carried, 0);
  ExpectSameFindings(res, Evaluate(rules_, {rebuilt.get(), &query, {}}));

  auto after = m_.Apply(*before_, {{"DROP", "output_value", "2025-09", 300}});
  ASSERT_NE(after, nullptr);
  for (auto& r : rules_) {
    if (r.id == "ent_output_drop") r.thresholds.back().value = -5;  // FINE's 0 % stays out
  }
  auto [incremental, whole] = Both(*after, *before_, &memo_);
  EXPECT_EQ(incremental.carried, PanelRules() - 1);
  ExpectSameFindings(incremental, whole);
}

// Without the findings given back (EvaluationMemo::findings) nothing is carried.
TEST_F(EvaluationMemoTest, AMemoWithoutItsFindingsCarriesNothing) {
  memo_.findings.clear();
  auto after = m_.Apply(*before_, {{"DROP", "output_value", "2025-09", 300}});
  ASSERT_NE(after, nullptr);
  auto [incremental, whole] = Both(*after, *before_, &memo_);
  EXPECT_EQ(incremental.carried, 0);
  ExpectSameFindings(incremental, whole);
}

// A finding carried unchanged names the one it was (EvaluationResult::was), and Reconcile takes
// that one's messages instead of formatting two again: it writes the alerts that a Reconcile
// formatting every message writes.
TEST_F(EvaluationMemoTest, CarriedFindingsTakeTheirMessagesFromTheMemo) {
  ReconcileInput first = ReconcileFirst();
  first.reconciled = &memo_.reconciled;
  std::vector<AlertRecord> stored;
  for (auto& c : Reconcile(first)) {
    c.alert.id = static_cast<int64_t>(stored.size()) + 1;
    stored.push_back(c.alert);
  }
  ASSERT_FALSE(stored.empty());
  ASSERT_EQ(memo_.reconciled.size(), first_.findings.size());
  for (size_t i = 0; i < first_.findings.size(); ++i) {
    const Finding& f = first_.findings[i];
    EXPECT_EQ(memo_.reconciled[i].zh, FindingMessage(rules_[f.rule], f, true, nullptr));
    EXPECT_EQ(memo_.reconciled[i].en, FindingMessage(rules_[f.rule], f, false, nullptr));
  }

  const EvaluationResult second = DropFalls();
  ASSERT_EQ(second.was.size(), second.findings.size());
  size_t fresh = 0, named = 0;
  for (size_t i = 0; i < second.findings.size(); ++i) {
    const Finding& f = second.findings[i];
    if (second.was[i] < 0) {
      ++fresh;
      continue;
    }
    ++named;
    const Finding& was = first_.findings[static_cast<size_t>(second.was[i])];
    EXPECT_EQ(rules_[was.rule].id, rules_[f.rule].id);
    EXPECT_EQ(was.subject_key, f.subject_key);
    EXPECT_EQ(was.value, f.value);
    EXPECT_NE(f.subject_key, "DROP");
  }
  EXPECT_GT(named, 0u);
  EXPECT_GT(fresh, 0u);

  ReconcileInput next;
  next.rules = &rules_;
  next.evaluation = &second;
  next.live = stored;
  next.now = first.now;
  // Marked, to see which messages are taken and from where.
  std::vector<ReconciledFinding> marked = memo_.reconciled, taken;
  for (size_t k = 0; k < marked.size(); ++k) marked[k].zh = "kept " + std::to_string(k);
  ReconcileInput probe = next;
  probe.previous = &marked;
  probe.reconciled = &taken;
  Reconcile(probe);
  ASSERT_EQ(taken.size(), second.findings.size());
  for (size_t i = 0; i < second.findings.size(); ++i) {
    const Finding& f = second.findings[i];
    EXPECT_EQ(taken[i].zh, second.was[i] >= 0 ? "kept " + std::to_string(second.was[i])
                                              : FindingMessage(rules_[f.rule], f, true, nullptr));
  }

  // With the true messages, the same alerts as formatting them all.
  std::vector<ReconciledFinding> kept = memo_.reconciled;
  ReconcileInput with = next;
  with.previous = &kept;
  const auto a = Reconcile(with), b = Reconcile(next);
  ASSERT_EQ(a.size(), b.size());
  EXPECT_FALSE(a.empty());  // DROP's alerts
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].alert.fingerprint, b[i].alert.fingerprint);
    EXPECT_EQ(a[i].alert.message_zh, b[i].alert.message_zh);
    EXPECT_EQ(a[i].alert.message_en, b[i].alert.message_en);
    EXPECT_EQ(a[i].alert.value, b[i].alert.value);
    EXPECT_EQ(a[i].events.size(), b[i].events.size());
  }
}

}  // namespace
}  // namespace ballast::warn
