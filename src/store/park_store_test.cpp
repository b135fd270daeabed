// The park store's contract, run on SQLite and again on PostgreSQL (scripts/pg-test.sh).
#include <gtest/gtest.h>

#include "store/open.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast {
namespace {

using parks::Membership;
using parks::Park;
using parks::Resource;

constexpr const char* kA = "914101000000000011";
constexpr const char* kB = "914103000000000033";

class ParkStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto main = CreateStore(db_.locator(), {"code,name\n", "code,name\n", "code\n"});
    ASSERT_TRUE(main.ok()) << main.status().ToString();
    main_ = std::move(main).value();
    auto s = OpenParkStore(db_.locator());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }
  static Park Make(const std::string& code, const std::string& region) {
    Park p;
    p.code = code;
    p.name = "园区" + code;
    p.level = parks::Level::kNational;
    p.region = region;
    p.area_mu = 12000.5;
    p.industrial_land_share = 0.65;
    p.leading_industries = {"36", "39"};
    return p;
  }
  ::ballast::testing::TestStore db_;
  std::unique_ptr<Store> main_;
  std::unique_ptr<ParkStore> store_;
};

TEST_F(ParkStoreTest, ParksRoundTripAndUpsertByCode) {
  ASSERT_OK(store_->SaveParks({Make("B", "410300"), Make("A", "410100")}));
  Park changed = Make("A", "410102");
  changed.level = parks::Level::kProvincial;
  changed.leading_industries = {"26"};
  ASSERT_OK(store_->SaveParks({changed}));
  ASSERT_OK_AND_ASSIGN(auto all, store_->ListParks());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].code, "A");
  EXPECT_EQ(all[0].region, "410102");
  EXPECT_EQ(all[0].level, parks::Level::kProvincial);
  EXPECT_EQ(all[0].leading_industries, std::vector<std::string>{"26"});
  EXPECT_EQ(all[1].name, "园区B");
  EXPECT_DOUBLE_EQ(all[1].area_mu, 12000.5);
  EXPECT_DOUBLE_EQ(all[1].industrial_land_share, 0.65);
  EXPECT_EQ(all[1].leading_industries, (std::vector<std::string>{"36", "39"}));
}

TEST_F(ParkStoreTest, MembershipsReplaceTheirParksOnly) {
  ASSERT_OK(store_->SaveParks({Make("A", "410100"), Make("B", "410300")}));
  ASSERT_OK(store_->ReplaceMemberships(
      {{"A", kA, "2020-01-01", ""}, {"B", kB, "2021-05-01", "2023-12-31"}}));
  ASSERT_OK(store_->ReplaceMemberships({{"A", kB, "2022-01-01", ""}}));
  ASSERT_OK_AND_ASSIGN(auto all, store_->ListMemberships());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].park, "A");
  EXPECT_EQ(all[0].uscc, kB);
  EXPECT_EQ(all[1].park, "B");
  EXPECT_EQ(all[1].to, "2023-12-31");
}

TEST_F(ParkStoreTest, AnUnknownParkWritesNothing) {
  ASSERT_OK(store_->SaveParks({Make("A", "410100")}));
  Status st =
      store_->ReplaceMemberships({{"A", kA, "2020-01-01", ""}, {"Z", kB, "2020-01-01", ""}});
  EXPECT_EQ(st.code(), StatusCode::kNotFound) << st.ToString();
  ASSERT_OK_AND_ASSIGN(auto all, store_->ListMemberships());
  EXPECT_TRUE(all.empty());
}

TEST_F(ParkStoreTest, ResourcesKeepAnUnreportedRdAsNone) {
  Resource a{kA, 2024, 10, 50, 200, 60.0};
  Resource b{kB, 2024, 0, 0, 0, std::nullopt};
  Resource a23{kA, 2023, 9, 40, 150, std::nullopt};
  ASSERT_OK(store_->SaveResources({a, b, a23}));
  a.tax = 210;
  ASSERT_OK(store_->SaveResources({a}));
  ASSERT_OK_AND_ASSIGN(auto y, store_->ListResources(2024));
  ASSERT_EQ(y.size(), 2u);
  EXPECT_EQ(y[0].uscc, kA);
  EXPECT_DOUBLE_EQ(y[0].tax, 210);
  ASSERT_TRUE(y[0].rd_expense);
  EXPECT_DOUBLE_EQ(*y[0].rd_expense, 60);
  EXPECT_FALSE(y[1].rd_expense);
  ASSERT_OK_AND_ASSIGN(auto every, store_->ListResources(0));
  EXPECT_EQ(every.size(), 3u);
}

}  // namespace
}  // namespace ballast
