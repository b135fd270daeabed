// The incremental evaluation (EvaluationMemo): after a batch, the rules are evaluated again for
// the enterprises the batch moved (or the cells that hold them) only. Every test compares with a
// whole evaluation of the same panel, finding by finding, and checks a moved finding by hand.
#include <gtest/gtest.h>

#include "engine/test_panel_util.h"
#include "warn/alerts.h"
#include "warn/evaluator.h"

namespace ballast::warn {
namespace {

using testing_util::Months;
using testing_util::PanelMaker;
using testing_util::Row;

void ExpectSameFindings(const EvaluationResult& got, const EvaluationResult& want) {
  ASSERT_EQ(got.findings.size(), want.findings.size());
  for (size_t i = 0; i < want.findings.size(); ++i) {
    const Finding &a = got.findings[i], &b = want.findings[i];
    SCOPED_TRACE(b.subject_key + " rule " + std::to_string(b.rule));
    EXPECT_EQ(a.rule, b.rule);
    EXPECT_EQ(a.subject_key, b.subject_key);
    EXPECT_EQ(a.subject_name, b.subject_name);
    EXPECT_EQ(a.region, b.region);
    EXPECT_EQ(a.industry, b.industry);
    EXPECT_EQ(a.level, b.level);
    EXPECT_EQ(a.value, b.value);
    EXPECT_EQ(a.threshold, b.threshold);
    EXPECT_EQ(a.streak, b.streak);
    EXPECT_EQ(a.period, b.period);
    EXPECT_EQ(a.firing, b.firing);
  }
  EXPECT_EQ(got.evaluated, want.evaluated);
}

const Finding* Find(const EvaluationResult& r, const std::vector<Rule>& rules,
                    const std::string& rule, const std::string& subject) {
  for (const auto& f : r.findings) {
    if (rules[f.rule].id == rule && f.subject_key == subject) return &f;
  }
  return nullptr;
}

class EvaluationMemoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* e : {"DROP", "FINE", "ZERO", "GONE", "LOSS"})
      m_.Enterprise(e, "410102", "1311");
    m_.Enterprise("LY", "410302", "2611");
    m_.Enterprise("LYB", "410302", "1311");  // the province's and country's 1311 span two cities
    std::vector<Row> rows;
    Months(&rows, "DROP", "output_value", 2024, 1, std::vector<double>(21, 1000));
    Months(&rows, "FINE", "output_value", 2024, 1, std::vector<double>(21, 1000));
    Months(&rows, "ZERO", "output_value", 2024, 1, std::vector<double>(20, 800));
    rows.push_back({"ZERO", "output_value", "2025-09", 0});
    Months(&rows, "GONE", "output_value", 2024, 1, std::vector<double>(19, 800));  // to 2025-07
    Months(&rows, "LOSS", "output_value", 2024, 1, std::vector<double>(21, 500));
    Months(&rows, "LY", "output_value", 2024, 1, std::vector<double>(21, 100));
    Months(&rows, "LYB", "output_value", 2024, 1, std::vector<double>(12, 600));
    Months(&rows, "LYB", "output_value", 2025, 1, std::vector<double>(9, 420));
    Months(&rows, "DROP", "electricity", 2024, 1, std::vector<double>(21, 50));
    Months(&rows, "FINE", "electricity", 2024, 1, std::vector<double>(21, 50));
    rows.push_back({"LOSS", "profit", "2024-09", kMissing, 30});
    rows.push_back({"LOSS", "profit", "2025-09", kMissing, -20});
    m_.Batch(rows);
    const std::vector<Rule> defaults = DefaultRules().value();
    for (const auto& r : defaults) {
      if (!IsExternal(r.subject)) rules_.push_back(r);
    }
    before_ = m_.Make();
    ASSERT_NE(before_, nullptr);
    Query query(*before_);
    first_ = Evaluate(rules_, {before_.get(), &query, {}}, &memo_);
    ASSERT_TRUE(first_.problems.empty()) << first_.problems[0];
    memo_.findings = first_.findings;  // given back, as the caller does once it is done
    ASSERT_EQ(first_.carried, 0);
  }
  // Every rule here is carried: the enterprise rules, and the region and industry rules, whose
  // measures (yoy, ytd_yoy) compare with no parent cell.
  int PanelRules() const { return static_cast<int>(rules_.size()); }
  // The incremental evaluation of `after` from the memo, and a whole one to compare with.
  std::pair<EvaluationResult, EvaluationResult> Both(const Panel& after, const Panel& before,
                                                     EvaluationMemo* memo,
                                                     EvaluationMemo* next = nullptr) {
    Query query(after);
    auto changes = after.ChangesSince(before);
    if (!changes) {
      ADD_FAILURE() << "the panels are not comparable";
      return {};
    }
    EvaluationInput in{&after, &query, {}};
    in.previous = memo;
    in.changes = &*changes;
    auto incremental = Evaluate(rules_, in, next);
    if (next != nullptr) next->findings = incremental.findings;
    auto whole = Evaluate(rules_, {&after, &query, {}});
    return {std::move(incremental), std::move(whole)};
  }

  PanelMaker m_;
  std::vector<Rule> rules_;
  std::unique_ptr<Panel> before_;
  EvaluationMemo memo_;
  EvaluationResult first_;
};

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
  const std::string now = "2025-10-15T00:00:00Z";
  ReconcileInput first;
  first.rules = &rules_;
  first.evaluation = &first_;
  first.now = now;
  first.messages = &memo_.messages;
  std::vector<AlertRecord> stored;
  for (auto& c : Reconcile(first)) {
    c.alert.id = static_cast<int64_t>(stored.size()) + 1;
    stored.push_back(c.alert);
  }
  ASSERT_FALSE(stored.empty());
  ASSERT_EQ(memo_.messages.size(), first_.findings.size());
  for (size_t i = 0; i < first_.findings.size(); ++i) {
    const Finding& f = first_.findings[i];
    EXPECT_EQ(memo_.messages[i].zh, FindingMessage(rules_[f.rule], f, true, nullptr));
    EXPECT_EQ(memo_.messages[i].en, FindingMessage(rules_[f.rule], f, false, nullptr));
  }

  // DROP falls to 300 (−70 %): its findings are made afresh, every other one carried.
  auto after = m_.Apply(*before_, {{"DROP", "output_value", "2025-09", 300}});
  ASSERT_NE(after, nullptr);
  Query query(*after);
  auto changes = after->ChangesSince(*before_);
  ASSERT_TRUE(changes.has_value());
  EvaluationInput in{after.get(), &query, {}};
  in.previous = &memo_;
  in.changes = &*changes;
  const EvaluationResult second = Evaluate(rules_, in);
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
  next.now = now;
  // Marked, to see which messages are taken and from where.
  std::vector<FindingMessages> marked = memo_.messages, taken;
  for (size_t k = 0; k < marked.size(); ++k) marked[k].zh = "kept " + std::to_string(k);
  ReconcileInput probe = next;
  probe.previous_messages = &marked;
  probe.messages = &taken;
  Reconcile(probe);
  ASSERT_EQ(taken.size(), second.findings.size());
  for (size_t i = 0; i < second.findings.size(); ++i) {
    const Finding& f = second.findings[i];
    EXPECT_EQ(taken[i].zh, second.was[i] >= 0 ? "kept " + std::to_string(second.was[i])
                                              : FindingMessage(rules_[f.rule], f, true, nullptr));
  }

  // With the true messages, the same alerts as formatting them all.
  std::vector<FindingMessages> kept = memo_.messages;
  ReconcileInput with = next;
  with.previous_messages = &kept;
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
