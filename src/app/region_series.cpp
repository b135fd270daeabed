#include "app/region_series.h"

#include <algorithm>
#include <cmath>

#include "app/ballast.h"
#include "engine/measures.h"
#include "ingest/region_series_import.h"
#include "store/open.h"

namespace ballast::app {

namespace {

using Field = RegionSeriesLookup::Field;

// A child chain of additive sums is at most this deep (country → province → city → county).
constexpr int kMaxDepth = 4;

std::optional<double> Finite(double x) {
  if (!std::isfinite(x)) return std::nullopt;
  return x;
}

struct Resolved {
  const RegionIndicator* indicator = nullptr;
  std::vector<Field> fields;
  std::vector<std::string> measure_names;
  Period period = 0;
  NodeId region = kNoNode, industry = kNoNode;
  std::vector<RegionSeriesRecord> records;
};

Result<Field> FieldOf(const std::string& name, const RegionIndicator& ind) {
  auto m = ParseMeasure(name);
  if (!m.ok()) return Status::Invalid("measure: " + m.status().message());
  switch (*m) {
    case Measure::kValue:
      return Field::kValue;
    case Measure::kYtd:
      return Field::kYtd;
    case Measure::kYoy:
      return Field::kYoy;
    case Measure::kYtdYoy:
      return Field::kYtdYoy;
    default:
      return Status::Invalid("measure: '" + name + "' is not defined for the region series " +
                             ind.code + " (published figures: value, ytd, yoy, ytd_yoy)");
  }
}

Result<Resolved> Resolve(Workspace& ws, const CellRequest& r) {
  Resolved out;
  const Catalog& c = ws.catalog();
  out.indicator = FindRegionIndicator(r.indicator);
  if (out.indicator == nullptr)
    return Status::Invalid("indicator: unknown indicator '" + r.indicator + "'");
  if (r.measures.empty()) return Status::Invalid("measure: missing (e.g. ytd_yoy)");
  for (const auto& m : r.measures) {
    ASSIGN_OR_RETURN(Field f, FieldOf(m, *out.indicator));
    out.fields.push_back(f);
    out.measure_names.push_back(m);
  }
  out.region = r.region.empty() ? c.country() : c.regions().Find(r.region);
  if (out.region == kNoNode)
    return Status::Invalid("region: unknown region code '" + r.region + "' (GB/T 2260)");
  out.industry = r.industry.empty() ? c.all_industry() : c.FindIndustry(r.industry);
  if (out.industry == kNoNode) {
    return Status::Invalid("industry: unknown industry code '" + r.industry +
                           "' (a section letter, a 2-, 3- or 4-digit GB/T 4754-2017 code, or BCD)");
  }
  if (r.of != "" && r.of != "region" && r.of != "industry") {
    return Status::Invalid("of: '" + r.of + "' is not region or industry");
  }
  ASSIGN_OR_RETURN(auto store, OpenRegionSeriesStore(ws.path()));
  ASSIGN_OR_RETURN(auto all, store->Load());
  for (auto& rec : all) {
    if (rec.indicator == out.indicator->code) out.records.push_back(std::move(rec));
  }
  if (r.period.empty()) {
    Period latest = 0;
    for (const auto& rec : out.records) latest = std::max(latest, rec.period);
    if (latest == 0) {
      return Status::Precondition("no region series of " + out.indicator->code +
                                  " imported yet: import some with `ballast region-series import`");
    }
    out.period = latest;
  } else {
    auto p = ParsePeriod(r.period);
    if (!p.ok()) return Status::Invalid("period: " + p.status().message());
    out.period = *p;
  }
  return out;
}

NodeLabel RegionLabel(const Catalog& c, NodeId n) {
  return {c.regions().node(n).code, c.regions().node(n).name};
}
NodeLabel IndustryLabel(const Catalog& c, NodeId n) {
  return {c.industries().node(n).code, c.industries().node(n).name};
}

CellAnswer Labels(const Catalog& c, const Resolved& r, const CellRequest& req) {
  CellAnswer a;
  a.region = RegionLabel(c, r.region);
  a.industry = IndustryLabel(c, r.industry);
  a.period = FormatPeriod(r.period);
  a.indicator = req.indicator;
  a.measures = r.measure_names;
  return a;
}

// The row of (region, industry, period): published figures exist for all industry only.
Row RowOf(const Catalog& c, const RegionSeriesLookup& lookup, const Resolved& r, NodeId region,
          NodeId industry, Period p, NodeLabel label) {
  Row row;
  row.label = std::move(label);
  for (Field f : r.fields) {
    row.values.push_back(industry == c.all_industry() ? lookup.Get(region, p, f) : std::nullopt);
  }
  return row;
}

}  // namespace

bool IsRegionSeriesIndicator(std::string_view indicator) {
  return FindRegionIndicator(indicator) != nullptr;
}

RegionSeriesLookup::RegionSeriesLookup(const CodeTree& regions,
                                       const std::vector<RegionSeriesRecord>& records,
                                       const RegionIndicator& indicator)
    : regions_(regions), indicator_(indicator), by_node_(regions.size()) {
  for (const auto& rec : records) {
    if (rec.indicator != indicator.code) continue;
    const NodeId n = regions.Find(rec.region);
    if (n == kNoNode) continue;
    by_node_[n].push_back(&rec);
    latest_ = std::max(latest_.value_or(rec.period), rec.period);
  }
  for (auto& v : by_node_) {
    std::sort(v.begin(), v.end(),
              [](const auto* a, const auto* b) { return a->period < b->period; });
  }
}

const RegionSeriesRecord* RegionSeriesLookup::Find(NodeId region, Period p) const {
  const auto& v = by_node_[region];
  auto it = std::lower_bound(v.begin(), v.end(), p,
                             [](const auto* rec, Period q) { return rec->period < q; });
  return it != v.end() && (*it)->period == p ? *it : nullptr;
}

std::optional<double> RegionSeriesLookup::Level(NodeId region, Period p, Field f, int depth) const {
  if (const auto* rec = Find(region, p)) {
    const auto& x = f == Field::kValue ? rec->value : rec->ytd;
    if (x) return x;
  }
  // Children's published figures add up to the parent's only for an additive indicator.
  const auto& children = regions_.node(region).children;
  if (!indicator_.additive || children.empty() || depth >= kMaxDepth) return std::nullopt;
  double sum = 0;
  for (NodeId ch : children) {
    auto x = Level(ch, p, f, depth + 1);
    if (!x) return std::nullopt;
    sum += *x;
  }
  return Finite(sum);
}

std::optional<double> RegionSeriesLookup::Get(NodeId region, Period p, Field f) const {
  if (region == kNoNode || static_cast<size_t>(region) >= by_node_.size()) return std::nullopt;
  if (f == Field::kValue || f == Field::kYtd) return Level(region, p, f, 0);
  if (const auto* rec = Find(region, p)) {
    const auto& g = f == Field::kYoy ? rec->yoy : rec->ytd_yoy;
    if (g) return g;
  }
  // Growth from the levels of both years where the growth itself was not published.
  const Field level = f == Field::kYoy ? Field::kValue : Field::kYtd;
  const auto now = Level(region, p, level, 0), before = Level(region, p - 12, level, 0);
  if (!now || !before || !(*before > 0)) return std::nullopt;
  return Finite((*now / *before - 1) * 100);
}

Result<ingest::ImportOutcome> ImportRegionSeries(Ballast& b, const Caller& caller,
                                                 std::string_view bytes,
                                                 std::string_view file_name) {
  RETURN_IF_ERROR(b.access().Require(caller, auth::Permission::kImport));
  ingest::RegionSeriesOptions o;
  o.today = BeijingPeriod(b.clock().Now());
  if (!caller.whole_country()) {
    // A city importer publishes its own subtree's figures, never its parent's or a neighbour's.
    o.region_allowed = [&b, &caller](const std::string& code) {
      return b.access().InScope(caller, code);
    };
  }
  ASSIGN_OR_RETURN(auto store, OpenRegionSeriesStore(b.path()));
  ASSIGN_OR_RETURN(auto outcome,
                   ingest::ImportRegionSeries(*store, b.catalog(), bytes, file_name, o));
  outcome.batch.user = caller.username;
  outcome.batch.created_at = FormatUtc(b.clock().Now());
  const bool ok = outcome.status == ingest::ImportStatus::kImported;
  (void)b.auth().Audit({caller.username, std::string(auth::RoleName(caller.role)), caller.address,
                        "import.region_series", outcome.report.file, ok ? "success" : "rejected",
                        ok ? std::to_string(outcome.batch.rows) + " rows"
                           : std::to_string(outcome.report.error_count) + " errors"});
  return outcome;
}

Result<ManufacturingShare> ManufacturingShareOfGdp(Ballast& b, const Caller& caller,
                                                   const std::string& region,
                                                   const std::string& period) {
  CellRequest g;
  g.indicator = "gdp";
  g.measures = {"ytd"};
  g.region = region;
  g.period = period;
  ASSIGN_OR_RETURN(CellAnswer gdp, QueryCell(b, caller, g));  // scope first, for both figures
  CellRequest va = g;
  va.indicator = "value_added";
  va.industry = "C";
  va.period = gdp.period;
  ASSIGN_OR_RETURN(CellAnswer mfg, QueryCell(b, caller, va));
  ManufacturingShare out;
  out.region = gdp.region.code;
  out.period = gdp.period;
  out.gdp = gdp.row.values[0];
  out.value_added = mfg.row.values[0];
  out.suppressed = mfg.row.suppressed;
  if (out.value_added && out.gdp && *out.gdp > 0)
    out.share = Finite(*out.value_added / *out.gdp * 100);
  return out;
}

Result<CellAnswer> RegionSeriesCell(Workspace& ws, const CellRequest& req) {
  ASSIGN_OR_RETURN(Resolved r, Resolve(ws, req));
  const Catalog& c = ws.catalog();
  RegionSeriesLookup lookup(c.regions(), r.records, *r.indicator);
  CellAnswer a = Labels(c, r, req);
  a.row = RowOf(c, lookup, r, r.region, r.industry, r.period, a.region);
  return a;
}

Result<TableAnswer> RegionSeriesTable(Workspace& ws, const TableRequest& req) {
  ASSIGN_OR_RETURN(Resolved r, Resolve(ws, req));
  const Catalog& c = ws.catalog();
  RegionSeriesLookup lookup(c.regions(), r.records, *r.indicator);
  TableAnswer t;
  t.dim = req.dim.empty() ? "region" : req.dim;
  if (t.dim == "enterprise") {
    return Status::Invalid("dim: " + r.indicator->code +
                           " is published per region; no enterprises stand behind it");
  }
  if (t.dim != "region" && t.dim != "industry")
    return Status::Invalid("dim: '" + t.dim + "' is not region or industry");
  t.parent = Labels(c, r, req);
  t.parent.row = RowOf(c, lookup, r, r.region, r.industry, r.period, t.parent.region);
  size_t sort_index = 0;
  if (!req.sort.empty()) {
    auto it = std::find(t.parent.measures.begin(), t.parent.measures.end(), req.sort);
    if (it == t.parent.measures.end())
      return Status::Invalid("sort: '" + req.sort + "' is not one of the requested measures");
    sort_index = static_cast<size_t>(it - t.parent.measures.begin());
  }
  if (t.dim == "region") {
    for (NodeId ch : c.regions().node(r.region).children) {
      t.rows.push_back(RowOf(c, lookup, r, ch, r.industry, r.period, RegionLabel(c, ch)));
    }
  } else {
    for (NodeId ch : c.industries().node(r.industry).children) {
      t.rows.push_back(RowOf(c, lookup, r, r.region, ch, r.period, IndustryLabel(c, ch)));
    }
  }
  std::vector<std::optional<double>> keys;
  for (const auto& row : t.rows) keys.push_back(row.values[sort_index]);
  const auto ranks = RankValues(keys, req.ascending);
  for (size_t i = 0; i < t.rows.size(); ++i) t.rows[i].rank = ranks[i];
  if (!req.sort.empty()) {
    std::stable_sort(t.rows.begin(), t.rows.end(), [](const Row& a, const Row& b) {
      if (a.rank.has_value() != b.rank.has_value()) return a.rank.has_value();
      return a.rank.value_or(0) < b.rank.value_or(0);
    });
  }
  if (req.limit > 0 && t.rows.size() > req.limit) t.rows.resize(req.limit);
  return t;
}

Result<SeriesAnswer> RegionSeriesSeries(Workspace& ws, const SeriesRequest& req) {
  ASSIGN_OR_RETURN(Resolved r, Resolve(ws, req));
  const Catalog& c = ws.catalog();
  RegionSeriesLookup lookup(c.regions(), r.records, *r.indicator);
  Period to = r.period, from = to - 23;
  if (!req.to.empty()) {
    auto p = ParsePeriod(req.to);
    if (!p.ok()) return Status::Invalid("to: " + p.status().message());
    to = *p;
    if (req.from.empty()) from = to - 23;
  }
  if (!req.from.empty()) {
    auto p = ParsePeriod(req.from);
    if (!p.ok()) return Status::Invalid("from: " + p.status().message());
    from = *p;
  }
  if (from > to)
    return Status::Invalid("from: " + FormatPeriod(from) + " is after to " + FormatPeriod(to));
  if (to - from >= 240) return Status::Invalid("from: a series covers at most 240 months");
  SeriesAnswer s;
  s.cell = Labels(c, r, req);
  for (Period p = from; p <= to; ++p) {
    s.points.emplace_back(FormatPeriod(p),
                          RowOf(c, lookup, r, r.region, r.industry, p, s.cell.region));
  }
  s.cell.period = FormatPeriod(to);
  s.cell.row = s.points.back().second;
  return s;
}

}  // namespace ballast::app
