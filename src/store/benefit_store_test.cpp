// The benefit store's contract, run on SQLite and again on PostgreSQL (scripts/pg-test.sh).
#include <gtest/gtest.h>

#include "store/open.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast {
namespace {

class BenefitStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto main = CreateStore(db_.locator(), {"code,name\n", "code,name\n", "code\n"});
    ASSERT_TRUE(main.ok()) << main.status().ToString();
    main_ = std::move(main).value();
    auto s = OpenBenefitStore(db_.locator());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }
  static PolicyRecord Policy(const std::string& id, const std::string& title) {
    return PolicyRecord{id,
                        title,
                        "河南省工业和信息化厅",
                        "豫工信〔2022〕1号",
                        "2022-01-01",
                        "2022-12-31",
                        "摘要",
                        "不超过500万元",
                        "tag = 专精特新",
                        "alice",
                        "2022-03-01T00:00:00Z"};
  }
  ::ballast::testing::TestStore db_;
  std::unique_ptr<Store> main_;
  std::unique_ptr<BenefitStore> store_;
};

TEST_F(BenefitStoreTest, PoliciesRoundTripAndReplaceById) {
  ASSERT_OK(store_->SavePolicies({Policy("B", "乙"), Policy("A", "甲")}));
  ASSERT_OK_AND_ASSIGN(auto all, store_->ListPolicies());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, "A");  // by id
  EXPECT_EQ(all[0].issuer, "河南省工业和信息化厅");
  EXPECT_EQ(all[0].conditions, "tag = 专精特新");
  EXPECT_EQ(all[0].valid_to, "2022-12-31");
  ASSERT_OK(store_->SavePolicies({Policy("A", "甲2")}));
  ASSERT_OK_AND_ASSIGN(auto a, store_->GetPolicy("A"));
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->title, "甲2");
  ASSERT_OK_AND_ASSIGN(auto none, store_->GetPolicy("Z"));
  EXPECT_FALSE(none.has_value());
}

TEST_F(BenefitStoreTest, RecordsNeedTheirPolicyAndReplaceEarlierOnes) {
  ASSERT_OK(store_->SavePolicies({Policy("A", "甲")}));
  BenefitRecord r{"A", "91410100MA0000001X", "410102", "applied", "2022-04-01",
                  "",  std::nullopt,         "",       "bob",     "2022-04-01T01:00:00Z"};
  ASSERT_OK(store_->SaveRecord(r));
  r.status = "granted";
  r.decided_on = "2022-05-10";
  r.amount = 120.5;
  ASSERT_OK(store_->SaveRecord(r));
  BenefitRecord orphan = r;
  orphan.policy_id = "NOPE";
  EXPECT_EQ(store_->SaveRecord(orphan).code(), StatusCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(auto rs, store_->ListRecords("A"));
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_EQ(rs[0].status, "granted");
  ASSERT_TRUE(rs[0].amount.has_value());
  EXPECT_DOUBLE_EQ(*rs[0].amount, 120.5);
  EXPECT_EQ(rs[0].applied_on, "2022-04-01");
  EXPECT_EQ(rs[0].region, "410102");
  ASSERT_OK_AND_ASSIGN(auto all, store_->ListRecords(""));
  EXPECT_EQ(all.size(), 1u);
  ASSERT_OK_AND_ASSIGN(auto other, store_->ListRecords("B"));
  EXPECT_TRUE(other.empty());
}

TEST_F(BenefitStoreTest, AnswersHaveVersions) {
  StandardAnswer a{0,         "410100", "financing", "融资对接",
                   "请联系…", 0,        "disp",      "2022-01-01T00:00:00Z"};
  ASSERT_OK_AND_ASSIGN(auto saved, store_->SaveAnswer(a));
  EXPECT_GT(saved.id, 0);
  EXPECT_EQ(saved.version, 1);
  saved.body = "新的答复";
  ASSERT_OK_AND_ASSIGN(auto v2, store_->SaveAnswer(saved));
  EXPECT_EQ(v2.version, 2);
  // The first version is stale now.
  EXPECT_EQ(store_->SaveAnswer(saved).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->DeleteAnswer(v2.id, 1).code(), StatusCode::kFailedPrecondition);
  ASSERT_OK_AND_ASSIGN(auto got, store_->GetAnswer(v2.id));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->body, "新的答复");
  ASSERT_OK(store_->DeleteAnswer(v2.id, 2));
  ASSERT_OK_AND_ASSIGN(auto all, store_->ListAnswers());
  EXPECT_TRUE(all.empty());
}

}  // namespace
}  // namespace ballast
