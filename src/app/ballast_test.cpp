// The composition root: one clock for the whole program, set by the test.
#include "app/ballast.h"

#include <gtest/gtest.h>

#include "app/analysis.h"
#include "app/policy.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast::app {
namespace {

constexpr const char* kEnterprises =
    "uscc,name,region,industry,size,tags\n"
    "91310110666007217T,甲装备有限公司,410102,3311,large,\n";

TEST(BallastTest, OneInjectableClockForEveryDomain) {
  ::ballast::testing::TestStore db;
  // 00:30 UTC on 1 February is 08:30 in Beijing: the same month either way, and a day the test
  // can recognise in every record.
  FixedClock clock(*ParseUtc("2026-02-01T00:30:00Z"));
  OpenOptions options;
  options.clock = &clock;
  ASSERT_OK_AND_ASSIGN(auto b, Ballast::Create(db.locator(), options));
  EXPECT_EQ(&b->clock(), &clock);
  ASSERT_OK_AND_ASSIGN(auto imported, b->Import(Caller::Local("t"), kEnterprises, "e.csv"));
  ASSERT_TRUE(imported.evaluation.has_value());
  EXPECT_EQ(imported.evaluation->evaluated_at, "2026-02-01T00:30:00Z");  // warnings
  NewAppeal n;
  n.uscc = "91310110666007217T";
  n.category = "financing";
  n.title = "贷款续贷";
  n.description = "流动资金贷款到期续贷";
  n.contact = "x";
  n.channel = "phone";
  ASSERT_OK_AND_ASSIGN(auto filed, b->service().FileAppeal(SystemCaller(), n));
  EXPECT_EQ(filed.appeal.filed_at, "2026-02-01T00:30:00Z");  // service
  clock.Advance(3600);
  ASSERT_OK_AND_ASSIGN(auto again, b->warnings().Evaluate());
  EXPECT_EQ(again.evaluated_at, "2026-02-01T01:30:00Z");
  // Sessions expire by the same clock (auth).
  ASSERT_OK(b->auth().AddUser({"u", "password-u-123", "viewer", "410100", "", ""}, "t"));
  ASSERT_OK_AND_ASSIGN(auto session, b->auth().Login("u", "password-u-123", "t"));
  EXPECT_EQ(b->auth().Now(), clock.Now());
  clock.Advance(13 * 3600);  // past the absolute lifetime of 12 hours
  EXPECT_FALSE(b->auth().Authenticate(session.token).ok());
}

// Issue #12: prices are national reference data; growth at comparable prices, value added and
// the roster reach the cells through the snapshot.
TEST(BallastTest, PricesRosterAndValueAddedReachTheCells) {
  ::ballast::testing::TempDir dir;
  FixedClock clock(*ParseUtc("2025-04-10T00:00:00Z"));
  OpenOptions options;
  options.clock = &clock;
  ASSERT_OK_AND_ASSIGN(auto b, Ballast::Create(dir.File("s.db"), options));
  ASSERT_OK_AND_ASSIGN(auto e,
                       b->Import(Caller::Local("t"),
                                 "uscc,name,region,industry,size,entered\n"
                                 "91310110666007217T,甲装备有限公司,410102,3311,large,2025-02\n",
                                 "e.csv"));
  ASSERT_EQ(e.outcome.status, ingest::ImportStatus::kImported);
  ASSERT_OK_AND_ASSIGN(auto o, b->Import(Caller::Local("t"),
                                         "uscc,period,indicator,value,prior\n"
                                         "91310110666007217T,2025-03,output_value,110,100\n",
                                         "o.csv"));
  ASSERT_EQ(o.outcome.status, ingest::ImportStatus::kImported);
  const std::string prices = "industry,period,index\nC,2025-03,104\n";
  Caller scoped{"a", auth::Role::kAdmin, "", "", "410100", ""};
  EXPECT_EQ(b->ImportPrices(scoped, prices, "p.csv").status().code(),
            StatusCode::kPermissionDenied);
  ASSERT_OK_AND_ASSIGN(
      auto bad,
      b->ImportPrices(Caller::Local("t"), "industry,period,index\nC,2025-03,1.04\n", "p.csv"));
  EXPECT_EQ(bad.status, ingest::ImportStatus::kRejected);
  ASSERT_OK_AND_ASSIGN(auto p, b->ImportPrices(Caller::Local("t"), prices, "p.csv"));
  ASSERT_EQ(p.status, ingest::ImportStatus::kImported);
  EXPECT_EQ(p.batch.rows, 1);
  ASSERT_OK_AND_ASSIGN(auto snap, b->workspace().GetSnapshot());
  const Catalog& c = b->catalog();
  CellRef r{c.FindIndicator("output_value"), *ParsePeriod("2025-03"), c.country(),
            c.all_industry()};
  ASSERT_OK_AND_ASSIGN(
      auto row, snap->query->Cell(r, {Measure::kYoyReal, Measure::kRoster, Measure::kEntrants},
                                  Dimension::kIndustry));
  EXPECT_NEAR(*row.values[0], (110 / 1.04 / 100 - 1) * 100, 1e-9);
  EXPECT_EQ(*row.values[1], 1);
  EXPECT_EQ(*row.values[2], 1);
  // Value added with the shipped rate of division 33 (24.49 %), then an imported one.
  r.indicator = c.FindIndicator("value_added");
  ASSERT_OK_AND_ASSIGN(row, snap->query->Cell(r, {Measure::kValue}, Dimension::kIndustry));
  EXPECT_NEAR(*row.values[0], 110 * 0.2449, 1e-9);
  ASSERT_OK_AND_ASSIGN(auto v,
                       b->ImportVaRates(Caller::Local("t"), "industry,rate\n3311,30\n", "v.csv"));
  ASSERT_EQ(v.status, ingest::ImportStatus::kImported);
  ASSERT_OK_AND_ASSIGN(snap, b->workspace().GetSnapshot());
  ASSERT_OK_AND_ASSIGN(row, snap->query->Cell(r, {Measure::kValue}, Dimension::kIndustry));
  EXPECT_NEAR(*row.values[0], 110 * 0.30, 1e-9);
}

// Seed 004's 新增规模以上工业企业 target reads the entrants of 河南 at every evaluation; they are
// kept from one batch of values to the next and read again when the roster changes.
TEST(BallastTest, TheEntrantsTargetFollowsTheRoster) {
  ::ballast::testing::TempDir dir;
  FixedClock clock(*ParseUtc("2025-04-10T00:00:00Z"));
  OpenOptions options;
  options.clock = &clock;
  ASSERT_OK_AND_ASSIGN(auto b, Ballast::Create(dir.File("s.db"), options));
  auto import = [&](const std::string& csv, const std::string& name) {
    auto r = b->Import(Caller::Local("t"), csv, name);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->outcome.status, ingest::ImportStatus::kImported) << name;
  };
  auto entrants = [&]() -> double {
    auto t =
        GetTarget(b->warnings(), "henan2022.2.new_above_scale_enterprises", MakePeriod(2025, 3));
    EXPECT_TRUE(t.ok() && t->progress.actual) << t.status().ToString();
    EXPECT_EQ(t->actual_source, "internal");
    return t.ok() && t->progress.actual ? *t->progress.actual : -1;
  };
  // 甲 entered in 2025, 乙 in 2024: one entrant of 2025.
  import(
      "uscc,name,region,industry,size,entered\n"
      "91310110666007217T,甲装备有限公司,410102,3311,large,2025-02\n"
      "91310115591693856A,乙食品有限公司,419001,1311,medium,2024-05\n",
      "e.csv");
  import(
      "uscc,period,indicator,value\n91310110666007217T,2025-03,output_value,110\n"
      "91310115591693856A,2025-03,output_value,90\n",
      "o.csv");
  EXPECT_EQ(entrants(), 1);
  import("uscc,period,indicator,value\n91310110666007217T,2025-03,output_value,120\n", "r.csv");
  EXPECT_EQ(entrants(), 1);
  // 丙 enters in March 2025 (洛阳): two, before and after its first figures.
  import(
      "uscc,name,region,industry,size,entered\n"
      "91330000755918469E,丙机械有限公司,410302,3311,small,2025-03\n",
      "e2.csv");
  EXPECT_EQ(entrants(), 2);
  import("uscc,period,indicator,value\n91330000755918469E,2025-03,output_value,30\n", "o2.csv");
  EXPECT_EQ(entrants(), 2);
}

