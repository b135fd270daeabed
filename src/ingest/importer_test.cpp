#include "ingest/importer.h"

#include <gtest/gtest.h>
#include <iconv.h>
#include <unistd.h>

#include <filesystem>

#include "store/open.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast::ingest {
namespace {

constexpr const char* kEnterprises =
    "uscc,name,region,industry,size,tags\n"
    "91310110666007217T,甲机械有限公司,410102,3311,large,专精特新;链主\n"
    "91310115591693856A,乙食品有限公司,419001,1311,中型,\n";

class ImporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    catalog_ = std::make_unique<Catalog>(std::move(Catalog::Embedded()).value());
    Store::CatalogTexts texts{std::string(Catalog::EmbeddedRegionsCsv()),
                              std::string(Catalog::EmbeddedIndustriesCsv()),
                              std::string(Catalog::EmbeddedIndicatorsCsv())};
    store_ = std::move(CreateStore(db_.locator(), texts)).value();
  }

  ImportOutcome Import(const std::string& text, const std::string& name = "f.csv") {
    ImportOptions o;
    o.user = "tester";
    o.today = MakePeriod(2025, 6);
    auto r = ImportFile(*store_, *catalog_, text, name, o);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(r).value();
  }
  bool HasError(const ImportReport& r, int64_t line, const std::string& column,
                const std::string& part) {
    for (const auto& e : r.errors) {
      if (e.line == line && e.column == column && e.message.find(part) != std::string::npos)
        return true;
    }
    return false;
  }
  int Chunks() {
    int n = 0;
    EXPECT_TRUE(store_
                    ->ScanObservations(kLatestBatch,
                                       [&](BatchId, ObservationChunk&&) {
                                         ++n;
                                         return Status::Ok();
                                       })
                    .ok());
    return n;
  }

  ::ballast::testing::TestStore db_;  // SQLite, or PostgreSQL under scripts/pg-test.sh
  std::filesystem::path dir_ = db_.dir().path();
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<Store> store_;
};

TEST_F(ImporterTest, ImportsEnterprisesWithProvenance) {
  auto o = Import(kEnterprises, "/tmp/x/企业名录.csv");
  ASSERT_EQ(o.status, ImportStatus::kImported)
      << (o.report.errors.empty() ? "" : o.report.errors[0].message);
  EXPECT_EQ(o.batch.kind, "enterprises");
  EXPECT_EQ(o.batch.file_name, "企业名录.csv");
  EXPECT_EQ(o.batch.user, "tester");
  EXPECT_EQ(o.batch.rows, 2);
  EXPECT_EQ(o.batch.sha256, Sha256Hex(kEnterprises));
  auto list = store_->LoadEnterprises(kLatestBatch);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[1].record.size, "medium");  // 中型 normalised
  // The same content again changes nothing.
  auto again = Import(kEnterprises, "other-name.csv");
  EXPECT_EQ(again.status, ImportStatus::kUnchanged);
  EXPECT_EQ(again.batch.id, o.batch.id);
  EXPECT_EQ(store_->ListBatches()->size(), 1u);
}

TEST_F(ImporterTest, ReportsEveryEnterpriseProblemAndWritesNothing) {
  auto o = Import(
      "uscc,name,region,industry,size,tags\n"
      "91310110666007217U,校验位错,410102,3311,large,\n"  // 2: check char: warning only
      "9131011066600721,短码,410102,3311,large,\n"        // 3: malformed
      "91310115591693856A,未知地区,999999,3311,large,\n"  // 4: unknown region
      "91330000755918469E,地级市,410100,3311,large,\n"    // 5: prefecture with counties
      "914403001922038216,大类,419001,33,small,\n"        // 6: not a 4-digit class
      "91310115591693856A,重复,419001,3311,huge,\n");     // 7: duplicate + bad size
  EXPECT_EQ(o.status, ImportStatus::kRejected);
  EXPECT_EQ(o.report.warning_count, 1);
  EXPECT_EQ(o.report.warnings[0].line, 2);
  EXPECT_TRUE(HasError(o.report, 3, "uscc", "not a unified social credit code"));
  EXPECT_TRUE(HasError(o.report, 4, "region", "unknown region"));
  EXPECT_TRUE(HasError(o.report, 5, "region", "subdivisions"));
  EXPECT_TRUE(HasError(o.report, 6, "industry", "4-digit"));
  EXPECT_TRUE(HasError(o.report, 7, "uscc", "first on line 4"));
  EXPECT_TRUE(HasError(o.report, 7, "size", "huge"));
  EXPECT_EQ(o.report.error_count, 6);
  EXPECT_TRUE(store_->ListBatches()->empty());
}

