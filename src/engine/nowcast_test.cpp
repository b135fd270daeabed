#include "engine/nowcast.h"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/test_panel_util.h"
#include "testing/testing.h"

namespace ballast {
namespace {

using testing_util::PanelMaker;
using testing_util::Row;

// Electricity of A and D: growing with a wobble, so that their yoy growth varies by month.
double Elec(int i) { return 100.0 * std::pow(1.04, i / 12.0) * (1 + 0.1 * std::sin(i * 0.7)); }

class NowcastTest : public ::testing::Test {
 protected:
  void SetUp() override {
    PanelMaker m;
    m.Enterprise("A", "410102", "3311");  // output = 2 × electricity: elasticity 1
    m.Enterprise("B", "410102", "3311");  // reports 110 against 100
    m.Enterprise("C", "410102", "3311");  // no electricity: follows B's growth
    m.Enterprise("D", "410102", "1311");  // output = electricity² / 100: elasticity 2
    std::vector<Row> rows;
    for (int i = 0; i < 36; ++i) {  // 2022-01 … 2024-12; t = 2024-12 is i = 35
      char period[8];
      std::snprintf(period, sizeof period, "%04d-%02d", 2022 + i / 12, i % 12 + 1);
      const bool t = i == 35;
      rows.push_back({"A", "electricity", period, Elec(i)});
      rows.push_back({"D", "electricity", period, Elec(i + 5)});
      if (!t) rows.push_back({"A", "output_value", period, 2 * Elec(i)});
      if (!t) rows.push_back({"D", "output_value", period, Elec(i + 5) * Elec(i + 5) / 100});
      rows.push_back({"B", "output_value", period, t ? 110.0 : 100.0});
      if (!t) rows.push_back({"C", "output_value", period, 50.0});
    }
    m.Batch(rows);
    panel_ = m.Make();
    ASSERT_NE(panel_, nullptr);
    query_ = std::make_unique<Query>(*panel_);
  }
  NowcastRequest Request() {
    const Catalog& c = panel_->catalog();
    NowcastRequest r;
    r.cell = {c.FindIndicator("output_value"), *ParsePeriod("2024-12"), c.regions().Find("100000"),
              c.FindIndustry("BCD")};
    r.electricity = c.FindIndicator("electricity");
    return r;
  }
  std::unique_ptr<Panel> panel_;
  std::unique_ptr<Query> query_;
};

TEST_F(NowcastTest, ReportedPlusElectricityPlusIndustryGrowth) {
  ASSERT_OK_AND_ASSIGN(Nowcast n, NowcastYoy(*panel_, *query_, Request()));
  // By hand: A = 2·E(35) (its base 2·E(23) × E(35)/E(23)); D = E(28)²/100 × (E(40)/E(28))²
  // = E(40)²/100; B = 110 reported; C = 50 × 110/100 (B's growth, same industry).
  const double a = 2 * Elec(35), a0 = 2 * Elec(23);
  const double d = Elec(40) * Elec(40) / 100, d0 = Elec(28) * Elec(28) / 100;
  const double expected = ((a + d + 110 + 55) / (a0 + d0 + 100 + 50) - 1) * 100;
  ASSERT_TRUE(n.yoy.has_value());
  EXPECT_NEAR(*n.yoy, expected, 1e-9);
  EXPECT_EQ(n.reported, 1);
  EXPECT_EQ(n.by_electricity, 2);
  EXPECT_EQ(n.by_growth, 1);
  EXPECT_EQ(n.unestimated, 0);
  EXPECT_NEAR(n.reported_base_share, 100.0 * 100 / (a0 + d0 + 150), 1e-9);
}

TEST_F(NowcastTest, NobodyToFollowLeavesTheEnterpriseOut) {
  // Only A and C in the simulation, nobody reported: A from electricity, C has nothing to follow.
  ReportMask mask(panel_->num_enterprises(), -1);
  mask[static_cast<size_t>(panel_->FindEnterprise("A"))] = 0;
  mask[static_cast<size_t>(panel_->FindEnterprise("C"))] = 0;
  NowcastRequest r = Request();
  r.mask = &mask;
  ASSERT_OK_AND_ASSIGN(Nowcast n, NowcastYoy(*panel_, *query_, r));
  EXPECT_EQ(n.unestimated, 1);
  ASSERT_TRUE(n.yoy.has_value());
  EXPECT_NEAR(*n.yoy, (Elec(35) / Elec(23) - 1) * 100, 1e-9);
}

TEST(NowcastRosterTest, AnEnterpriseOffTheRosterIsNotWaitedFor) {
  // E left the roster after 2024-11 (exited): it will never report 2024-12, so it is left out
  // of the estimate rather than estimated from the cell's growth.
  PanelMaker m;
  m.Enterprise("B", "410102", "3311");
  m.Enterprise("E", "410102", "1311", {}, "", "2024-11");
  std::vector<Row> rows;
  for (int i = 0; i < 36; ++i) {
    char period[8];
    std::snprintf(period, sizeof period, "%04d-%02d", 2022 + i / 12, i % 12 + 1);
    rows.push_back({"B", "output_value", period, i == 35 ? 110.0 : 100.0});
    if (i < 35) rows.push_back({"E", "output_value", period, 80.0});
  }
  m.Batch(rows);
  auto panel = m.Make();
  ASSERT_NE(panel, nullptr);
  Query query(*panel);
  const Catalog& c = panel->catalog();
  NowcastRequest r;
  r.cell = {c.FindIndicator("output_value"), *ParsePeriod("2024-12"), c.regions().Find("100000"),
            c.FindIndustry("BCD")};
  r.electricity = c.FindIndicator("electricity");
  ASSERT_OK_AND_ASSIGN(Nowcast n, NowcastYoy(*panel, query, r));
  EXPECT_EQ(n.reported, 1);
  EXPECT_EQ(n.by_growth, 0);
  EXPECT_EQ(n.unestimated, 0);
  ASSERT_TRUE(n.yoy.has_value());
  EXPECT_NEAR(*n.yoy, 10.0, 1e-9);  // B alone: 110 / 100 − 1
  EXPECT_NEAR(n.reported_base_share, 100.0, 1e-9);
}

TEST_F(NowcastTest, BacktestComparesWithTheFinalYoy) {
  // All reported (rate 1): the estimate is the final yoy itself.
  ASSERT_OK_AND_ASSIGN(auto points, BacktestNowcast(*panel_, *query_, Request(), 6, 1.0, 7));
  ASSERT_EQ(points.size(), 6u);
  for (const auto& p : points) {
    if (!p.final_yoy) continue;
    ASSERT_TRUE(p.estimate.has_value());
    EXPECT_NEAR(*p.estimate, *p.final_yoy, 1e-9);
  }
}

}  // namespace
}  // namespace ballast
