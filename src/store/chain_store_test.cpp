#include <gtest/gtest.h>

#include "store/chain_store.h"
#include "store/open.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast {
namespace {

// Runs against the store of testing/test_store.h: SQLite, or PostgreSQL under scripts/pg-test.sh.
class ChainStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = db_.locator();
    ASSERT_OK(CreateStore(path_, {"code,name\n", "code,name\n", "code\n"}));
    ASSERT_OK_AND_ASSIGN(store_, OpenChainStore(path_));
  }
  ::ballast::testing::TestStore db_;
  std::string path_;
  std::unique_ptr<ChainStore> store_;
};

TEST_F(ChainStoreTest, ReplaceAndLoadEachKind) {
  ChainSetRecord set;
  set.chains = {{"c", "链", "Chain", "410000", "办"}};
  set.segments = {{"c", "a", "甲", "upstream", "3130", "板材"},
                  {"c", "b", "乙", "downstream", "3571;3572", ""}};
  set.edges = {{"c", "a", "b", "板材"}};
  ASSERT_OK(store_->ReplaceChains(set, {0, "chains", "x.csv", 1, "u", "2026-01-01T00:00:00Z"}));
  ASSERT_OK_AND_ASSIGN(ChainSetRecord got, store_->LoadChains());
  ASSERT_EQ(got.segments.size(), 2u);
  EXPECT_EQ(got.segments[1].industries, "3571;3572");
  ASSERT_EQ(got.edges.size(), 1u);
  EXPECT_EQ(got.edges[0].to, "b");

  ASSERT_OK(store_->ReplaceFirmLinks({{"A", "B", "p", 1.5, 3.0}, {"B", "C", "q", 2, std::nullopt}},
                                     {0, "links", "l.csv", 2, "u", "t"}));
  ASSERT_OK(store_->ReplaceFirmLinks({{"X", "Y", "p", 7, std::nullopt}},
                                     {0, "links", "l2.csv", 1, "u", "t"}));
  ASSERT_OK_AND_ASSIGN(auto links, store_->LoadFirmLinks());
  ASSERT_EQ(links.size(), 1u);  // replaced, not appended
  EXPECT_EQ(links[0].supplier, "X");
  EXPECT_EQ(links[0].value, 7);
  EXPECT_FALSE(links[0].lead_days.has_value());

  ASSERT_OK(store_->ReplaceFirms({{"A", "甲厂", "410100", "3130", 1.2, std::nullopt}},
                                 {0, "firms", "f.csv", 1, "u", "t"}));
  ASSERT_OK_AND_ASSIGN(auto firms, store_->LoadFirms());
  ASSERT_EQ(firms.size(), 1u);
  EXPECT_EQ(firms[0].capacity, 1.2);
  ASSERT_OK_AND_ASSIGN(auto log, store_->ListImports());
  ASSERT_EQ(log.size(), 4u);
  EXPECT_EQ(log[2].file_name, "l2.csv");
}

TEST_F(ChainStoreTest, AFailedReplaceWritesNothing) {
  ASSERT_OK(store_->ReplaceFirmLinks({{"A", "B", "p", 1, std::nullopt}},
                                     {0, "links", "l.csv", 1, "u", "t"}));
  // The second row breaks the table's CHECK (supplier <> customer): the whole batch rolls back.
  EXPECT_FALSE(
      store_
          ->ReplaceFirmLinks({{"X", "Y", "p", 1, std::nullopt}, {"Z", "Z", "p", 1, std::nullopt}},
                             {0, "links", "bad.csv", 2, "u", "t"})
          .ok());
  ASSERT_OK_AND_ASSIGN(auto links, store_->LoadFirmLinks());
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].supplier, "A");
  ASSERT_OK_AND_ASSIGN(auto log, store_->ListImports());
  EXPECT_EQ(log.size(), 1u);
  // An edge between unknown segments breaks the foreign key.
  ChainSetRecord set;
  set.chains = {{"c", "链", "", "410000", ""}};
  set.edges = {{"c", "a", "b", ""}};
  EXPECT_FALSE(store_->ReplaceChains(set, {0, "chains", "x", 1, "u", "t"}).ok());
  ASSERT_OK_AND_ASSIGN(auto chains, store_->LoadChains());
  EXPECT_TRUE(chains.chains.empty());
}

}  // namespace
}  // namespace ballast
