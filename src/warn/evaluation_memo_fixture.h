// The fixture of the incremental evaluation's tests (warn/evaluator_memo_test.cpp,
// warn/kept_between_evaluations_test.cpp): a small panel of 郑州 and 洛阳 firms, the default panel
// rules, and a first whole evaluation whose memo the tests start from.
#ifndef BALLAST_WARN_EVALUATION_MEMO_FIXTURE_H_
#define BALLAST_WARN_EVALUATION_MEMO_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/test_panel_util.h"
#include "warn/alerts.h"
#include "warn/evaluator.h"

namespace ballast::warn {

using testing_util::Months;
using testing_util::PanelMaker;
using testing_util::Row;

inline void ExpectSameFindings(const EvaluationResult& got, const EvaluationResult& want) {
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

inline const Finding* Find(const EvaluationResult& r, const std::vector<Rule>& rules,
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
  // DROP falls to 300 (−70 %) in 2025-09, evaluated from the memo: DROP's findings are made
  // afresh, every other one carried.
  EvaluationResult DropFalls() {
    auto after = m_.Apply(*before_, {{"DROP", "output_value", "2025-09", 300}});
    EXPECT_NE(after, nullptr);
    if (after == nullptr) return {};
    Query query(*after);
    auto changes = after->ChangesSince(*before_);
    EXPECT_TRUE(changes.has_value());
    if (!changes.has_value()) return {};
    EvaluationInput in{after.get(), &query, {}};
    in.previous = &memo_;
    in.changes = &*changes;
    return Evaluate(rules_, in);
  }
  // A Reconcile of the first evaluation's findings, dated after its data.
  ReconcileInput ReconcileFirst() {
    ReconcileInput in;
    in.rules = &rules_;
    in.evaluation = &first_;
    in.now = "2025-10-15T00:00:00Z";
    return in;
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

}  // namespace ballast::warn

#endif  // BALLAST_WARN_EVALUATION_MEMO_FIXTURE_H_
