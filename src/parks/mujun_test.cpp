#include "parks/mujun.h"

#include <gtest/gtest.h>

#include "testing/testing.h"

namespace ballast::parks {
namespace {

// Benchmarks chosen so that the hand calculation below is short.
Scheme TestScheme() {
  auto s = ParseScheme(
      "figure,weight,benchmark\n"
      "tax_per_mu,0.4,10\nva_per_mu,0.3,100\nva_per_tce,0.2,10\noutput_per_mu,0.1,300\n"
      "rd_intensity,0,0.02\n",
      "w.csv", "grade,min_score\nA,70\nB,50\nC,30\nD,0\n", "g.csv");
  EXPECT_TRUE(s.ok()) << s.status().message();
  return *s;
}

Inputs Good() {
  Inputs in;
  in.land_mu = 10;
  in.energy_tce = 50;
  in.tax = 200;
  in.output = 3000;
  in.value_added = 900;
  in.rd_expense = 60;
  return in;
}

TEST(MujunTest, FiguresByHand) {
  const Figures f = ComputeFigures(Good());
  EXPECT_DOUBLE_EQ(*f[kTaxPerMu], 20);       // 200 / 10
  EXPECT_DOUBLE_EQ(*f[kVaPerMu], 90);        // 900 / 10
  EXPECT_DOUBLE_EQ(*f[kVaPerTce], 18);       // 900 / 50
  EXPECT_DOUBLE_EQ(*f[kOutputPerMu], 300);   // 3000 / 10
  EXPECT_DOUBLE_EQ(*f[kRdIntensity], 0.02);  // 60 / 3000
}

TEST(MujunTest, ZeroLandIsUndefinedNeverInfinite) {
  Inputs in = Good();
  in.land_mu = 0;
  in.energy_tce = 0;
  const Evaluation e = Evaluate(TestScheme(), in);
  EXPECT_FALSE(e.figures[kTaxPerMu]);
  EXPECT_FALSE(e.figures[kOutputPerMu]);
  EXPECT_FALSE(e.figures[kVaPerTce]);
  EXPECT_DOUBLE_EQ(*e.figures[kRdIntensity], 0.02);
  EXPECT_FALSE(e.score);
  EXPECT_EQ(e.grade, "");
  EXPECT_EQ(Display(e.figures[kTaxPerMu]), "—");
}

TEST(MujunTest, WeightedScoreAndGradeByHand) {
  // tax 20/10 = 2 → capped at 2 → 100 × 0.4 = 40; va/mu 90/100 = 0.9 → 45 × 0.3 = 13.5;
  // va/tce 18/10 = 1.8 → 90 × 0.2 = 18; output 300/300 = 1 → 50 × 0.1 = 5; R&D weight 0.
  // Σ = 76.5 over weights 1.0 → A (≥ 70).
  const Evaluation e = Evaluate(TestScheme(), Good());
  ASSERT_TRUE(e.score);
  EXPECT_NEAR(*e.score, 76.5, 1e-9);
  EXPECT_EQ(e.grade, "A");
}

TEST(MujunTest, MissingFiguresDropTheirWeight) {
  // tax 40/20 = 2 → 0.2 of the benchmark → 10 × 0.4 = 4; output 2000/20 = 100 → 1/3 → 16.667
  // × 0.1 = 1.6667; no value added, no energy. (4 + 1.6667) / 0.5 = 11.333 → D.
  Inputs in;
  in.land_mu = 20;
  in.tax = 40;
  in.output = 2000;
  const Evaluation e = Evaluate(TestScheme(), in);
  ASSERT_TRUE(e.score);
  EXPECT_NEAR(*e.score, (4 + 10.0 / 6) / 0.5, 1e-9);
  EXPECT_EQ(e.grade, "D");
}

TEST(MujunTest, SummaryCountsGradesAndTakesMedianAndMean) {
  const Scheme s = TestScheme();
  Inputs d;
  d.land_mu = 20;
  d.tax = 40;
  d.output = 2000;
  Inputs none = Good();
  none.land_mu = 0;
  const Summary sum = Summarise(s, {Evaluate(s, Good()), Evaluate(s, d), Evaluate(s, none)});
  EXPECT_EQ(sum.enterprises, 3);
  EXPECT_EQ(sum.grade_counts, (std::vector<int64_t>{1, 0, 0, 1}));
  EXPECT_EQ(sum.ungraded, 1);
  EXPECT_DOUBLE_EQ(*sum.median[kTaxPerMu], 11);    // (20 + 2) / 2
  EXPECT_DOUBLE_EQ(*sum.mean[kOutputPerMu], 200);  // (300 + 100) / 2
  EXPECT_DOUBLE_EQ(*sum.median[kVaPerTce], 18);    // only the first has energy
  EXPECT_FALSE(Summarise(s, {}).median[kTaxPerMu]);
}

TEST(MujunTest, ShareOfZeroIsUndefined) {
  EXPECT_FALSE(Share(0, 0));
  EXPECT_DOUBLE_EQ(*Share(30, 120), 0.25);
}

TEST(MujunTest, DefaultSchemeWeighsTaxAndValueAddedPerMuHighest) {
  const Scheme& s = DefaultScheme();
  EXPECT_EQ(s.grades.size(), 4u);
  EXPECT_EQ(s.grades.front().first, "A");
  for (int f : {kVaPerTce, kOutputPerMu, kRdIntensity}) {
    EXPECT_GT(s.weight[kTaxPerMu], s.weight[f]);
    EXPECT_GT(s.weight[kVaPerMu], s.weight[f]);
  }
}

TEST(MujunTest, SchemeErrorsNameFileLineAndField) {
  auto bad = ParseScheme("figure,weight,benchmark\ntax_per_mu,0.4,0\n", "w.csv",
                         "grade,min_score\nA,0\n", "g.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "w.csv:2: benchmark: '0' is not a number > 0");
  auto order = ParseScheme("figure,weight,benchmark\ntax_per_mu,1,1\n", "w.csv",
                           "grade,min_score\nA,30\nB,50\nC,0\n", "g.csv");
  ASSERT_FALSE(order.ok());
  EXPECT_EQ(order.status().message(),
            "g.csv:3: min_score: grades go from best to worst, scores decreasing");
}

}  // namespace
}  // namespace ballast::parks
