// Region series in the analysis use cases: published figures as given, growth from levels where
// none was published, no sum over children unless additive, scope for import and reading, and
// no small-n suppression (public aggregates). Golden values are worked out in the comments.
#include "app/region_series.h"

#include <gtest/gtest.h>

#include "app/ballast.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast::app {
namespace {

using Field = RegionSeriesLookup::Field;

// 410000 over 410100 and 410200 (a small tree: additive sums need every child).
CodeTree SmallTree() {
  return std::move(CodeTree::Build({{"410000", "河南省", "", 1},
                                    {"410100", "郑州市", "410000", 2},
                                    {"410200", "开封市", "410000", 2}}))
      .value();
}

std::vector<RegionSeriesRecord> Levels(const std::string& indicator) {
  const Period now = MakePeriod(2025, 3), before = MakePeriod(2024, 3);
  return {{"410100", indicator, now, 120.0, std::nullopt, 7.5, std::nullopt},
          {"410100", indicator, before, 80.0, std::nullopt, std::nullopt, std::nullopt},
          {"410200", indicator, now, 30.0, std::nullopt, std::nullopt, std::nullopt},
          {"410200", indicator, before, 20.0, std::nullopt, std::nullopt, std::nullopt}};
}

TEST(RegionSeriesLookup, NonAdditiveIsNeverSummedOverChildren) {
  const CodeTree t = SmallTree();
  const auto records = Levels("gdp");
  RegionSeriesLookup gdp(t, records, *FindRegionIndicator("gdp"));
  const Period p = MakePeriod(2025, 3);
  EXPECT_FALSE(gdp.Get(t.Find("410000"), p, Field::kValue).has_value());  // not 120 + 30
  EXPECT_FALSE(gdp.Get(t.Find("410000"), p, Field::kYoy).has_value());
  EXPECT_EQ(gdp.Get(t.Find("410100"), p, Field::kValue), 120.0);
}

TEST(RegionSeriesLookup, AdditiveSumsChildrenAndGrowthComesFromLevels) {
  const CodeTree t = SmallTree();
  const auto records = Levels("grid_electricity");
  RegionSeriesLookup grid(t, records, *FindRegionIndicator("grid_electricity"));
  const Period p = MakePeriod(2025, 3);
  // 120 + 30 = 150 against 80 + 20 = 100 a year before: +50 %.
  EXPECT_EQ(grid.Get(t.Find("410000"), p, Field::kValue), 150.0);
  EXPECT_DOUBLE_EQ(*grid.Get(t.Find("410000"), p, Field::kYoy), 50.0);
  // 410100 published 7.5 %: used as published, not 120 / 80 − 1 = 50 %.
  EXPECT_EQ(grid.Get(t.Find("410100"), p, Field::kYoy), 7.5);
  // 410200 published none: 30 / 20 − 1 = 50 %.
  EXPECT_DOUBLE_EQ(*grid.Get(t.Find("410200"), p, Field::kYoy), 50.0);
  // No ytd anywhere: undefined, and not derived from the months.
  EXPECT_FALSE(grid.Get(t.Find("410100"), p, Field::kYtd).has_value());
  EXPECT_FALSE(grid.Get(t.Find("410100"), p, Field::kYtdYoy).has_value());
  EXPECT_EQ(grid.latest(), p);
}

TEST(RegionSeriesLookup, MissingChildOrZeroBaseIsUndefinedNotInfinite) {
  const CodeTree t = SmallTree();
  const Period now = MakePeriod(2025, 3), before = MakePeriod(2024, 3);
  std::vector<RegionSeriesRecord> records = {
      {"410100", "grid_electricity", now, 10.0, std::nullopt, std::nullopt, std::nullopt},
      {"410100", "grid_electricity", before, 0.0, std::nullopt, std::nullopt, std::nullopt}};
  RegionSeriesLookup grid(t, records, *FindRegionIndicator("grid_electricity"));
  EXPECT_FALSE(grid.Get(t.Find("410000"), now, Field::kValue).has_value());  // 410200 missing
  EXPECT_FALSE(grid.Get(t.Find("410100"), now, Field::kYoy).has_value());    // base 0
}

// A store with Henan's region series, imported as the whole country's administrator.
class RegionSeriesAppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    OpenOptions o;
    o.clock = &clock_;
    ASSERT_OK_AND_ASSIGN(b_, Ballast::Create(db_.locator(), o));
    ASSERT_OK_AND_ASSIGN(auto out,
                         ImportRegionSeries(*b_, Caller::Local("t"),
                                            "region,period,indicator,value,ytd,yoy,ytd_yoy\n"
                                            "410100,2025-03,gdp,3000,3000,,5.5\n"
                                            "410300,2025-03,gdp,1500,1500,,4.0\n"
                                            "410100,2025-02,industrial_investment,,500,,9\n"
                                            "410300,2025-02,industrial_investment,,400,,12\n"
                                            "410100,2025-03,industrial_investment,,800,,10\n"
                                            "410300,2025-03,industrial_investment,,700,,8\n",
                                            "rs.csv"));
    ASSERT_EQ(out.status, ingest::ImportStatus::kImported);
  }

  static CellRequest Req(const std::string& indicator, std::vector<std::string> measures,
                         const std::string& region) {
    CellRequest r;
    r.indicator = indicator;
    r.measures = std::move(measures);
    r.period = "2025-03";
    r.region = region;
    return r;
  }

  FixedClock clock_{*ParseUtc("2025-07-10T02:00:00Z")};
  ::ballast::testing::TestStore db_;
  std::unique_ptr<Ballast> b_;
};

