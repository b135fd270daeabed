// The PDF writer: A4 pages drawn with cairo's PDF surface and pango's layout in Noto Sans CJK
// (fonts-noto-cjk): title, headline paragraphs, tables with a grid (the header repeated on a
// new page), a bar chart under each ranked table, and the notes.
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "report/writers.h"

namespace ballast::report {

namespace {

constexpr double kPageW = 595.276, kPageH = 841.89;  // A4 in points
constexpr double kMargin = 56.0;
constexpr double kTextW = kPageW - 2 * kMargin;
constexpr const char* kFont = "Noto Sans CJK SC";

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

class Pages {
 public:
  explicit Pages(cairo_t* cr) : cr_(cr), layout_(pango_cairo_create_layout(cr)) {}
  ~Pages() { g_object_unref(layout_); }
  Pages(const Pages&) = delete;
  Pages& operator=(const Pages&) = delete;

  // Lays out `text` in a box of `width`; returns its height.
  double Measure(const std::string& text, double size, bool bold, double width) {
    Set(text, size, bold, width, PANGO_ALIGN_LEFT);
    int w = 0, h = 0;
    pango_layout_get_size(layout_, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  void Draw(const std::string& text, double x, double y, double size, bool bold, double width,
            PangoAlignment align = PANGO_ALIGN_LEFT) {
    Set(text, size, bold, width, align);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout_);
  }

  // A paragraph at the cursor, breaking the page when it does not fit.
  void Paragraph(const std::string& text, double size, bool bold = false,
                 PangoAlignment align = PANGO_ALIGN_LEFT, double after = 6) {
    const double h = Measure(text, size, bold, kTextW);
    Need(h);
    Draw(text, kMargin, y_, size, bold, kTextW, align);
    y_ += h + after;
  }

  void Need(double h) {
    if (y_ + h > kPageH - kMargin) NewPage();
  }
  void NewPage() {
    cairo_show_page(cr_);
    y_ = kMargin;
  }

  void Table(const report::Table& t) {
    const size_t cols = t.header.size();
    if (cols == 0) return;
    // The label column twice as wide as the others.
    const double unit = kTextW / static_cast<double>(cols + 1);
    auto x_of = [&](size_t c) {
      return kMargin + (c == 0 ? 0 : unit * static_cast<double>(c + 1));
    };
    auto w_of = [&](size_t c) { return c == 0 ? 2 * unit : unit; };
    constexpr double kSize = 8.5, kPad = 3;
    auto row_height = [&](const std::vector<std::string>& cells, bool bold) {
      double h = 0;
      for (size_t c = 0; c < cols; ++c)
        h = std::max(h, Measure(cells[c], kSize, bold, w_of(c) - 2 * kPad));
      return h + 2 * kPad;
    };
    auto draw_row = [&](const std::vector<std::string>& cells, bool bold, double h) {
      if (bold) {
        cairo_set_source_rgb(cr_, 0.87, 0.92, 0.97);
        cairo_rectangle(cr_, kMargin, y_, kTextW, h);
        cairo_fill(cr_);
        cairo_set_source_rgb(cr_, 0, 0, 0);
      }
      for (size_t c = 0; c < cols; ++c) {
        Draw(cells[c], x_of(c) + kPad, y_ + kPad, kSize, bold, w_of(c) - 2 * kPad,
             c == 0 && !bold ? PANGO_ALIGN_LEFT : PANGO_ALIGN_CENTER);
        cairo_rectangle(cr_, x_of(c), y_, w_of(c), h);
      }
      cairo_set_line_width(cr_, 0.5);
      cairo_stroke(cr_);
      y_ += h;
    };
    const double header_h = row_height(t.header, true);
    Need(header_h * 2);
    draw_row(t.header, true, header_h);
    for (const auto& r : t.rows) {
      std::vector<std::string> cells(cols);
      for (size_t c = 0; c < cols && c < r.size(); ++c) cells[c] = CellText(r[c]);
      const double h = row_height(cells, false);
      if (y_ + h > kPageH - kMargin) {
        NewPage();
        draw_row(t.header, true, header_h);
      }
      draw_row(cells, false, h);
    }
    y_ += 6;
  }

  // Horizontal bars of the chart column, one per row with a number, zero line in the middle.
  void Chart(const report::Table& t) {
    if (t.chart_column < 0) return;
    const auto col = static_cast<size_t>(t.chart_column),
               label = static_cast<size_t>(t.label_column);
    const size_t skip = std::min(t.chart_first_row, t.rows.size());
    const std::vector<std::vector<Cell>> charted(t.rows.begin() + static_cast<std::ptrdiff_t>(skip),
                                                 t.rows.end());
    double max_abs = 0;
    size_t bars = 0;
    for (const auto& r : charted) {
      if (col < r.size() && r[col].number) {
        max_abs = std::max(max_abs, std::fabs(*r[col].number));
        ++bars;
      }
    }
    if (bars == 0 || max_abs <= 0) return;
    constexpr double kBar = 11, kLabelW = 90, kValueW = 40;
    Need(kBar * static_cast<double>(bars) + 20);
    Draw(t.header[col], kMargin, y_, 8.5, true, kTextW);
    y_ += 14;
    const double zero = kMargin + kLabelW + (kTextW - kLabelW - kValueW) / 2;
    const double half = (kTextW - kLabelW - kValueW) / 2;
    for (const auto& r : charted) {
      if (col >= r.size() || !r[col].number) continue;
      const double v = *r[col].number;
      Draw(label < r.size() ? CellText(r[label]) : "", kMargin, y_, 7.5, false, kLabelW - 4);
      const double w = half * v / max_abs;
      cairo_set_source_rgb(cr_, v >= 0 ? 0.20 : 0.80, v >= 0 ? 0.45 : 0.30, v >= 0 ? 0.75 : 0.25);
      cairo_rectangle(cr_, std::min(zero, zero + w), y_ + 1, std::fabs(w), kBar - 3);
      cairo_fill(cr_);
      cairo_set_source_rgb(cr_, 0, 0, 0);
      Draw(CellText(r[col]), kPageW - kMargin - kValueW, y_, 7.5, false, kValueW,
           PANGO_ALIGN_RIGHT);
      y_ += kBar;
    }
    cairo_move_to(cr_, zero, y_ - kBar * static_cast<double>(bars));
    cairo_line_to(cr_, zero, y_);
    cairo_set_line_width(cr_, 0.5);
    cairo_stroke(cr_);
    y_ += 8;
  }

 private:
  void Set(const std::string& text, double size, bool bold, double width, PangoAlignment align) {
    PangoFontDescription* font = pango_font_description_from_string(kFont);
    pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
    pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout_, font);
    pango_font_description_free(font);
    pango_layout_set_width(layout_, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout_, align);
    pango_layout_set_text(layout_, text.c_str(), static_cast<int>(text.size()));
  }

