#include "test/test_util.h"

#include <unistd.h>
#include <zip.h>

#include <atomic>
#include <fstream>
#include <sstream>

namespace ballast::test {

// Three enterprises in Henan: A (郑州 中原区, 3311), B (郑州 中原区, 1311), C (济源, 3311).
// Output value 2025-03 vs 2024-03: A 120 vs 100, B 80 vs 100, C 30 vs 20 (C also reports the
// same figure as 上年同期). Henan: value 230, same sample 230 vs 220 → yoy = 4.545454…%.
// 郑州 (410100): 200 vs 200 → 0 %, pull 0 pp; 济源: (30-20)/220 × 100 = 4.5454… pp.
// Division 33 (A, C): 150 vs 120 → +25 %.
// The revision raises B's 2025-03 value to 90: Henan yoy becomes 240/220 - 1.
const char* const kEnterprisesCsv =
    "uscc,name,region,industry,size,tags\n"
    "91310110666007217T,甲装备有限公司,410102,3311,large,专精特新\n"
    "91310115591693856A,乙食品有限公司,410102,1311,medium,\n"
    "91330000755918469E,丙机械有限公司,419001,3311,small,链主\n";

const char* const kObservationsCsv =
    "uscc,period,indicator,value,ytd,prior,prior_ytd\n"
    "91310110666007217T,2024-03,output_value,100,,,\n"
    "91310115591693856A,2024-03,output_value,100,,,\n"
    "91310110666007217T,2025-03,output_value,120,,,\n"
    "91310115591693856A,2025-03,output_value,80,,,\n"
    "91330000755918469E,2025-03,output_value,30,,20,\n";

const char* const kRevisionCsv =
    "uscc,period,indicator,value,ytd,prior,prior_ytd\n"
    "91310115591693856A,2025-03,output_value,90,,,\n";

Status RateOneAppealSolved(app::Service& svc) {
  const app::Caller root{"root", auth::Role::kAdmin, "", "", "100000"};
  const app::Caller unit{"u", auth::Role::kHandler, "", "省工业和信息化厅", "100000"};
  const app::Caller firm{"f", auth::Role::kEnterprise, "91310110666007217T", "", "410100"};
  app::NewAppeal n;
  n.uscc = "91310110666007217T";
  n.category = "financing";
  n.title = "贷款续贷";
  n.description = "流动资金贷款到期续贷";
  n.contact = "x";
  n.channel = "phone";
  ASSIGN_OR_RETURN(auto a, svc.FileAppeal(root, n));
  const int64_t id = a.appeal.id;
  ASSIGN_OR_RETURN(auto step, svc.Accept(root, {id, a.appeal.version, "", ""}));
  ASSIGN_OR_RETURN(step, svc.Dispatch(root, {id, step.version, "", ""}, {"省工业和信息化厅", {}, ""}));
  ASSIGN_OR_RETURN(step, svc.StartWork(unit, {id, step.version, "", ""}));
  ASSIGN_OR_RETURN(step, svc.Reply(unit, {id, step.version, "", ""}, "已协调银行续贷"));
  return svc.Rate(firm, {id, step.version, "", ""}, true, "satisfied").status();
}

std::vector<std::vector<std::string>> SplitCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::stringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    size_t start = 0;
    while (true) {
      size_t comma = line.find(',', start);
      cells.push_back(line.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    rows.push_back(cells);
  }
  return rows;
}

namespace {

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

std::string ColumnName(size_t i) {
  std::string s;
  for (size_t n = i + 1; n > 0; n = (n - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (n - 1) % 26));
  return s;
}

}  // namespace

std::string MakeXlsx(const std::vector<std::vector<std::string>>& rows) {
  std::string sheet =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet "
      "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
  for (size_t r = 0; r < rows.size(); ++r) {
    sheet += "<row r=\"" + std::to_string(r + 1) + "\">";
    for (size_t c = 0; c < rows[r].size(); ++c) {
      if (rows[r][c].empty()) continue;
      sheet += "<c r=\"" + ColumnName(c) + std::to_string(r + 1) + "\" t=\"inlineStr\"><is><t>" +
               Escape(rows[r][c]) + "</t></is></c>";
    }
    sheet += "</row>";
  }
  sheet += "</sheetData></worksheet>";
  const std::vector<std::pair<std::string, std::string>> parts = {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
       "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
       "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
       "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
       "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
       "</Types>"},
      {"_rels/.rels",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
       "</Relationships>"},
      {"xl/workbook.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
       "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
       "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
       "</Relationships>"},
      {"xl/worksheets/sheet1.xml", sheet},
  };
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(src);
  zip_t* za = zip_open_from_source(src, ZIP_TRUNCATE, &error);
  for (const auto& [name, content] : parts) {
    zip_source_t* s = zip_source_buffer(za, content.data(), content.size(), 0);
    zip_file_add(za, name.c_str(), s, ZIP_FL_OVERWRITE);
  }
  zip_close(za);
  std::string out;
  zip_source_open(src);
  zip_source_seek(src, 0, SEEK_END);
  auto size = zip_source_tell(src);
  zip_source_seek(src, 0, SEEK_SET);
  out.resize(static_cast<size_t>(size));
  zip_source_read(src, out.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(src);
  zip_source_free(src);
  return out;
}

}  // namespace ballast::test
