// The writers read back: the DOCX through the project's zip reader and pugixml, the XLSX through
// the project's own XLSX reader, the PDF by its header (and pdftotext when it is installed).
#include "report/writers.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "ingest/reader/xlsx_reader.h"
#include "ingest/reader/zip_archive.h"
#include "testing/testing.h"

namespace ballast::report {
namespace {

Bulletin Sample() {
  Bulletin b;
  b.title = "2025年1—3月河南省工业经济运行情况通报";
  b.subtitle = "已报送 95 / 100 家";
  b.region_code = "410000";
  b.period = "2025-03";
  b.summary = {"1—3月，全省规上工业增加值同比增长6.2%。"};
  Table headline;
  headline.title = "规上工业增加值增速";
  headline.basis = "单位：%；口径：可比价";
  headline.header = {"指标", "河南省", "全国"};
  headline.rows = {{Cell::Text("3月"), Cell::Num(6.25), Cell::Num(std::nullopt)},
                   {Cell::Text("1—3月"), Cell::Num(-0.04), Cell::Text(kWithheld)}};
  Table ranking;
  ranking.title = "各地规上工业增加值增速";
  ranking.basis = "单位：%";
  ranking.header = {"地区", "1—3月增速", "位次"};
  ranking.rows = {{Cell::Text("郑州市"), Cell::Num(8.1), Cell::Num(1, 0)},
                  {Cell::Text("开封市"), Cell::Num(-2.3), Cell::Num(2, 0)},
                  {Cell::Text("洛阳市"), Cell::Text(kWithheld), Cell::Text(kUndefined)}};
  ranking.chart_column = 1;
  ranking.sheet = "生产";
  ranking.notes = {"注：“…”为依法不公布的数据。"};
  b.tables = {headline, ranking};
  b.notes = {"增加值按可比价格计算。"};
  return b;
}

TEST(CellTextTest, OneDecimalNoNegativeZeroNoNan) {
  EXPECT_EQ(CellText(Cell::Num(6.25)), "6.2");  // printf rounds half to even on the binary value
  EXPECT_EQ(CellText(Cell::Num(6.26)), "6.3");
  EXPECT_EQ(CellText(Cell::Num(-0.04)), "0.0");
  EXPECT_EQ(CellText(Cell::Num(-0.06)), "-0.1");
  EXPECT_EQ(CellText(Cell::Num(12, 0)), "12");
  EXPECT_EQ(CellText(Cell::Num(std::nullopt)), "—");
  EXPECT_EQ(CellText(Cell::Num(0.0 / 0.0)), "—");
  EXPECT_EQ(CellText(Cell::Num(1.0 / 0.0)), "—");
}

TEST(DocxWriterTest, PackageHoldsTitleAndTableCells) {
  ASSERT_OK_AND_ASSIGN(std::string bytes, WriteDocx(Sample()));
  ASSERT_OK_AND_ASSIGN(auto zip, ingest::ZipArchive::Open(bytes));
  for (const char* part :
       {"[Content_Types].xml", "_rels/.rels", "word/styles.xml", "word/_rels/document.xml.rels"}) {
    EXPECT_TRUE(zip->Contains(part)) << part;
  }
  ASSERT_OK_AND_ASSIGN(std::string xml, zip->Read("word/document.xml"));
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str()));
  const auto body = doc.child("w:document").child("w:body");
  ASSERT_TRUE(body);
  EXPECT_STREQ(body.child("w:p").child("w:r").child("w:t").text().get(),
               "2025年1—3月河南省工业经济运行情况通报");
  // The second table, second row (郑州市), second cell: 8.1 with one decimal.
  auto tables = body.select_nodes("w:tbl");
  ASSERT_EQ(tables.size(), 2u);
  auto rows = tables[1].node().select_nodes("w:tr");
  ASSERT_EQ(rows.size(), 4u);  // header + 3
  auto cells = rows[1].node().select_nodes("w:tc");
  ASSERT_EQ(cells.size(), 3u);
  EXPECT_STREQ(cells[0].node().child("w:p").child("w:r").child("w:t").text().get(), "郑州市");
  EXPECT_STREQ(cells[1].node().child("w:p").child("w:r").child("w:t").text().get(), "8.1");
  // A withheld figure prints as the marker.
  auto withheld = rows[3].node().select_nodes("w:tc");
  EXPECT_STREQ(withheld[1].node().child("w:p").child("w:r").child("w:t").text().get(), "…");
  EXPECT_NE(xml.find("w:tblHeader"), std::string::npos);  // the header repeats across pages
}

