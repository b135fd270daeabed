// The bulletin's three formats, each as the bytes of one file.
//   DOCX: a minimal WordprocessingML package (libzip + pugixml) that Word and LibreOffice open;
//   XLSX: a workbook (libxlsxwriter) with one sheet per table, number formats and bar charts;
//   PDF:  A4 pages drawn with cairo + pango in Noto Sans CJK.
#ifndef BALLAST_REPORT_WRITERS_H_
#define BALLAST_REPORT_WRITERS_H_

#include <string>

#include "core/status.h"
#include "report/bulletin.h"

namespace ballast::report {

Result<std::string> WriteDocx(const Bulletin& b);
Result<std::string> WriteXlsx(const Bulletin& b);
Result<std::string> WritePdf(const Bulletin& b);

}  // namespace ballast::report

#endif  // BALLAST_REPORT_WRITERS_H_
