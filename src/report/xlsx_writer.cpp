// The XLSX writer (libxlsxwriter): a summary sheet (title, headline, notes) and one sheet per
// table, each with its title and 口径 row, figures as numbers with one-decimal formats, and a
// native bar chart of the ranked column. libxlsxwriter writes files only, so the workbook goes
// through a private temporary file.
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/file_util.h"
#include "report/writers.h"

namespace ballast::report {

namespace {

struct Formats {
  lxw_format* title = nullptr;
  lxw_format* basis = nullptr;
  lxw_format* header = nullptr;
  lxw_format* text = nullptr;
  lxw_format* decimals[3] = {nullptr, nullptr, nullptr};  // "0", "0.0", "0.00"
  lxw_format* wrap = nullptr;
};

Formats MakeFormats(lxw_workbook* wb) {
  Formats f;
  f.title = workbook_add_format(wb);
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  f.basis = workbook_add_format(wb);
  format_set_italic(f.basis);
  format_set_font_size(f.basis, 9);
  f.header = workbook_add_format(wb);
  format_set_bold(f.header);
  format_set_align(f.header, LXW_ALIGN_CENTER);
  format_set_border(f.header, LXW_BORDER_THIN);
  format_set_bg_color(f.header, 0xDDEBF7);
  f.text = workbook_add_format(wb);
  format_set_border(f.text, LXW_BORDER_THIN);
  const char* number_formats[3] = {"0", "0.0", "0.00"};
  for (int i = 0; i < 3; ++i) {
    f.decimals[i] = workbook_add_format(wb);
    format_set_num_format(f.decimals[i], number_formats[i]);
    format_set_border(f.decimals[i], LXW_BORDER_THIN);
    format_set_align(f.decimals[i], LXW_ALIGN_RIGHT);
  }
  f.wrap = workbook_add_format(wb);
  format_set_text_wrap(f.wrap);
  format_set_align(f.wrap, LXW_ALIGN_VERTICAL_TOP);
  return f;
}

// Writes the table from `row` on; returns the row after it.
lxw_row_t WriteTable(lxw_worksheet* ws, const Formats& f, const Table& t, lxw_row_t row) {
  const auto cols = static_cast<lxw_col_t>(t.header.size());
  worksheet_write_string(ws, row++, 0, t.title.c_str(), f.title);
  if (!t.basis.empty()) worksheet_write_string(ws, row++, 0, t.basis.c_str(), f.basis);
  for (lxw_col_t c = 0; c < cols; ++c)
    worksheet_write_string(ws, row, c, t.header[c].c_str(), f.header);
  ++row;
  for (const auto& r : t.rows) {
    for (lxw_col_t c = 0; c < cols; ++c) {
      const Cell cell = c < r.size() ? r[c] : Cell::Text("");
      if (cell.number) {
        const int d = cell.decimals < 0 ? 0 : (cell.decimals > 2 ? 2 : cell.decimals);
        worksheet_write_number(ws, row, c, *cell.number, f.decimals[d]);
      } else {
        worksheet_write_string(ws, row, c, cell.text.c_str(), f.text);
      }
    }
    ++row;
  }
  for (const auto& n : t.notes) worksheet_write_string(ws, row++, 0, n.c_str(), f.basis);
  return row;
}

void AddChart(lxw_workbook* wb, lxw_worksheet* ws, const std::string& sheet, const Table& t,
              lxw_row_t first_data_row) {
  if (t.chart_column < 0 || t.rows.size() <= t.chart_first_row ||
      static_cast<size_t>(t.chart_column) >= t.header.size()) {
    return;
  }
  first_data_row += static_cast<lxw_row_t>(t.chart_first_row);
  lxw_chart* chart = workbook_add_chart(wb, LXW_CHART_BAR);
  lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
  const auto last =
      static_cast<lxw_row_t>(first_data_row + (t.rows.size() - t.chart_first_row) - 1);
  chart_series_set_categories(series, sheet.c_str(), first_data_row,
                              static_cast<lxw_col_t>(t.label_column), last,
                              static_cast<lxw_col_t>(t.label_column));
  chart_series_set_values(series, sheet.c_str(), first_data_row,
                          static_cast<lxw_col_t>(t.chart_column), last,
                          static_cast<lxw_col_t>(t.chart_column));
  chart_series_set_name(series, t.header[static_cast<size_t>(t.chart_column)].c_str());
  chart_title_set_name(chart, t.title.c_str());
  chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
  chart_axis_set_reverse(chart->y_axis);  // the first-ranked region on top
  lxw_chart_options options = {};
  options.x_scale = 1.4;
  options.y_scale = 1.2 + 0.04 * static_cast<double>(t.rows.size() - t.chart_first_row);
  worksheet_insert_chart_opt(ws, 0, static_cast<lxw_col_t>(t.header.size() + 1), chart, &options);
}

}  // namespace

Result<std::string> WriteXlsx(const Bulletin& b) {
  std::error_code ec;
  std::string path =
      (std::filesystem::temp_directory_path(ec) / "ballast-bulletin-XXXXXX").string();
  const int fd = mkstemp(path.data());
  if (fd < 0) return Status::Internal("xlsx: cannot create a temporary file");
  close(fd);
  struct Remove {
    std::string p;
    ~Remove() { unlink(p.c_str()); }
  } remove{path};

  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) return Status::Internal("xlsx: cannot create the workbook");
  const Formats f = MakeFormats(wb);

  lxw_worksheet* summary = workbook_add_worksheet(wb, "概要");
  worksheet_set_column(summary, 0, 0, 24, nullptr);
  worksheet_set_column(summary, 1, 8, 14, nullptr);
  lxw_row_t row = 0;
  worksheet_write_string(summary, row++, 0, b.title.c_str(), f.title);
  if (!b.subtitle.empty()) worksheet_write_string(summary, row++, 0, b.subtitle.c_str(), f.basis);
  ++row;
  // The headline table first, so that the first sheet holds the figures a reader looks for.
  if (!b.tables.empty()) row = WriteTable(summary, f, b.tables.front(), row) + 1;
  for (const auto& s : b.summary) {
    worksheet_merge_range(summary, row, 0, row, 7, s.c_str(), f.wrap);
    worksheet_set_row(summary, row++, 48, nullptr);
  }
  if (!b.notes.empty()) {
    ++row;
    worksheet_write_string(summary, row++, 0, "说明", f.header);
    for (const auto& n : b.notes) worksheet_write_string(summary, row++, 0, n.c_str(), f.basis);
  }

  for (size_t i = 1; i < b.tables.size(); ++i) {
    const Table& t = b.tables[i];
    const std::string name = t.sheet.empty() ? "表" + std::to_string(i) : t.sheet;
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    worksheet_set_column(ws, 0, 0, 18, nullptr);
    worksheet_set_column(ws, 1, static_cast<lxw_col_t>(t.header.size()), 12, nullptr);
    const lxw_row_t first_data_row = t.basis.empty() ? 2 : 3;
    WriteTable(ws, f, t, 0);
    AddChart(wb, ws, name, t, first_data_row);
  }
  if (workbook_close(wb) != LXW_NO_ERROR)
    return Status::Internal("xlsx: cannot write the workbook");
  return ReadFile(path);
}

}  // namespace ballast::report