TEST_F(RegionSeriesAppTest, CellAnswersAsPublished) {
  ASSERT_OK_AND_ASSIGN(
      auto a, QueryCell(*b_, Caller::Local("t"), Req("gdp", {"ytd", "ytd_yoy", "yoy"}, "410100")));
  EXPECT_EQ(a.row.values[0], 3000.0);
  EXPECT_EQ(a.row.values[1], 5.5);
  EXPECT_FALSE(a.row.values[2].has_value());  // neither published nor a year-ago level
  EXPECT_EQ(a.region.name, "郑州市");
  // Henan itself published nothing and GDP is not additive: undefined, not 3000 + 1500.
  ASSERT_OK_AND_ASSIGN(auto henan,
                       QueryCell(*b_, Caller::Local("t"), Req("gdp", {"ytd"}, "410000")));
  EXPECT_FALSE(henan.row.values[0].has_value());
  // An industry other than the whole has no published figure.
  auto c = Req("gdp", {"ytd"}, "410100");
  c.industry = "C";
  ASSERT_OK_AND_ASSIGN(auto mfg, QueryCell(*b_, Caller::Local("t"), c));
  EXPECT_FALSE(mfg.row.values[0].has_value());
  // Measures of enterprises make no sense here.
  auto share = QueryCell(*b_, Caller::Local("t"), Req("gdp", {"share"}, "410100"));
  EXPECT_EQ(share.status().code(), StatusCode::kInvalidArgument);
  // An empty period is the latest with figures of the indicator.
  auto latest = Req("industrial_investment", {"ytd"}, "410300");
  latest.period = "";
  ASSERT_OK_AND_ASSIGN(auto l, QueryCell(*b_, Caller::Local("t"), latest));
  EXPECT_EQ(l.period, "2025-03");
  EXPECT_EQ(l.row.values[0], 700.0);
}

