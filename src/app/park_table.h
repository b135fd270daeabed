// The parks of a region ranked by a measure (issue 15 item 2: "the cockpit and rankings can rank
// parks"): each park the caller may see, its members' cell in the region, rank (位次) and the
// disclosure control of any park cell. app/parks.h holds the parks themselves.
#ifndef BALLAST_APP_PARK_TABLE_H_
#define BALLAST_APP_PARK_TABLE_H_

#include <string>
#include <vector>

#include "app/analysis.h"
#include "app/ballast.h"
#include "app/caller.h"
#include "parks/park.h"

namespace ballast::app {

struct ParkTableRequest : CellRequest {  // `park` must be empty; region "" = the caller's scope
  std::string sort;                      // a measure of the request; default the first
  bool ascending = false;
  size_t limit = 0;  // rows at most (0 = all)
};

struct ParkRow {
  parks::Park park;
  Row row;  // label = the park's code and name
};

struct ParkTableAnswer {
  CellAnswer parent;          // the region's own cell (every enterprise, not only the parks')
  std::vector<ParkRow> rows;  // ranked by `sort` (undefined and withheld last, then by code)
};

// Each park of the caller's scope in `region` with the measures of the cell of its members at
// the period (the same cell as `park=` on /cell, in the requested region), under the disclosure
// control of that cell (a withheld park has no figures and no rank). Ranks are competition ranks
// by the sort measure among the figures the caller receives.
Result<ParkTableAnswer> QueryParkTable(Ballast& b, const Caller& caller,
                                       const ParkTableRequest& request);

}  // namespace ballast::app

#endif  // BALLAST_APP_PARK_TABLE_H_
