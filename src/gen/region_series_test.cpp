#include "gen/region_series.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace ballast::gen {
namespace {

std::vector<std::vector<std::string>> Rows(const std::string& csv) {
  std::vector<std::vector<std::string>> out;
  std::istringstream in(csv);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::string cell;
    std::istringstream l(line);
    while (std::getline(l, cell, ',')) f.push_back(cell);
    if (!line.empty() && line.back() == ',') f.emplace_back();
    out.push_back(f);
  }
  return out;
}

TEST(RegionSeriesGen, HenanPrefecturesWithConsistentCumulativeGrowth) {
  const std::string csv = RegionSeriesCsv(MakePeriod(2024, 1), MakePeriod(2025, 12), 7);
  EXPECT_EQ(csv, RegionSeriesCsv(MakePeriod(2024, 1), MakePeriod(2025, 12), 7));  // deterministic
  const auto rows = Rows(csv);
  ASSERT_GT(rows.size(), 1u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"region", "period", "indicator", "value", "ytd",
                                               "yoy", "ytd_yoy"}));
  std::map<std::string, double> ytd;  // region|indicator|period -> ytd
  std::map<std::string, double> growth;
  for (size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), 7u) << i;
    EXPECT_TRUE(rows[i][0].rfind("41", 0) == 0) << rows[i][0];
    EXPECT_NE(rows[i][1], "2024-01");  // nothing for January alone: 1–2月, quarters
    const std::string key = rows[i][0] + "|" + rows[i][2] + "|" + rows[i][1];
    ytd[key] = std::stod(rows[i][4]);
    growth[key] = std::stod(rows[i][6]);
  }
  // 18 regions: investment and tech investment in 22 months (Feb..Dec twice), GDP in 8 quarters.
  EXPECT_EQ(rows.size() - 1, 18u * (22 * 2 + 8));
  // 郑州's GDP of a year: of the order of 1.4 万亿元 = 1.4e8 万元.
  const double zz = ytd.at("410100|gdp|2025-12");
  EXPECT_GT(zz, 1.2e8);
  EXPECT_LT(zz, 1.8e8);
  // The published growth of 2025 agrees with the levels of both years (rounded to 0.1).
  for (const char* ind : {"gdp", "industrial_investment", "tech_investment"}) {
    const std::string now = std::string("410300|") + ind + "|2025-12",
                      before = std::string("410300|") + ind + "|2024-12";
    EXPECT_NEAR(growth.at(now), (ytd.at(now) / ytd.at(before) - 1) * 100, 0.06) << ind;
  }
  // Investment about a quarter of GDP.
  EXPECT_GT(ytd.at("410100|industrial_investment|2025-12"), 0.15 * zz);
  EXPECT_LT(ytd.at("410100|industrial_investment|2025-12"), 0.45 * zz);
}

}  // namespace
}  // namespace ballast::gen
