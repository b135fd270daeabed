#include "app/analysis.h"

#include <algorithm>
#include <cctype>
#include <numeric>

#include "app/groups.h"
#include "app/parks.h"
#include "app/region_series.h"
#include "engine/measures.h"
#include "engine/roster.h"

namespace ballast::app {

namespace {

struct Resolved {
  std::shared_ptr<const Snapshot> snap;
  CellRef ref;
  std::vector<Measure> measures;
  Dimension of = Dimension::kIndustry;
};

std::optional<double> Opt(double x) {
  if (IsMissing(x)) return std::nullopt;
  return x;
}

// The default period (issue #12 item 6): the latest whose report_rate of output value over
// the whole roster reaches kDefaultReportRate %, else the latest with data — so that views do not
// open on a month for which a handful of enterprises have reported.
constexpr double kDefaultReportRate = 90;

Period DefaultPeriodOf(const Panel& panel) {
  const int ind = panel.catalog().FindIndicator("output_value");
  for (Period p = panel.last_period(); ind >= 0 && p >= panel.first_period(); --p) {
    const double* x = panel.Values(ind, p);
    if (x == nullptr) continue;
    std::vector<double> y;
    panel.Ytd(ind, p, &y);
    int64_t roster = 0, reporting = 0;
    for (uint32_t e = 0; e < panel.num_enterprises(); ++e) {
      if (!OnRoster(panel.enterprise(e), p)) continue;
      ++roster;
      reporting += !IsMissing(x[e]) || !IsMissing(y[e]);
    }
    if (roster == 0) continue;
    const auto rate = 100.0 * static_cast<double>(reporting) / static_cast<double>(roster);
    if (rate >= kDefaultReportRate) return p;
  }
  return panel.last_period();
}

Result<Period> ResolvePeriod(const Panel& panel, const std::string& text, const char* field) {
  if (text.empty()) {
    if (panel.empty()) return Status::Precondition("the store holds no observations yet: import some first");
    return DefaultPeriodOf(panel);
  }
  auto p = ParsePeriod(text);
  if (!p.ok()) return Status::Invalid(std::string(field) + ": " + p.status().message());
  return *p;
}

Result<Dimension> ParseDimension(const std::string& s, const char* field) {
  if (s.empty() || s == "industry") return Dimension::kIndustry;
  if (s == "region") return Dimension::kRegion;
  return Status::Invalid(std::string(field) + ": '" + s + "' is not region or industry");
}

NodeLabel RegionLabel(const Catalog& c, NodeId n) { return {c.regions().node(n).code, c.regions().node(n).name}; }
NodeLabel IndustryLabel(const Catalog& c, NodeId n) {
  return {c.industries().node(n).code, c.industries().node(n).name};
}

Result<Resolved> Resolve(Workspace& ws, const CellRequest& r) {
  Resolved out;
  ASSIGN_OR_RETURN(out.snap, ws.GetSnapshot(r.as_of));
  const Catalog& c = ws.catalog();
  if (r.indicator.empty()) return Status::Invalid("indicator: missing (e.g. output_value)");
  out.ref.indicator = c.FindIndicator(r.indicator);
  if (out.ref.indicator < 0) return Status::Invalid("indicator: unknown indicator '" + r.indicator + "'");
  if (r.measures.empty()) return Status::Invalid("measure: missing (e.g. yoy)");
  for (const auto& m : r.measures) {
    auto parsed = ParseMeasure(m);
    if (!parsed.ok()) return Status::Invalid("measure: " + parsed.status().message());
    out.measures.push_back(*parsed);
  }
  ASSIGN_OR_RETURN(out.ref.period, ResolvePeriod(*out.snap->panel, r.period, "period"));
  RETURN_IF_ERROR(ResolveCellScope(c, r.region, r.industry, r.tags, &out.ref));
  if (!r.park.empty()) RETURN_IF_ERROR(ApplyParkFilter(ws.path(), *out.snap->panel, r.park, &out.ref));
  ASSIGN_OR_RETURN(out.of, ParseDimension(r.of, "of"));
  RETURN_IF_ERROR(out.snap->query->Validate(out.ref, out.measures));
  return out;
}

CellAnswer Labels(const Catalog& c, const Resolved& r, const CellRequest& req) {
  CellAnswer a;
  a.region = RegionLabel(c, r.ref.region);
  a.industry = IndustryLabel(c, r.ref.industry);
  if (const CellFilter* f = r.ref.filter.get()) {
    if (!f->region_group.empty()) a.region = {f->region_group, f->region_group_label};
    if (!f->industry_group.empty()) a.industry = {f->industry_group, f->industry_group_label};
    a.tags = f->tags;
    a.park = f->park;
  }
  a.period = FormatPeriod(r.ref.period);
  a.indicator = req.indicator;
  for (Measure m : r.measures) a.measures.emplace_back(MeasureName(m));
  return a;
}

Row ToRow(NodeLabel label, MeasureRow&& m) {
  Row row;
  row.label = std::move(label);
  row.values = std::move(m.values);
  row.n = m.n;
  return row;
}

}  // namespace

std::vector<std::optional<int32_t>> RankValues(const std::vector<std::optional<double>>& values, bool ascending) {
  std::vector<std::optional<int32_t>> rank(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    if (!values[i]) continue;
    int32_t better = 0;
    for (const auto& v : values) {
      if (v && (ascending ? *v < *values[i] : *v > *values[i])) ++better;
    }
    rank[i] = better + 1;
  }
  return rank;
}

Result<CellAnswer> QueryCell(Workspace& ws, const CellRequest& req) {
  if (IsRegionSeriesIndicator(req.indicator)) return RegionSeriesCell(ws, req);  // app/region_series.h
  ASSIGN_OR_RETURN(Resolved r, Resolve(ws, req));
  ASSIGN_OR_RETURN(MeasureRow m, r.snap->query->Cell(r.ref, r.measures, r.of));
  CellAnswer a = Labels(ws.catalog(), r, req);
  a.row = ToRow(a.region, std::move(m));
  return a;
}

Result<TableAnswer> QueryTable(Workspace& ws, const TableRequest& req) {
  if (IsRegionSeriesIndicator(req.indicator)) return RegionSeriesTable(ws, req);  // app/region_series.h
  ASSIGN_OR_RETURN(Resolved r, Resolve(ws, req));
  const Catalog& c = ws.catalog();
  TableAnswer t;
  t.dim = req.dim.empty() ? "region" : req.dim;
  Dimension of = Dimension::kIndustry;
  std::vector<ChildRow> children;
  if (t.dim == "enterprise") {
    ASSIGN_OR_RETURN(children, r.snap->query->Enterprises(r.ref, r.measures));
  } else {
    ASSIGN_OR_RETURN(of, ParseDimension(t.dim, "dim"));
    ASSIGN_OR_RETURN(children, r.snap->query->Children(r.ref, of, r.measures));
  }
  ASSIGN_OR_RETURN(MeasureRow self, r.snap->query->Cell(r.ref, r.measures, of));
  t.parent = Labels(c, r, req);
  t.parent.row = ToRow(t.parent.region, std::move(self));
  size_t sort_index = 0;
  if (!req.sort.empty()) {
    auto it = std::find(t.parent.measures.begin(), t.parent.measures.end(), req.sort);
    if (it == t.parent.measures.end()) return Status::Invalid("sort: '" + req.sort + "' is not one of the requested measures");
    sort_index = static_cast<size_t>(it - t.parent.measures.begin());
  }
  for (auto& ch : children) {
    NodeLabel label;
    if (t.dim == "enterprise") {
      const auto& e = r.snap->panel->enterprise(ch.enterprise);
      label = {e.uscc, e.name};
    } else {
      label = of == Dimension::kRegion ? RegionLabel(c, ch.node) : IndustryLabel(c, ch.node);
    }
    t.rows.push_back(ToRow(std::move(label), std::move(ch.row)));
  }
  std::vector<std::optional<double>> keys;
  for (const auto& row : t.rows) keys.push_back(row.values[sort_index]);
  auto ranks = RankValues(keys, req.ascending);
  for (size_t i = 0; i < t.rows.size(); ++i) t.rows[i].rank = ranks[i];
  if (t.dim == "enterprise" || !req.sort.empty()) {
    // Ranked order, undefined last; code order breaks ties so the answer is stable.
    std::stable_sort(t.rows.begin(), t.rows.end(), [](const Row& a, const Row& b) {
      if (a.rank.has_value() != b.rank.has_value()) return a.rank.has_value();
      return a.rank.value_or(0) < b.rank.value_or(0);
    });
  }
  if (req.limit > 0 && t.rows.size() > req.limit) t.rows.resize(req.limit);
  return t;
}

Result<SeriesAnswer> QuerySeries(Workspace& ws, const SeriesRequest& req) {
  if (IsRegionSeriesIndicator(req.indicator)) return RegionSeriesSeries(ws, req);  // app/region_series.h
  ASSIGN_OR_RETURN(Resolved r, Resolve(ws, req));
  const Panel& panel = *r.snap->panel;
  Period to = r.ref.period;
  if (!req.to.empty()) {
    ASSIGN_OR_RETURN(to, ResolvePeriod(panel, req.to, "to"));
  }
  Period from = to - 23;
  if (!req.from.empty()) {
    ASSIGN_OR_RETURN(from, ResolvePeriod(panel, req.from, "from"));
  }
  if (from > to) return Status::Invalid("from: " + FormatPeriod(from) + " is after to " + FormatPeriod(to));
  if (to - from >= 240) return Status::Invalid("from: a series covers at most 240 months");
  SeriesAnswer s;
  s.cell = Labels(ws.catalog(), r, req);
  for (Period p = from; p <= to; ++p) {
    CellRef ref = r.ref;
    ref.period = p;
    // The months a batch did not reach come from the previous snapshot (app/cell_rows.h).
    std::optional<MeasureRow> m = r.snap->rows->Find(ref, r.measures, r.of);
    if (!m) {
      ASSIGN_OR_RETURN(m, r.snap->query->Cell(ref, r.measures, r.of));
      r.snap->rows->Put(ref, r.measures, r.of, *m);
    }
    s.points.emplace_back(FormatPeriod(p), ToRow(s.cell.region, std::move(*m)));
  }
  s.cell.period = FormatPeriod(to);
  s.cell.row = s.points.back().second;
  return s;
}

Result<RankingAnswer> QueryRanking(Workspace& ws, const CellRequest& req) {
  // Region indicators too: QueryTable answers their tables (app/region_series.h).
  if (req.measures.size() != 1) return Status::Invalid("measure: a ranking takes exactly one measure");
  TableRequest t;
  static_cast<CellRequest&>(t) = req;
  t.dim = "region";
  ASSIGN_OR_RETURN(TableAnswer now, QueryTable(ws, t));
  ASSIGN_OR_RETURN(Period p, ParsePeriod(now.parent.period));
  t.period = FormatPeriod(p - 1);
  ASSIGN_OR_RETURN(TableAnswer before, QueryTable(ws, t));
  RankingAnswer a;
  a.parent = now.parent;
  a.previous_period = t.period;
  for (size_t i = 0; i < now.rows.size(); ++i) {
    RankingRow row;
    row.label = now.rows[i].label;
    row.value = now.rows[i].values[0];
    row.rank = now.rows[i].rank;
    row.prev_rank = before.rows[i].rank;
    if (row.rank && row.prev_rank) row.rank_change = *row.prev_rank - *row.rank;
    a.rows.push_back(std::move(row));
  }
  std::stable_sort(a.rows.begin(), a.rows.end(), [](const RankingRow& x, const RankingRow& y) {
    if (x.rank.has_value() != y.rank.has_value()) return x.rank.has_value();
    return x.rank.value_or(0) < y.rank.value_or(0);
  });
  return a;
}

Result<EnterpriseInfo> GetEnterprise(Workspace& ws, const std::string& uscc, BatchId as_of) {
  ASSIGN_OR_RETURN(auto snap, ws.GetSnapshot(as_of));
  int64_t e = snap->panel->FindEnterprise(uscc);
  if (e < 0) return Status::NotFound("enterprise '" + uscc + "' does not exist");
  const auto& ent = snap->panel->enterprise(static_cast<uint32_t>(e));
  const Catalog& c = ws.catalog();
  EnterpriseInfo info;
  info.uscc = ent.uscc;
  info.name = ent.name;
  static const char* kSizes[] = {"large", "medium", "small", "micro", ""};
  info.size = kSizes[static_cast<int>(ent.size)];
  if (ent.region != kNoNode) info.region = RegionLabel(c, ent.region);
  if (ent.industry != kNoNode) info.industry = IndustryLabel(c, ent.industry);
  info.tags = ent.tags;
  return info;
}

Result<std::vector<EnterpriseInfo>> SearchEnterprises(Workspace& ws, const std::string& query, size_t limit,
                                                      const std::function<bool(const EnterpriseInfo&)>& visible,
                                                      BatchId as_of) {
  std::string q = query;
  q.erase(0, q.find_first_not_of(" \t"));
  q.erase(q.find_last_not_of(" \t") + 1);
  if (q.empty()) return Status::Invalid("q: empty search text");
  std::string upper = q;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
  ASSIGN_OR_RETURN(auto snap, ws.GetSnapshot(as_of));
  const Panel& panel = *snap->panel;
  const Catalog& c = ws.catalog();
  // (how good the match is, info): 0 exact USCC, 1 USCC prefix, 2 name prefix, 3 name contains
  std::vector<std::pair<int, EnterpriseInfo>> hits;
  for (uint32_t e = 0; e < panel.num_enterprises(); ++e) {
    const auto& ent = panel.enterprise(e);
    int grade = -1;
    if (ent.uscc == upper) {
      grade = 0;
    } else if (ent.uscc.rfind(upper, 0) == 0) {
      grade = 1;
    } else if (ent.name.rfind(q, 0) == 0) {
      grade = 2;
    } else if (ent.name.find(q) != std::string::npos) {
      grade = 3;
    }
    if (grade < 0) continue;
    EnterpriseInfo info;
    info.uscc = ent.uscc;
    info.name = ent.name;
    if (ent.region != kNoNode) info.region = RegionLabel(c, ent.region);
    if (ent.industry != kNoNode) info.industry = IndustryLabel(c, ent.industry);
    if (!visible(info)) continue;
    hits.emplace_back(grade, std::move(info));
  }
  std::sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    if (a.second.name != b.second.name) return a.second.name < b.second.name;
    return a.second.uscc < b.second.uscc;
  });
  std::vector<EnterpriseInfo> out;
  for (auto& h : hits) {
    if (out.size() >= limit) break;
    out.push_back(std::move(h.second));
  }
  return out;
}

