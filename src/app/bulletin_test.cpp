// The bulletin's figures are the use cases' figures: built on a small demo province, its
// headline and rankings equal the cells and rankings the API answers; scope and the January
// rule hold; every format renders.
#include "app/bulletin.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "app/analysis.h"
#include "app/ballast.h"
#include "app/caller.h"
#include "app/demo.h"
#include "app/region_series.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast::app {
namespace {

class BulletinTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    store_ = new ::ballast::testing::TestStore();
    auto b = Ballast::Create(store_->locator());
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    b_ = b->release();
    DemoOptions o;
    o.enterprises = 1500;
    o.months = 15;
    o.end = "2025-03";
    auto r = GenerateDemo(*b_, o);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  static void TearDownTestSuite() {
    delete b_;
    delete store_;
  }

  static CellRequest Cell(const std::string& indicator, std::vector<std::string> measures,
                          const std::string& region, const std::string& industry = "",
                          const std::string& of = "") {
    CellRequest r;
    r.indicator = indicator;
    r.measures = std::move(measures);
    r.region = region;
    r.period = "2025-03";
    r.industry = industry;
    r.of = of;
    return r;
  }

  static ::ballast::testing::TestStore* store_;
  static Ballast* b_;
};
::ballast::testing::TestStore* BulletinTest::store_ = nullptr;
Ballast* BulletinTest::b_ = nullptr;

const report::Table* FindTable(const report::Bulletin& b, const std::string& prefix) {
  for (const auto& t : b.tables) {
    if (t.title.rfind(prefix, 0) == 0) return &t;
  }
  return nullptr;
}

TEST_F(BulletinTest, HeadlineEqualsTheCellOfTheUseCase) {
  const Caller local = Caller::Local("t");
  ASSERT_OK_AND_ASSIGN(report::Bulletin bulletin, BuildBulletin(*b_, local, {"2025-03", "410000"}));
  EXPECT_EQ(bulletin.title, "2025年1—3月河南省工业经济运行情况通报");
  ASSERT_OK_AND_ASSIGN(
      CellAnswer cell,
      QueryCell(*b_, local, Cell("value_added", {"yoy_real", "ytd_yoy_real"}, "410000")));
  ASSERT_TRUE(cell.row.values[0].has_value());
  ASSERT_TRUE(cell.row.values[1].has_value());
  const report::Table& head = bulletin.tables.at(0);
  ASSERT_EQ(head.rows.size(), 2u);
  EXPECT_EQ(head.rows[0][0].text, "3月当月");
  EXPECT_EQ(head.rows[1][0].text, "1—3月累计");
  ASSERT_TRUE(head.rows[0][1].number && head.rows[1][1].number);
  EXPECT_DOUBLE_EQ(*head.rows[0][1].number, *cell.row.values[0]);
  EXPECT_DOUBLE_EQ(*head.rows[1][1].number, *cell.row.values[1]);
  // Against the whole country: the gap is the difference of the two cells.
  ASSERT_OK_AND_ASSIGN(CellAnswer country,
                       QueryCell(*b_, local, Cell("value_added", {"ytd_yoy_real"}, "100000")));
  EXPECT_EQ(head.header.at(2), "全国");
  ASSERT_TRUE(country.row.values[0].has_value());
  EXPECT_DOUBLE_EQ(*head.rows[1][2].number, *country.row.values[0]);
  EXPECT_NEAR(*head.rows[1][3].number, *cell.row.values[1] - *country.row.values[0], 1e-12);
  // The summary states the same figure with one decimal.
  EXPECT_NE(
      bulletin.summary.at(0).find(report::FormatFixed(std::abs(*cell.row.values[1]), 1) + "%"),
      std::string::npos)
      << bulletin.summary[0];
}

