// Bad input an adversarial user tries: each file is refused as a whole, with line and column in
// the report's structured fields, and the report stays small however bad the file.
#include <gtest/gtest.h>
#include <iconv.h>
#include <sqlite3.h>

#include <chrono>
#include <thread>

#include "ingest/importer.h"
#include "ingest/reader/xlsx_test_util.h"
#include "testing/testing.h"

namespace ballast::ingest {
namespace {

constexpr const char* kEnterprises =
    "uscc,name,region,industry,size,tags\n"
    "91310110666007217T,甲机械有限公司,410102,3311,large,专精特新\n";

class ImporterRobustnessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    catalog_ = std::make_unique<Catalog>(std::move(Catalog::Embedded()).value());
    store_ = Open();
  }
  std::unique_ptr<Store> Open() {
    if (std::filesystem::exists(dir_.File("s.db")))
      return std::move(OpenSqliteStore(dir_.File("s.db"))).value();
    Store::CatalogTexts texts{std::string(Catalog::EmbeddedRegionsCsv()),
                              std::string(Catalog::EmbeddedIndustriesCsv()),
                              std::string(Catalog::EmbeddedIndicatorsCsv())};
    return std::move(CreateSqliteStore(dir_.File("s.db"), texts)).value();
  }
  ImportOutcome Import(const std::string& text, const std::string& name = "f.csv",
                       Store* store = nullptr) {
    ImportOptions o;
    o.today = MakePeriod(2025, 6);
    auto r = ImportFile(store ? *store : *store_, *catalog_, text, name, o);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(r).value();
  }
  // The first error on `line` in `column`, or null.
  static const Issue* ErrorAt(const ImportReport& r, int64_t line, const std::string& column) {
    for (const auto& e : r.errors) {
      if (e.line == line && e.column == column) return &e;
    }
    return nullptr;
  }
  void ExpectRejected(const ImportOutcome& o, int64_t line, const std::string& column,
                      const std::string& part) {
    EXPECT_EQ(o.status, ImportStatus::kRejected);
    const Issue* e = ErrorAt(o.report, line, column);
    ASSERT_NE(e, nullptr) << "no error at line " << line << " column " << column << "; first: "
                          << (o.report.errors.empty() ? "none" : o.report.errors[0].message);
    EXPECT_NE(e->message.find(part), std::string::npos) << e->message;
  }
  size_t Batches() { return store_->ListBatches()->size(); }

  testing::TempDir dir_;
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<Store> store_;
};

TEST_F(ImporterRobustnessTest, RowsLongerThanTheHeaderAreRefused) {
  ASSERT_EQ(Import(kEnterprises).status, ImportStatus::kImported);
  // An unquoted 1,234 would store 1 as the value and drop 234.
  auto o = Import("uscc,period,indicator,value\n91310110666007217T,2025-03,output_value,1,234\n");
  ExpectRejected(o, 2, "column 5", "more cells than the header");
  EXPECT_EQ(Batches(), 1u);
  // A trailing comma (an empty extra cell) holds nothing and is fine.
  EXPECT_EQ(
      Import("uscc,period,indicator,value\n91310110666007217T,2025-03,output_value,1234,\n").status,
      ImportStatus::kImported);
}

TEST_F(ImporterRobustnessTest, FilesMixingUtf8AndGb18030AreRefused) {
  ASSERT_EQ(Import(kEnterprises).status, ImportStatus::kImported);
  // Line 2 in UTF-8, line 3 in GB18030 (乙 = D2 D2): read as GB18030, line 2 would be mojibake.
  const std::string mixed = std::string("uscc,name,region,industry,size,tags\n") +
                            "91310110666007217T,甲机械有限公司,410102,3311,large,\n" +
                            "91310115591693856A,\xD2\xD2,410102,3311,large,\n";
  auto o = Import(mixed);
  ExpectRejected(o, 3, "", "mixes text encodings");
  EXPECT_EQ(Batches(), 1u);
  EXPECT_EQ(store_->LoadEnterprises(kLatestBatch)->at(0).record.name, "甲机械有限公司");
}

TEST_F(ImporterRobustnessTest, NonFiniteAndImplausibleMagnitudesAreRefused) {
  ASSERT_EQ(Import(kEnterprises).status, ImportStatus::kImported);
  auto o = Import(
      "uscc,period,indicator,value\n"
      "91310110666007217T,2025-01,output_value,1e308\n"        // 2
      "91310110666007217T,2025-02,output_value,1.000001e15\n"  // 3
      "91310110666007217T,2025-03,profit,-2e15\n"              // 4
      "91310110666007217T,2025-04,output_value,1e400\n"        // 5 beyond double
      "91310110666007217T,2025-05,output_value,inf\n"          // 6
      "91310110666007217T,2026-01,output_value,nan\n");        // 7 (also future)
  for (int line : {2, 3, 4, 5}) ExpectRejected(o, line, "value", "implausible magnitude");
  for (int line : {6, 7}) ExpectRejected(o, line, "value", "not a number");
  EXPECT_EQ(Batches(), 1u);
  // 10^15 itself is the largest magnitude accepted.
  EXPECT_EQ(
      Import("uscc,period,indicator,value\n91310110666007217T,2025-01,output_value,1e15\n").status,
      ImportStatus::kImported);
}

