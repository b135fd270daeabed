#include "ingest/reader/xlsx_reader.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "ingest/reader/table_reader.h"
#include "ingest/reader/xlsx_test_util.h"

namespace ballast::ingest {
namespace {

using Rows = std::vector<std::vector<std::string>>;

struct Collected {
  std::vector<int64_t> lines;
  Rows rows;
};

Result<ReadInfo> Read(std::string_view bytes, Collected* out, std::string_view name = "t.xlsx") {
  return ReadTable(bytes, name, [out](int64_t line, std::span<const std::string_view> cells) {
    out->lines.push_back(line);
    out->rows.emplace_back(cells.begin(), cells.end());
    return Status::Ok();
  });
}

constexpr const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
</Types>)";

constexpr const char* kRootRels =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>)";

// The first sheet in workbook order is "数据" (rId2 -> sheet2.xml); "Other" must not be read.
constexpr const char* kWorkbook =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
          xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="数据" sheetId="2" r:id="rId2"/><sheet name="Other" sheetId="1" r:id="rId1"/></sheets>
</workbook>)";

constexpr const char* kWorkbookRels =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>)";

constexpr const char* kSharedStrings =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5">
<si><t>period</t></si>
<si><t>region</t></si>
<si><t>value</t></si>
<si><r><rPr><b/></rPr><t>郑州</t></r><r><t xml:space="preserve"> </t></r><r><t>市</t></r><rPh><t>ZZ</t></rPh></si>
<si><t xml:space="preserve">  padded  </t></si>
</sst>)";

constexpr const char* kSheetData =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>2024-01</t></is></c><c r="B2" t="s"><v>3</v></c><c r="C2"><v>1234.5</v></c></row>
<row r="3" ht="20" customHeight="1"/>
<row r="4"><c r="A4" t="str"><f>TEXT(1,"0")</f><v>2024-02</v></c><c r="C4" s="1"><v>2.9999999999999999E-2</v></c></row>
<row r="5"><c r="A5" t="b"><v>1</v></c><c r="B5" t="e"><v>#DIV/0!</v></c></row>
<row r="6"><c r="A6" s="3"/><c r="B6" t="inlineStr"><is><t> </t></is></c></row>
<row r="9"><c r="A9" t="s"><v>4</v></c><c r="C9" t="n"><v>0.30000000000000004</v></c></row>
</sheetData></worksheet>)";

constexpr const char* kSheetOther =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>SHOULD NOT BE READ</t></is></c></row>
</sheetData></worksheet>)";

Entries Workbook() {
  return {
      {"[Content_Types].xml", kContentTypes},   {"_rels/.rels", kRootRels},
      {"xl/workbook.xml", kWorkbook},           {"xl/_rels/workbook.xml.rels", kWorkbookRels},
      {"xl/sharedStrings.xml", kSharedStrings}, {"xl/worksheets/sheet1.xml", kSheetOther},
      {"xl/worksheets/sheet2.xml", kSheetData},
  };
}

Entries Replace(Entries entries, const std::string& name, std::string data) {
  for (auto& [n, d] : entries) {
    if (n == name) d = std::move(data);
  }
  return entries;
}

TEST(XlsxReaderTest, ReadsFirstSheetInWorkbookOrder) {
  const std::string xlsx = MakeZip(Workbook());
  Collected c;
  auto info = Read(xlsx, &c, "upload.bin");  // detected by the zip magic, not the name
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->format, SourceFormat::kXlsx);
  EXPECT_EQ(info->rows, 4);
  EXPECT_EQ(c.lines, (std::vector<int64_t>{1, 2, 4, 5, 9}));  // the sheet's own row numbers
  EXPECT_EQ(c.rows, (Rows{{"period", "region", "value"},
                          {"2024-01", "郑州 市", "1234.5"},
                          {"2024-02", "", "0.03"},  // gap B4 filled, number normalized
                          {"TRUE", "#DIV/0!"},      // short row: not padded
                          {"padded", "", "0.30000000000000004"}}));
}

