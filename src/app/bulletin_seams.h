// The bulletin's seams: figures that other branches of issue #12 provide and that the bulletin
// computes here until they land. Each is one function, replaced by a call into the engine or the
// store when its branch is merged.
#ifndef BALLAST_APP_BULLETIN_SEAMS_H_
#define BALLAST_APP_BULLETIN_SEAMS_H_

#include <optional>
#include <string>
#include <vector>

#include "app/workspace.h"
#include "core/status.h"

namespace ballast::app {

class Ballast;
struct Caller;

// An industry group as the bulletin lists it: its name and the GB/T 4754 divisions it sums.
// An empty list: no class list at hand (高技术制造业 is defined by 4-digit classes).
struct IndustryGroup {
  std::string name;
  std::vector<std::string> divisions;
};
// 高技术制造业, 装备制造业 (33–40), 六大高耗能 (25, 26, 30, 31, 32, 44).
const std::vector<IndustryGroup>& BulletinGroups();

struct GroupFigures {
  std::optional<double> ytd_yoy_real;  // value_added, 1–N月, comparable prices, %
  std::optional<double> share;         // of the region's all-industry value_added, 1–N月, %
  int32_t n = 0;                       // reporting enterprises
  bool withheld = false;               // below the threshold rule for this caller
};

// SEAM (issue #12 item 5): the engine gains the groups @hightech, @equipment and @energy6 on
// another branch. Until then this sums the enterprises of the listed divisions in the region
// (one pass of the engine's atom sums) and applies the engine's own measure formula; the
// threshold rule of disclosure control withholds a group with too few contributors from callers
// who get published figures. Replace with QueryCell(industry = "@equipment", …) when it lands.
Result<GroupFigures> IndustryGroupFigures(Ballast& b, const Caller& caller,
                                          const std::vector<std::string>& divisions,
                                          const std::string& region, const std::string& period,
                                          BatchId as_of);

// SEAM (issue #12 item 4): 工业投资 growth (1–N月) of a region, from region series imported on
// another branch; undefined until it lands (the bulletin prints "—").
std::optional<double> InvestmentGrowth(Ballast& b, const std::string& region,
                                       const std::string& period);

// The target of 规上工业增加值 growth for the region: a growth target of the policy catalog whose
// metric is value_added in that region (e.g. 6 %), or none.
std::optional<double> ValueAddedGrowthTarget(const std::string& region);

}  // namespace ballast::app

#endif  // BALLAST_APP_BULLETIN_SEAMS_H_
