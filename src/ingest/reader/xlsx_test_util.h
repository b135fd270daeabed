// Test support: zip archives and minimal workbooks built in memory with libzip. Tests only.
#ifndef BALLAST_INGEST_READER_XLSX_TEST_UTIL_H_
#define BALLAST_INGEST_READER_XLSX_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <zip.h>

#include <string>
#include <utility>
#include <vector>

namespace ballast::ingest {

using Entries = std::vector<std::pair<std::string, std::string>>;

// Builds a zip archive in memory with libzip (entries deflated, as Excel writes them).
inline std::string MakeZip(const Entries& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &error);
  EXPECT_NE(src, nullptr);
  zip_source_keep(src);
  zip_t* za = zip_open_from_source(src, ZIP_TRUNCATE, &error);
  EXPECT_NE(za, nullptr);
  for (const auto& [name, data] : entries) {
    zip_source_t* s = zip_source_buffer(za, data.data(), data.size(), 0);
    EXPECT_GE(zip_file_add(za, name.c_str(), s, ZIP_FL_ENC_UTF_8), 0) << name;
  }
  EXPECT_EQ(zip_close(za), 0);
  zip_stat_t st;
  zip_stat_init(&st);
  EXPECT_EQ(zip_source_stat(src, &st), 0);
  std::string out(static_cast<size_t>(st.size), '\0');
  EXPECT_EQ(zip_source_open(src), 0);
  EXPECT_EQ(zip_source_read(src, out.data(), out.size()), static_cast<zip_int64_t>(out.size()));
  zip_source_close(src);
  zip_source_free(src);
  zip_error_fini(&error);
  return out;
}

// A workbook whose first sheet holds `sheet_data` (the inside of <sheetData>), with an optional
// shared string table (the inside of <sst>).
inline std::string MakeWorkbook(const std::string& sheet_data, const std::string& shared = "") {
  const std::string rels_ns = "http://schemas.openxmlformats.org/package/2006/relationships";
  const std::string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  const std::string main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  Entries e = {
      {"_rels/.rels", "<Relationships xmlns=\"" + rels_ns + "\"><Relationship Id=\"rId1\" Type=\"" +
                          rel + "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml",
       "<workbook xmlns=\"" + main_ns + "\" xmlns:r=\"" + rel.substr(0, rel.size() - 1) +
           "\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships xmlns=\"" + rels_ns + "\"><Relationship Id=\"rId1\" Type=\"" + rel +
           "worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" + rel +
           "sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"},
      {"xl/worksheets/sheet1.xml", "<worksheet xmlns=\"" + main_ns + "\"><sheetData>" + sheet_data +
                                       "</sheetData></worksheet>"},
  };
  if (!shared.empty())
    e.push_back({"xl/sharedStrings.xml", "<sst xmlns=\"" + main_ns + "\">" + shared + "</sst>"});
  return MakeZip(e);
}

// One row of inline-string cells in columns A, B, C…
inline std::string InlineRow(const std::string& r, const std::vector<std::string>& cells) {
  std::string row = r.empty() ? "<row>" : "<row r=\"" + r + "\">";
  for (size_t i = 0; i < cells.size(); ++i) {
    row += "<c t=\"inlineStr\"><is><t>" + cells[i] + "</t></is></c>";
  }
  return row + "</row>";
}

}  // namespace ballast::ingest

#endif  // BALLAST_INGEST_READER_XLSX_TEST_UTIL_H_
