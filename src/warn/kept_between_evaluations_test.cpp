// What the incremental evaluation keeps from one evaluation to the next besides the findings
// (issue 11): what Reconcile made of each finding (its fingerprint, the very alert it was as
// stored with), and a region or industry rule's sums by atom.
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>

#include "warn/alerts.h"
#include "warn/evaluation_memo_fixture.h"
#include "warn/evaluator.h"
#include "warn/rule_eval.h"

namespace ballast::warn {
namespace {

// A carried finding takes its fingerprint from the memo, and is as stored without comparing the
// fields when its stored alert is the very object it was as stored with (held by the memo, so no
// other alert can take its address); an alert written since, even by another instance with the
// same id and fingerprint, is compared again.
TEST_F(EvaluationMemoTest, CarriedFindingsAreAsStoredWithTheVeryAlertOnly) {
  ReconcileInput in = ReconcileFirst();
  std::vector<std::shared_ptr<const AlertRecord>> rows;
  for (auto& c : Reconcile(in)) {
    c.alert.id = static_cast<int64_t>(rows.size()) + 1;
    rows.push_back(std::make_shared<const AlertRecord>(c.alert));
  }
  ASSERT_GT(rows.size(), 3u);
  // Read again in place: nothing to write, and each finding kept with its alert's object.
  in.live_rows = &rows;
  in.reconciled = &memo_.reconciled;
  EXPECT_TRUE(Reconcile(in).empty());
  ASSERT_EQ(memo_.reconciled.size(), first_.findings.size());
  for (size_t i = 0; i < first_.findings.size(); ++i) {
    const Finding& f = first_.findings[i];
    const ReconciledFinding& r = memo_.reconciled[i];
    ASSERT_NE(r.as_stored, nullptr) << f.subject_key;
    EXPECT_EQ(r.as_stored->subject_key, f.subject_key);
    EXPECT_EQ(r.as_stored->rule_id, rules_[f.rule].id);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(r.fingerprint));
    EXPECT_EQ(r.as_stored->fingerprint, hex);
  }

