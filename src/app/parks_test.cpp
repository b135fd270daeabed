// The park use cases on a real store (SQLite, and PostgreSQL in scripts/pg-test.sh): imports all
// or nothing, scope, confidential grades and the aggregates' threshold rule, by hand.
#include "app/parks.h"

#include <gtest/gtest.h>

#include "app/analysis.h"
#include "core/uscc.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast::app {
namespace {

std::string Uscc(const std::string& first17) { return first17 + UsccCheckChar(first17); }

const std::string kE1 = Uscc("91410102000000001");  // 郑州 中原区, 3311 (a leading industry)
const std::string kE2 = Uscc("91410102000000002");  // 郑州 中原区, 2611
const std::string kE3 = Uscc("91410102000000003");  // 郑州 中原区, 3311, no land
const std::string kE4 = Uscc("91410302000000004");  // 洛阳 老城区

class ParksAppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(b_, Ballast::Create(db_.locator()));
    const Caller local = Caller::Local("t");
    ASSERT_OK(b_->Import(local,
                         "uscc,name,region,industry,size\n" + kE1 + ",甲,410102,3311,large\n" +
                             kE2 + ",乙,410102,2611,large\n" + kE3 + ",丙,410102,3311,large\n" +
                             kE4 + ",丁,410302,3311,large\n",
                         "e.csv")
                  .status());
    // January 2024 only: its year-to-date figures stand for the year (the panel ends there).
    ASSERT_OK(b_->Import(local,
                         "uscc,period,indicator,value\n" + kE1 + ",2024-01,revenue,3000\n" + kE1 +
                             ",2024-01,output_value,3200\n" + kE2 + ",2024-01,revenue,1000\n" +
                             kE2 + ",2024-01,output_value,1000\n" + kE3 + ",2024-01,revenue,500\n" +
                             kE3 + ",2024-01,output_value,800\n" + kE4 + ",2024-01,revenue,100\n" +
                             kE4 + ",2024-01,output_value,100\n",
                         "o.csv")
                  .status());
    ASSERT_OK(ImportParkFile(*b_, local, ParkImportKind::kParks,
                             "code,name,level,region,area_mu,industrial_land_share,"
                             "leading_industries\n"
                             "ZZ01,郑州装备园,national,410100,5000,0.6,33\n"
                             "LY01,洛阳园,provincial,410300,3000,0.5,34\n",
                             "parks.csv")
                  .status());
    ASSERT_OK(ImportParkFile(*b_, local, ParkImportKind::kMembers,
                             "park,uscc,from,to\nZZ01," + kE1 + ",2020-01-01,\nZZ01," + kE2 +
                                 ",2020-01-01,\nZZ01," + kE3 + ",2023-06-01,\nLY01," + kE4 +
                                 ",2020-01-01,\n",
                             "m.csv")
                  .status());
    ASSERT_OK(ImportParkFile(*b_, local, ParkImportKind::kResources,
                             "uscc,year,land_mu,energy_tce,tax\n" + kE1 + ",2024,10,50,200\n" +
                                 kE2 + ",2024,20,0,40\n" + kE3 + ",2024,0,10,5\n" + kE4 +
                                 ",2024,5,5,50\n",
                             "r.csv")
                  .status());
  }
  ::ballast::testing::TestStore db_;
  std::unique_ptr<Ballast> b_;
  Caller admin_ = Caller::Local("t");
  Caller zz_analyst_{"zza", auth::Role::kAnalyst, "", "", "410100"};
  Caller zz_viewer_{"zzv", auth::Role::kViewer, "", "", "410100"};
  Caller province_viewer_{"pv", auth::Role::kViewer, "", "", "410000"};
};

TEST_F(ParksAppTest, UnknownParkOrEnterpriseWritesNothing) {
  auto r = ImportParkFile(*b_, admin_, ParkImportKind::kMembers,
                          "park,uscc,from\nZZ01," + kE1 + ",2020-01-01\nZZ01," +
                              Uscc("91410102000000009") + ",2020-01-01\n",
                          "m2.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "m2.csv:3: uscc: '" + Uscc("91410102000000009") + "' is not a known enterprise");
  auto p = ImportParkFile(*b_, admin_, ParkImportKind::kMembers,
                          "park,uscc,from\nXX99," + kE1 + ",2020-01-01\n", "m3.csv");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().message(), "m3.csv:2: park: 'XX99' is not a known park in your scope");
  ASSERT_OK_AND_ASSIGN(auto members, ParkMembers(*b_, admin_, "ZZ01", std::nullopt));
  EXPECT_EQ(members.size(), 3u);  // the first import's, untouched
}

CellRequest RevenueOfPark(const std::string& region);

