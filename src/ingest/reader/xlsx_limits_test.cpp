// Hostile workbooks: row numbers out of range or out of order, huge cells, zip bombs. Each must
// end in a clean error naming its line where one is known, without a large allocation.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/reader/table_reader.h"
#include "ingest/reader/text_encoding.h"
#include "ingest/reader/xlsx_test_util.h"
#include "ingest/reader/zip_archive.h"

namespace ballast::ingest {
namespace {

Result<ReadInfo> Read(const std::string& bytes, std::vector<int64_t>* lines = nullptr) {
  return ReadTable(bytes, "t.xlsx", [lines](int64_t line, std::span<const std::string_view>) {
    if (lines != nullptr) lines->push_back(line);
    return Status::Ok();
  });
}

TEST(XlsxLimitsTest, RepeatedOrBackwardRowNumbersAreRefusedWithTheirLine) {
  // r = 1, 2, 1, 3: the header row appears twice.
  const std::string xlsx =
      MakeWorkbook(InlineRow("1", {"uscc", "name"}) + InlineRow("2", {"a", "b"}) +
                   InlineRow("1", {"uscc", "name"}) + InlineRow("3", {"c", "d"}));
  std::vector<int64_t> lines;
  auto info = Read(xlsx, &lines);
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().message(),
            "line 1: xlsx: row 1 comes after row 2 (rows repeated or out of order)");
  EXPECT_EQ(lines, (std::vector<int64_t>{1, 2}));
}

TEST(XlsxLimitsTest, RowNumbersBeyondExcelsLimitAreRefusedWithoutOverflow) {
  for (const std::string r : {"9223372036854775807", "9223372036854775808", "1048577", "0", "-1"}) {
    auto info =
        Read(MakeWorkbook(InlineRow("1", {"a"}) + InlineRow(r, {"b"}) + InlineRow("", {"c"})));
    ASSERT_FALSE(info.ok()) << r;
    // Named by where it stands: after row 1.
    EXPECT_TRUE(info.status().message().starts_with("line 2: xlsx: bad row number"))
        << info.status().message();
  }
  // The last row Excel has, then one without a number: the counter may not pass the limit.
  auto info = Read(MakeWorkbook(InlineRow("1048576", {"a"}) + InlineRow("", {"b"})));
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().message(), "line 1048577: xlsx: more than 1048576 rows");
}

TEST(XlsxLimitsTest, HugeSharedStringReferencedByManyCellsIsRefusedAtItsFirstUse) {
  // 256 KiB of text, referenced by 2,000 cells: copying it per cell would cost 500 MiB.
  const std::string big(256 << 10, 'x');
  std::string rows = InlineRow("1", {"uscc", "value"});
  for (int r = 2; r < 2002; ++r)
    rows += "<row r=\"" + std::to_string(r) + "\"><c t=\"s\"><v>0</v></c></row>";
  auto info = Read(MakeWorkbook(rows, "<si><t>" + big + "</t></si>"));
  ASSERT_FALSE(info.ok());
  EXPECT_TRUE(info.status().message().starts_with("line 2: a cell holds more than 128 KiB of text"))
      << info.status().message();
  EXPECT_LT(info.status().message().size(), 200u);
}

TEST(XlsxLimitsTest, RowsHoldingTooMuchTextAreRefused) {
  const std::string cell(100 << 10, 'y');  // under the cell limit, but 16 of them pass 1 MiB
  std::vector<std::string> cells(16, cell);
  auto info = Read(MakeWorkbook(InlineRow("1", {"a"}) + InlineRow("2", cells)));
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().message(), "line 2: the row holds more than 1 MiB of text");
}

TEST(XlsxLimitsTest, CellsThatAreNotUtf8AreRefused) {
  auto info = Read(MakeWorkbook(InlineRow("1", {"a"}) + InlineRow("2", {"ok", "\xFF\xFE"})));
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().message(), "line 2: a cell holds text that is not valid UTF-8");
}

// Rewrites the uncompressed size of `name` in its central directory record.
void ForgeSize(std::string* zip, const std::string& name, uint32_t size) {
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

TEST(XlsxLimitsTest, EntryDeclaringMoreThanTheBudgetIsRefusedBeforeAllocating) {
  // A few kilobytes may use 256 MiB + 16 x its size: an entry declaring 512 MiB is refused
  // (under ASan a 512 MiB allocation would show; the 1 GiB rule alone let it through).
  std::string xlsx = MakeWorkbook(InlineRow("1", {"a"}));
  ForgeSize(&xlsx, "xl/worksheets/sheet1.xml", 512u << 20);
  auto info = Read(xlsx);
  ASSERT_FALSE(info.ok());
  EXPECT_NE(info.status().message().find("MiB this workbook may use"), std::string::npos)
      << info.status().message();
}

TEST(XlsxLimitsTest, ZipBombOfTinyElementsIsRefusedBeforeParsing) {
  // 64 MiB of "<a/>" deflates to well under 1 MiB; its DOM would take over 1 GiB.
  std::string flood = "<row r=\"1\"><c t=\"inlineStr\"><is><t>a</t></is></c></row>";
  flood.reserve(64 << 20);
  while (flood.size() < (64u << 20)) flood += "<a/><a/><a/><a/><a/><a/><a/><a/>";
  const std::string xlsx = MakeWorkbook(flood);
  flood = std::string();
  ASSERT_LT(xlsx.size(), 1u << 20);
  auto info = Read(xlsx);
  ASSERT_FALSE(info.ok());
  EXPECT_NE(info.status().message().find("a workbook of this size may use"), std::string::npos)
      << info.status().message();
}

TEST(TextEncodingTest, FindsFilesMixingUtf8AndOtherBytes) {
  // "甲" in UTF-8 on line 2, "甲" in GB18030 (BC D7) on line 3.
  const std::string mixed = "name\n\xE7\x94\xB2\n\xBC\xD7\n";
  const MixedEncoding m = FindMixedEncoding(mixed);
  EXPECT_EQ(m.utf8_line, 2);
  EXPECT_EQ(m.other_line, 3);
  EXPECT_EQ(FindMixedEncoding("a\n\xBC\xD7\r\n\xBC\xD7\n").utf8_line, 0);  // GB18030 only
  EXPECT_EQ(FindMixedEncoding("a\n\xE7\x94\xB2\n").other_line, 0);         // UTF-8 only

  auto info = ReadTable(mixed, "m.csv",
                        [](int64_t, std::span<const std::string_view>) { return Status::Ok(); });
  ASSERT_FALSE(info.ok());
  EXPECT_TRUE(
      info.status().message().starts_with("line 3: the file mixes text encodings: line 2 is UTF-8"))
      << info.status().message();
}

}  // namespace
}  // namespace ballast::ingest
