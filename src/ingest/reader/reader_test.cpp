#include <errno.h>
#include <gtest/gtest.h>
#include <iconv.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "ingest/reader/table_reader.h"
#include "ingest/reader/text_encoding.h"

namespace ballast::ingest {
namespace {

using Rows = std::vector<std::vector<std::string>>;

struct Collected {
  std::vector<int64_t> lines;
  Rows rows;
};

Result<ReadInfo> Read(std::string_view bytes, Collected* out, std::string_view name = "t.csv") {
  return ReadTable(bytes, name, [out](int64_t line, std::span<const std::string_view> cells) {
    out->lines.push_back(line);
    out->rows.emplace_back(cells.begin(), cells.end());
    return Status::Ok();
  });
}

// Encodes UTF-8 text as GB18030, the way a Chinese-locale Excel saves "CSV".
std::string ToGb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* dst = out.data();
  size_t out_left = out.size();
  EXPECT_NE(iconv(cd, &in, &in_left, &dst, &out_left), static_cast<size_t>(-1)) << errno;
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

TEST(CsvReaderTest, UnquotedFieldsTrimmedWithCrlfLfAndNoFinalNewline) {
  Collected c;
  auto info = Read("code , name\r\n 1,\tAlpha \r\n2,Beta\n3,Gamma", &c);
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->format, SourceFormat::kCsvUtf8);
  EXPECT_EQ(info->rows, 3);
  EXPECT_EQ(c.lines, (std::vector<int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(c.rows, (Rows{{"code", "name"}, {"1", "Alpha"}, {"2", "Beta"}, {"3", "Gamma"}}));
}

TEST(CsvReaderTest, QuotedFieldsWithCommasNewlinesAndEscapedQuotes) {
  const std::string csv =
      "name,note,n\n"
      "\"Acme, Inc.\",\"first\nsecond\r\nthird\",1\n"  // spans lines 2-4
      "\"say \"\"hi\"\"\", \"x\" ,2\r\n"               // line 5
      "\"\",\"\"\"\",3\n"                              // line 6: empty and a lone quote
      "plain,\"multi\n\nline\"\n"                      // lines 7-9, blank line inside
      "last,\" a \"\"b\"\" \",9";                      // line 10, no final newline
  Collected c;
  auto info = Read(csv, &c);
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(c.lines, (std::vector<int64_t>{1, 2, 5, 6, 7, 10}));
  EXPECT_EQ(c.rows, (Rows{{"name", "note", "n"},
                          {"Acme, Inc.", "first\nsecond\r\nthird", "1"},
                          {"say \"hi\"", "x", "2"},
                          {"", "\"", "3"},
                          {"plain", "multi\n\nline"},
                          {"last", "a \"b\"", "9"}}));
  EXPECT_EQ(info->rows, 5);
}

TEST(CsvReaderTest, LoneCarriageReturnEndsALine) {
  // Excel for Mac used to save CSV with \r alone; line numbers must still match an editor's.
  Collected c;
  auto info = Read("a,b\r1,2\r\r\"x\ry\",3\r4,5", &c);
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(c.lines, (std::vector<int64_t>{1, 2, 4, 6}));
  EXPECT_EQ(c.rows, (Rows{{"a", "b"}, {"1", "2"}, {"x\ry", "3"}, {"4", "5"}}));
  EXPECT_EQ(LineAt("a\rb\r\nc\nd", 8), 4);
}

TEST(CsvReaderTest, UnquotedCellsAreViewsIntoTheInput) {
  const std::string csv = "a,b\nxyz,\"q\"\n";
  const char* begin = csv.data();
  const char* end = begin + csv.size();
  int checked = 0;
  auto info = ReadTable(csv, "t.csv", [&](int64_t, std::span<const std::string_view> cells) {
    for (std::string_view cell : cells) {
      EXPECT_TRUE(cell.data() >= begin && cell.data() + cell.size() <= end);
      ++checked;
    }
    return Status::Ok();
  });
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(checked, 4);
}

TEST(CsvReaderTest, BlankLinesSkippedAndShortRowsNotPadded) {
  Collected c;
  auto info = Read("a,b,c\n\n   \r\n,,\n1\n\"\",\" \"\n4,5,\n", &c);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(c.lines, (std::vector<int64_t>{1, 5, 7}));
  EXPECT_EQ(c.rows, (Rows{{"a", "b", "c"}, {"1"}, {"4", "5", ""}}));
  EXPECT_EQ(info->rows, 2);
}

TEST(CsvReaderTest, EmptyInputReportsNothing) {
  Collected c;
  auto info = Read("", &c);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->rows, 0);
  EXPECT_TRUE(c.rows.empty());
}

TEST(CsvReaderTest, UnterminatedQuoteNamesTheLineWhereTheQuoteOpens) {
  Collected c;
  auto info = Read("a,b\n1,2\n3,\"never closed\n4,5\n6,7\n", &c);
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(info.status().message(), "line 3: unterminated quoted field");
  EXPECT_EQ(c.lines, (std::vector<int64_t>{1, 2}));  // rows before the error were delivered
}

TEST(CsvReaderTest, TextAfterClosingQuoteIsAnError) {
  Collected c;
  auto info = Read("a,b\n\"x\ny\"z,1\n", &c);
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().message(), "line 3: unexpected text after closing quote");
}

TEST(CsvReaderTest, Utf8BomIsStripped) {
  Collected c;
  auto info = Read("\xEF\xBB\xBF地区,指标\n郑州市,工业总产值\n", &c);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->format, SourceFormat::kCsvUtf8Bom);
  EXPECT_EQ(c.rows, (Rows{{"地区", "指标"}, {"郑州市", "工业总产值"}}));
}

