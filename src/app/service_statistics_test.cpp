// The leader's statistics through the use case: scoped by region, a handler held to its own
// unit (it cannot read another unit's cross-table rows), and the latest rating of a reopened
// appeal kept in the satisfaction by unit. Figures by hand in each test.
#include <gtest/gtest.h>

#include "app/service.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast::app {
namespace {

constexpr const char* kA = "91310110666007217T";  // 郑州 410102
constexpr const char* kB = "91310115591693856A";  // 洛阳 410302
constexpr const char* kFin = "省地方金融监管局";
constexpr const char* kHr = "省人力资源社会保障厅";

class ServiceStatisticsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string path = db_.locator();
    ASSERT_OK_AND_ASSIGN(ws_, Workspace::Create(path));
    auto out = ws_->Import(
        "uscc,name,region,industry,size,tags\n"
        "91310110666007217T,甲装备有限公司,410102,3311,large,\n"
        "91310115591693856A,乙食品有限公司,410302,1311,medium,\n",
        "e.csv", "alice");
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    ASSERT_OK_AND_ASSIGN(s_, Service::Open(*ws_, path));
    // 1: kA financing, replied, rated solved and satisfied.
    AppealRecord a = Dispatched(entA_, "financing");
    a = Next(s_->StartWork(fin_, At(a, "2024-09-29T01:00:00Z")));
    a = Next(s_->Reply(fin_, At(a, "2024-10-08T02:00:00Z"), "已办理"));
    a = Next(s_->Rate(entA_, At(a, "2024-10-09T01:00:00Z"), true, "satisfied"));
    // 2: kA labour, dispatched to the labour office and left there.
    Dispatched(entA_, "labour");
    // 3: kB financing, rated not solved and dissatisfied, then reopened by the enterprise: the
    // latest rating stays counted until a new one replaces it.
    a = Dispatched(entB_, "financing");
    a = Next(s_->StartWork(fin_, At(a, "2024-09-29T01:00:00Z")));
    a = Next(s_->Reply(fin_, At(a, "2024-10-08T02:00:00Z"), "已答复"));
    a = Next(s_->Rate(entB_, At(a, "2024-10-09T01:00:00Z"), false, "dissatisfied"));
    Next(s_->Reopen(entB_, At(a, "2024-10-09T02:00:00Z")));
  }
  void TearDown() override {
    s_.reset();
    ws_.reset();
  }
  AppealRecord Next(Result<AppealRecord> r) {
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : AppealRecord{};
  }
  AppealRecord Dispatched(const ServiceActor& ent, const char* category) {
    NewAppeal n;
    n.category = category;
    n.title = "诉求";
    n.description = "说明";
    auto f = s_->FileAppeal(ent, n, "2024-09-26T02:00:00Z");
    EXPECT_TRUE(f.ok()) << f.status().ToString();
    if (!f.ok()) return {};
    AppealRecord a = Next(s_->Accept(disp_, At(f->appeal, "2024-09-27T01:00:00Z")));
    return Next(s_->Dispatch(disp_, At(a, "2024-09-27T02:00:00Z"), DispatchRequest{}));
  }
  static StepArgs At(const AppealRecord& a, const char* now) {
    return StepArgs{a.id, a.version, "", now};
  }

  ::ballast::testing::TestStore db_;
  std::unique_ptr<Workspace> ws_;
  std::unique_ptr<Service> s_;
  ServiceActor disp_{"disp", auth::Role::kDispatcher, "", "", "410000"};
  ServiceActor zz_{"zz", auth::Role::kDispatcher, "", "", "410100"};  // 郑州 only
  ServiceActor fin_{"fin", auth::Role::kHandler, "", kFin, "410000"};
  ServiceActor entA_{"entA", auth::Role::kEnterprise, kA, "", ""};
  ServiceActor entB_{"entB", auth::Role::kEnterprise, kB, "", ""};
};

TEST_F(ServiceStatisticsTest, TheProvinceSeesEveryUnit) {
  ASSERT_OK_AND_ASSIGN(auto s, s_->Statistics(disp_, {}, "2024-10-10"));
  // Rows by category, region, unit: financing 410102 fin, financing 410302 fin, labour 410102 hr.
  ASSERT_EQ(s.cross.size(), 3u);
  EXPECT_EQ(s.cross[0].region, "410102");
  EXPECT_EQ(s.cross[0].closed + s.cross[0].open, 1);
  EXPECT_EQ(s.cross[1].region, "410302");
  EXPECT_EQ(s.cross[2].unit, kHr);
  ASSERT_EQ(s.units.size(), 2u);
  const auto& fin = s.units[0].unit == kFin ? s.units[0] : s.units[1];
  EXPECT_EQ(fin.unit, kFin);
  // Appeal 1 satisfied, appeal 3 dissatisfied (its rating kept after the reopen): 1 of 2.
  EXPECT_EQ(fin.metrics.satisfaction.num, 1);
  EXPECT_EQ(fin.metrics.satisfaction.den, 2);
  EXPECT_EQ(fin.metrics.resolution.num, 1);
  EXPECT_EQ(fin.metrics.resolution.den, 2);
  // Hot topics: September 2024 (Beijing), financing 2, labour 1.
  ASSERT_EQ(s.topics.size(), 2u);
  EXPECT_EQ(s.topics[0].period, "2024-09");
  EXPECT_EQ(s.topics[0].category, "financing");
  EXPECT_EQ(s.topics[0].filed, 2);
}

