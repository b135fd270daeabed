#include "ingest/reader/table_reader.h"

#include <exception>
#include <new>
#include <string>

#include "ingest/reader/csv_parser.h"
#include "ingest/reader/text_encoding.h"
#include "ingest/reader/xlsx_reader.h"

namespace ballast::ingest {
namespace {

constexpr std::string_view kZipMagic("PK\x03\x04", 4);
constexpr std::string_view kOleMagic("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
constexpr std::string_view kUtf8Bom("\xEF\xBB\xBF", 3);

bool EndsWithNoCase(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  s = s.substr(s.size() - suffix.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

ReadInfo MakeInfo(SourceFormat format, int64_t reported) {
  return ReadInfo{format, reported > 0 ? reported - 1 : 0};  // minus the header
}

Result<ReadInfo> ReadCsv(std::string_view bytes, const RowFn& on_row) {
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    return Status::Invalid("line 1: UTF-16 text is not supported; save the file as CSV UTF-8");
  }
  if (bytes.starts_with(kUtf8Bom)) {
    // The BOM declares UTF-8, so a bad byte is an error rather than a hint of GB18030.
    const std::string_view text = bytes.substr(kUtf8Bom.size());
    const size_t bad = FindInvalidUtf8(text);
    if (bad != std::string_view::npos) {
      return Status::Invalid("line " + std::to_string(LineAt(text, bad)) +
                             ": invalid UTF-8 byte sequence");
    }
    ASSIGN_OR_RETURN(int64_t n, ParseCsv(text, on_row));
    return MakeInfo(SourceFormat::kCsvUtf8Bom, n);
  }
  const size_t bad_utf8 = FindInvalidUtf8(bytes);
  if (bad_utf8 == std::string_view::npos) {
    ASSIGN_OR_RETURN(int64_t n, ParseCsv(bytes, on_row));
    return MakeInfo(SourceFormat::kCsvUtf8, n);
  }
  // Converting a file whose other lines are UTF-8 would turn their text into mojibake.
  if (const MixedEncoding mixed = FindMixedEncoding(bytes); mixed.utf8_line != 0) {
    return Status::Invalid("line " + std::to_string(mixed.other_line) +
                           ": the file mixes text encodings: line " +
                           std::to_string(mixed.utf8_line) +
                           " is UTF-8 but this line is not (GB18030?); save the whole file in one "
                           "encoding, preferably CSV UTF-8");
  }
  Result<std::string> utf8 = Gb18030ToUtf8(bytes);
  if (!utf8.ok()) {
    const Status& st = utf8.status();
    if (!st.IsUserError()) return st;
    // Neither encoding fits; the UTF-8 position helps when the file was meant to be UTF-8.
    const std::string utf8_line = std::to_string(LineAt(bytes, bad_utf8));
    if (st.message().starts_with("line " + utf8_line + ":")) {
      return Status::Invalid(st.message() + " (not valid UTF-8 either)");
    }
    return Status::Invalid(st.message() + " (not valid UTF-8 either: first bad byte on line " +
                           utf8_line + ")");
  }
  std::string_view text = *utf8;
  if (text.starts_with(kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());  // GB18030's own BOM
  ASSIGN_OR_RETURN(int64_t n, ParseCsv(text, on_row));
  return MakeInfo(SourceFormat::kCsvGb18030, n);
}

Result<ReadInfo> ReadTableImpl(std::string_view bytes, std::string_view file_name,
                               const RowFn& on_row) {
  if (bytes.starts_with(kOleMagic)) {
    return Status::Invalid(
        "legacy .xls or password-protected workbooks are not supported; save as .xlsx or CSV");
  }
  if (bytes.starts_with(kZipMagic) || EndsWithNoCase(file_name, ".xlsx")) {
    ASSIGN_OR_RETURN(int64_t n, ReadXlsx(bytes, on_row));
    return MakeInfo(SourceFormat::kXlsx, n);
  }
  return ReadCsv(bytes, on_row);
}

}  // namespace

Result<ReadInfo> ReadTable(std::string_view bytes, std::string_view file_name,
                           const RowFn& on_row) {
  // pugixml, std::string and on_row itself may throw; nothing escapes this API.
  try {
    return ReadTableImpl(bytes, file_name, on_row);
  } catch (const std::bad_alloc&) {
    return Status::Internal("out of memory while reading the table");
  } catch (const std::exception& e) {
    return Status::Internal(std::string("reading the table failed: ") + e.what());
  } catch (...) {
    return Status::Internal("reading the table failed: unknown exception");
  }
}

const char* SourceFormatName(SourceFormat f) {
  switch (f) {
    case SourceFormat::kCsvUtf8:
      return "csv-utf8";
    case SourceFormat::kCsvUtf8Bom:
      return "csv-utf8-bom";
    case SourceFormat::kCsvGb18030:
      return "csv-gb18030";
    case SourceFormat::kXlsx:
      return "xlsx";
  }
  return "unknown";
}

}  // namespace ballast::ingest