TEST(CsvReaderTest, BomWithInvalidUtf8IsRejectedWithItsLine) {
  Collected c;
  auto info = Read(
      "\xEF\xBB\xBF"
      "a\nb\nc\xC3(\n",
      &c);
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().message(), "line 3: invalid UTF-8 byte sequence");
  EXPECT_TRUE(c.rows.empty());  // encoding is checked before any row is delivered
}

TEST(CsvReaderTest, Gb18030IsConvertedToUtf8) {
  // 㐀 (U+3400) is a four-byte sequence in GB18030; the rest are two-byte.
  const std::string utf8 = "地区,指标,值\n郑州市,工业总产值,\"1,234.5\"\n\"多\n行\",㐀,€\n";
  const std::string gb = ToGb18030(utf8);
  ASSERT_NE(FindInvalidUtf8(gb), std::string_view::npos);  // really not UTF-8
  Collected c;
  auto info = Read(gb, &c);
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->format, SourceFormat::kCsvGb18030);
  EXPECT_EQ(info->rows, 2);
  EXPECT_EQ(c.lines, (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(
      c.rows,
      (Rows{{"地区", "指标", "值"}, {"郑州市", "工业总产值", "1,234.5"}, {"多\n行", "㐀", "€"}}));
}

TEST(CsvReaderTest, InvalidGb18030SequenceIsRejectedWithItsLine) {
  const std::string gb = ToGb18030("地区,指标\n郑州市,工业总产值\n洛阳") + "\x81\x20,x\n";
  Collected c;
  auto info = Read(gb, &c);
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(info.status().message(),
            "line 3: invalid GB18030 byte sequence (not valid UTF-8 either: first bad byte on "
            "line 1)");
  EXPECT_TRUE(c.rows.empty());

  auto ascii_then_bad = Read("a,b\n1,\xFF\n", &c);
  ASSERT_FALSE(ascii_then_bad.ok());
  EXPECT_EQ(ascii_then_bad.status().message(),
            "line 2: invalid GB18030 byte sequence (not valid UTF-8 either)");

  auto truncated = Read(ToGb18030("地区\n郑州市") + "\x81", &c);
  ASSERT_FALSE(truncated.ok());
  EXPECT_TRUE(truncated.status().message().starts_with("line 2: truncated GB18030 byte sequence"))
      << truncated.status().message();
}

TEST(CsvReaderTest, Utf16AndLegacyXlsAreRejected) {
  Collected c;
  auto utf16 = Read(std::string("\xFF\xFE"
                                "a\0,\0b\0",
                                8),
                    &c);
  ASSERT_FALSE(utf16.ok());
  EXPECT_NE(utf16.status().message().find("UTF-16"), std::string::npos);
  auto xls = Read(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest", 13), &c, "t.xls");
  ASSERT_FALSE(xls.ok());
  EXPECT_NE(xls.status().message().find(".xls"), std::string::npos);
}

TEST(CsvReaderTest, OnRowErrorStopsReading) {
  int calls = 0;
  auto info = ReadTable("h\n1\n2\n3\n", "t.csv", [&](int64_t line, auto) {
    ++calls;
    return line == 2 ? Status::Invalid("line 2: bad value") : Status::Ok();
  });
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().message(), "line 2: bad value");
  EXPECT_EQ(calls, 2);
}

TEST(CsvReaderTest, ExceptionFromCallbackBecomesInternalStatus) {
  auto info = ReadTable("h\n1\n", "t.csv",
                        [](int64_t, auto) -> Status { throw std::runtime_error("boom"); });
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().code(), StatusCode::kInternal);
  EXPECT_NE(info.status().message().find("boom"), std::string::npos);
}

TEST(TextEncodingTest, FindInvalidUtf8) {
  EXPECT_EQ(FindInvalidUtf8("plain ascii text, long enough for the fast path"),
            std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("\xF0\x9F\x98\x80 郑州 \xC2\xA9"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("abcdefghij\xC0\xAF"), 10u);        // overlong '/'
  EXPECT_EQ(FindInvalidUtf8("ab\xED\xA0\x80"), 2u);             // surrogate
  EXPECT_EQ(FindInvalidUtf8("\xF4\x90\x80\x80"), 0u);           // above U+10FFFF
  EXPECT_EQ(FindInvalidUtf8("\xE0\x80\x80"), 0u);               // overlong 3-byte
  EXPECT_EQ(FindInvalidUtf8("0123456789abcdef\xE9\x83"), 16u);  // truncated at the end
  EXPECT_EQ(FindInvalidUtf8("\x80"), 0u);                       // stray continuation byte
  EXPECT_EQ(LineAt("a\nb\nc", 4), 3);
}

TEST(TableReaderTest, SourceFormatNames) {
  EXPECT_STREQ(SourceFormatName(SourceFormat::kCsvUtf8), "csv-utf8");
  EXPECT_STREQ(SourceFormatName(SourceFormat::kCsvUtf8Bom), "csv-utf8-bom");
  EXPECT_STREQ(SourceFormatName(SourceFormat::kCsvGb18030), "csv-gb18030");
  EXPECT_STREQ(SourceFormatName(SourceFormat::kXlsx), "xlsx");
}

}  // namespace
}  // namespace ballast::ingest