TEST(XlsxReaderTest, PrefixedElementsGapCellsAndNoRootRels) {
  // Some writers use a namespace prefix; no _rels/.rels and no shared strings here.
  const std::string sheet =
      R"(<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c r="C1"><x:v>3</x:v></x:c></x:row>
<x:row><x:c><x:v>1</x:v></x:c><x:c><x:v>2</x:v></x:c></x:row>
</x:sheetData></x:worksheet>)";
  Entries entries = Workbook();
  std::erase_if(entries, [](const auto& e) { return e.first == "_rels/.rels"; });
  entries = Replace(std::move(entries), "xl/worksheets/sheet2.xml", sheet);
  Collected c;
  auto info = Read(MakeZip(entries), &c);
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(c.lines, (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(c.rows, (Rows{{"a", "", "3"}, {"1", "2"}}));
}

TEST(XlsxReaderTest, CorruptZipIsRejected) {
  const std::string xlsx = MakeZip(Workbook());
  Collected c;
  for (const std::string& bad :
       {xlsx.substr(0, xlsx.size() / 2), std::string("PK\x03\x04 not really a zip"),
        std::string("code,name\n1,x\n"),  // a CSV uploaded as .xlsx
        std::string()}) {
    auto info = Read(bad, &c);
    ASSERT_FALSE(info.ok());
    EXPECT_EQ(info.status().code(), StatusCode::kInvalidArgument) << info.status().ToString();
    EXPECT_TRUE(info.status().message().starts_with("xlsx: ")) << info.status().message();
  }
  // Damage the compressed bytes of every entry: some part fails to inflate or its CRC.
  std::string damaged = xlsx;
  for (size_t i = 200; i + 200 < damaged.size(); i += 37)
    damaged[i] = static_cast<char>(~damaged[i]);
  auto info = Read(damaged, &c);
  EXPECT_FALSE(info.ok());
  EXPECT_TRUE(c.rows.empty());
}

TEST(XlsxReaderTest, MissingSheetIsRejected) {
  Entries no_part = Workbook();
  std::erase_if(no_part, [](const auto& e) { return e.first == "xl/worksheets/sheet2.xml"; });
  Collected c;
  auto info = Read(MakeZip(no_part), &c);
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().message(), "xlsx: missing part xl/worksheets/sheet2.xml");

  const std::string empty_book =
      R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>)";
  info = Read(MakeZip(Replace(Workbook(), "xl/workbook.xml", empty_book)), &c);
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().message(), "xlsx: the workbook has no sheets");
}

TEST(XlsxReaderTest, BadSharedStringIndexNamesTheLine) {
  std::string sheet = kSheetData;
  sheet.replace(sheet.find("<v>3</v>"), 8, "<v>99</v>");
  Collected c;
  auto info = Read(MakeZip(Replace(Workbook(), "xl/worksheets/sheet2.xml", sheet)), &c);
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().message(), "line 2: cell B2 refers to a missing shared string");
}

// Finds the central directory record of `name` and rewrites its uncompressed size.
void ForgeUncompressedSize(std::string* zip, const std::string& name, uint32_t size) {
  for (size_t at = zip->find("PK\x01\x02"); at != std::string::npos;
       at = zip->find("PK\x01\x02", at + 4)) {
    const auto* p = reinterpret_cast<const unsigned char*>(zip->data() + at);
    const size_t name_len = p[28] | (p[29] << 8);
    if (zip->compare(at + 46, name_len, name) != 0) continue;
    for (int i = 0; i < 4; ++i) (*zip)[at + 24 + i] = static_cast<char>(size >> (8 * i));
    return;
  }
  ADD_FAILURE() << "no central directory record for " << name;
}

TEST(XlsxReaderTest, EntryClaimingMoreThanOneGibIsRefused) {
  std::string xlsx = MakeZip(Workbook());
  ForgeUncompressedSize(&xlsx, "xl/worksheets/sheet2.xml", 0x80000000u);
  Collected c;
  auto info = Read(xlsx, &c);
  ASSERT_FALSE(info.ok());
  EXPECT_NE(info.status().message().find("1 GiB"), std::string::npos) << info.status().message();
}

TEST(XlsxReaderTest, OnRowErrorStopsReading) {
  int calls = 0;
  auto info = ReadTable(MakeZip(Workbook()), "t.xlsx", [&](int64_t line, auto) {
    ++calls;
    return line == 4 ? Status::Invalid("line 4: bad period") : Status::Ok();
  });
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().message(), "line 4: bad period");
  EXPECT_EQ(calls, 3);
}

TEST(XlsxHelpersTest, ColumnFromCellRef) {
  EXPECT_EQ(ColumnFromCellRef("A1"), 0);
  EXPECT_EQ(ColumnFromCellRef("Z10"), 25);
  EXPECT_EQ(ColumnFromCellRef("AA3"), 26);
  EXPECT_EQ(ColumnFromCellRef("XFD1048576"), 16383);
  EXPECT_EQ(ColumnFromCellRef("XFE1"), -1);
  EXPECT_EQ(ColumnFromCellRef("1A"), -1);
  EXPECT_EQ(ColumnFromCellRef("A1B"), -1);
}

TEST(XlsxHelpersTest, NormalizeNumber) {
  EXPECT_EQ(NormalizeNumber("1234.5"), "1234.5");
  EXPECT_EQ(NormalizeNumber("100"), "100");
  EXPECT_EQ(NormalizeNumber("2.9999999999999999E-2"), "0.03");
  EXPECT_EQ(NormalizeNumber("1.1000000000000001"), "1.1");
  EXPECT_EQ(NormalizeNumber("-0.5"), "-0.5");
  EXPECT_EQ(NormalizeNumber("n/a"), "n/a");
  EXPECT_EQ(NormalizeNumber(""), "");
}

TEST(XlsxHelpersTest, DecodeOoxmlEscapes) {
  EXPECT_EQ(DecodeOoxmlEscapes("a_x000D_b"), "a\rb");
  EXPECT_EQ(DecodeOoxmlEscapes("_x005F_x0041_"), "_x0041_");  // escaped underscore
  EXPECT_EQ(DecodeOoxmlEscapes("_xD83D__xDE00_"), "\xF0\x9F\x98\x80");
  EXPECT_EQ(DecodeOoxmlEscapes("_x12_ plain"), "_x12_ plain");
}

}  // namespace
}  // namespace ballast::ingest
