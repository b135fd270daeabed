// Analysis use cases: cells, tables, series, rankings and enterprise views. Requests carry
// codes as the user typed them; every problem is an InvalidArgument/NotFound naming the field.
#ifndef BALLAST_APP_ANALYSIS_H_
#define BALLAST_APP_ANALYSIS_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/answer_cache.h"
#include "app/workspace.h"

namespace ballast::app {

class Ballast;
struct Caller;

struct CellRequest {
  std::string indicator;
  std::vector<std::string> measures;
  std::string period;    // YYYY-MM; empty = the latest period with data
  std::string region;    // empty = 100000 (the whole country)
  std::string industry;  // empty = BCD (all industry); either may name a group (@east, @hightech)
  std::vector<std::string> tags;  // enterprises with any of these tags only (empty = all)
  std::string park;  // a park's members at the period only (issue 15 item 2); "" = all
  std::string of;        // region | industry (default industry)
  BatchId as_of = kLatestBatch;
};

struct NodeLabel {
  std::string code, name;
};

struct Row {
  NodeLabel label;
  std::vector<std::optional<double>> values;  // one per measure
  int32_t n = 0;
  std::optional<int32_t> rank;
  // Disclosure control (app/disclosure.h): why the figures are withheld from this caller, or
  // (for those who see them) why publication would withhold them; "" when neither.
  std::string suppressed, would_suppress;
};

struct CellAnswer {
  NodeLabel region, industry;  // a group's code is its name (@east)
  std::vector<std::string> tags;
  std::string park;
  std::string period, indicator;
  std::vector<std::string> measures;
  Row row;
};
Result<CellAnswer> QueryCell(Workspace& ws, const CellRequest& request);

struct TableRequest : CellRequest {
  std::string dim;   // region | industry | enterprise (default region)
  std::string sort;  // a measure of the request; default the first
  bool ascending = false;
  size_t limit = 0;  // rows at most (0 = all)
};
struct TableAnswer {
  CellAnswer parent;  // the node itself
  std::string dim;
  std::vector<Row> rows;
};
Result<TableAnswer> QueryTable(Workspace& ws, const TableRequest& request);

struct SeriesRequest : CellRequest {
  std::string from, to;  // YYYY-MM; default: the 24 months up to the latest
};
struct SeriesAnswer {
  CellAnswer cell;  // labels; its row is the last point
  std::vector<std::pair<std::string, Row>> points;
};
Result<SeriesAnswer> QuerySeries(Workspace& ws, const SeriesRequest& request);

struct RankingRow {
  NodeLabel label;
  std::optional<double> value;
  std::optional<int32_t> rank, prev_rank, rank_change;
  std::string suppressed, would_suppress;  // as in Row
};
struct RankingAnswer {
  CellAnswer parent;
  std::string previous_period;
  std::vector<RankingRow> rows;
};
// The children of `region` ranked by one measure, with the rank of the previous month.
Result<RankingAnswer> QueryRanking(Workspace& ws, const CellRequest& request);

struct EnterpriseInfo {
  std::string uscc, name, size;
  NodeLabel region, industry;
  std::vector<std::string> tags;
};
Result<EnterpriseInfo> GetEnterprise(Workspace& ws, const std::string& uscc, BatchId as_of = kLatestBatch);
// Enterprises whose USCC starts with `query` (ASCII letters in any case) or whose name contains
// it, for which `visible` holds: exact USCC first, then name prefixes, then the rest by name; at
// most `limit`. InvalidArgument for an empty query.
Result<std::vector<EnterpriseInfo>> SearchEnterprises(Workspace& ws, const std::string& query, size_t limit,
                                                      const std::function<bool(const EnterpriseInfo&)>& visible,
                                                      BatchId as_of = kLatestBatch);

struct EnterprisePoint {
  std::string period;
  std::optional<double> value, ytd, prior, prior_ytd, base, base_ytd;
};
Result<std::vector<EnterprisePoint>> GetEnterpriseSeries(Workspace& ws, const std::string& uscc,
                                                         const std::string& indicator, const std::string& from,
                                                         const std::string& to, BatchId as_of = kLatestBatch);

// Periods with any data, oldest first.
Result<std::vector<std::string>> ListPeriods(Workspace& ws, BatchId as_of = kLatestBatch);
// The period every view opens on (and a request without a period asks): the latest whose
// report_rate of output value over the roster reaches 90 %, else the latest with data; "" when
// there are no data.
Result<std::string> DefaultPeriod(Workspace& ws, BatchId as_of = kLatestBatch);

// The same use cases as the caller may ask them (app/access.h decides): aggregates only inside
// its region scope; share and contributions against a parent region outside the scope are
// undefined (they would reveal the parent's figures); enterprise-level rows for analysts and
// above inside the scope, an enterprise user its own; every read of enterprise-level rows is
// audited. An enterprise outside the scope is NotFound, like one that does not exist.
Result<CellAnswer> QueryCell(Ballast& b, const Caller& caller, const CellRequest& request);
Result<TableAnswer> QueryTable(Ballast& b, const Caller& caller, const TableRequest& request);
Result<SeriesAnswer> QuerySeries(Ballast& b, const Caller& caller, const SeriesRequest& request);
Result<RankingAnswer> QueryRanking(Ballast& b, const Caller& caller, const CellRequest& request);
// The same answers rendered (the API's JSON): a rendering is kept with the cached answer, so a
// request asked before costs its checks, its audit record and a lookup.
Result<std::shared_ptr<const std::string>> QueryCell(Ballast& b, const Caller& caller,
                                                     const CellRequest& request,
                                                     const Rendering<CellAnswer>& r);
Result<std::shared_ptr<const std::string>> QueryTable(Ballast& b, const Caller& caller,
                                                      const TableRequest& request,
                                                      const Rendering<TableAnswer>& r);
Result<std::shared_ptr<const std::string>> QuerySeries(Ballast& b, const Caller& caller,
                                                       const SeriesRequest& request,
                                                       const Rendering<SeriesAnswer>& r);
Result<std::shared_ptr<const std::string>> QueryRanking(Ballast& b, const Caller& caller,
                                                        const CellRequest& request,
                                                        const Rendering<RankingAnswer>& r);
Result<EnterpriseInfo> GetEnterprise(Ballast& b, const Caller& caller, const std::string& uscc,
                                     BatchId as_of = kLatestBatch);
// The enterprise search box: only the enterprises the caller may see (inside its scope; an
// enterprise user itself); the search is audited.
Result<std::vector<EnterpriseInfo>> SearchEnterprises(Ballast& b, const Caller& caller, const std::string& query,
                                                      size_t limit);
Result<std::vector<EnterprisePoint>> GetEnterpriseSeries(Ballast& b, const Caller& caller, const std::string& uscc,
                                                         const std::string& indicator, const std::string& from,
                                                         const std::string& to, BatchId as_of = kLatestBatch);

// The measures the engine computes, for catalogs and the API description.
struct MeasureInfo {
  std::string code, name_zh, name_en;
  bool percent = false, needs_parent = false;
};
std::vector<MeasureInfo> Measures();
std::vector<std::string> MeasureNames();

// Competition ranking ("1224") of values; undefined values get no rank.
std::vector<std::optional<int32_t>> RankValues(const std::vector<std::optional<double>>& values, bool ascending);

}  // namespace ballast::app

#endif  // BALLAST_APP_ANALYSIS_H_
