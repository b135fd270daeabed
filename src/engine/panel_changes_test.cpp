#include <gtest/gtest.h>

#include "engine/panel.h"
#include "engine/test_panel_util.h"

namespace ballast {
namespace {

using testing_util::PanelMaker;

class PanelChangesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_.Enterprise("A", "410102", "1311");
    m_.Enterprise("B", "410102", "1311");
    m_.Enterprise("C", "410105", "1311");
    m_.Batch({{"A", "electricity", "2025-01", 10},
              {"A", "electricity", "2025-02", 11},
              {"B", "electricity", "2025-01", kMissing, 20},
              {"B", "electricity", "2025-02", kMissing, 45},
              {"C", "electricity", "2025-01", 30},
              {"C", "electricity", "2025-02", 31},
              {"C", "revenue", "2025-02", 100}});
    before_ = m_.Make();
    ASSERT_NE(before_, nullptr);
  }
  uint32_t At(const char* uscc) const {
    return static_cast<uint32_t>(before_->FindEnterprise(uscc));
  }
  int Ind(const char* code) const { return testing_util::SharedCatalog()->FindIndicator(code); }

  PanelMaker m_;
  std::unique_ptr<Panel> before_;
};

TEST_F(PanelChangesTest, ARevisionMovesItsEnterpriseOnly) {
  auto after = m_.Apply(*before_, {{"C", "electricity", "2025-02", 35}});
  ASSERT_NE(after, nullptr);
  auto changes = after->ChangesSince(*before_);
  ASSERT_TRUE(changes.has_value());
  EXPECT_EQ(changes->enterprises, std::vector<uint32_t>{At("C")});
  EXPECT_FALSE(changes->data_periods[static_cast<size_t>(Ind("electricity"))]);
}

// B reported year-to-date figures only: a new January total moves its February monthly value,
// a column the batch did not write. Nobody else moves.
TEST_F(PanelChangesTest, ARevisedYearToDateMovesTheLaterMonthsOfItsEnterprise) {
  auto after = m_.Apply(*before_, {{"B", "electricity", "2025-01", kMissing, 25}});
  ASSERT_NE(after, nullptr);
  ASSERT_DOUBLE_EQ(after->Values(Ind("electricity"), *ParsePeriod("2025-02"))[At("B")], 20);
  auto changes = after->ChangesSince(*before_);
  ASSERT_TRUE(changes.has_value());
  EXPECT_EQ(changes->enterprises, std::vector<uint32_t>{At("B")});
}

TEST_F(PanelChangesTest, TheSameValuesAgainChangeNothing) {
  auto after = m_.Apply(*before_, {{"A", "electricity", "2025-02", 11}});
  ASSERT_NE(after, nullptr);
  auto changes = after->ChangesSince(*before_);
  ASSERT_TRUE(changes.has_value());
  EXPECT_TRUE(changes->enterprises.empty());
}

TEST_F(PanelChangesTest, AReportedPriorMovesItsEnterprise) {
  auto after = m_.Apply(*before_, {{"A", "electricity", "2025-02", 11, kMissing, 9}});
  ASSERT_NE(after, nullptr);
  auto changes = after->ChangesSince(*before_);
  ASSERT_TRUE(changes.has_value());
  EXPECT_EQ(changes->enterprises, std::vector<uint32_t>{At("A")});
}

// A month of an indicator that held no data before: the rules' latest period may move.
TEST_F(PanelChangesTest, AFirstValueOfAMonthChangesItsDataPeriods) {
  auto after = m_.Apply(*before_, {{"A", "revenue", "2025-01", 7}});
  ASSERT_NE(after, nullptr);
  auto changes = after->ChangesSince(*before_);
  ASSERT_TRUE(changes.has_value());
  EXPECT_EQ(changes->enterprises, std::vector<uint32_t>{At("A")});
  EXPECT_TRUE(changes->data_periods[static_cast<size_t>(Ind("revenue"))]);
  EXPECT_FALSE(changes->data_periods[static_cast<size_t>(Ind("electricity"))]);
}

// Indices mean something only between panels of one list of enterprises.
TEST_F(PanelChangesTest, PanelsBuiltApartAreNotCompared) {
  auto again = m_.Make();
  ASSERT_NE(again, nullptr);
  EXPECT_FALSE(again->ChangesSince(*before_).has_value());
  EXPECT_NE(again->EnterprisesToken(), before_->EnterprisesToken());
}

TEST_F(PanelChangesTest, MergedChangesAreTheUnion) {
  auto second = m_.Apply(*before_, {{"C", "electricity", "2025-02", 35}});
  ASSERT_NE(second, nullptr);
  auto third = m_.Apply(*second, {{"A", "revenue", "2025-01", 7}});
  ASSERT_NE(third, nullptr);
  auto changes = second->ChangesSince(*before_);
  ASSERT_TRUE(changes.has_value());
  changes->Merge(*third->ChangesSince(*second));
  std::vector<uint32_t> both{At("A"), At("C")};
  std::sort(both.begin(), both.end());
  EXPECT_EQ(changes->enterprises, both);
  EXPECT_TRUE(changes->data_periods[static_cast<size_t>(Ind("revenue"))]);
}

}  // namespace
}  // namespace ballast