TEST_F(ImporterRobustnessTest, ControlCharactersAndFormulaPrefixesAreRefused) {
  std::string text = "uscc,name,region,industry,size,tags\n";
  text += "91310110666007217T,甲\x1B[31m,410102,3311,large,\n";  // 2 ESC in name
  text += std::string("91310115591693856A,乙", 22) + std::string("\0", 1) +
          ",410102,3311,large,\n";                                           // 3 NUL
  text += "914403001922038216,丙,410102,3311,large,a\x07\n";                 // 4 BEL in tags
  text += "91330000755918469E,=cmd|' /C calc'!A0,410102,3311,large,\n";      // 5
  text += "91110000802100433B,丁,410102,3311,large,ok;+HYPERLINK(\"x\")\n";  // 6
  text += "91440300618888888D,@SUM(A1),410102,3311,large,\n";                // 7
  text += "91310000132200821H,戊,410102,3311,large,-1\n";                    // 8
  auto o = Import(text);
  ExpectRejected(o, 2, "name", "escape character");
  ExpectRejected(o, 3, "name", "NUL");
  ExpectRejected(o, 4, "tags", "control character");
  ExpectRejected(o, 5, "name", "formula");
  ExpectRejected(o, 6, "tags", "formula");
  ExpectRejected(o, 7, "name", "formula");
  ExpectRejected(o, 8, "tags", "formula");
  EXPECT_EQ(Batches(), 0u);
}

TEST_F(ImporterRobustnessTest, StructuralErrorsCarryTheirLineInTheStructuredField) {
  auto o = Import(
      "uscc,period,indicator,value\n91310110666007217T,2025-01,output_value,1\n\"open,2025-01\n");
  ExpectRejected(o, 3, "", "unterminated quoted field");
  // An XLSX whose header row appears twice (rows 1, 2, 1, 3).
  const std::string xlsx =
      MakeWorkbook(InlineRow("1", {"uscc", "name", "region", "industry", "size"}) +
                   InlineRow("2", {"91310110666007217T", "甲", "410102", "3311", "large"}) +
                   InlineRow("1", {"uscc", "name", "region", "industry", "size"}) +
                   InlineRow("3", {"91310115591693856A", "乙", "410102", "3311", "large"}));
  auto x = Import(xlsx, "twice.xlsx");
  ExpectRejected(x, 1, "", "row 1 comes after row 2");
  EXPECT_EQ(Batches(), 0u);
}

TEST_F(ImporterRobustnessTest, ReportsAreCappedHoweverBadTheFile) {
  // 3,000 rows each quoting a 20 KiB cell: the report lists 1,000, each message short.
  const std::string cell(20 << 10, '9');
  std::string text = "uscc,period,indicator,value\n";
  for (int i = 0; i < 3000; ++i) text += "91310110666007217T,2025-01,output_value,x" + cell + "\n";
  auto o = Import(text);
  EXPECT_EQ(o.status, ImportStatus::kRejected);
  EXPECT_EQ(o.report.error_count, 6000);  // unknown enterprise and not a number, per row
  EXPECT_EQ(o.report.errors.size(), ImportReport::kMaxListed);
  EXPECT_EQ(o.report.unlisted_errors(), 5000);
  size_t total = 0;
  for (const auto& e : o.report.errors) {
    EXPECT_LE(e.message.size(), ImportReport::kMaxMessageBytes + 3);
    total += e.message.size();
  }
  EXPECT_LT(total, 512u << 10);
}

TEST_F(ImporterRobustnessTest, AnIdenticalImportCommittedMeanwhileMakesThisOneUnchanged) {
  ASSERT_EQ(Import(kEnterprises).status, ImportStatus::kImported);
  const std::string file =
      "uscc,period,indicator,value\n91310110666007217T,2025-01,output_value,1\n";
  // A second process (a raw connection) holds the write lock, so this import looks the content
  // up, finds nothing and waits to write; meanwhile the other process commits the same content.
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(dir_.File("s.db").c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  Result<ImportOutcome> result = Status::Internal("not run");
  std::thread importer([&] {
    ImportOptions o;
    o.today = MakePeriod(2025, 6);
    result = ImportFile(*store_, *catalog_, file, "o.csv", o);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the store waits up to 10 s
  const std::string insert =
      "INSERT INTO batch(kind, file_name, sha256, format, user_name, created_at, rows) VALUES("
      "'observations', 'o.csv', '" +
      Sha256Hex(file) + "', 'csv-utf8', 'other', '2025-06-01T00:00:00Z', 1)";
  EXPECT_EQ(sqlite3_exec(other, insert.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(other);
  EXPECT_EQ(sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
  importer.join();
  sqlite3_close(other);
  ASSERT_TRUE(result.ok()) << result.status().ToString();  // was "UNIQUE constraint failed"
  EXPECT_EQ(result->status, ImportStatus::kUnchanged);
  EXPECT_EQ(result->batch.user, "other");
  EXPECT_EQ(Batches(), 2u);
}

}  // namespace
}  // namespace ballast::ingest
