#include "ingest/reader/xlsx_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <memory>
#include <pugixml.hpp>
#include <vector>

#include "ingest/reader/csv_parser.h"
#include "ingest/reader/text_encoding.h"
#include "ingest/reader/zip_archive.h"

namespace ballast::ingest {
namespace {

constexpr int kMaxColumns = 16384;     // XFD, Excel's limit
constexpr int64_t kMaxRows = 1048576;  // Excel's limit
// Excel holds at most 32,767 characters in a cell; a longer cell is not a spreadsheet's.
constexpr size_t kMaxCellBytes = size_t{128} << 10;
constexpr size_t kMaxRowBytes = size_t{1} << 20;

// What reading one workbook may allocate: 256 MiB plus 16 times the file's size. Each part is
// charged its inflated size before it is inflated, then an upper estimate of its DOM (pugixml
// allocates one node per element or text, one record per attribute) before it is parsed, so
// that zip bombs and tag floods are refused instead of exhausting memory.
class MemoryBudget {
 public:
  explicit MemoryBudget(size_t file_size)
      : limit_((uint64_t{256} << 20) + 16 * uint64_t{file_size}), left_(limit_) {}
  uint64_t left() const { return left_; }
  Status Charge(const std::string& part, uint64_t bytes) {
    if (bytes > left_) {
      return Status::Invalid("xlsx: reading part " + part + " needs more than the " +
                             std::to_string(limit_ >> 20) +
                             " MiB a workbook of this size may use; save it as CSV or split it");
    }
    left_ -= bytes;
    return Status::Ok();
  }