TEST_F(RegionSeriesAppTest, TableAndRankingOfTheChildren) {
  TableRequest t;
  static_cast<CellRequest&>(t) = Req("industrial_investment", {"ytd_yoy"}, "410000");
  t.sort = "ytd_yoy";
  ASSERT_OK_AND_ASSIGN(auto table, QueryTable(*b_, Caller::Local("t"), t));
  EXPECT_EQ(table.rows.size(), 18u);  // Henan's 17 cities and 济源
  ASSERT_GE(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[0].label.code, "410100");  // 10 % ahead of 8 %
  EXPECT_EQ(table.rows[0].rank, 1);
  EXPECT_EQ(table.rows[1].label.code, "410300");
  EXPECT_EQ(table.rows[1].rank, 2);
  EXPECT_FALSE(table.rows[2].rank.has_value());
  EXPECT_FALSE(table.parent.row.values[0].has_value());  // not additive: no sum for Henan
  ASSERT_OK_AND_ASSIGN(auto r, QueryRanking(*b_, Caller::Local("t"),
                                            Req("industrial_investment", {"ytd_yoy"}, "410000")));
  EXPECT_EQ(r.previous_period, "2025-02");
  ASSERT_GE(r.rows.size(), 2u);
  // February: 410300 (12 %) first, 410100 (9 %) second; March the other way round.
  EXPECT_EQ(r.rows[0].label.code, "410100");
  EXPECT_EQ(r.rows[0].prev_rank, 2);
  EXPECT_EQ(r.rows[0].rank_change, 1);
  EXPECT_EQ(r.rows[1].rank_change, -1);
  TableRequest e = t;
  e.dim = "enterprise";
  EXPECT_EQ(QueryTable(*b_, Caller::Local("t"), e).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(RegionSeriesAppTest, PublicAggregatesAreNotSuppressedButScopeHolds) {
  // A viewer gets published (disclosure-controlled) figures; no enterprise stands behind these.
  Caller viewer{"v", auth::Role::kViewer, "", "", "410100", ""};
  ASSERT_OK_AND_ASSIGN(auto a, QueryCell(*b_, viewer, Req("gdp", {"ytd"}, "410100")));
  EXPECT_EQ(a.row.values[0], 3000.0);
  EXPECT_EQ(a.row.suppressed, "");
  // Outside the scope: refused, for a neighbour and for the parent's table or ranking.
  EXPECT_EQ(QueryCell(*b_, viewer, Req("gdp", {"ytd"}, "410300")).status().code(),
            StatusCode::kPermissionDenied);
  TableRequest t;
  static_cast<CellRequest&>(t) = Req("gdp", {"ytd"}, "410000");
  EXPECT_EQ(QueryTable(*b_, viewer, t).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(QueryRanking(*b_, viewer, Req("gdp", {"ytd"}, "410000")).status().code(),
            StatusCode::kPermissionDenied);
  SeriesRequest s;
  static_cast<CellRequest&>(s) = Req("gdp", {"ytd"}, "410300");
  EXPECT_EQ(QuerySeries(*b_, viewer, s).status().code(), StatusCode::kPermissionDenied);
}

TEST_F(RegionSeriesAppTest, CityImporterCannotWriteOutsideItsSubtree) {
  Caller city{"zz", auth::Role::kAnalyst, "", "", "410100", ""};
  const std::string header = "region,period,indicator,value,ytd,yoy,ytd_yoy\n";
  // Its parent, a neighbour, the country, each smuggled in beside a row of its own.
  for (const char* target : {"410000", "410300", "100000"}) {
    ASSERT_OK_AND_ASSIGN(auto o, ImportRegionSeries(*b_, city,
                                                    header + "410100,2025-03,gdp,1,,,\n" + target +
                                                        ",2025-03,gdp,999999,,,\n",
                                                    "attack.csv"));
    EXPECT_EQ(o.status, ingest::ImportStatus::kRejected) << target;
  }
  // Nothing of the refused files was written: 410100 and 410300 keep their figures.
  ASSERT_OK_AND_ASSIGN(auto zz,
                       QueryCell(*b_, Caller::Local("t"), Req("gdp", {"value"}, "410100")));
  EXPECT_EQ(zz.row.values[0], 3000.0);
  ASSERT_OK_AND_ASSIGN(auto ly,
                       QueryCell(*b_, Caller::Local("t"), Req("gdp", {"value"}, "410300")));
  EXPECT_EQ(ly.row.values[0], 1500.0);
  // Its own subtree is fine, and replaces the same key.
  ASSERT_OK_AND_ASSIGN(
      auto own,
      ImportRegionSeries(*b_, city, header + "410100,2025-03,gdp,3100,3100,,5.8\n", "own.csv"));
  EXPECT_EQ(own.status, ingest::ImportStatus::kImported);
  ASSERT_OK_AND_ASSIGN(
      auto after, QueryCell(*b_, Caller::Local("t"), Req("gdp", {"value", "ytd_yoy"}, "410100")));
  EXPECT_EQ(after.row.values[0], 3100.0);
  EXPECT_EQ(after.row.values[1], 5.8);
  // A viewer may not import at all.
  Caller viewer{"v", auth::Role::kViewer, "", "", "410100", ""};
  EXPECT_EQ(ImportRegionSeries(*b_, viewer, header + "410100,2025-03,gdp,1,,,\n", "v.csv")
                .status()
                .code(),
            StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace ballast::app

namespace ballast::app {
namespace {

TEST(ManufacturingShareOfGdp, ValueAddedOfCOverPublishedGdp) {
  ::ballast::testing::TestStore db;
  FixedClock clock(*ParseUtc("2025-07-10T02:00:00Z"));
  OpenOptions o;
  o.clock = &clock;
  ASSERT_OK_AND_ASSIGN(auto b, Ballast::Create(db.locator(), o));
  const Caller root = Caller::Local("t");
  ASSERT_OK_AND_ASSIGN(auto e, b->Import(root,
                                         "uscc,name,region,industry,size,tags\n"
                                         "91310110666007217T,甲装备有限公司,410102,3311,large,\n"
                                         "91310115591693856A,乙食品有限公司,410102,1311,medium,\n",
                                         "e.csv"));
  ASSERT_EQ(e.outcome.status, ingest::ImportStatus::kImported);
  ASSERT_OK_AND_ASSIGN(auto obs, b->Import(root,
                                           "uscc,period,indicator,value,ytd,prior,prior_ytd\n"
                                           "91310110666007217T,2025-03,output_value,400,1000,,\n"
                                           "91310115591693856A,2025-03,output_value,300,900,,\n",
                                           "o.csv"));
  ASSERT_EQ(obs.outcome.status, ingest::ImportStatus::kImported);
  ASSERT_OK_AND_ASSIGN(auto rates,
                       b->ImportVaRates(root, "industry,rate\n3311,20\n1311,10\n", "v.csv"));
  ASSERT_EQ(rates.status, ingest::ImportStatus::kImported);
  ASSERT_OK_AND_ASSIGN(auto rs, ImportRegionSeries(*b, root,
                                                   "region,period,indicator,value,ytd,yoy,ytd_yoy\n"
                                                   "410100,2025-03,gdp,,8000,,\n",
                                                   "rs.csv"));
  ASSERT_EQ(rs.status, ingest::ImportStatus::kImported);
  // Both enterprises are manufacturers (C): 1000 × 20 % + 900 × 10 % = 290 万元 of value added
  // 1–3月, over a GDP of 8000 万元: 3.625 %.
  ASSERT_OK_AND_ASSIGN(auto s, ManufacturingShareOfGdp(*b, root, "410100", ""));
  EXPECT_EQ(s.period, "2025-03");
  EXPECT_DOUBLE_EQ(*s.value_added, 290.0);
  EXPECT_EQ(s.gdp, 8000.0);
  EXPECT_DOUBLE_EQ(*s.share, 290.0 / 8000 * 100);
  // No GDP for 洛阳: no share, and out of a 郑州 caller's scope altogether.
  ASSERT_OK_AND_ASSIGN(auto none, ManufacturingShareOfGdp(*b, root, "410300", "2025-03"));
  EXPECT_FALSE(none.share.has_value());
  Caller zz{"zz", auth::Role::kAnalyst, "", "", "410100", ""};
  EXPECT_EQ(ManufacturingShareOfGdp(*b, zz, "410300", "2025-03").status().code(),
            StatusCode::kPermissionDenied);
  // A viewer gets published figures: two enterprises are below the threshold of 3, so the value
  // added, and with it the share, is withheld.
  Caller viewer{"v", auth::Role::kViewer, "", "", "410100", ""};
  ASSERT_OK_AND_ASSIGN(auto pub, ManufacturingShareOfGdp(*b, viewer, "410100", "2025-03"));
  EXPECT_FALSE(pub.share.has_value());
  EXPECT_FALSE(pub.suppressed.empty());
  EXPECT_EQ(pub.gdp, 8000.0);
}

}  // namespace
}  // namespace ballast::app
