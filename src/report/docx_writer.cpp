// The DOCX writer: a minimal WordprocessingML package — [Content_Types].xml, the package and
// document relationships, word/styles.xml and word/document.xml — zipped in memory with libzip.
#include <zip.h>

#include <memory>
#include <pugixml.hpp>
#include <sstream>
#include <string_view>
#include <utility>
#include <vector>

#include "report/writers.h"

namespace ballast::report {

namespace {

constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

constexpr const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>)";

constexpr const char* kPackageRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>)";

constexpr const char* kDocumentRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>)";

// 宋体 for the body, 黑体 for headings (the offices' defaults); sizes in half-points.
constexpr const char* kStyles =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体"/><w:sz w:val="22"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="240"/><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="36"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="20"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="26"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Basis"><w:name w:val="Basis"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="right"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Note"><w:name w:val="Note"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="18"/></w:rPr></w:style>
<w:style w:type="table" w:styleId="Grid"><w:name w:val="Grid"/><w:tblPr><w:tblBorders>
<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>
<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>
<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/>
</w:tblBorders></w:tblPr></w:style>
</w:styles>)";

class DocBuilder {
 public:
  DocBuilder() {
    auto decl = doc_.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    decl.append_attribute("standalone") = "yes";
    auto root = doc_.append_child("w:document");
    root.append_attribute("xmlns:w") = kW;
    body_ = root.append_child("w:body");
  }

  void Paragraph(const std::string& text, const char* style = nullptr, bool bold = false) {
    AddParagraph(body_, text, style, bold, nullptr);
  }

  void AddTable(const Table& t) {
    const size_t cols = t.header.size();
    if (cols == 0) return;
    auto tbl = body_.append_child("w:tbl");
    auto pr = tbl.append_child("w:tblPr");
    pr.append_child("w:tblStyle").append_attribute("w:val") = "Grid";
    auto width = pr.append_child("w:tblW");
    width.append_attribute("w:w") = "5000";
    width.append_attribute("w:type") = "pct";
    auto grid = tbl.append_child("w:tblGrid");
    const int col_width = static_cast<int>(9000 / cols);  // twips of an A4 text width
    for (size_t i = 0; i < cols; ++i)
      grid.append_child("w:gridCol").append_attribute("w:w") = col_width;
    auto header = tbl.append_child("w:tr");
    header.append_child("w:trPr").append_child("w:tblHeader");
    for (const auto& h : t.header) AddCell(header, h, true, "center", col_width);
    for (const auto& row : t.rows) {
      auto tr = tbl.append_child("w:tr");
      for (size_t i = 0; i < cols; ++i) {
        const Cell c = i < row.size() ? row[i] : Cell::Text("");
        AddCell(tr, CellText(c), false, c.number || i > 0 ? "center" : "left", col_width);
      }
    }
  }

  void Finish() {
    // Word wants the body to end with a paragraph, not a table.
    if (std::string_view(body_.last_child().name()) == "w:tbl") body_.append_child("w:p");
    // A4 portrait with 2.5 cm margins.
    auto sect = body_.append_child("w:sectPr");
    auto size = sect.append_child("w:pgSz");
    size.append_attribute("w:w") = "11906";
    size.append_attribute("w:h") = "16838";
    auto mar = sect.append_child("w:pgMar");
    for (const char* side : {"w:top", "w:right", "w:bottom", "w:left"})
      mar.append_attribute(side) = "1417";
  }

  std::string Xml() const {
    std::ostringstream out;
    doc_.save(out, "", pugi::format_raw, pugi::encoding_utf8);
    return out.str();
  }

 private:
  static void AddParagraph(pugi::xml_node parent, const std::string& text, const char* style,
                           bool bold, const char* align) {
    auto p = parent.append_child("w:p");
    if (style != nullptr || align != nullptr) {
      auto ppr = p.append_child("w:pPr");
      if (style != nullptr) ppr.append_child("w:pStyle").append_attribute("w:val") = style;
      if (align != nullptr) ppr.append_child("w:jc").append_attribute("w:val") = align;
    }
    auto r = p.append_child("w:r");
    if (bold) r.append_child("w:rPr").append_child("w:b");
    auto t = r.append_child("w:t");
    t.append_attribute("xml:space") = "preserve";
    t.text().set(text.c_str());
  }

  static void AddCell(pugi::xml_node tr, const std::string& text, bool bold, const char* align,
                      int width) {
    auto tc = tr.append_child("w:tc");
    auto w = tc.append_child("w:tcPr").append_child("w:tcW");
    w.append_attribute("w:w") = width;
    w.append_attribute("w:type") = "dxa";
    AddParagraph(tc, text, nullptr, bold, align);
  }

  pugi::xml_document doc_;
  pugi::xml_node body_;
};

// Zips named parts into an in-memory archive.
Result<std::string> Zip(const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer == nullptr) return Status::Internal("docx: cannot create a zip buffer");
  zip_source_keep(buffer);
  std::unique_ptr<zip_source_t, void (*)(zip_source_t*)> keep(buffer, zip_source_free);
  zip_t* za = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (za == nullptr) return Status::Internal("docx: cannot open a zip archive in memory");
  for (const auto& [name, data] : parts) {
    zip_source_t* s = zip_source_buffer(za, data.data(), data.size(), 0);
    if (s == nullptr || zip_file_add(za, name.c_str(), s, ZIP_FL_ENC_UTF_8) < 0) {
      if (s != nullptr) zip_source_free(s);
      zip_discard(za);
      return Status::Internal("docx: cannot add " + name);
    }
  }
  if (zip_close(za) < 0) {
    zip_discard(za);
    return Status::Internal("docx: cannot write the archive");
  }
  if (zip_source_open(buffer) < 0) return Status::Internal("docx: cannot read the archive back");
  zip_source_seek(buffer, 0, SEEK_END);
  const zip_int64_t size = zip_source_tell(buffer);
  zip_source_seek(buffer, 0, SEEK_SET);
  std::string out(static_cast<size_t>(size > 0 ? size : 0), '\0');
  const zip_int64_t got =
      size > 0 ? zip_source_read(buffer, out.data(), static_cast<zip_uint64_t>(size)) : 0;
  zip_source_close(buffer);
  if (got != size) return Status::Internal("docx: short read of the archive");
  return out;
}

}  // namespace

Result<std::string> WriteDocx(const Bulletin& b) {
  DocBuilder d;
  d.Paragraph(b.title, "Title");
  if (!b.subtitle.empty()) d.Paragraph(b.subtitle, "Subtitle");
  for (const auto& s : b.summary) d.Paragraph(s);
  for (const auto& t : b.tables) {
    d.Paragraph(t.title, "Heading1");
    if (!t.basis.empty()) d.Paragraph(t.basis, "Basis");
    d.AddTable(t);
    for (const auto& n : t.notes) d.Paragraph(n, "Note");
  }
  if (!b.notes.empty()) {
    d.Paragraph("说明", "Heading1");
    for (const auto& n : b.notes) d.Paragraph(n, "Note");
  }
  d.Finish();
  return Zip({{"[Content_Types].xml", kContentTypes},
              {"_rels/.rels", kPackageRels},
              {"word/_rels/document.xml.rels", kDocumentRels},
              {"word/styles.xml", kStyles},
              {"word/document.xml", d.Xml()}});
}

}  // namespace ballast::report
