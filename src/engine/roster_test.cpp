#include "engine/roster.h"

#include <gtest/gtest.h>

#include "engine/query.h"
#include "engine/test_panel_util.h"

namespace ballast {
namespace {

using testing_util::PanelMaker;

PanelEnterprise On(const char* entered, const char* exited) {
  PanelEnterprise e;
  e.entered = RosterPeriod(entered, kRosterSinceEver);
  e.exited = RosterPeriod(exited, kRosterStill);
  return e;
}

Period P(const char* text) { return *ParsePeriod(text); }

TEST(RosterTest, OnRosterFromEnteredToExited) {
  const PanelEnterprise always = On("", "");
  EXPECT_TRUE(OnRoster(always, P("1990-01")));
  EXPECT_TRUE(OnRoster(always, P("2199-12")));
  const PanelEnterprise e = On("2024-03", "2025-06");
  EXPECT_FALSE(OnRoster(e, P("2024-02")));
  EXPECT_TRUE(OnRoster(e, P("2024-03")));
  EXPECT_TRUE(OnRoster(e, P("2025-06")));
  EXPECT_FALSE(OnRoster(e, P("2025-07")));
}

TEST(RosterTest, EntrantsAndExitsCountInTheYearUpToT) {
  const PanelEnterprise e = On("2024-03", "");
  EXPECT_FALSE(EntrantBy(e, P("2024-02")));  // not yet
  EXPECT_TRUE(EntrantBy(e, P("2024-03")));
  EXPECT_TRUE(EntrantBy(e, P("2024-12")));
  EXPECT_FALSE(EntrantBy(e, P("2025-01")));  // an entrant of 2024 only
  EXPECT_FALSE(EntrantBy(On("", ""), P("2024-03")));
  // exited 2024-12: first period off the roster is 2025-01, an exit of 2025.
  const PanelEnterprise x = On("", "2024-12");
  EXPECT_FALSE(ExitBy(x, P("2024-12")));
  EXPECT_TRUE(ExitBy(x, P("2025-01")));
  EXPECT_TRUE(ExitBy(x, P("2025-11")));
  EXPECT_FALSE(ExitBy(x, P("2026-01")));
  // exited 2025-05: off from 2025-06.
  const PanelEnterprise y = On("", "2025-05");
  EXPECT_FALSE(ExitBy(y, P("2025-05")));
  EXPECT_TRUE(ExitBy(y, P("2025-06")));
  EXPECT_FALSE(ExitBy(On("", ""), P("2025-06")));
}

// Five enterprises in 郑州 (410102), March 2025: A on the roster since ever, B entered 2025-02,
// C entered 2025-04 (not yet), D exited 2024-12 (an exit of 2025), E exited 2025-03 (still on in
// March). Reporting output value in March: A, B, D (D reports although off the roster).
TEST(RosterTest, RosterMeasuresOfACell) {
  PanelMaker m;
  m.Enterprise("A", "410102", "1311");
  m.Enterprise("B", "410102", "1311", {}, "2025-02");
  m.Enterprise("C", "410102", "3311", {}, "2025-04");
  m.Enterprise("D", "410102", "3311", {}, "", "2024-12");
  m.Enterprise("E", "410102", "3311", {}, "2020-01", "2025-03");
  m.Batch({{"A", "output_value", "2025-03", 10},
           {"B", "output_value", "2025-03", 20},
           {"D", "output_value", "2025-03", 30}});
  auto panel = m.Make();
  ASSERT_NE(panel, nullptr);
  Query q(*panel);
  const Catalog& c = panel->catalog();
  CellRef r{c.FindIndicator("output_value"), P("2025-03"), c.regions().Find("410000"),
            c.all_industry()};
  const std::vector<Measure> ms = {Measure::kRoster, Measure::kEntrants, Measure::kExits,
                                   Measure::kReportRate, Measure::kN};
  auto row = q.Cell(r, ms, Dimension::kIndustry);
  ASSERT_TRUE(row.ok()) << row.status().ToString();
  EXPECT_EQ(*row->values[0], 3);  // A, B, E
  EXPECT_EQ(*row->values[1], 1);  // B (C enters after March)
  EXPECT_EQ(*row->values[2], 1);  // D
  // Reporters on the roster: A, B of the roster A, B, E → 2/3.
  EXPECT_NEAR(*row->values[3], 200.0 / 3, 1e-12);
  EXPECT_EQ(*row->values[4], 3);  // n counts every reporter
  // The roster measures do not depend on the indicator, derived ones included; the rate does.
  r.indicator = c.FindIndicator("profit_margin");
  row = q.Cell(r, ms, Dimension::kIndustry);
  ASSERT_TRUE(row.ok()) << row.status().ToString();
  EXPECT_EQ(*row->values[0], 3);
  EXPECT_EQ(*row->values[1], 1);
  EXPECT_EQ(*row->values[2], 1);
  EXPECT_EQ(*row->values[3], 0);  // nobody reported profit and revenue
  // Division 33: C, D, E; on the roster in March: E only; nobody of it reported.
  r.indicator = c.FindIndicator("output_value");
  r.industry = c.FindIndustry("33");
  row = q.Cell(r, ms, Dimension::kIndustry);
  EXPECT_EQ(*row->values[0], 1);
  EXPECT_EQ(*row->values[3], 0);
  // December 2025: C has entered, E has left too.
  r.industry = c.all_industry();
  r.period = P("2025-12");
  row = q.Cell(r, ms, Dimension::kIndustry);
  EXPECT_EQ(*row->values[0], 3);  // A, B, C
  EXPECT_EQ(*row->values[1], 2);  // B, C
  EXPECT_EQ(*row->values[2], 2);  // D, E
  EXPECT_EQ(*row->values[3], 0);  // no data in December
}

}  // namespace
}  // namespace ballast