 private:
  uint64_t limit_, left_;
};

// An XML part parsed in place: the document's strings point into `buffer`.
struct XmlPart {
  std::string buffer;
  pugi::xml_document doc;
};

struct Relationship {
  std::string id;
  std::string type;
  std::string target;  // resolved to a part name
};

// Writers differ in namespace prefixes (`x:row`), so elements are matched by local name.
std::string_view LocalName(const char* name) {
  std::string_view n(name);
  const size_t colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node Child(pugi::xml_node node, std::string_view local) {
  for (pugi::xml_node c : node.children()) {
    if (c.type() == pugi::node_element && LocalName(c.name()) == local) return c;
  }
  return {};
}

std::string DirOf(std::string_view part) {
  const size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

std::string RelsPathOf(std::string_view part) {
  const size_t slash = part.rfind('/');
  const std::string_view base = slash == std::string_view::npos ? part : part.substr(slash + 1);
  return DirOf(part) + "_rels/" + std::string(base) + ".rels";
}

// Resolves a relationship target ("worksheets/sheet1.xml", "/xl/x.xml", "../a.xml") to a part name.
std::string ResolvePart(std::string_view base_dir, std::string_view target) {
  std::string joined = target.starts_with('/') ? std::string(target.substr(1))
                                               : std::string(base_dir) + std::string(target);
  std::vector<std::string_view> segments;
  std::string_view rest = joined;
  while (!rest.empty()) {
    const size_t slash = rest.find('/');
    const std::string_view seg = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
      continue;
    }
    segments.push_back(seg);
  }
  std::string out;
  for (std::string_view seg : segments) {
    if (!out.empty()) out += '/';
    out += seg;
  }
  return out;
}

Status LoadXml(const ZipArchive& zip, const std::string& part, MemoryBudget* budget, XmlPart* out) {
  ASSIGN_OR_RETURN(out->buffer, zip.Read(part, budget->left()));
  RETURN_IF_ERROR(budget->Charge(part, out->buffer.size()));
  const auto& b = out->buffer;
  const uint64_t nodes = static_cast<uint64_t>(std::count(b.begin(), b.end(), '<'));
  const uint64_t attributes = static_cast<uint64_t>(std::count(b.begin(), b.end(), '='));
  RETURN_IF_ERROR(budget->Charge(part, nodes * sizeof(void*) * 8 + attributes * sizeof(void*) * 5));
  const pugi::xml_parse_result r = out->doc.load_buffer_inplace(
      out->buffer.data(), out->buffer.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!r) {
    return Status::Invalid("xlsx: malformed XML in " + part + " at byte " +
                           std::to_string(r.offset) + " (" + r.description() + ")");
  }
  return Status::Ok();
}

Result<std::vector<Relationship>> ReadRels(const ZipArchive& zip, const std::string& rels_part,
                                           const std::string& base_dir, MemoryBudget* budget) {
  XmlPart xml;
  RETURN_IF_ERROR(LoadXml(zip, rels_part, budget, &xml));
  std::vector<Relationship> rels;
  for (pugi::xml_node r : xml.doc.document_element().children()) {
    if (r.type() != pugi::node_element || LocalName(r.name()) != "Relationship") continue;
    if (std::string_view(r.attribute("TargetMode").value()) == "External") continue;
    rels.push_back({r.attribute("Id").value(), r.attribute("Type").value(),
                    ResolvePart(base_dir, r.attribute("Target").value())});
  }
  return rels;
}

// The sheet's relationship id lives in the r: namespace, whose prefix varies between writers.
std::string_view SheetRelId(pugi::xml_node sheet) {
  for (pugi::xml_attribute a : sheet.attributes()) {
    const std::string_view name = a.name();
    if (name.find(':') != std::string_view::npos && LocalName(a.name()) == "id") return a.value();
  }
  return {};
}

bool ParseEscape(std::string_view s, size_t i, uint32_t* cp) {
  if (i + 7 > s.size() || s[i] != '_' || s[i + 1] != 'x' || s[i + 6] != '_') return false;
  const auto [ptr, ec] = std::from_chars(s.data() + i + 2, s.data() + i + 6, *cp, 16);
  return ec == std::errc() && ptr == s.data() + i + 6;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

void AppendText(std::string_view text, std::string* out) {
  if (text.find("_x") == std::string_view::npos) {
    out->append(text);
  } else {
    out->append(DecodeOoxmlEscapes(text));
  }
}

// Text of a shared string item or an inline string: plain <t>, or rich text runs <r><t>.
// Phonetic runs (<rPh>) are not part of the value.
void AppendRichText(pugi::xml_node node, std::string* out) {
  for (pugi::xml_node c : node.children()) {
    if (c.type() != pugi::node_element) continue;
    const std::string_view local = LocalName(c.name());
    if (local == "t") {
      AppendText(c.child_value(), out);
    } else if (local == "r") {
      AppendText(Child(c, "t").child_value(), out);
    }
  }
}

void AppendNumber(std::string_view text, std::string* out) {
  const std::string_view t = TrimAscii(text);
  double d = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), d);
  char buf[64];
  if (ec == std::errc() && end == t.data() + t.size() && std::isfinite(d)) {
    const auto [out_end, out_ec] = std::to_chars(buf, buf + sizeof(buf), d);
    if (out_ec == std::errc()) {
      out->append(buf, out_end);
      return;
    }
  }
  out->append(text);
}

Result<std::vector<std::string>> ReadSharedStrings(const ZipArchive& zip, const std::string& part,
                                                   MemoryBudget* budget) {
  XmlPart xml;
  RETURN_IF_ERROR(LoadXml(zip, part, budget, &xml));
  // The strings are copied out of the XML: at most its size again.
  RETURN_IF_ERROR(budget->Charge(part, xml.buffer.size()));
  std::vector<std::string> strings;
  for (pugi::xml_node si : xml.doc.document_element().children()) {
    if (si.type() != pugi::node_element || LocalName(si.name()) != "si") continue;
    AppendRichText(si, &strings.emplace_back());
  }
  return strings;
}

Status LineError(int64_t line, const std::string& what) {
  return Status::Invalid("line " + std::to_string(line) + ": " + what);
}

Status CellTooLong(pugi::xml_node c, int64_t line) {
  std::string ref = c.attribute("r").value();
  ref.resize(std::min<size_t>(ref.size(), 16));
  return LineError(line, (ref.empty() ? "a cell" : "cell " + ref) + " holds more than " +
                             std::to_string(kMaxCellBytes >> 10) +
                             " KiB of text (a spreadsheet cell holds at most 32,767 characters)");
}

Status CellText(pugi::xml_node c, const std::vector<std::string>& shared, int64_t line,
                std::string* out) {
  const std::string_view type = c.attribute("t").value();
  if (type == "inlineStr") {
    AppendRichText(Child(c, "is"), out);
    return Status::Ok();
  }
  const std::string_view v = Child(c, "v").child_value();
  if (type == "s") {
    const std::string_view t = TrimAscii(v);
    size_t index = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), index);
    if (ec != std::errc() || end != t.data() + t.size() || index >= shared.size()) {
      return LineError(line, "cell " + std::string(c.attribute("r").value()) +
                                 " refers to a missing shared string");
    }
    if (shared[index].size() > kMaxCellBytes) return CellTooLong(c, line);
    out->append(shared[index]);
  } else if (type == "b") {
    out->append(v == "1" ? "TRUE" : v == "0" ? "FALSE" : v);
  } else if (type == "str" || type == "e" || type == "d") {
    AppendText(v, out);
  } else {  // "n" or absent: a number
    AppendNumber(v, out);
  }
  return Status::Ok();
}

