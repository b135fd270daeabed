#include "parks/mujun.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "core/incbin.h"
#include "ingest/reader/table_reader.h"

BALLAST_INCBIN(ballast_mujun_weights, BALLAST_PARKS_DATA_DIR "/mujun_weights.csv")
BALLAST_INCBIN(ballast_mujun_grades, BALLAST_PARKS_DATA_DIR "/mujun_grades.csv")

namespace ballast::parks {
namespace {

constexpr std::string_view kNames[] = {"tax_per_mu", "va_per_mu", "va_per_tce", "output_per_mu",
                                       "rd_intensity"};
constexpr std::string_view kNamesZh[] = {"亩均税收", "亩均增加值", "单位能耗增加值", "亩均营业收入",
                                         "研发经费投入强度"};

std::optional<double> Div(std::optional<double> num, double den) {
  if (!num || !(den > 0)) return std::nullopt;
  const double v = *num / den;
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

Result<double> Number(std::string_view s) {
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v) || v < 0)
    return Status::Invalid("'" + std::string(s) + "' is not a number ≥ 0");
  return v;
}

// Reads a small two-or-more-column table; fn(line, cells) per data row (header checked here).
template <typename Fn>
Status ReadRows(std::string_view bytes, std::string_view file, std::string_view header0, Fn fn) {
  bool header = false;
  auto info = ingest::ReadTable(
      bytes, file, [&](int64_t line, std::span<const std::string_view> cells) -> Status {
        const std::string where = std::string(file) + ":" + std::to_string(line) + ": ";
        if (!header) {
          header = true;
          if (cells.empty() || cells[0] != header0)
            return Status::Invalid(where + "the header must start with " + std::string(header0));
          return Status::Ok();
        }
        if (cells.size() < 2) return Status::Invalid(where + "expected at least 2 columns");
        Status s = fn(cells);
        if (!s.ok()) return Status::Invalid(where + s.message());
        return Status::Ok();
      });
  if (!info.ok()) return info.status();
  return Status::Ok();
}

}  // namespace

std::string_view FigureName(Figure f) { return kNames[f]; }
std::string_view FigureNameZh(Figure f) { return kNamesZh[f]; }

std::optional<Figure> ParseFigure(std::string_view s) {
  for (int i = 0; i < kFigureCount; ++i) {
    if (s == kNames[i]) return static_cast<Figure>(i);
  }
  return std::nullopt;
}

Figures ComputeFigures(const Inputs& in) {
  Figures f;
  f[kTaxPerMu] = Div(in.tax, in.land_mu);
  f[kVaPerMu] = Div(in.value_added, in.land_mu);
  f[kVaPerTce] = Div(in.value_added, in.energy_tce);
  f[kOutputPerMu] = Div(in.output, in.land_mu);
  // Intensity against operating revenue; none when R&D was not reported.
  if (in.rd_expense && in.output) f[kRdIntensity] = Div(*in.rd_expense, *in.output);
  return f;
}

Result<Scheme> ParseScheme(std::string_view weights_csv, std::string_view weights_file,
                           std::string_view grades_csv, std::string_view grades_file) {
  Scheme s;
  std::array<bool, kFigureCount> seen{};
  RETURN_IF_ERROR(ReadRows(
      weights_csv, weights_file, "figure", [&](std::span<const std::string_view> c) -> Status {
        auto f = ParseFigure(c[0]);
        if (!f) return Status::Invalid("figure: '" + std::string(c[0]) + "' is not a 亩均 figure");
        if (seen[*f]) return Status::Invalid("figure: given twice");
        seen[*f] = true;
        if (c.size() < 3) return Status::Invalid("benchmark: missing");
        auto w = Number(c[1]);
        if (!w.ok()) return Status::Invalid("weight: " + w.status().message());
        auto b = Number(c[2]);
        if (!b.ok() || *b <= 0)
          return Status::Invalid("benchmark: '" + std::string(c[2]) + "' is not a number > 0");
        s.weight[*f] = *w;
        s.benchmark[*f] = *b;
        return Status::Ok();
      }));
  double total = 0;
  for (int i = 0; i < kFigureCount; ++i) total += s.weight[i];
  if (!(total > 0))
    return Status::Invalid(std::string(weights_file) + ": weight: the weights sum to 0");
  double last = 101;
  RETURN_IF_ERROR(ReadRows(
      grades_csv, grades_file, "grade", [&](std::span<const std::string_view> c) -> Status {
        if (c[0].empty()) return Status::Invalid("grade: required");
        auto m = Number(c[1]);
        if (!m.ok() || *m > 100)
          return Status::Invalid("min_score: '" + std::string(c[1]) +
                                 "' is not a score in [0, 100]");
        if (*m >= last)
          return Status::Invalid("min_score: grades go from best to worst, scores decreasing");
        last = *m;
        s.grades.emplace_back(std::string(c[0]), *m);
        return Status::Ok();
      }));
  if (s.grades.empty() || s.grades.back().second != 0)
    return Status::Invalid(std::string(grades_file) +
                           ": min_score: the last grade must start at 0 (every score gets one)");
  return s;
}

const Scheme& DefaultScheme() {
  static const Scheme kScheme = [] {
    auto s = ParseScheme(BALLAST_INCBIN_VIEW(ballast_mujun_weights), "mujun_weights.csv",
                         BALLAST_INCBIN_VIEW(ballast_mujun_grades), "mujun_grades.csv");
    // The shipped files are checked by parks_test; a broken build must not run.
    if (!s.ok()) std::abort();
    return *s;
  }();
  return kScheme;
}

Evaluation Evaluate(const Scheme& scheme, const Inputs& in) {
  Evaluation e;
  e.figures = ComputeFigures(in);
  if (!(in.land_mu > 0)) return e;
  double num = 0, den = 0;
  for (int i = 0; i < kFigureCount; ++i) {
    if (!e.figures[i] || scheme.weight[i] <= 0) continue;
    const double ratio = std::min(*e.figures[i] / scheme.benchmark[i], scheme.cap);
    num += scheme.weight[i] * 100.0 * std::max(ratio, 0.0) / scheme.cap;
    den += scheme.weight[i];
  }
  if (!(den > 0)) return e;
  e.score = num / den;
  for (const auto& [grade, min] : scheme.grades) {
    if (*e.score >= min) {
      e.grade = grade;
      break;
    }
  }
  return e;
}

Summary Summarise(const Scheme& scheme, const std::vector<Evaluation>& evals) {
  Summary s;
  s.enterprises = static_cast<int64_t>(evals.size());
  s.grade_counts.assign(scheme.grades.size(), 0);
  for (const auto& e : evals) {
    bool counted = false;
    for (size_t g = 0; g < scheme.grades.size(); ++g) {
      if (!e.grade.empty() && e.grade == scheme.grades[g].first) {
        ++s.grade_counts[g];
        counted = true;
      }
    }
    if (!counted) ++s.ungraded;
  }
  for (int i = 0; i < kFigureCount; ++i) {
    std::vector<double> v;
    for (const auto& e : evals) {
      if (e.figures[i]) v.push_back(*e.figures[i]);
    }
    if (v.empty()) continue;
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    s.median[i] = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    double sum = 0;
    for (double x : v) sum += x;
    s.mean[i] = sum / static_cast<double>(n);
  }
  return s;
}

std::optional<double> Share(double leading, double total) { return Div(leading, total); }

std::string Display(const std::optional<double>& v, int decimals) {
  if (!v || !std::isfinite(*v)) return "—";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, *v);
  return buf;
}

}  // namespace ballast::parks