TEST_F(ParksAppTest, ACityUserSeesAndImportsItsOwnParksOnly) {
  ASSERT_OK_AND_ASSIGN(auto mine, ListParks(*b_, zz_viewer_, ""));
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].code, "ZZ01");
  EXPECT_EQ(EvaluateParks(*b_, zz_analyst_, 2024, "LY01", "").status().code(),
            StatusCode::kNotFound);
  EXPECT_FALSE(ListParks(*b_, zz_viewer_, "410300").ok());
  auto out = ImportParkFile(*b_, zz_analyst_, ParkImportKind::kParks,
                            "code,name,level,region,area_mu,industrial_land_share,"
                            "leading_industries\nLY02,洛阳二园,provincial,410302,10,0.5,34\n",
                            "p.csv");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().message(), "p.csv:2: region: 410302 is outside your region scope 410100");
  auto res = ImportParkFile(*b_, zz_analyst_, ParkImportKind::kResources,
                            "uscc,year,land_mu,energy_tce,tax\n" + kE4 + ",2024,1,1,1\n", "r.csv");
  ASSERT_FALSE(res.ok());
  EXPECT_NE(res.status().message().find("r.csv:2: uscc:"), std::string::npos);
  // 郑州 cannot put 洛阳's 丁 into its own park (it would read 丁 through the park's figures);
  // the refused file leaves the park's members as they were.
  auto adopt = ImportParkFile(*b_, zz_analyst_, ParkImportKind::kMembers,
                              "park,uscc,from,to\nZZ01," + kE1 + ",2020-01-01,\nZZ01," + kE4 +
                                  ",2020-01-01,\n",
                              "m.csv");
  ASSERT_FALSE(adopt.ok());
  EXPECT_EQ(adopt.status().message(),
            "m.csv:3: uscc: '" + kE4 + "' is not registered in the park's region 410100");
  ASSERT_OK_AND_ASSIGN(auto a, QueryCell(*b_, admin_, RevenueOfPark("410000")));
  EXPECT_EQ(a.row.n, 3);
  Caller viewer_importer{"v", auth::Role::kViewer, "", "", "410100"};
  EXPECT_EQ(
      ImportParkFile(*b_, viewer_importer, ParkImportKind::kParks, "x", "x.csv").status().code(),
      StatusCode::kPermissionDenied);
}

TEST_F(ParksAppTest, ParkEvaluationByHand) {
  ASSERT_OK_AND_ASSIGN(auto g, EvaluateParks(*b_, admin_, 2024, "ZZ01", ""));
  ASSERT_EQ(g.enterprises.size(), 3u);
  EXPECT_EQ(g.summary.enterprises, 3);
  EXPECT_EQ(g.summary.ungraded, 1);  // 丙 has no land
  // Tax per mu: 甲 200/10 = 20, 乙 40/20 = 2 → median 11. Output (revenue) per mu: 甲 3000/10 =
  // 300, 乙 1000/20 = 50 → mean 175.
  EXPECT_DOUBLE_EQ(*g.summary.median[parks::kTaxPerMu], 11);
  EXPECT_DOUBLE_EQ(*g.summary.mean[parks::kOutputPerMu], 175);
  EXPECT_EQ(g.enterprises[2].evaluation.grade, "");
  // Leading industry 33: output value of 甲 3200 and 丙 800 of 3200 + 1000 + 800.
  ASSERT_TRUE(g.leading_share);
  EXPECT_DOUBLE_EQ(*g.leading_share, 0.8);
  EXPECT_EQ(g.suppressed, "");
}

TEST_F(ParksAppTest, GradesAreConfidentialAndSmallAggregatesWithheld) {
  ASSERT_OK_AND_ASSIGN(auto v, EvaluateParks(*b_, zz_viewer_, 2024, "ZZ01", ""));
  EXPECT_TRUE(v.enterprises.empty());  // a viewer sees no enterprise's grade
  EXPECT_EQ(v.summary.enterprises, 3);
  EXPECT_EQ(v.suppressed, "");
  EXPECT_FALSE(v.summary.median[parks::kTaxPerMu]);  // only 2 enterprises have land
  EXPECT_FALSE(v.leading_share);                     // the leading industry holds 2 enterprises
  EXPECT_EQ(v.leading_suppressed, "threshold");
  ASSERT_OK_AND_ASSIGN(auto one, EvaluateParks(*b_, province_viewer_, 2024, "LY01", ""));
  EXPECT_EQ(one.suppressed, "threshold");
  EXPECT_EQ(one.summary.grade_counts, (std::vector<int64_t>{0, 0, 0, 0}));
  ASSERT_OK_AND_ASSIGN(auto a, EvaluateParks(*b_, zz_analyst_, 2024, "ZZ01", ""));
  EXPECT_EQ(a.enterprises.size(), 3u);  // analysts in scope see them
}

