// The monthly bulletin (通报) as plain data: strings and numbers that app/bulletin.cpp fills
// from the analysis use cases. The writers (DOCX, XLSX, PDF) lay it out and compute nothing.
#ifndef BALLAST_REPORT_BULLETIN_H_
#define BALLAST_REPORT_BULLETIN_H_

#include <optional>
#include <string>
#include <vector>

namespace ballast::report {

// The marker of an undefined figure and of a figure withheld by disclosure control (the same
// marker as the web UI's, never the value).
inline constexpr const char* kUndefined = "—";
inline constexpr const char* kWithheld = "…";

// One table cell: a number shown with `decimals` decimals, else text.
struct Cell {
  std::optional<double> number;
  std::string text;
  int decimals = 1;

  static Cell Text(std::string s) { return Cell{std::nullopt, std::move(s), 0}; }
  // A figure; an undefined (or non-finite) one prints as `missing`.
  static Cell Num(std::optional<double> v, int decimals = 1, std::string missing = kUndefined);
};

// The text of a cell as every format prints it ("6.2", "—", "…"); never nan or inf.
std::string CellText(const Cell& c);
// Fixed-point text of a finite number with `decimals` decimals; "-0.0" prints as "0.0".
std::string FormatFixed(double v, int decimals);

struct Table {
  std::string title;
  std::string sheet;  // a short name for the XLSX sheet (≤ 31 characters); "" = 表N
  std::string basis;  // the title row's units and 口径, e.g. "单位：%；口径：可比价，1—3月累计"
  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;
  // The numeric column drawn as a bar chart against the labels of `label_column` (-1: none).
  int chart_column = -1;
  int label_column = 0;
  size_t chart_first_row = 0;  // rows before it (the region's own row) stay out of the chart
  std::vector<std::string> notes;
};

struct Bulletin {
  std::string title;     // e.g. 2025年1—3月河南省工业经济运行情况通报
  std::string subtitle;  // e.g. 数据截至 2025年3月；已报送 n / roster 家
  std::string region_code, region_name, period;
  std::vector<std::string> summary;  // the headline paragraphs
  std::vector<Table> tables;
  std::vector<std::string> notes;  // 说明 at the end
};

}  // namespace ballast::report

#endif  // BALLAST_REPORT_BULLETIN_H_