TEST(DocxWriterTest, BodyEndsWithAParagraphBeforeTheSection) {
  Bulletin b = Sample();
  b.notes.clear();
  b.tables.back().notes.clear();  // the last table would end the body
  ASSERT_OK_AND_ASSIGN(std::string bytes, WriteDocx(b));
  ASSERT_OK_AND_ASSIGN(auto zip, ingest::ZipArchive::Open(bytes));
  ASSERT_OK_AND_ASSIGN(std::string xml, zip->Read("word/document.xml"));
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str()));
  const auto last = doc.child("w:document").child("w:body").last_child();
  EXPECT_STREQ(last.name(), "w:sectPr");
  EXPECT_STREQ(last.previous_sibling().name(), "w:p");
}

TEST(XlsxWriterTest, FirstSheetReadsBackWithNumbers) {
  ASSERT_OK_AND_ASSIGN(std::string bytes, WriteXlsx(Sample()));
  std::map<int64_t, std::vector<std::string>> rows;
  ASSERT_OK(ingest::ReadXlsx(bytes, [&](int64_t line, std::span<const std::string_view> cells) {
              rows[line].assign(cells.begin(), cells.end());
              return Status::Ok();
            }).status());
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows.begin()->second.at(0), "2025年1—3月河南省工业经济运行情况通报");
  // The headline table: title (row 4), basis, header, then 3月 6.25 stored as a number with its
  // full value (the format shows one decimal), the parent undefined.
  bool found = false;
  for (const auto& [line, cells] : rows) {
    if (!cells.empty() && cells[0] == "3月") {
      ASSERT_GE(cells.size(), 3u);
      EXPECT_EQ(cells[1], "6.25");
      EXPECT_EQ(cells[2], "—");
      found = true;
    }
  }
  EXPECT_TRUE(found);
  // The ranking sheet has a native chart and the one-decimal number format.
  ASSERT_OK_AND_ASSIGN(auto zip, ingest::ZipArchive::Open(bytes));
  EXPECT_TRUE(zip->Contains("xl/charts/chart1.xml"));
  EXPECT_TRUE(zip->Contains("xl/worksheets/sheet2.xml"));
  ASSERT_OK_AND_ASSIGN(std::string workbook, zip->Read("xl/workbook.xml"));
  EXPECT_NE(workbook.find("name=\"生产\""), std::string::npos);
  ASSERT_OK_AND_ASSIGN(std::string chart, zip->Read("xl/charts/chart1.xml"));
  // The chart covers the table's three data rows (rows 4–6 below title, basis and header).
  EXPECT_NE(chart.find("$B$4:$B$6"), std::string::npos) << chart;
  // A first row kept out of the chart (the region's own row) shifts its range by one.
  Bulletin skip = Sample();
  skip.tables[1].chart_first_row = 1;
  ASSERT_OK_AND_ASSIGN(std::string skipped, WriteXlsx(skip));
  ASSERT_OK_AND_ASSIGN(auto zip2, ingest::ZipArchive::Open(skipped));
  ASSERT_OK_AND_ASSIGN(std::string chart2, zip2->Read("xl/charts/chart1.xml"));
  EXPECT_NE(chart2.find("$B$5:$B$6"), std::string::npos) << chart2;
  ASSERT_OK_AND_ASSIGN(std::string styles, zip->Read("xl/styles.xml"));
  EXPECT_NE(styles.find("formatCode=\"0.0\""), std::string::npos);
}

TEST(PdfWriterTest, IsAPdfWithTheTitle) {
  ASSERT_OK_AND_ASSIGN(std::string bytes, WritePdf(Sample()));
  ASSERT_GT(bytes.size(), 1000u);
  EXPECT_EQ(bytes.substr(0, 5), "%PDF-");
  EXPECT_NE(bytes.find("%%EOF"), std::string::npos);
  // pdftotext (poppler-utils) is optional: when present, the text is there and in CJK.
  if (std::system("command -v pdftotext >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "pdftotext not installed";
  testing::TempDir dir;
  dir.Write("b.pdf", bytes);
  const std::string cmd = "pdftotext -enc UTF-8 " + dir.File("b.pdf") + " " + dir.File("b.txt");
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream in(dir.File("b.txt"));
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("河南省工业经济运行情况通报"), std::string::npos) << text;
  EXPECT_NE(text.find("郑州市"), std::string::npos);
  EXPECT_NE(text.find("8.1"), std::string::npos);
}

}  // namespace
}  // namespace ballast::report