TEST_F(ImporterTest, ReportsEveryObservationProblemAndWritesNothing) {
  ASSERT_EQ(Import(kEnterprises).status, ImportStatus::kImported);
  auto o = Import(
      "uscc,period,indicator,value,ytd,prior,prior_ytd\n"
      "91310110666007217T,2025-01,output_value,100,100,,\n"  // 2 fine
      "91310110666007217T,2025-02,output_value,50,160,,\n"   // 3 ytd 160 - 100 != 50
      "91330000755918469E,2025-02,output_value,1,,,\n"       // 4 unknown enterprise
      "91310110666007217T,2025-13,output_value,1,,,\n"       // 5 bad period
      "91310110666007217T,2025-07,output_value,1,,,\n"       // 6 future
      "91310110666007217T,2025-03,widgets,1,,,\n"            // 7 unknown indicator
      "91310110666007217T,2025-03,profit_margin,1,,,\n"      // 8 derived
      "91310110666007217T,2025-03,electricity,-5,,,\n"       // 9 negative
      "91310110666007217T,2025-03,revenue,1.2.3,,,\n"        // 10 non-numeric
      "91310110666007217T,2025-03,revenue,,,,\n"             // 11 neither value nor ytd
      "91310110666007217T,2025-01,output_value,100,100,,\n"  // 12 duplicate of line 2
      "91310115591693856A,2025-01,profit,5,7,,\n"            // 13 January value != ytd
      "91310115591693856A,2025-03,assets,10,12,,\n");        // 14 stock ytd != value
  EXPECT_EQ(o.status, ImportStatus::kRejected);
  EXPECT_TRUE(HasError(o.report, 3, "ytd", "not the month's value 50"));
  EXPECT_TRUE(HasError(o.report, 4, "uscc", "unknown enterprise"));
  EXPECT_TRUE(HasError(o.report, 5, "period", "YYYY-MM"));
  EXPECT_TRUE(HasError(o.report, 6, "period", "future"));
  EXPECT_TRUE(HasError(o.report, 7, "indicator", "unknown indicator"));
  EXPECT_TRUE(HasError(o.report, 8, "indicator", "derived"));
  EXPECT_TRUE(HasError(o.report, 9, "value", "negative"));
  EXPECT_TRUE(HasError(o.report, 10, "value", "not a number"));
  EXPECT_TRUE(HasError(o.report, 11, "value", "neither"));
  EXPECT_TRUE(HasError(o.report, 12, "uscc", "first on line 2"));
  EXPECT_TRUE(HasError(o.report, 13, "ytd", "January"));
  EXPECT_TRUE(HasError(o.report, 14, "ytd", "stock"));
  EXPECT_EQ(o.report.error_count, 12);
  EXPECT_EQ(Chunks(), 0);
  EXPECT_EQ(store_->ListBatches()->size(), 1u);
}

TEST_F(ImporterTest, AcceptsRoundingWithinOneUnitAndRevisions) {
  ASSERT_EQ(Import(kEnterprises).status, ImportStatus::kImported);
  auto first = Import(
      "uscc,period,indicator,value,ytd\n"
      "91310110666007217T,2025-01,output_value,100.04,100\n"
      "91310110666007217T,2025-02,output_value,50,150.6\n");
  ASSERT_EQ(first.status, ImportStatus::kImported);
  auto second = Import("uscc,period,indicator,value\n91310110666007217T,2025-02,output_value,55\n");
  ASSERT_EQ(second.status, ImportStatus::kImported);
  EXPECT_GT(second.batch.id, first.batch.id);
  EXPECT_EQ(Chunks(), 3);  // both batches kept: the revision does not erase the first vintage
}

TEST_F(ImporterTest, ReadsGb18030AndBom) {
  // GB18030 bytes made with iconv from the UTF-8 text.
  std::string utf8 = kEnterprises;
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  ASSERT_NE(cd, reinterpret_cast<iconv_t>(-1));
  std::string gb(utf8.size() * 2, '\0');
  char* in = utf8.data();
  size_t in_left = utf8.size();
  char* out = gb.data();
  size_t out_left = gb.size();
  ASSERT_NE(iconv(cd, &in, &in_left, &out, &out_left), static_cast<size_t>(-1));
  iconv_close(cd);
  gb.resize(gb.size() - out_left);
  auto o = Import(gb, "gbk.csv");
  ASSERT_EQ(o.status, ImportStatus::kImported);
  EXPECT_EQ(o.batch.format, "csv-gb18030");
  auto list = store_->LoadEnterprises(kLatestBatch);
  EXPECT_EQ((*list)[0].record.name, "甲机械有限公司");
  EXPECT_EQ((*list)[0].record.tags, (std::vector<std::string>{"专精特新", "链主"}));

  auto bom = Import(
      "\xEF\xBB\xBF"
      "uscc,period,indicator,value\n91310110666007217T,2025-03,output_value,1\n");
  EXPECT_EQ(bom.status, ImportStatus::kImported);
  EXPECT_EQ(bom.batch.format, "csv-utf8-bom");
}

