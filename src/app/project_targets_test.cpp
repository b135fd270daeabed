// Seed 004's project targets follow the register (app/project_targets.h): hand-made registers
// of 2022, on SQLite and PostgreSQL (store_neutral).
#include "app/project_targets.h"

#include <gtest/gtest.h>

#include "app/policy.h"
#include "app/projects.h"
#include "core/clock.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast::app {
namespace {

constexpr const char* kHeader =
    "项目编号,项目名称,投资主体,所在地区,所属行业,总投资（万元）,年度计划投资（万元）,"
    "计划签约日期,计划开工日期,签约日期,开工日期,责任单位\n";
// 郑州 signs a 15亿 materials project in January and starts it in March (Q1); 洛阳 signs a 12亿
// bearing project in May (Q2); 开封 signs a 5亿 one in November (Q4). 2023's signing does not
// count.
constexpr const char* kRows =
    "ZZ-1,郑州新材料,甲公司,410102,2611,150000,40000,2022-01-10,2022-03-15,2022-01-12,2022-03-20,"
    "郑州市发改委\n"
    "LY-1,洛阳轴承,丙公司,410302,3451,120000,10000,2022-05-05,2022-08-01,2022-05-06,,"
    "洛阳市发改委\n"
    "KF-1,开封汽配,丁公司,410202,3670,50000,10000,2022-11-01,2023-03-01,2022-11-02,,"
    "开封市发改委\n"
    "ZZ-2,郑州电子,戊公司,410102,3982,200000,10000,2023-02-01,2023-06-01,2023-02-03,,"
    "郑州市发改委\n";

class ProjectTargetsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clock_ = std::make_unique<FixedClock>(*ParseUtc("2025-06-20T04:00:00Z"));
    ASSERT_OK_AND_ASSIGN(b_, Ballast::Create(db_.locator(), OpenOptions{clock_.get(), ""}));
  }
  ::ballast::testing::TestStore db_;
  std::unique_ptr<FixedClock> clock_;
  std::unique_ptr<Ballast> b_;
  Caller province_{"prov", auth::Role::kDispatcher, "", "", "410000"};
};

TEST_F(ProjectTargetsTest, NothingIn2022LeavesTheReportedProgress) {
  EXPECT_FALSE(ProjectTargetMetric(*b_, "three_batches_quarterly").has_value());
  ASSERT_OK(ImportProjects(*b_, province_,
                           std::string(kHeader) +
                               "ZZ-2,郑州电子,戊公司,410102,3982,200000,10000,2023-02-01,"
                               "2023-06-01,2023-02-03,,郑州市发改委\n",
                           "r.csv")
                .status());
  EXPECT_FALSE(ProjectTargetMetric(*b_, "three_batches_quarterly").has_value());
  EXPECT_FALSE(ProjectTargetMetric(*b_, "major_projects_per_city").has_value());
  EXPECT_FALSE(ProjectTargetMetric(*b_, "no_such_metric").has_value());
}

// Rounds: Q1 (ZZ-1 signed and started), Q2 (LY-1 signed), Q4 (KF-1 signed) = 3 of the 4 asked.
// 10亿+ manufacturing signed in 2022: 郑州 1, 洛阳 1, 开封 0 (5亿), every other city 0: fewest 0.
TEST_F(ProjectTargetsTest, RoundsHeldAndTheFewestMajorProjectsOfACity) {
  ASSERT_OK(ImportProjects(*b_, province_, std::string(kHeader) + kRows, "r.csv").status());
  auto rounds = ProjectTargetMetric(*b_, "three_batches_quarterly");
  ASSERT_TRUE(rounds.has_value());
  EXPECT_EQ(rounds->first, 3.0);
  EXPECT_EQ(rounds->second, MakePeriod(2022, 12));  // the deadline, long past
  auto major = ProjectTargetMetric(*b_, "major_projects_per_city");
  ASSERT_TRUE(major.has_value());
  EXPECT_EQ(major->first, 0.0);
  // The targets board reads them.
  ASSERT_OK_AND_ASSIGN(auto t, GetTarget(b_->warnings(), "henan2022.5.three_batches_quarterly",
                                         MakePeriod(2025, 6)));
  EXPECT_EQ(t.actual_source, "internal");
  ASSERT_TRUE(t.progress.actual.has_value());
  EXPECT_EQ(*t.progress.actual, 3.0);
}

}  // namespace
}  // namespace ballast::app
