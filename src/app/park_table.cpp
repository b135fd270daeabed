#include "app/park_table.h"

#include <algorithm>

#include "app/parks.h"
#include "app/region_series.h"

namespace ballast::app {

Result<ParkTableAnswer> QueryParkTable(Ballast& b, const Caller& caller,
                                       const ParkTableRequest& request) {
  if (!request.park.empty())
    return Status::Invalid("park: the park table lists every park; leave park out");
  if (request.region.rfind('@', 0) == 0)
    return Status::Invalid("region: the park table takes a region code, not a group");
  if (IsRegionSeriesIndicator(request.indicator)) {
    return Status::Invalid("indicator: '" + request.indicator +
                           "' is published per region; parks have no figure of it");
  }
  CellRequest cell = request;
  if (cell.region.empty())
    cell.region = caller.whole_country() ? std::string(kCountryCode) : caller.region;
  // The region's cell first: it checks the permission, the scope, the indicator and the measures.
  ParkTableAnswer out;
  ASSIGN_OR_RETURN(out.parent, QueryCell(b, caller, cell));
  size_t sort_index = 0;
  if (!request.sort.empty()) {
    auto it = std::find(out.parent.measures.begin(), out.parent.measures.end(), request.sort);
    if (it == out.parent.measures.end()) {
      return Status::Invalid("sort: '" + request.sort + "' is not one of the requested measures");
    }
    sort_index = static_cast<size_t>(it - out.parent.measures.begin());
  }
  ASSIGN_OR_RETURN(auto parks, ListParks(b, caller, cell.region));
  cell.period = out.parent.period;  // every park at the same period
  for (auto& p : parks) {
    CellRequest q = cell;
    q.park = p.code;
    ASSIGN_OR_RETURN(CellAnswer a, QueryCell(b, caller, q));
    ParkRow row;
    row.row = std::move(a.row);
    row.row.label = {p.code, p.name};
    row.park = std::move(p);
    out.rows.push_back(std::move(row));
  }
  std::vector<std::optional<double>> keys;
  for (const auto& r : out.rows) keys.push_back(r.row.values[sort_index]);
  const auto ranks = RankValues(keys, request.ascending);
  for (size_t i = 0; i < out.rows.size(); ++i) out.rows[i].row.rank = ranks[i];
  std::stable_sort(out.rows.begin(), out.rows.end(), [](const ParkRow& x, const ParkRow& y) {
    if (x.row.rank.has_value() != y.row.rank.has_value()) return x.row.rank.has_value();
    if (x.row.rank != y.row.rank) return x.row.rank.value_or(0) < y.row.rank.value_or(0);
    return x.park.code < y.park.code;
  });
  if (request.limit > 0 && out.rows.size() > request.limit) out.rows.resize(request.limit);
  return out;
}

}  // namespace ballast::app
