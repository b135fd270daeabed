// The cultivation store's contract, run on SQLite and again on PostgreSQL (scripts/pg-test.sh).
#include <gtest/gtest.h>

#include "store/open.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast {
namespace {

using cultivation::Member;
using cultivation::Recognition;
using cultivation::RevenueReport;
using cultivation::Stage;

constexpr const char* kA = "914101000000000011";
constexpr const char* kB = "914103000000000033";

class CultivationStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto main = CreateStore(db_.locator(), {"code,name\n", "code,name\n", "code\n"});
    ASSERT_TRUE(main.ok()) << main.status().ToString();
    main_ = std::move(main).value();
    auto s = OpenCultivationStore(db_.locator());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }
  ::ballast::testing::TestStore db_;
  std::unique_ptr<Store> main_;
  std::unique_ptr<CultivationStore> store_;
};

TEST_F(CultivationStoreTest, MembersRoundTripAndUpsertByUscc) {
  ASSERT_OK(store_->SaveMembers({{kB, "乙", "410300", "3311", {}, "2024-01", ""},
                                 {kA, "甲", "410102", "C39", {"科技型", "外贸"}, "2023-05", ""}}));
  ASSERT_OK(store_->SaveMembers({{kB, "乙公司", "410302", "3312", {"x"}, "2024-02", "2025-06"}}));
  ASSERT_OK_AND_ASSIGN(auto all, store_->ListMembers());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].uscc, kA);
  EXPECT_EQ(all[0].tags, (std::vector<std::string>{"科技型", "外贸"}));
  EXPECT_EQ(all[0].left, "");
  EXPECT_EQ(all[1].name, "乙公司");
  EXPECT_EQ(all[1].region, "410302");
  EXPECT_EQ(all[1].industry, "3312");
  EXPECT_EQ(all[1].joined, "2024-02");
  EXPECT_EQ(all[1].left, "2025-06");
}

TEST_F(CultivationStoreTest, RevenueByMonthAndYearUpserts) {
  ASSERT_OK(store_->SaveRevenue({{kA, 2025, 3, 120.5}, {kA, 2024, 0, 1500}, {kB, 2025, 1, 10}}));
  ASSERT_OK(store_->SaveRevenue({{kA, 2025, 3, 130.25}}));
  ASSERT_OK_AND_ASSIGN(auto all, store_->ListRevenue());
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].year, 2024);
  EXPECT_EQ(all[0].month, 0);
  EXPECT_DOUBLE_EQ(all[0].revenue, 1500);
  EXPECT_EQ(all[1].month, 3);
  EXPECT_DOUBLE_EQ(all[1].revenue, 130.25);
  EXPECT_EQ(all[2].uscc, kB);
}

TEST_F(CultivationStoreTest, RecognitionsKeepUnreportedFiguresNull) {
  ASSERT_OK(store_->SaveRecognitions({{kA, Stage::kProvincial, 2024, 3.5, -2.0, std::nullopt},
                                      {kA, Stage::kLittleGiant, 2025, {}, {}, 80.0}}));
  ASSERT_OK(store_->SaveRecognitions({{kA, Stage::kProvincial, 2023, 4.0, {}, {}}}));
  ASSERT_OK_AND_ASSIGN(auto all, store_->ListRecognitions());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].stage, Stage::kProvincial);
  EXPECT_EQ(all[0].year, 2023);
  EXPECT_DOUBLE_EQ(*all[0].rd_share, 4.0);
  EXPECT_FALSE(all[0].revenue_growth.has_value());
  EXPECT_EQ(all[1].stage, Stage::kLittleGiant);
  EXPECT_FALSE(all[1].rd_share.has_value());
  EXPECT_DOUBLE_EQ(*all[1].main_product_share, 80.0);
}

TEST_F(CultivationStoreTest, AFailedBatchWritesNothing) {
  // The second row breaks the CHECK (revenue ≥ 0): the first is not kept either.
  EXPECT_FALSE(store_->SaveRevenue({{kA, 2025, 1, 5}, {kA, 2025, 2, -1}}).ok());
  ASSERT_OK_AND_ASSIGN(auto all, store_->ListRevenue());
  EXPECT_TRUE(all.empty());
}

}  // namespace
}  // namespace ballast