  const EvaluationResult second = DropFalls();
  ASSERT_EQ(second.was.size(), second.findings.size());
  // Two carried findings' alerts: the first stands for one another instance wrote since (a new
  // object, other words); the second is marked stale in place of its very object, which only
  // the shortcut leaves as it is.
  std::vector<size_t> carried;  // second's findings, by the stored alert they hold
  std::vector<size_t> at;       // and that alert's place in rows
  for (size_t i = 0; i < second.findings.size() && carried.size() < 2; ++i) {
    if (second.was[i] < 0) continue;
    const auto& held = memo_.reconciled[static_cast<size_t>(second.was[i])].as_stored;
    for (size_t k = 0; k < rows.size(); ++k) {
      if (rows[k] != held) continue;
      carried.push_back(i);
      at.push_back(k);
    }
  }
  ASSERT_EQ(carried.size(), 2u);
  auto rewritten = std::make_shared<AlertRecord>(*rows[at[0]]);
  rewritten->message_zh = "另一实例写的";
  rows[at[0]] = rewritten;
  auto stale = std::make_shared<AlertRecord>(*rows[at[1]]);
  stale->message_zh = "stale";
  rows[at[1]] = stale;
  std::vector<ReconciledFinding> previous = memo_.reconciled;
  previous[static_cast<size_t>(second.was[carried[1]])].as_stored = stale;
  in.evaluation = &second;
  in.previous = &previous;
  std::vector<ReconciledFinding> next;
  in.reconciled = &next;
  bool rewritten_written = false, stale_written = false, drop_written = false;
  for (const auto& c : Reconcile(in)) {
    rewritten_written |= c.alert.id == rewritten->id;
    stale_written |= c.alert.id == stale->id;
    drop_written |= c.alert.subject_key == "DROP";
    if (c.alert.id == rewritten->id) {
      EXPECT_NE(c.alert.message_zh, "另一实例写的");
    }
  }
  EXPECT_TRUE(rewritten_written);
  EXPECT_FALSE(stale_written);
  EXPECT_TRUE(drop_written);
  // Held as stored again: the stale one by the shortcut; the rewritten one was written.
  ASSERT_EQ(next.size(), second.findings.size());
  EXPECT_EQ(next[carried[0]].as_stored, nullptr);
  EXPECT_EQ(next[carried[1]].as_stored, stale);
}

// Issue 11: a region or industry rule keeps its sums by atom (warn/rule_eval.h). After a batch
// the frames nobody moved in are the kept objects, the moved atoms' frames are summed again, and
// every period kept before is kept still.
TEST_F(EvaluationMemoTest, CellRulesKeepTheirAtomSumsAndSumTheMovedAtomsAgain) {
  const std::shared_ptr<const detail::KeptAtomSums> before =
      memo_.parts.at("industry_growth_below_target").atoms;
  ASSERT_NE(before, nullptr);
  ASSERT_FALSE(before->at.empty());
  // LY (洛阳, 2611, alone in division 26) grows: 1,800 this year to September against 900, so
  // its division's cells meet the 6 % target in September and their streak ends there.
  auto after = m_.Apply(*before_, {{"LY", "output_value", "2025-09", 1000}});
  ASSERT_NE(after, nullptr);
  EvaluationMemo next;
  auto [incremental, whole] = Both(*after, *before_, &memo_, &next);
  ExpectSameFindings(incremental, whole);
  const auto& kept = next.parts.at("industry_growth_below_target").atoms;
  ASSERT_NE(kept, nullptr);
  size_t shared = 0, summed = 0, unread = 0;
  for (const auto& [key, sums] : before->at) {
    auto it = kept->at.find(key);
    ASSERT_NE(it, kept->at.end());
    ASSERT_EQ(it->second.frames.size(), sums.frames.size());
    size_t own = 0;
    for (size_t f = 0; f < sums.frames.size(); ++f)
      ++(it->second.frames[f] == sums.frames[f] ? shared : own);
    summed += own;
    // A period not read this time keeps its sums, with LY's atom marked to be summed again.
    if (own == 0) {
      ++unread;
      EXPECT_FALSE(it->second.stale.empty()) << key.period;
    }
  }
  EXPECT_GT(shared, 0u);  // 郑州's frame, the province's and the country's own
  EXPECT_GT(summed, 0u);  // 洛阳's, in September
  EXPECT_GT(unread, 0u);  // the months before
}

// Sums marked stale (their enterprises moved while the period was not read) are summed again
// when it is read. Every kept atom is zeroed here: marked stale, the evaluation is still the
// whole one; left unmarked, the zeros show, which is what the mark guards against.
TEST_F(EvaluationMemoTest, StaleAtomSumsAreSummedAgainWhenRead) {
  auto zeroed = [&](bool mark) {
    auto out = std::make_shared<detail::KeptAtomSums>();
    for (const auto& [key, sums] : memo_.parts.at("industry_growth_below_target").atoms->at) {
      detail::KeptAtomSums::Sums& z = out->at[key];
      const size_t width = sums.frames.at(0)->size();
      for (size_t f = 0; f < sums.frames.size(); ++f) {
        z.frames.push_back(std::make_shared<const std::vector<CellSums>>(width));
        for (size_t k = 0; mark && k < width; ++k)
          z.stale.push_back(static_cast<uint32_t>(f * width + k));
      }
    }
    return out;
  };
  auto after = m_.Apply(*before_, {{"DROP", "output_value", "2025-09", 300}});
  ASSERT_NE(after, nullptr);
  auto industry = [&](const EvaluationResult& r) {
    std::vector<std::pair<std::string, double>> out;
    for (const auto& f : r.findings) {
      if (rules_[f.rule].id == "industry_growth_below_target")
        out.emplace_back(f.subject_key, f.value);
    }
    return out;
  };
  for (bool mark : {true, false}) {
    SCOPED_TRACE(mark ? "marked stale" : "not marked");
    Query query(*before_);
    EvaluationMemo memo;
    memo.findings = Evaluate(rules_, {before_.get(), &query, {}}, &memo).findings;
    memo.parts.at("industry_growth_below_target").atoms = zeroed(mark);
    auto [incremental, whole] = Both(*after, *before_, &memo);
    ASSERT_FALSE(industry(whole).empty());
    if (mark) {
      ExpectSameFindings(incremental, whole);
    } else {
      EXPECT_NE(industry(incremental), industry(whole));
    }
  }
}

}  // namespace
}  // namespace ballast::warn