TEST_F(BulletinTest, RankingsAreTheUseCaseRankings) {
  const Caller local = Caller::Local("t");
  ASSERT_OK_AND_ASSIGN(report::Bulletin bulletin, BuildBulletin(*b_, local, {"2025-03", "410000"}));
  const report::Table* production = FindTable(bulletin, "二、");
  ASSERT_NE(production, nullptr);
  ASSERT_OK_AND_ASSIGN(RankingAnswer ranking,
                       QueryRanking(*b_, local, Cell("value_added", {"ytd_yoy_real"}, "410000")));
  ASSERT_EQ(production->rows.size(), ranking.rows.size() + 1);  // the province first
  EXPECT_EQ(production->rows[0][0].text, "河南省");
  int compared = 0;
  for (size_t i = 0; i < ranking.rows.size(); ++i) {
    const auto& row = production->rows[i + 1];
    EXPECT_EQ(row[0].text, ranking.rows[i].label.name);
    if (!ranking.rows[i].value) continue;
    ASSERT_TRUE(row[1].number.has_value());
    EXPECT_DOUBLE_EQ(*row[1].number, *ranking.rows[i].value);
    EXPECT_EQ(*row[2].number, *ranking.rows[i].rank);
    // 高于 / 低于 the province, by the sign of the gap.
    const double gap = *ranking.rows[i].value - *ranking.parent.row.values[0];
    if (std::abs(gap) >= 0.05) {
      EXPECT_EQ(row[4].text.substr(0, 6), gap > 0 ? "高于" : "低于") << row[4].text;
    }
    ++compared;
  }
  EXPECT_GT(compared, 5);
  // Manufacturing's share: each row is the share of C in the child's own industry (the cell
  // (child, C) along the industry dimension), not the child's part of the province's C.
  const report::Table* share = FindTable(bulletin, "五、");
  ASSERT_NE(share, nullptr);
  ASSERT_OK_AND_ASSIGN(
      CellAnswer province_c,
      QueryCell(*b_, local, Cell("value_added", {"share"}, "410000", "C", "industry")));
  ASSERT_TRUE(province_c.row.values[0].has_value());
  EXPECT_DOUBLE_EQ(*share->rows.at(0)[1].number, *province_c.row.values[0]);
  EXPECT_LT(*province_c.row.values[0], 100);
  double previous = 1e9;
  int shares = 0;
  for (size_t i = 1; i < share->rows.size(); ++i) {
    const auto& row = share->rows[i];
    if (!row[1].number) continue;
    std::string code;
    for (const auto& r : ranking.rows) {
      if (r.label.name == row[0].text) code = r.label.code;
    }
    ASSERT_FALSE(code.empty()) << row[0].text;
    ASSERT_OK_AND_ASSIGN(
        CellAnswer c, QueryCell(*b_, local, Cell("value_added", {"share"}, code, "C", "industry")));
    ASSERT_TRUE(c.row.values[0].has_value());
    EXPECT_DOUBLE_EQ(*row[1].number, *c.row.values[0]) << row[0].text;
    EXPECT_LE(*row[1].number, previous);                // ranked from the highest share down
    EXPECT_EQ(*row[2].number, static_cast<double>(i));  // no ties in this demo
    previous = *row[1].number;
    ++shares;
  }
  EXPECT_GT(shares, 5);
  // Completeness: the subtitle carries n / roster of the province.
  EXPECT_NE(bulletin.subtitle.find("已报送 "), std::string::npos);
}

// The group rows are the API's cells: GET /api/v1/cell?industry=@hightech (…) for the same region
// and period, as a reader of published figures asks them. A bulletin that summed the groups by
// hand, or took another definition of a group, fails here.
TEST_F(BulletinTest, GroupRowsAreTheCellsOfTheNamedGroups) {
  const Caller viewer{"v", auth::Role::kViewer, "", "", "410000", ""};
  for (const std::string region : {"410000", "410100"}) {
    ASSERT_OK_AND_ASSIGN(report::Bulletin bulletin,
                         BuildBulletin(*b_, Caller::Local("t"), {"2025-03", region}));
    const report::Table* t = FindTable(bulletin, "六、");
    ASSERT_NE(t, nullptr) << region;
    ASSERT_EQ(t->rows.size(), 4u);
    ASSERT_OK_AND_ASSIGN(
        CellAnswer all,
        QueryCell(*b_, viewer, Cell("value_added", {"ytd_yoy_real", "ytd"}, region)));
    const std::vector<std::pair<std::string, std::string>> groups = {
        {"@hightech", "高技术制造业"},
        {"@equipment", "装备制造业"},
        {"@energy6", "六大高耗能行业"}};
    int compared = 0;
    for (size_t i = 0; i < groups.size(); ++i) {
      const auto& row = t->rows[i + 1];
      EXPECT_EQ(row[0].text, groups[i].second);
      ASSERT_OK_AND_ASSIGN(CellAnswer cell, QueryCell(*b_, viewer,
                                                      Cell("value_added", {"ytd_yoy_real", "ytd"},
                                                           region, groups[i].first)));
      if (!cell.row.suppressed.empty()) {
        EXPECT_EQ(row[1].text, report::kWithheld) << region << " " << groups[i].first;
        continue;
      }
      ASSERT_TRUE(cell.row.values[0].has_value()) << region << " " << groups[i].first;
      ASSERT_TRUE(row[1].number.has_value()) << region << " " << groups[i].first;
      EXPECT_DOUBLE_EQ(*row[1].number, *cell.row.values[0]) << region << " " << groups[i].first;
      EXPECT_NEAR(*row[2].number, *cell.row.values[0] - *all.row.values[0], 1e-12);
      // The share: the group's 1–3月 value added over the region's, from the same cells.
      ASSERT_TRUE(cell.row.values[1] && all.row.values[1]);
      EXPECT_NEAR(*row[3].number, *cell.row.values[1] / *all.row.values[1] * 100, 1e-9);
      EXPECT_GT(*row[3].number, 0);
      EXPECT_LT(*row[3].number, 100);
      ++compared;
    }
    EXPECT_GE(compared, 2) << region;
  }
}