TEST_F(ImporterTest, RejectsUnknownHeaderAndEmptyFile) {
  auto o = Import("a,b,c\n1,2,3\n");
  EXPECT_EQ(o.status, ImportStatus::kRejected);
  EXPECT_TRUE(HasError(o.report, 1, "", "unrecognised header"));
  auto e = Import("");
  EXPECT_EQ(e.status, ImportStatus::kRejected);
  auto extra = Import("uscc,period,indicator,value,colour\n");
  EXPECT_TRUE(HasError(extra.report, 1, "colour", "unknown column"));
}

}  // namespace
}  // namespace ballast::ingest

namespace ballast::ingest {
namespace {

// Issue #12 item 3: the roster columns; a later file may set `exited` alone.
TEST_F(ImporterTest, RosterColumnsAndALaterExit) {
  auto o = Import(
      "uscc,name,region,industry,size,entered,exited\n"
      "91310110666007217T,甲机械有限公司,410102,3311,large,2024-03,\n"
      "91310115591693856A,乙食品有限公司,419001,1311,中型,,\n");
  ASSERT_EQ(o.status, ImportStatus::kImported);
  auto a = store_->FindEnterprise("91310110666007217T");
  ASSERT_TRUE(a.ok() && a->has_value());
  EXPECT_EQ((*a)->record.entered, "2024-03");
  EXPECT_EQ((*a)->record.exited, "");
  // A later file without `entered` keeps it and sets `exited`.
  o = Import(
      "uscc,name,region,industry,size,exited\n"
      "91310110666007217T,甲机械有限公司,410102,3311,large,2025-12\n",
      "exits.csv");
  ASSERT_EQ(o.status, ImportStatus::kImported);
  a = store_->FindEnterprise("91310110666007217T");
  EXPECT_EQ((*a)->record.entered, "2024-03");
  EXPECT_EQ((*a)->record.exited, "2025-12");
  // A file without roster columns keeps both.
  o = Import(
      "uscc,name,region,industry,size\n"
      "91310110666007217T,甲机械有限公司改名,410102,3311,large\n",
      "rename.csv");
  ASSERT_EQ(o.status, ImportStatus::kImported);
  a = store_->FindEnterprise("91310110666007217T");
  EXPECT_EQ((*a)->record.entered, "2024-03");
  EXPECT_EQ((*a)->record.exited, "2025-12");
}

TEST_F(ImporterTest, BadRosterPeriodsRejectTheBatch) {
  auto o = Import(
      "uscc,name,region,industry,size,entered,exited\n"
      "91310110666007217T,甲机械有限公司,410102,3311,large,2024-13,\n"
      "91310115591693856A,乙食品有限公司,419001,1311,中型,2025-05,2025-04\n");
  EXPECT_EQ(o.status, ImportStatus::kRejected);
  EXPECT_TRUE(HasError(o.report, 2, "entered", "YYYY-MM"));
  EXPECT_TRUE(HasError(o.report, 3, "exited", "before entered"));
  auto a = store_->FindEnterprise("91310115591693856A");
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE(a->has_value());  // nothing written
}

}  // namespace
}  // namespace ballast::ingest

#include "ingest/table_import.h"

namespace ballast::ingest {
namespace {

TEST_F(ImporterTest, PricesNameLineAndColumnAndWriteAllOrNothing) {
  auto bad = ImportPrices(*store_, *catalog_,
                          "industry,period,index\n"
                          "C,2025-03,101.2\n"
                          "99,2025-03,100\n"
                          "C,2025-13,100\n"
                          "13,2025-09,100\n"
                          "13,2025-03,1.5\n"
                          "C,2025-03,99\n",
                          "ppi.csv", MakePeriod(2025, 6));
  ASSERT_TRUE(bad.ok());
  EXPECT_EQ(bad->status, ImportStatus::kRejected);
  EXPECT_TRUE(HasError(bad->report, 3, "industry", "unknown industry code '99'"));
  EXPECT_TRUE(HasError(bad->report, 4, "period", "YYYY-MM"));
  EXPECT_TRUE(HasError(bad->report, 5, "period", "future"));
  EXPECT_TRUE(HasError(bad->report, 6, "index", "between 10 and 1000"));
  EXPECT_TRUE(HasError(bad->report, 7, "industry", "first on line 2"));
  EXPECT_TRUE(store_->LoadPrices()->empty());
  auto ok = ImportPrices(*store_, *catalog_, "industry,period,index\nBCD,2025-03,100.4\n3311,2025-03,98\n",
                         "ppi.csv", MakePeriod(2025, 6));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->status, ImportStatus::kImported);
  EXPECT_EQ(store_->LoadPrices()->size(), 2u);
}

TEST_F(ImporterTest, VaRatesAreInPercentOfOutput) {
  auto bad = ImportVaRates(*store_, *catalog_, "industry,rate\nC,0\nC,130\n33,x\n", "va.csv");
  ASSERT_TRUE(bad.ok());
  EXPECT_EQ(bad->status, ImportStatus::kRejected);
  EXPECT_EQ(bad->report.error_count, 3);
  EXPECT_TRUE(HasError(bad->report, 2, "rate", "0 to 100"));
  EXPECT_TRUE(store_->LoadVaRates()->empty());
}

}  // namespace
}  // namespace ballast::ingest