  cairo_t* cr_;
  PangoLayout* layout_;
  double y_ = kMargin;
};

}  // namespace

Result<std::string> WritePdf(const Bulletin& b) {
  std::string out;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(Append, &out, kPageW, kPageH);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return Status::Internal("pdf: cannot create the surface");
  }
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, b.title.c_str());
  cairo_t* cr = cairo_create(surface);
  {
    Pages p(cr);
    p.Paragraph(b.title, 16, true, PANGO_ALIGN_CENTER, 4);
    if (!b.subtitle.empty()) p.Paragraph(b.subtitle, 9, false, PANGO_ALIGN_CENTER, 10);
    for (const auto& s : b.summary) p.Paragraph(s, 10.5);
    for (const auto& t : b.tables) {
      p.Need(60);
      p.Paragraph(t.title, 11.5, true, PANGO_ALIGN_LEFT, 2);
      if (!t.basis.empty()) p.Paragraph(t.basis, 8, false, PANGO_ALIGN_RIGHT, 3);
      p.Table(t);
      for (const auto& n : t.notes) p.Paragraph(n, 8);
      p.Chart(t);
    }
    if (!b.notes.empty()) {
      p.Paragraph("说明", 11.5, true);
      for (const auto& n : b.notes) p.Paragraph(n, 8.5);
    }
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t st = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (st != CAIRO_STATUS_SUCCESS)
    return Status::Internal(std::string("pdf: ") + cairo_status_to_string(st));
  return out;
}

}  // namespace ballast::report

// fontconfig (behind pango) and cairo keep process-wide font caches until exit by design;
// LeakSanitizer would report them in every sanitized binary that draws a PDF. The hook lives
// here, in the object every PDF user links.
#if defined(__SANITIZE_ADDRESS__)
#define BALLAST_REPORT_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BALLAST_REPORT_ASAN 1
#endif
#endif
#ifdef BALLAST_REPORT_ASAN
extern "C" const char* __lsan_default_suppressions() {  // NOLINT(bugprone-reserved-identifier)
  return "leak:libfontconfig.so\nleak:libcairo.so\nleak:libpango\n";
}
// ... and without printing the table of them after every run.
extern "C" const char* __lsan_default_options() {  // NOLINT(bugprone-reserved-identifier)
  return "print_suppressions=0";
}
#endif
