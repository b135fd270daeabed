// Development zones (开发区/园区, issue 15 item 2): the park record, an enterprise's membership of
// a park with dates, and an enterprise's yearly resources (land, energy, tax, R&D) that the 亩均
// evaluation divides by. Plain data over core only: the store keeps them, app/ decides who sees
// them.
#ifndef BALLAST_PARKS_PARK_H_
#define BALLAST_PARKS_PARK_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/period.h"
#include "core/status.h"

namespace ballast::parks {

enum class Level { kNational, kProvincial };
std::string_view LevelName(Level l);    // national | provincial
std::string_view LevelNameZh(Level l);  // 国家级 | 省级
std::optional<Level> ParseLevel(std::string_view s);

struct Park {
  std::string code, name;
  Level level = Level::kProvincial;
  std::string region;                           // GB/T 2260
  double area_mu = 0;                           // 亩
  double industrial_land_share = 0;             // planned, 0..1
  std::vector<std::string> leading_industries;  // 1–2 GB/T 4754 codes
};

// An enterprise belongs to a park from `from` to `to` (inclusive, "YYYY-MM-DD"; `to` "" = still).
struct Membership {
  std::string park, uscc, from, to;
  // Whether the enterprise belongs to the park in month `p` (any day of the month counts).
  bool ActiveIn(Period p) const;
};

// One enterprise's resources of one year. Tax and R&D in 万元; R&D is optional (not every
// enterprise reports it).
struct Resource {
  std::string uscc;
  int year = 0;
  double land_mu = 0;                // 亩
  double energy_tce = 0;             // 吨标准煤
  double tax = 0;                    // 万元
  std::optional<double> rd_expense;  // 万元
};

// "YYYY-MM-DD" that is a real calendar date.
bool IsDate(std::string_view s);

// The park's fields (level, share in [0,1], area ≥ 0, 1–2 leading industries); names the field.
Status CheckPark(const Park& p);

// Leading industries as a file gives them: "C26;C39" (also "，" or "," separated).
std::vector<std::string> SplitIndustries(std::string_view s);
std::string JoinIndustries(const std::vector<std::string>& v);

}  // namespace ballast::parks

#endif  // BALLAST_PARKS_PARK_H_