Result<int64_t> ReadSheetRows(pugi::xml_node sheet_data, const std::vector<std::string>& shared,
                              const RowFn& on_row) {
  // Reused across rows; each string keeps its capacity.
  std::vector<std::string> values;
  std::vector<std::string_view> cells;
  int64_t reported = 0;
  int64_t line = 0;
  for (pugi::xml_node row : sheet_data.children()) {
    if (row.type() != pugi::node_element || LocalName(row.name()) != "row") continue;
    const int64_t previous = line;
    if (pugi::xml_attribute r = row.attribute("r")) {
      const std::string_view text = r.value();
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), line);
      if (ec != std::errc() || end != text.data() + text.size() || line < 1 || line > kMaxRows) {
        // The row cannot be named by its number: name it by where it stands.
        std::string shown(text.substr(0, 24));
        return LineError(previous + 1, "xlsx: bad row number '" + shown +
                                           "' (rows are numbered 1 to " + std::to_string(kMaxRows) +
                                           ")");
      }
      // A row number that repeats or goes back would give two rows one line (and a second header).
      if (line <= previous) {
        return LineError(line, "xlsx: row " + std::to_string(line) + " comes after row " +
                                   std::to_string(previous) + " (rows repeated or out of order)");
      }
    } else {
      ++line;  // r is optional: rows then follow one another
      if (line > kMaxRows)
        return LineError(line, "xlsx: more than " + std::to_string(kMaxRows) + " rows");
    }
    size_t used = 0;
    size_t row_bytes = 0;
    for (pugi::xml_node c : row.children()) {
      if (c.type() != pugi::node_element || LocalName(c.name()) != "c") continue;
      int col = static_cast<int>(used);
      if (pugi::xml_attribute ref = c.attribute("r")) {
        col = ColumnFromCellRef(ref.value());
        if (col < 0) {
          return LineError(line, "bad cell reference '" + std::string(ref.value()) + "'");
        }
        if (static_cast<size_t>(col) < used) {
          return LineError(line, "cell " + std::string(ref.value()) + " is out of order");
        }
      }
      if (col >= kMaxColumns) return LineError(line, "more than 16384 columns");
      // Gaps (A1, C1) become empty cells so columns keep their positions.
      if (values.size() <= static_cast<size_t>(col)) values.resize(static_cast<size_t>(col) + 1);
      while (used < static_cast<size_t>(col)) values[used++].clear();
      std::string& value = values[used++];
      value.clear();
      RETURN_IF_ERROR(CellText(c, shared, line, &value));
      if (value.size() > kMaxCellBytes) return CellTooLong(c, line);
      // pugixml passes bytes through unchecked; the layers above rely on UTF-8.
      if (FindInvalidUtf8(value) != std::string::npos) {
        std::string ref = c.attribute("r").value();
        ref.resize(std::min<size_t>(ref.size(), 16));
        return LineError(
            line, (ref.empty() ? "a cell" : "cell " + ref) + " holds text that is not valid UTF-8");
      }
      row_bytes += value.size();
      if (row_bytes > kMaxRowBytes) {
        return LineError(
            line, "the row holds more than " + std::to_string(kMaxRowBytes >> 20) + " MiB of text");
      }
    }
    cells.clear();
    bool blank = true;
    for (size_t i = 0; i < used; ++i) {
      cells.push_back(TrimAscii(values[i]));
      if (!cells.back().empty()) blank = false;
    }
    if (blank) continue;
    RETURN_IF_ERROR(on_row(line, std::span<const std::string_view>(cells)));
    ++reported;
  }
  return reported;
}

}  // namespace