TEST_F(ServiceStatisticsTest, ACityDispatcherSeesItsCityOnly) {
  ASSERT_OK_AND_ASSIGN(auto s, s_->Statistics(zz_, {}, "2024-10-10"));
  for (const auto& row : s.cross) EXPECT_EQ(row.region, "410102");
  EXPECT_EQ(s.cross.size(), 2u);
  MetricsFilter other;
  other.region = "410302";  // 洛阳: outside the scope
  EXPECT_EQ(s_->Statistics(zz_, other, "2024-10-10").status().code(),
            StatusCode::kPermissionDenied);
}

TEST_F(ServiceStatisticsTest, AUnitCannotReadAnotherUnitsRows) {
  ASSERT_OK_AND_ASSIGN(auto s, s_->Statistics(fin_, {}, "2024-10-10"));
  ASSERT_EQ(s.cross.size(), 2u);  // its two financing appeals; the labour office's row is not there
  for (const auto& row : s.cross) EXPECT_EQ(row.unit, kFin);
  ASSERT_EQ(s.units.size(), 1u);
  EXPECT_EQ(s.units[0].unit, kFin);
  MetricsFilter other;
  other.unit = kHr;
  EXPECT_EQ(s_->Statistics(fin_, other, "2024-10-10").status().code(),
            StatusCode::kPermissionDenied);
  ServiceActor no_unit{"x", auth::Role::kHandler, "", "", "410000"};
  EXPECT_EQ(s_->Statistics(no_unit, {}, "2024-10-10").status().code(),
            StatusCode::kPermissionDenied);
}

// The metrics route grouped by unit went past the unit rule that the statistics kept: a
// handler read the labour office's rates through GET /service/metrics?group_by=unit.
TEST_F(ServiceStatisticsTest, AUnitCannotReadAnotherUnitsMetricsEither) {
  MetricsFilter by_unit;
  by_unit.group_by = service::GroupBy::kUnit;
  ASSERT_OK_AND_ASSIGN(auto all, s_->Metrics(disp_, by_unit));
  EXPECT_EQ(all.rows.size(), 2u);  // the dispatcher sees both offices
  ASSERT_OK_AND_ASSIGN(auto mine, s_->Metrics(fin_, by_unit));
  ASSERT_EQ(mine.rows.size(), 1u);
  EXPECT_EQ(mine.rows[0].key, kFin);
  by_unit.unit = kHr;
  EXPECT_EQ(s_->Metrics(fin_, by_unit).status().code(), StatusCode::kPermissionDenied);
}

TEST_F(ServiceStatisticsTest, EnterprisesAndBadDatesAreRefused) {
  EXPECT_EQ(s_->Statistics(entA_, {}, "2024-10-10").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(s_->Statistics(disp_, {}, "2024-13-40").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(ServiceStatisticsTest, OverdueCountsOnTheDayAsked) {
  // Appeal 2 (labour, simple: 7 working days from Friday 09-27) is due 10-12 across the National
  // Day holiday: 09-29 (make-up Sunday), 09-30, 10-08, 10-09, 10-10, 10-11, 10-12 (make-up
  // Saturday). Appeal 3 was reopened on 10-09 (financing, complex: 20 working days): not overdue.
  ASSERT_OK_AND_ASSIGN(auto before, s_->Statistics(disp_, {}, "2024-10-12"));
  ASSERT_OK_AND_ASSIGN(auto after, s_->Statistics(disp_, {}, "2024-10-14"));
  auto hr = [](const service::Statistics& s) {
    for (const auto& u : s.units)
      if (u.unit == kHr) return u;
    return service::UnitRow{};
  };
  EXPECT_EQ(hr(before).overdue.num, 0);
  EXPECT_EQ(hr(after).overdue.num, 1);
  EXPECT_EQ(hr(after).overdue.den, 1);
  EXPECT_EQ(after.overdue_ranking[0].unit, kHr);
}

}  // namespace
}  // namespace ballast::app
