// The importer's scope rules: a scoped user may not re-register, move or feed figures to an
// enterprise registered outside its region scope, and may not learn where such an enterprise is.
#include <gtest/gtest.h>

#include <string>
#include <unordered_map>

#include "ingest/importer.h"
#include "store/open.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast::ingest {
namespace {

constexpr const char* kZhengzhou = "91310110666007217T";  // 410102 中原区, inside 郑州 410100
constexpr const char* kLuoyang = "91310115591693856A";    // 410302 老城区, in 洛阳, outside

class ImporterScopeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    catalog_ = std::make_unique<Catalog>(std::move(Catalog::Embedded()).value());
    Store::CatalogTexts texts{std::string(Catalog::EmbeddedRegionsCsv()),
                              std::string(Catalog::EmbeddedIndustriesCsv()),
                              std::string(Catalog::EmbeddedIndicatorsCsv())};
    store_ = std::move(CreateStore(db_.locator(), texts)).value();
    auto o = Import(std::string("uscc,name,region,industry,size,tags\n") + kZhengzhou +
                        ",甲机械有限公司,410102,3311,large,\n" + kLuoyang +
                        ",乙食品有限公司,410302,1311,medium,\n",
                    /*scoped=*/false);
    ASSERT_EQ(o.status, ImportStatus::kImported);
  }

  // Imports as a 郑州 (410100) user when scoped, with the importer's scope callbacks built the
  // way the application builds them: from where each enterprise is registered now.
  ImportOutcome Import(const std::string& text, bool scoped = true) {
    ImportOptions o;
    o.user = "zz";
    o.today = MakePeriod(2025, 6);
    std::unordered_map<EnterpriseId, std::string> region_of;
    const auto list = store_->LoadEnterprises(kLatestBatch);
    for (const auto& e : *list) region_of[e.id] = e.record.region;
    const CodeTree& regions = catalog_->regions();
    const NodeId scope = regions.Find("410100");
    if (scoped) {
      o.region_allowed = [&regions, scope](const std::string& code) {
        NodeId n = regions.Find(code);
        return n != kNoNode && regions.Contains(scope, n);
      };
      o.enterprise_allowed = [&](EnterpriseId id) {
        auto it = region_of.find(id);
        return it != region_of.end() && regions.Contains(scope, regions.Find(it->second));
      };
    }
    auto r = ImportFile(*store_, *catalog_, text, "f.csv", o);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(r).value();
  }
  std::string RegionOf(const std::string& uscc) {
    const auto list = store_->LoadEnterprises(kLatestBatch);
    for (const auto& e : *list) {
      if (e.record.uscc == uscc) return e.record.region;
    }
    return "";
  }

  testing::TestStore db_;  // SQLite, or PostgreSQL under scripts/pg-test.sh
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<Store> store_;
};

TEST_F(ImporterScopeTest, ReRegisteringAnEnterpriseFromOutsideTheScopeIsRefused) {
  // Finding 1: a 郑州 analyst names 洛阳's enterprise with a 郑州 county.
  auto o = Import(std::string("uscc,name,region,industry,size,tags\n") + kLuoyang +
                  ",乙食品有限公司,410102,1311,medium,\n");
  EXPECT_EQ(o.status, ImportStatus::kRejected);
  ASSERT_EQ(o.report.error_count, 1);
  EXPECT_EQ(o.report.errors[0].line, 2);
  EXPECT_EQ(o.report.errors[0].column, "uscc");
  EXPECT_NE(o.report.errors[0].message.find("not in your region scope"), std::string::npos);
  // Where it is registered is not told.
  for (const char* secret : {"410302", "4103", "洛阳", "老城"}) {
    EXPECT_EQ(o.report.errors[0].message.find(secret), std::string::npos) << secret;
  }
  EXPECT_EQ(store_->ListBatches()->size(), 1u);
  EXPECT_EQ(RegionOf(kLuoyang), "410302");
}

TEST_F(ImporterScopeTest, NoEnterpriseMayBeCreatedOrMovedOutsideTheScope) {
  auto o = Import(std::string("uscc,name,region,industry,size,tags\n") + kZhengzhou +
                  ",甲机械有限公司,410302,3311,large,\n"              // moved out to 洛阳
                  "914403001922038216,丙公司,410303,3311,small,\n");  // created in 洛阳
  EXPECT_EQ(o.status, ImportStatus::kRejected);
  EXPECT_EQ(o.report.error_count, 2);
  for (const auto& e : o.report.errors) EXPECT_EQ(e.column, "region");
  EXPECT_EQ(store_->ListBatches()->size(), 1u);
  EXPECT_EQ(RegionOf(kZhengzhou), "410102");
}

TEST_F(ImporterScopeTest, EnterprisesInsideTheScopeMayBeRevisedAndMovedWithinIt) {
  auto o = Import(std::string("uscc,name,region,industry,size,tags\n") + kZhengzhou +
                  ",甲机械股份公司,410103,3311,large,\n");
  ASSERT_EQ(o.status, ImportStatus::kImported)
      << (o.report.errors.empty() ? "" : o.report.errors[0].message);
  EXPECT_EQ(RegionOf(kZhengzhou), "410103");
}

TEST_F(ImporterScopeTest, FiguresForAnEnterpriseOutsideTheScopeAnswerLikeAnUnknownOne) {
  const std::string unknown = "914403001922038216";
  auto outside =
      Import(std::string("uscc,period,indicator,value\n") + kLuoyang + ",2025-03,output_value,1\n");
  auto missing = Import("uscc,period,indicator,value\n" + unknown + ",2025-03,output_value,1\n");
  ASSERT_EQ(outside.status, ImportStatus::kRejected);
  ASSERT_EQ(missing.status, ImportStatus::kRejected);
  ASSERT_EQ(outside.report.errors.size(), 1u);
  ASSERT_EQ(missing.report.errors.size(), 1u);
  std::string a = outside.report.errors[0].message, b = missing.report.errors[0].message;
  a.replace(a.find(kLuoyang), 18, "X");
  b.replace(b.find(unknown), 18, "X");
  EXPECT_EQ(a, b);
  EXPECT_EQ(outside.report.errors[0].column, missing.report.errors[0].column);
  EXPECT_EQ(outside.report.errors[0].line, missing.report.errors[0].line);
  EXPECT_EQ(store_->ListBatches()->size(), 1u);
}

}  // namespace
}  // namespace ballast::ingest
