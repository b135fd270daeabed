// 亩均 evaluation (亩均论英雄, issue 15 item 2): per enterprise and year, output and tax per mu of
// land, value added per mu and per tonne of standard coal, R&D intensity; a weighted score and an
// A/B/C/D grade with weights, benchmarks and cut-offs as data (data/parks/mujun_*.csv, documented
// in docs/parks.md); aggregates of a set of enterprises. Undefined figures (0 land, 0 energy, no
// revenue) are none, never nan/inf. Core only; app/parks.cpp builds the inputs.
#ifndef BALLAST_PARKS_MUJUN_H_
#define BALLAST_PARKS_MUJUN_H_

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace ballast::parks {

enum Figure { kTaxPerMu = 0, kVaPerMu, kVaPerTce, kOutputPerMu, kRdIntensity, kFigureCount };
std::string_view FigureName(Figure f);    // tax_per_mu | va_per_mu | va_per_tce | ...
std::string_view FigureNameZh(Figure f);  // 亩均税收 | ...
std::optional<Figure> ParseFigure(std::string_view s);

// One enterprise's year. Amounts in 万元, land in 亩, energy in 吨标准煤. `output` is the
// operating revenue (营业收入) when reported, else the gross output value.
struct Inputs {
  double land_mu = 0, energy_tce = 0, tax = 0;
  std::optional<double> output, value_added, rd_expense;
};

using Figures = std::array<std::optional<double>, kFigureCount>;
Figures ComputeFigures(const Inputs& in);

struct Scheme {
  std::array<double, kFigureCount> weight{}, benchmark{};
  // A figure at `cap` times its benchmark or more scores 100; at the benchmark 100 / cap.
  double cap = 2;
  // Grades from best to worst with the lowest score that earns each ("A", 70), ...
  std::vector<std::pair<std::string, double>> grades;
};
// Parses the two tables (figure,weight,benchmark[,unit,name_zh] and grade,min_score); errors
// name the file, line and field.
Result<Scheme> ParseScheme(std::string_view weights_csv, std::string_view weights_file,
                           std::string_view grades_csv, std::string_view grades_file);
// The shipped default (data/parks/mujun_weights.csv, mujun_grades.csv).
const Scheme& DefaultScheme();

struct Evaluation {
  Figures figures;
  std::optional<double> score;  // 0..100; none without land
  std::string grade;            // "" (shown "—") without a score
};
// score = Σ w_i · 100·min(x_i / b_i, cap)/cap / Σ w_i over the figures that are defined; an
// enterprise without land (0 亩) gets no score and no grade.
Evaluation Evaluate(const Scheme& scheme, const Inputs& in);

// Grade counts and the median and mean of each figure (over the enterprises where it is
// defined) of a set of evaluations.
struct Summary {
  int64_t enterprises = 0;
  std::vector<int64_t> grade_counts;  // per scheme grade, in its order
  int64_t ungraded = 0;
  Figures median{}, mean{};
};
Summary Summarise(const Scheme& scheme, const std::vector<Evaluation>& evals);

// leading / total, none when total is 0.
std::optional<double> Share(double leading, double total);
// "12.3" with one decimal, "—" for none (the figures' display).
std::string Display(const std::optional<double>& v, int decimals = 1);

}  // namespace ballast::parks

#endif  // BALLAST_PARKS_MUJUN_H_