int ColumnFromCellRef(std::string_view ref) {
  int col = 0;
  size_t i = 0;
  for (; i < ref.size(); ++i) {
    char ch = ref[i];
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    if (ch < 'A' || ch > 'Z') break;
    col = col * 26 + (ch - 'A' + 1);
    if (col > kMaxColumns) return -1;
  }
  if (i == 0) return -1;
  for (size_t k = i; k < ref.size(); ++k) {
    if (ref[k] < '0' || ref[k] > '9') return -1;
  }
  return col - 1;
}

std::string NormalizeNumber(std::string_view text) {
  std::string out;
  AppendNumber(text, &out);
  return out;
}

std::string DecodeOoxmlEscapes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    uint32_t cp = 0;
    if (!ParseEscape(text, i, &cp)) {
      out.push_back(text[i++]);
      continue;
    }
    i += 7;
    if (cp >= 0xD800 && cp <= 0xDBFF) {  // a surrogate pair spelled as two escapes
      uint32_t low = 0;
      if (ParseEscape(text, i, &low) && low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        i += 7;
      } else {
        cp = 0xFFFD;
      }
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      cp = 0xFFFD;
    }
    AppendUtf8(cp, &out);
  }
  return out;
}

Result<int64_t> ReadXlsx(std::string_view bytes, const RowFn& on_row) {
  // libzip opens zero bytes as an empty archive; say what is really wrong.
  if (bytes.empty()) return Status::Invalid("xlsx: the file is empty");
  ASSIGN_OR_RETURN(std::unique_ptr<ZipArchive> zip, ZipArchive::Open(bytes));
  MemoryBudget budget(bytes.size());

  // The package relationships name the workbook part; xl/workbook.xml is the usual answer.
  std::string workbook_part = "xl/workbook.xml";
  if (zip->Contains("_rels/.rels")) {
    ASSIGN_OR_RETURN(std::vector<Relationship> rels, ReadRels(*zip, "_rels/.rels", "", &budget));
    for (const Relationship& r : rels) {
      if (r.type.ends_with("/officeDocument")) {
        workbook_part = r.target;
        break;
      }
    }
  }
  XmlPart workbook;
  RETURN_IF_ERROR(LoadXml(*zip, workbook_part, &budget, &workbook));
  const pugi::xml_node first_sheet =
      Child(Child(workbook.doc.document_element(), "sheets"), "sheet");
  if (!first_sheet) return Status::Invalid("xlsx: the workbook has no sheets");
  const std::string sheet_name = first_sheet.attribute("name").value();
  const std::string_view rel_id = SheetRelId(first_sheet);

  ASSIGN_OR_RETURN(std::vector<Relationship> rels,
                   ReadRels(*zip, RelsPathOf(workbook_part), DirOf(workbook_part), &budget));
  std::string sheet_part, shared_part;
  for (const Relationship& r : rels) {
    if (r.id == rel_id) sheet_part = r.target;
    if (r.type.ends_with("/sharedStrings")) shared_part = r.target;
  }
  if (sheet_part.empty()) {
    return Status::Invalid("xlsx: sheet '" + sheet_name + "' has no worksheet part");
  }

  std::vector<std::string> shared;
  if (!shared_part.empty() && zip->Contains(shared_part)) {
    ASSIGN_OR_RETURN(shared, ReadSharedStrings(*zip, shared_part, &budget));
  }
  XmlPart sheet;
  RETURN_IF_ERROR(LoadXml(*zip, sheet_part, &budget, &sheet));
  const pugi::xml_node root = sheet.doc.document_element();
  if (LocalName(root.name()) != "worksheet") {
    return Status::Invalid("xlsx: the first sheet '" + sheet_name + "' is not a worksheet");
  }
  return ReadSheetRows(Child(root, "sheetData"), shared, on_row);
}

}  // namespace ballast::ingest