// Investment is the imported region series (the demo publishes 工业投资 for the prefectures),
// ranked like the API's ranking of industrial_investment · ytd_yoy.
TEST_F(BulletinTest, InvestmentRowsAreTheImportedRegionSeries) {
  const Caller local = Caller::Local("t");
  ASSERT_OK_AND_ASSIGN(report::Bulletin bulletin, BuildBulletin(*b_, local, {"2025-03", "410000"}));
  const report::Table* t = FindTable(bulletin, "四、");
  ASSERT_NE(t, nullptr);
  ASSERT_OK_AND_ASSIGN(
      RankingAnswer ranking,
      QueryRanking(*b_, local, Cell("industrial_investment", {"ytd_yoy"}, "410000")));
  ASSERT_EQ(t->rows.size(), ranking.rows.size() + 1);
  int figures = 0;
  for (size_t i = 0; i < ranking.rows.size(); ++i) {
    const auto& row = t->rows[i + 1];
    EXPECT_EQ(row[0].text, ranking.rows[i].label.name);
    if (!ranking.rows[i].value) {
      EXPECT_EQ(row[1].text, report::kUndefined);
      continue;
    }
    ASSERT_TRUE(row[1].number.has_value());
    EXPECT_DOUBLE_EQ(*row[1].number, *ranking.rows[i].value);
    EXPECT_EQ(*row[2].number, *ranking.rows[i].rank);
    ++figures;
  }
  EXPECT_GE(figures, 17);  // the 17 prefectures and 济源 publish it
  EXPECT_TRUE(t->notes.empty());
}

// The share of GDP column is GET /api/v1/region-series/mfg-share for the same region and period.
TEST_F(BulletinTest, ShareOfGdpColumnIsTheMfgShareOfTheApi) {
  const Caller local = Caller::Local("t");
  ASSERT_OK_AND_ASSIGN(report::Bulletin bulletin, BuildBulletin(*b_, local, {"2025-03", "410000"}));
  const report::Table* t = FindTable(bulletin, "五、");
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->header.size(), 6u);
  int compared = 0;
  for (size_t i = 1; i < t->rows.size(); ++i) {
    const auto& row = t->rows[i];
    ASSERT_OK_AND_ASSIGN(RankingAnswer ranking,
                         QueryRanking(*b_, local, Cell("value_added", {"ytd_yoy_real"}, "410000")));
    std::string code;
    for (const auto& r : ranking.rows) {
      if (r.label.name == row[0].text) code = r.label.code;
    }
    ASSERT_FALSE(code.empty()) << row[0].text;
    ASSERT_OK_AND_ASSIGN(ManufacturingShare m,
                         ManufacturingShareOfGdp(*b_, local, code, "2025-03"));
    if (!m.share) {
      EXPECT_EQ(row[5].text, report::kUndefined);
      continue;
    }
    ASSERT_TRUE(row[5].number.has_value()) << row[0].text;
    EXPECT_DOUBLE_EQ(*row[5].number, *m.share);
    ++compared;
  }
  EXPECT_GE(compared, 5);
}