TEST_F(ParksAppTest, RegionEvaluationTakesEveryEnterpriseWithResources) {
  ASSERT_OK_AND_ASSIGN(auto g, EvaluateParks(*b_, admin_, 2024, "", "410000"));
  EXPECT_EQ(g.summary.enterprises, 4);
  ASSERT_OK_AND_ASSIGN(auto zz, EvaluateParks(*b_, zz_analyst_, 2024, "", ""));
  EXPECT_EQ(zz.summary.enterprises, 3);
  EXPECT_FALSE(zz.leading_share);  // a region has no leading industries
}

CellRequest RevenueOfPark(const std::string& region) {
  CellRequest r;
  r.indicator = "revenue";
  r.measures = {"value"};
  r.period = "2024-01";
  r.region = region;
  r.park = "ZZ01";
  return r;
}

TEST_F(ParksAppTest, QueryByParkCountsItsMembersAtThePeriod) {
  // 甲 3000 + 乙 1000 + 丙 500 (a member since 2023-06); 丁 is in the other park.
  ASSERT_OK_AND_ASSIGN(auto a, QueryCell(*b_, admin_, RevenueOfPark("410000")));
  ASSERT_TRUE(a.row.values[0]);
  EXPECT_DOUBLE_EQ(*a.row.values[0], 4500);
  EXPECT_EQ(a.row.n, 3);
  EXPECT_EQ(a.park, "ZZ01");
  // 乙 left at the end of 2023: January 2024 is 甲 and 丙 only.
  ASSERT_OK(ImportParkFile(*b_, admin_, ParkImportKind::kMembers,
                           "park,uscc,from,to\nZZ01," + kE1 + ",2020-01-01,\nZZ01," + kE2 +
                               ",2020-01-01,2023-12-31\nZZ01," + kE3 + ",2023-06-01,\n",
                           "m.csv")
                .status());
  ASSERT_OK_AND_ASSIGN(auto left, QueryCell(*b_, admin_, RevenueOfPark("410000")));
  EXPECT_DOUBLE_EQ(*left.row.values[0], 3500);
  EXPECT_EQ(left.row.n, 2);
  CellRequest unknown = RevenueOfPark("410000");
  unknown.park = "NOPE";
  EXPECT_EQ(QueryCell(*b_, admin_, unknown).status().code(), StatusCode::kInvalidArgument);
}

// A park of another city is answered like an unknown park: no figure, and no way to tell that
// the code exists.
TEST_F(ParksAppTest, AParkOutsideTheScopeIsAnUnknownPark) {
  Caller ly{"lya", auth::Role::kAnalyst, "", "", "410300"};
  CellRequest zz = RevenueOfPark("410300");  // ZZ01 is 郑州's
  auto other = QueryCell(*b_, ly, zz);
  EXPECT_EQ(other.status().code(), StatusCode::kInvalidArgument);
  CellRequest unknown = zz;
  unknown.park = "NOPE";
  auto none = QueryCell(*b_, ly, unknown);
  EXPECT_EQ(none.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(other.status().message(), "park: 'ZZ01' is not a known park");
  EXPECT_EQ(none.status().message(), "park: 'NOPE' is not a known park");
  CellRequest own = zz;
  own.park = "LY01";
  EXPECT_OK(QueryCell(*b_, ly, own).status());
  EXPECT_OK(QueryCell(*b_, zz_analyst_, RevenueOfPark("410100")).status());
}

TEST_F(ParksAppTest, AParkAndItsComplementDoNotRevealASuppressedCell) {
  // In 河南 the plain cell minus the park is 丁 alone (100): publishing the park would show it.
  ASSERT_OK_AND_ASSIGN(auto henan, QueryCell(*b_, province_viewer_, RevenueOfPark("410000")));
  EXPECT_EQ(henan.row.suppressed, "secondary");
  EXPECT_FALSE(henan.row.values[0]);
  // In 郑州 the park is the whole cell: nothing to difference, and its three members pass the
  // primary rules (largest 3000 of 4500 < 85 %; 4500 − 3000 − 1000 = 500 ≥ 10 % of 3000).
  ASSERT_OK_AND_ASSIGN(auto zz, QueryCell(*b_, zz_viewer_, RevenueOfPark("410100")));
  EXPECT_EQ(zz.row.suppressed, "");
  ASSERT_TRUE(zz.row.values[0]);
  EXPECT_DOUBLE_EQ(*zz.row.values[0], 4500);
}

}  // namespace
}  // namespace ballast::app
