// Import of region series: validation (file, line, field), all or nothing, replacement of the
// same key, and the importer's scope (a city importer writes its own subtree only).
#include "ingest/region_series_import.h"

#include <gtest/gtest.h>

#include "store/open.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast::ingest {
namespace {

constexpr const char* kHeader = "region,period,indicator,value,ytd,yoy,ytd_yoy\n";

class RegionSeriesImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    catalog_ = std::make_unique<Catalog>(std::move(Catalog::Embedded()).value());
    Store::CatalogTexts texts{std::string(Catalog::EmbeddedRegionsCsv()),
                              std::string(Catalog::EmbeddedIndustriesCsv()),
                              std::string(Catalog::EmbeddedIndicatorsCsv())};
    ASSERT_OK_AND_ASSIGN(main_, CreateStore(db_.locator(), texts));
    ASSERT_OK_AND_ASSIGN(store_, OpenRegionSeriesStore(db_.locator()));
  }

  // As a 郑州 (410100) importer when scoped, with the scope callback the application builds.
  ImportOutcome Import(const std::string& text, bool scoped = false) {
    RegionSeriesOptions o;
    o.today = MakePeriod(2025, 6);
    const CodeTree& regions = catalog_->regions();
    const NodeId scope = regions.Find("410100");
    if (scoped) {
      o.region_allowed = [&regions, scope](const std::string& code) {
        const NodeId n = regions.Find(code);
        return n != kNoNode && regions.Contains(scope, n);
      };
    }
    auto r = ImportRegionSeries(*store_, *catalog_, text, "rs.csv", o);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : ImportOutcome{};
  }

  std::vector<RegionSeriesRecord> Stored() { return std::move(store_->Load()).value(); }

  testing::TestStore db_;
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<Store> main_;
  std::unique_ptr<RegionSeriesStore> store_;
};

bool HasError(const ImportReport& r, int64_t line, const std::string& column) {
  for (const auto& e : r.errors) {
    if (e.line == line && e.column == column) return true;
  }
  return false;
}

TEST_F(RegionSeriesImportTest, ImportsPublishedFiguresWithEmptyAsNotGiven) {
  auto o = Import(std::string(kHeader) +
                  "410100,2025-03,industrial_investment,,1200.5,,8.5\n"
                  "410100,2025-03,gdp,3000,3000,,5.1\n");
  ASSERT_EQ(o.status, ImportStatus::kImported);
  EXPECT_EQ(o.batch.rows, 2);
  auto rows = Stored();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].indicator, "gdp");
  EXPECT_EQ(rows[0].value, 3000.0);
  EXPECT_FALSE(rows[0].yoy.has_value());
  EXPECT_EQ(rows[1].indicator, "industrial_investment");
  EXPECT_FALSE(rows[1].value.has_value());
  EXPECT_EQ(rows[1].ytd, 1200.5);
  EXPECT_EQ(rows[1].ytd_yoy, 8.5);
}

TEST_F(RegionSeriesImportTest, EveryBadRowIsNamedAndNothingIsWritten) {
  auto o = Import(std::string(kHeader) +
                  "410100,2025-03,gdp,3000,,,\n"        // 2: fine
                  "999999,2025-03,gdp,1,,,\n"           // 3: unknown region
                  "410100,2025-13,gdp,1,,,\n"           // 4: bad period
                  "410100,2025-07,gdp,1,,,\n"           // 5: future
                  "410100,2025-03,output_value,1,,,\n"  // 6: not a region indicator
                  "410100,2025-04,gdp,abc,,,\n"         // 7: non-numeric
                  "410100,2025-04,gdp,-5,,,\n"          // 8: negative level
                  "410100,2025-04,gdp,,,-150,\n"        // 9: growth below -100 %
                  "410100,2025-03,gdp,3100,,,\n"        // 10: duplicate of line 2
                  "410100,2025-05,gdp,,,,\n");          // 11: no figure at all
  ASSERT_EQ(o.status, ImportStatus::kRejected);
  const auto& r = o.report;
  EXPECT_EQ(r.file, "rs.csv");
  EXPECT_TRUE(HasError(r, 3, "region"));
  EXPECT_TRUE(HasError(r, 4, "period"));
  EXPECT_TRUE(HasError(r, 5, "period"));
  EXPECT_TRUE(HasError(r, 6, "indicator"));
  EXPECT_TRUE(HasError(r, 7, "value"));
  EXPECT_TRUE(HasError(r, 8, "value"));
  EXPECT_TRUE(HasError(r, 9, "yoy"));
  EXPECT_TRUE(HasError(r, 10, "region"));
  EXPECT_TRUE(HasError(r, 11, "value"));
  EXPECT_EQ(r.error_count, 9);
  EXPECT_TRUE(Stored().empty());  // line 2 was fine, but the file is one unit
}

TEST_F(RegionSeriesImportTest, HeaderMustNameRequiredColumnsAndSomeFigure) {
  EXPECT_EQ(Import("region,period,value\n410100,2025-03,1\n").status, ImportStatus::kRejected);
  EXPECT_EQ(Import("region,period,indicator\n410100,2025-03,gdp\n").status,
            ImportStatus::kRejected);
  EXPECT_EQ(Import("region,period,indicator,value,bogus\n410100,2025-03,gdp,1,2\n").status,
            ImportStatus::kRejected);
  EXPECT_TRUE(Stored().empty());
  // The figure columns are each optional.
  EXPECT_EQ(Import("region,period,indicator,ytd_yoy\n410100,2025-03,gdp,4.5\n").status,
            ImportStatus::kImported);
}

TEST_F(RegionSeriesImportTest, LaterImportReplacesTheSameKey) {
  ASSERT_EQ(Import(std::string(kHeader) +
                   "410100,2025-03,gdp,3000,3000,4.0,\n410200,2025-03,gdp,900,,,\n")
                .status,
            ImportStatus::kImported);
  ASSERT_EQ(Import(std::string(kHeader) + "410100,2025-03,gdp,3050,,,\n").status,
            ImportStatus::kImported);
  auto rows = Stored();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].region, "410100");
  EXPECT_EQ(rows[0].value, 3050.0);
  EXPECT_FALSE(rows[0].ytd.has_value());  // the row as a whole, as the later file gives it
  EXPECT_FALSE(rows[0].yoy.has_value());
  EXPECT_EQ(rows[1].value, 900.0);  // other keys stay
}

TEST_F(RegionSeriesImportTest, CityImporterWritesItsOwnSubtreeOnly) {
  // 410102 中原区 lies in 郑州; 410300 洛阳, 410000 河南 (the parent) and 100000 do not.
  auto ok = Import(std::string(kHeader) + "410100,2025-03,gdp,3000,,,\n410102,2025-03,gdp,300,,,\n",
                   /*scoped=*/true);
  EXPECT_EQ(ok.status, ImportStatus::kImported);
  for (const char* outside : {"410300", "410000", "100000"}) {
    auto o =
        Import(std::string(kHeader) + "410100,2025-04,gdp,1,,,\n" + outside + ",2025-04,gdp,2,,,\n",
               /*scoped=*/true);
    EXPECT_EQ(o.status, ImportStatus::kRejected) << outside;
    EXPECT_TRUE(HasError(o.report, 3, "region")) << outside;
  }
  auto rows = Stored();
  ASSERT_EQ(rows.size(), 2u);  // nothing of the refused files, not even their in-scope row
  for (const auto& r : rows) EXPECT_EQ(r.period, MakePeriod(2025, 3));
}

}  // namespace
}  // namespace ballast::ingest
