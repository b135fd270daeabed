// The 专精特新 ladder (issue 15 item 3): criteria per stage as data (data/cultivation/criteria.csv)
// checked against the figures an enterprise reported (met / not met / unknown), and the counts of
// recognitions by stage and year (docs/cultivation.md).
#ifndef BALLAST_CULTIVATION_STAGES_H_
#define BALLAST_CULTIVATION_STAGES_H_

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cultivation/pool.h"

namespace ballast::cultivation {

enum class Figure { kRdShare, kRevenueGrowth, kMainProductShare };
std::string_view FigureName(Figure f);  // rd_share | revenue_growth | main_product_share
std::optional<Figure> ParseFigure(std::string_view s);

struct Criterion {
  Stage stage = Stage::kProvincial;
  Figure figure = Figure::kRdShare;
  double min = 0;  // % ; met when the figure ≥ min
};

// Reads `stage,figure,min` (header required); errors name the file, line and field.
Result<std::vector<Criterion>> ParseCriteria(std::string_view bytes, std::string_view file);
// data/cultivation/criteria.csv, linked into the binary.
const std::vector<Criterion>& DefaultCriteria();

enum class Outcome { kMet, kNotMet, kUnknown };
std::string_view OutcomeName(Outcome o);  // met | not_met | unknown

struct Check {
  Criterion criterion;
  std::optional<double> value;
  Outcome outcome = Outcome::kUnknown;
};

struct CriteriaResult {
  std::vector<Check> checks;
  // not_met when one is not met; met when all are met (or the stage has none); else unknown.
  Outcome overall = Outcome::kMet;
};

CriteriaResult CheckCriteria(const std::vector<Criterion>& criteria, const Recognition& r);

// Counts of one group (a region, or everything): per stage, the enterprises recognised in the
// year, and those whose highest stage recognised up to the year's end is it.
struct StageCounts {
  std::string key;
  std::array<int64_t, kStageCount> recognised{}, holding{};
};

// Counts over `rs` for `year`; key(uscc) names an enterprise's group ("" = not counted).
std::vector<StageCounts> CountStages(const std::vector<Recognition>& rs, int year,
                                     const std::function<std::string(const std::string&)>& key);

}  // namespace ballast::cultivation

#endif  // BALLAST_CULTIVATION_STAGES_H_
