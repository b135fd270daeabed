// The demo's other series, so that every kind of warning shows on `make run`: bulk commodity
// prices and supply days (steel, coal, copper, fertiliser) with exactly one red, one yellow and
// one blue episode planted in the last week, and progress reports on some policy targets.
#ifndef BALLAST_GEN_DEMO_EXTRAS_H_
#define BALLAST_GEN_DEMO_EXTRAS_H_

#include <string>
#include <vector>

#include "core/period.h"

namespace ballast::gen {

// Weekly observations over the 13 months up to the last day of `end`, as the commodity import
// reads them (code,name,unit,date,price,stock_days). Planted in the last observation: coal up
// 22 % on the week (red), copper up 12 % (yellow), urea stock at 13 days (blue); steel is calm.
std::string CommodityCsv(Period end);

struct ProgressReport {
  std::string target_id;
  double value = 0;
  std::string date;  // YYYY-MM-DD, within `end`
  std::string note;
};
// Reports on targets of the shipped catalog, dated on or before the last day of `end`.
std::vector<ProgressReport> DemoProgress(Period end);

}  // namespace ballast::gen

#endif  // BALLAST_GEN_DEMO_EXTRAS_H_
