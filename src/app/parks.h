// Park use cases (开发区/园区, issue 15 item 2): imports of parks, memberships and yearly
// resources, the parks a caller may see, and the 亩均 evaluation of a park or region. A park lies
// in the scope of its region (a city user sees its own parks only); an enterprise's grade is shown
// only to callers who may see that enterprise; aggregates pass the threshold rule of data/sdc.toml.
#ifndef BALLAST_APP_PARKS_H_
#define BALLAST_APP_PARKS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/ballast.h"
#include "app/caller.h"
#include "engine/panel.h"
#include "engine/query.h"
#include "parks/mujun.h"
#include "parks/park.h"

namespace ballast::app {

enum class ParkImportKind { kParks, kMembers, kResources };
// parks | members | resources.
Result<ParkImportKind> ParseParkImportKind(std::string_view s);

// Imports one file (CSV/XLSX) of the kind, all rows or none: importers and administrators, every
// row's park (its region) or enterprise inside their scope; an unknown park or enterprise is an
// error naming the file, line and field. Members replace the memberships of the parks the file
// names. Returns the number of rows written.
Result<int64_t> ImportParkFile(Ballast& b, const Caller& c, ParkImportKind kind,
                               std::string_view bytes, const std::string& file_name);

// The parks in `region` ("" = the caller's scope), by code.
Result<std::vector<parks::Park>> ListParks(Ballast& b, const Caller& c, const std::string& region);

// The members of a park in month `p` (enterprise USCCs), or every USCC ever a member when p is
// nullopt. NotFound for a park the caller may not see.
Result<std::vector<std::string>> ParkMembers(Ballast& b, const Caller& c, const std::string& park,
                                             std::optional<Period> p);

struct GradedEnterprise {
  std::string uscc, name, park;
  parks::Inputs inputs;
  parks::Evaluation evaluation;
};

struct ParkGrades {
  int year = 0;
  std::string park, region;              // what was asked (one of them)
  std::vector<std::string> grade_names;  // the scheme's grades, best first
  // The enterprises evaluated (members in December of the year, or the last month the panel
  // holds; for a region every enterprise with resources in it) that the caller may see one by one.
  std::vector<GradedEnterprise> enterprises;
  parks::Summary summary;
  std::string suppressed;  // "threshold" when the summary is withheld, else ""
  // A park's leading-industry share of its members' output value (year to date); none when
  // undefined or withheld.
  std::optional<double> leading_share;
  std::string leading_suppressed;
};

// The 亩均 evaluation of `year` for one park (code) or one region ("" = the caller's scope).
Result<ParkGrades> EvaluateParks(Ballast& b, const Caller& c, int year, const std::string& park,
                                 const std::string& region);

// Restricts `ref` to the members of `park` month by month (the filter's park spans; issue 15
// item 2): `--park` on `ballast query`, `park=` on the API. InvalidArgument for an unknown park.
Status ApplyParkFilter(const std::string& locator, const Panel& panel, const std::string& park,
                       CellRef* ref);

}  // namespace ballast::app

#endif  // BALLAST_APP_PARKS_H_
