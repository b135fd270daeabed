// Region series (issue #12 item 4): figures published per region (工业投资, 技改投资, 地区生产总值,
// 全社会用电量; data/region_indicators.csv), imported as published and answered in cells,
// tables, series and rankings beside the enterprise-based indicators. This layer sits over the
// engine's cells: the analysis use cases hand a request for a region indicator to it.
//
// A figure is the published one; a region without its own takes the sum of its children only
// when the indicator is declared additive (and every child has one); growth is the published
// growth, else computed from the levels of both years. An industry other than BCD, and any
// measure besides value, ytd, yoy and ytd_yoy, has no figure: undefined, never nan or inf.
// They are public aggregates with no enterprise behind them: no small-n suppression, but the
// caller's region scope applies as to every aggregate (docs/security.md).
#ifndef BALLAST_APP_REGION_SERIES_H_
#define BALLAST_APP_REGION_SERIES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/analysis.h"
#include "core/region_indicators.h"
#include "ingest/report.h"
#include "store/region_series_store.h"

namespace ballast::app {

class Ballast;
struct Caller;

// Imports a file region,period,indicator,value,ytd,yoy,ytd_yoy as the caller: importers only,
// and every row's region within the caller's scope (else the file is rejected whole).
Result<ingest::ImportOutcome> ImportRegionSeries(Ballast& b, const Caller& caller,
                                                 std::string_view bytes,
                                                 std::string_view file_name);

// Whether the analysis use cases answer `indicator` from region series.
bool IsRegionSeriesIndicator(std::string_view indicator);

// The figures of one region indicator over the region tree (the computation, apart from I/O).
class RegionSeriesLookup {
 public:
  enum class Field { kValue, kYtd, kYoy, kYtdYoy };
  RegionSeriesLookup(const CodeTree& regions, const std::vector<RegionSeriesRecord>& records,
                     const RegionIndicator& indicator);
  std::optional<double> Get(NodeId region, Period p, Field f) const;
  // The latest period with any figure, or nullopt.
  std::optional<Period> latest() const { return latest_; }

 private:
  std::optional<double> Level(NodeId region, Period p, Field f, int depth) const;
  const RegionSeriesRecord* Find(NodeId region, Period p) const;

  const CodeTree& regions_;
  const RegionIndicator& indicator_;
  std::vector<std::vector<const RegionSeriesRecord*>> by_node_;  // sorted by period
  std::optional<Period> latest_;
};

// 制造业增加值占GDP比重 (seed 000): value_added of section C at the region ÷ its published gdp,
// both cumulative (ytd), × 100, as the caller may see them: the numerator is an enterprise
// aggregate under the disclosure rules, so when it is withheld from the caller, so is the share.
// An empty period takes the latest with a published gdp.
struct ManufacturingShare {
  std::string region, period;
  std::optional<double> value_added, gdp, share;  // 万元, 万元, %
  std::string suppressed;                         // why value_added (and the share) is withheld
};
Result<ManufacturingShare> ManufacturingShareOfGdp(Ballast& b, const Caller& caller,
                                                   const std::string& region,
                                                   const std::string& period);

// The analysis use cases for a region indicator (called by those of analysis.h; a ranking is
// QueryRanking over these tables).
Result<CellAnswer> RegionSeriesCell(Workspace& ws, const CellRequest& request);
Result<TableAnswer> RegionSeriesTable(Workspace& ws, const TableRequest& request);
Result<SeriesAnswer> RegionSeriesSeries(Workspace& ws, const SeriesRequest& request);

}  // namespace ballast::app

#endif  // BALLAST_APP_REGION_SERIES_H_