// Issue #12 item 6: views open on the latest month that 90 % of the roster has reported.
TEST(BallastTest, DefaultPeriodWaitsForTheReports) {
  ::ballast::testing::TempDir dir;
  FixedClock clock(*ParseUtc("2025-04-10T00:00:00Z"));
  OpenOptions options;
  options.clock = &clock;
  ASSERT_OK_AND_ASSIGN(auto b, Ballast::Create(dir.File("s.db"), options));
  ASSERT_OK_AND_ASSIGN(auto e, b->Import(Caller::Local("t"),
                                         "uscc,name,region,industry,size,exited\n"
                                         "91310110666007217T,甲装备有限公司,410102,3311,large,\n"
                                         "91310115591693856A,乙食品有限公司,419001,1311,中型,\n"
                                         "914403001922038216,丙公司,410102,3311,small,2025-02\n",
                                         "e.csv"));
  ASSERT_EQ(e.outcome.status, ingest::ImportStatus::kImported);
  ASSERT_OK_AND_ASSIGN(auto o, b->Import(Caller::Local("t"),
                                         "uscc,period,indicator,value\n"
                                         "91310110666007217T,2025-02,output_value,10\n"
                                         "91310115591693856A,2025-02,output_value,20\n"
                                         "914403001922038216,2025-02,output_value,5\n"
                                         "91310110666007217T,2025-03,output_value,11\n",
                                         "o.csv"));
  ASSERT_EQ(o.outcome.status, ingest::ImportStatus::kImported);
  // March: 1 of the 2 on the roster (丙 exited in February) has reported: 50 % < 90 %.
  ASSERT_OK_AND_ASSIGN(auto periods, ListPeriods(b->workspace()));
  EXPECT_EQ(periods.back(), "2025-03");
  ASSERT_OK_AND_ASSIGN(auto latest, DefaultPeriod(b->workspace()));
  EXPECT_EQ(latest, "2025-02");
  CellRequest r;
  r.indicator = "output_value";
  r.measures = {"value"};
  ASSERT_OK_AND_ASSIGN(auto cell, QueryCell(b->workspace(), r));
  EXPECT_EQ(cell.period, "2025-02");
  ASSERT_OK_AND_ASSIGN(o, b->Import(Caller::Local("t"),
                                    "uscc,period,indicator,value\n"
                                    "91310115591693856A,2025-03,output_value,21\n",
                                    "o2.csv"));
  ASSERT_OK_AND_ASSIGN(latest, DefaultPeriod(b->workspace()));
  EXPECT_EQ(latest, "2025-03");  // 2 of 2: 丙 is off the roster in March
}

}  // namespace
}  // namespace ballast::app