TEST_F(BulletinTest, ACityUserGetsOnlyItsOwnCity) {
  const Caller city{"a", auth::Role::kAnalyst, "", "", "410100", ""};
  auto other = BuildBulletin(*b_, city, {"2025-03", "410200"});
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().code(), StatusCode::kPermissionDenied);
  auto province = MakeBulletin(*b_, city, {"2025-03", "410000"}, BulletinFormat::kPdf);
  EXPECT_EQ(province.status().code(), StatusCode::kPermissionDenied);
  // Its own city by default; the province is outside its scope, so no comparison with it.
  ASSERT_OK_AND_ASSIGN(report::Bulletin own, BuildBulletin(*b_, city, {"2025-03", ""}));
  EXPECT_EQ(own.region_code, "410100");
  EXPECT_EQ(own.tables.at(0).rows.at(1).at(2).text, report::kUndefined);
}

TEST_F(BulletinTest, JanuaryIsPublishedWithFebruary) {
  const Caller local = Caller::Local("t");
  auto jan = BuildBulletin(*b_, local, {"2025-01", "410000"});
  ASSERT_FALSE(jan.ok());
  EXPECT_EQ(jan.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(jan.status().message().find("2025-02"), std::string::npos);
  ASSERT_OK_AND_ASSIGN(report::Bulletin feb, BuildBulletin(*b_, local, {"2025-02", "410000"}));
  EXPECT_EQ(feb.title, "2025年1—2月河南省工业经济运行情况通报");
  ASSERT_EQ(feb.tables.at(0).rows.size(), 1u);  // only the cumulative 1—2月
  EXPECT_EQ(feb.tables[0].rows[0][0].text, "1—2月累计");
}

TEST_F(BulletinTest, WithheldCellsPrintTheMarkerNeverTheValue) {
  // A viewer gets published figures: in a city's bulletin (counties with few enterprises) every
  // production ranking row the use case withholds is "…" in value, rank, change and gap.
  const Caller viewer{"v", auth::Role::kViewer, "", "", "410200", ""};
  ASSERT_OK_AND_ASSIGN(report::Bulletin bulletin,
                       BuildBulletin(*b_, viewer, {"2025-03", "410200"}));
  CellRequest r = Cell("value_added", {"ytd_yoy_real"}, "410200");
  ASSERT_OK_AND_ASSIGN(RankingAnswer ranking, QueryRanking(*b_, viewer, r));
  const report::Table* t = FindTable(bulletin, "二、");
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->rows.size(), ranking.rows.size() + 1);
  int withheld = 0;
  for (size_t i = 0; i < ranking.rows.size(); ++i) {
    const auto& row = t->rows[i + 1];
    if (ranking.rows[i].suppressed.empty()) {
      EXPECT_NE(row[1].text, report::kWithheld);
      continue;
    }
    ++withheld;
    for (size_t c = 1; c <= 4; ++c) {
      EXPECT_EQ(row[c].text, report::kWithheld) << row[0].text << " column " << c;
      EXPECT_FALSE(row[c].number.has_value());
    }
  }
  EXPECT_GT(withheld, 0);
  // A bulletin is a publication: an analyst, who sees these figures in the views, gets the
  // same markers in the same rows.
  const Caller analyst{"a", auth::Role::kAnalyst, "", "", "410200", ""};
  ASSERT_OK_AND_ASSIGN(report::Bulletin same, BuildBulletin(*b_, analyst, {"2025-03", "410200"}));
  const report::Table* u = FindTable(same, "二、");
  ASSERT_EQ(u->rows.size(), t->rows.size());
  for (size_t i = 0; i < t->rows.size(); ++i) {
    for (size_t c = 0; c < t->rows[i].size(); ++c) {
      EXPECT_EQ(report::CellText(u->rows[i][c]), report::CellText(t->rows[i][c]));
    }
  }
}

TEST_F(BulletinTest, EveryFormatRendersWithItsName) {
  ASSERT_OK_AND_ASSIGN(report::Bulletin bulletin,
                       BuildBulletin(*b_, Caller::Local("t"), {"2025-03", "410000"}));
  for (BulletinFormat f : AllBulletinFormats()) {
    ASSERT_OK_AND_ASSIGN(BulletinFile file, RenderBulletin(bulletin, f));
    EXPECT_EQ(file.name, "bulletin-410000-2025-03." + std::string(BulletinExtension(f)));
    EXPECT_EQ(file.content_type, BulletinContentType(f));
    EXPECT_EQ(file.bytes.substr(0, 2), f == BulletinFormat::kPdf ? "%P" : "PK");
  }
  EXPECT_EQ(ParseBulletinFormat("doc").status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace ballast::app