Result<std::vector<EnterprisePoint>> GetEnterpriseSeries(Workspace& ws, const std::string& uscc,
                                                         const std::string& indicator, const std::string& from_text,
                                                         const std::string& to_text, BatchId as_of) {
  ASSIGN_OR_RETURN(auto snap, ws.GetSnapshot(as_of));
  const Panel& panel = *snap->panel;
  int64_t e = panel.FindEnterprise(uscc);
  if (e < 0) return Status::NotFound("enterprise '" + uscc + "' does not exist");
  int ind = ws.catalog().FindIndicator(indicator);
  if (ind < 0) return Status::Invalid("indicator: unknown indicator '" + indicator + "'");
  if (ws.catalog().indicators()[static_cast<size_t>(ind)].derived()) {
    return Status::Invalid("indicator: '" + indicator + "' is derived; an enterprise series shows reported indicators");
  }
  std::vector<EnterprisePoint> out;
  if (panel.empty()) return out;
  Period to = panel.last_period(), from = panel.first_period();
  if (!to_text.empty()) {
    ASSIGN_OR_RETURN(to, ResolvePeriod(panel, to_text, "to"));
  }
  if (!from_text.empty()) {
    ASSIGN_OR_RETURN(from, ResolvePeriod(panel, from_text, "from"));
  }
  if (from > to || to - from >= 240) return Status::Invalid("from: the range must be 1 to 240 months");
  const auto i = static_cast<size_t>(e);
  std::vector<double> ytd, base, base_ytd;
  for (Period p = from; p <= to; ++p) {
    EnterprisePoint pt;
    pt.period = FormatPeriod(p);
    const double* v = panel.Values(ind, p);
    pt.value = v ? Opt(v[i]) : std::nullopt;
    panel.Ytd(ind, p, &ytd);
    panel.BaseValues(ind, p, &base);
    panel.BaseYtd(ind, p, &base_ytd);
    pt.ytd = Opt(ytd[i]);
    pt.base = Opt(base[i]);
    pt.base_ytd = Opt(base_ytd[i]);
    pt.prior = Opt(panel.ReportedPrior(ind, p, static_cast<uint32_t>(i), false));
    pt.prior_ytd = Opt(panel.ReportedPrior(ind, p, static_cast<uint32_t>(i), true));
    out.push_back(pt);
  }
  return out;
}

Result<std::vector<std::string>> ListPeriods(Workspace& ws, BatchId as_of) {
  ASSIGN_OR_RETURN(auto snap, ws.GetSnapshot(as_of));
  std::vector<std::string> out;
  if (snap->panel->empty()) return out;
  for (Period p = snap->panel->first_period(); p <= snap->panel->last_period(); ++p) out.push_back(FormatPeriod(p));
  return out;
}

Result<std::string> DefaultPeriod(Workspace& ws, BatchId as_of) {
  ASSIGN_OR_RETURN(auto snap, ws.GetSnapshot(as_of));
  if (snap->panel->empty()) return std::string();
  return FormatPeriod(DefaultPeriodOf(*snap->panel));
}

std::vector<MeasureInfo> Measures() {
  std::vector<MeasureInfo> out;
  for (Measure m : AllMeasures()) {
    out.push_back({std::string(MeasureName(m)), std::string(MeasureNameZh(m)), std::string(MeasureNameEn(m)),
                   IsPercentMeasure(m), NeedsParent(m)});
  }
  return out;
}

std::vector<std::string> MeasureNames() {
  std::vector<std::string> out;
  for (Measure m : AllMeasures()) out.emplace_back(MeasureName(m));
  return out;
}

}  // namespace ballast::app
