#include "engine/cube.h"

#include <algorithm>
#include <map>

#include "core/parallel.h"
#include "engine/measure_context.h"
#include "engine/roster.h"
#include "engine/seasonal_adjust.h"

namespace ballast {

Cube::Cube(const Panel& panel) : panel_(panel) {
  const Catalog& cat = panel.catalog();
  const CodeTree& regions = cat.regions();
  const CodeTree& industries = cat.industries();
  // Industry axis: BCD, its sections, their divisions.
  industry_slot_.assign(industries.size(), -1);
  auto add_slot = [&](NodeId n) {
    industry_slot_[static_cast<size_t>(n)] = static_cast<int32_t>(slot_nodes_.size());
    slot_nodes_.push_back(n);
  };
  add_slot(cat.all_industry());
  for (NodeId s : industries.node(cat.all_industry()).children) add_slot(s);
  for (NodeId s : industries.node(cat.all_industry()).children) {
    for (NodeId d : industries.node(s).children) add_slot(d);
  }
  // Region axis: nodes whose subtree holds an enterprise, in pre-order (parents first).
  std::vector<char> used(regions.size(), 0);
  for (uint32_t e = 0; e < panel.num_enterprises(); ++e) {
    for (NodeId r = panel.enterprise(e).region; r != kNoNode && !used[static_cast<size_t>(r)];
         r = regions.node(r).parent) {
      used[static_cast<size_t>(r)] = 1;
    }
  }
  for (NodeId r = 0; r < static_cast<NodeId>(regions.size()); ++r) {
    if (used[static_cast<size_t>(r)]) region_nodes_.push_back(r);
  }
  std::sort(region_nodes_.begin(), region_nodes_.end(),
            [&](NodeId a, NodeId b) { return regions.node(a).tin < regions.node(b).tin; });
  region_index_.assign(regions.size(), -1);
  for (size_t i = 0; i < region_nodes_.size(); ++i) {
    region_index_[static_cast<size_t>(region_nodes_[i])] = static_cast<int32_t>(i);
  }
  const auto slots = static_cast<int32_t>(slot_nodes_.size());
  enterprise_cell_.assign(panel.num_enterprises(), -1);
  for (uint32_t e = 0; e < panel.num_enterprises(); ++e) {
    const auto& ent = panel.enterprise(e);
    if (ent.region == kNoNode || ent.industry == kNoNode) continue;
    NodeId division = industries.AncestorAtDepth(ent.industry, 2);
    if (division == kNoNode || !industries.Contains(cat.all_industry(), division)) continue;
    enterprise_cell_[e] = region_index_[static_cast<size_t>(ent.region)] * slots +
                          industry_slot_[static_cast<size_t>(division)];
  }
}

std::unique_ptr<Cube> Cube::Build(const Panel& panel, int threads) {
  std::unique_ptr<Cube> cube(new Cube(panel));
  const size_t periods =
      panel.empty() ? 0 : static_cast<size_t>(panel.last_period() - panel.first_period() + 1);
  cube->slabs_.resize(panel.catalog().indicators().size() * periods);
  cube->Recompute(threads);
  return cube;
}

void Cube::Recompute(int threads) {
  ParallelFor(panel_.catalog().indicators().size(), std::max(1, threads),
              [this](size_t i) { BuildIndicator(static_cast<int>(i)); });
}

void Cube::BuildIndicator(int indicator) {
  const Indicator& ind = panel_.catalog().indicators()[static_cast<size_t>(indicator)];
  if (ind.kind == IndicatorKind::kNegativeShare || panel_.empty())
    return;  // read from its base's cells
  const CodeTree& regions = panel_.catalog().regions();
  const size_t n = panel_.num_enterprises();
  const auto slots = static_cast<size_t>(slot_nodes_.size());
  const size_t rows = region_nodes_.size();
  const Period first = panel_.first_period(), last = panel_.last_period();
  const size_t periods = static_cast<size_t>(last - first + 1);
  std::vector<double> missing(n, kMissing);
  auto values = [&](int i, Period q) {
    const double* v = panel_.Values(i, q);
    return v != nullptr ? v : missing.data();
  };
  // Year-to-date columns for every period, kept for the year-ago bases.
  const bool ratio = ind.kind == IndicatorKind::kRatio;
  const int num = ratio ? panel_.catalog().FindIndicator(ind.numerator) : indicator;
  const int den = ratio ? panel_.catalog().FindIndicator(ind.denominator) : -1;
  std::vector<std::vector<double>> ytd(periods), den_ytd(ratio ? periods : 0);
  for (Period t = first; t <= last; ++t) {
    const auto i = static_cast<size_t>(t - first);
    if (i > 0) ytd[i] = ytd[i - 1];
    panel_.YtdStep(num, t, &ytd[i]);
    if (ratio) {
      if (i > 0) den_ytd[i] = den_ytd[i - 1];
      panel_.YtdStep(den, t, &den_ytd[i]);
    }
  }
  EnterpriseFigures f;
  std::vector<double> xr, yr;
  WindowColumns quarter, half;
  for (Period t = first; t <= last; ++t) {
    const auto ti = static_cast<size_t>(t - first);
    std::vector<CellSums>& slab = slabs_[static_cast<size_t>(indicator) * periods + ti];
    if (slab.size() == rows * slots)
      std::fill(slab.begin(), slab.end(), CellSums{});
    else
      slab.assign(rows * slots, CellSums{});
    if (ratio) {
      const double* x = values(num, t);
      const double* y = ytd[ti].data();
      const double* dx = values(den, t);
      const double* dy = den_ytd[ti].data();
      for (size_t e = 0; e < n; ++e) {
        if (enterprise_cell_[e] < 0) continue;
        CellSums& s = slab[static_cast<size_t>(enterprise_cell_[e])];
        const int32_t before = s.n;
        s.AddRatio(x[e], dx[e], y[e], dy[e]);
        AddRoster(panel_.enterprise(static_cast<uint32_t>(e)), t, s.n > before, &s);
      }
    } else {
      f.Load(panel_, num, t, EnterpriseFigures::kAll, &ytd[ti], ti >= 12 ? &ytd[ti - 12] : nullptr);
      const double *x = f.x(), *y = f.y(), *bx = f.bx(), *by = f.by();
      RealFigures(panel_, num, t, &xr, &yr);
      const bool windows = ind.kind == IndicatorKind::kFlow;
      if (windows) WindowFigures(panel_, num, t, &quarter, &half);
      for (size_t e = 0; e < n; ++e) {
        if (enterprise_cell_[e] < 0) continue;
        CellSums& s = slab[static_cast<size_t>(enterprise_cell_[e])];
        const int32_t before = s.n;
        s.Add(x[e], y[e], bx[e], by[e]);
        s.AddReal(x[e], y[e], bx[e], by[e], xr[e], yr[e]);
        if (windows) {
          s.quarter.Add(quarter.w[e], quarter.bw[e], quarter.wr[e]);
          s.half.Add(half.w[e], half.bw[e], half.wr[e]);
        }
        AddRoster(panel_.enterprise(static_cast<uint32_t>(e)), t, s.n > before, &s);
      }
    }
    // Roll up the industry axis (divisions -> sections -> BCD), then the region tree bottom-up.
    const CodeTree& industries = panel_.catalog().industries();
    for (size_t r = 0; r < rows; ++r) {
      CellSums* row = &slab[r * slots];
      for (size_t s = slots; s-- > 1;) {
        NodeId parent = industries.node(slot_nodes_[s]).parent;
        row[industry_slot_[static_cast<size_t>(parent)]].Merge(row[s]);
      }
    }
    for (size_t r = rows; r-- > 1;) {
      NodeId parent = regions.node(region_nodes_[r]).parent;
      CellSums* to = &slab[static_cast<size_t>(region_index_[static_cast<size_t>(parent)]) * slots];
      const CellSums* from = &slab[r * slots];
      for (size_t s = 0; s < slots; ++s) to[s].Merge(from[s]);
    }
  }
}

const CellSums* Cube::Find(int indicator, Period p, NodeId region, NodeId industry) const {
  if (!panel_.HasPeriod(p) || region == kNoNode || industry == kNoNode) return nullptr;
  const Indicator& ind = panel_.catalog().indicators()[static_cast<size_t>(indicator)];
  if (ind.kind == IndicatorKind::kNegativeShare)
    indicator = panel_.catalog().FindIndicator(ind.numerator);
  int32_t r = region_index_[static_cast<size_t>(region)];
  int32_t s = industry_slot_[static_cast<size_t>(industry)];
  if (r < 0 || s < 0) return nullptr;
  const size_t periods = static_cast<size_t>(panel_.last_period() - panel_.first_period() + 1);
  const auto& slab = slabs_[static_cast<size_t>(indicator) * periods +
                            static_cast<size_t>(p - panel_.first_period())];
  return &slab[static_cast<size_t>(r) * slot_nodes_.size() + static_cast<size_t>(s)];
}

std::optional<double> Cube::Value(const CellRef& c, Measure m, Dimension of) const {
  const CellSums* cell = Find(c.indicator, c.period, c.region, c.industry);
  if (cell == nullptr) return std::nullopt;
  const Catalog& cat = panel_.catalog();
  NodeId pr = c.region, pi = c.industry;
  if (of == Dimension::kRegion)
    pr = cat.regions().node(c.region).parent;
  else
    pi = cat.industries().node(c.industry).parent;
  const ContextPeriods need = ContextPeriodsFor({m}, c.period);
  auto at = [&](bool needed, Period q) {
    return needed ? Find(c.indicator, q, c.region, c.industry) : nullptr;
  };
  MeasureContext ctx =
      CellContext(need, Find(c.indicator, c.period, pr, pi), at(need.year_ago, c.period - 12),
                  at(need.january, c.period - 1), at(need.january_year_ago, c.period - 13));
  if (need.history) {
    std::vector<const CellSums*> series{cell};
    for (Period q = c.period - 1; q > c.period - kMaxSaMonths; --q) {
      const CellSums* s = Find(c.indicator, q, c.region, c.industry);
      if (s == nullptr || s->n == 0) break;  // the cell's unbroken run, as AtomContexts
      series.push_back(s);
    }
    std::reverse(series.begin(), series.end());
    ctx.mom_sa =
        MomSaAtEnd(MonthlyFlowFromSums(c.period - static_cast<Period>(series.size()) + 1, series));
  }
  return ComputeMeasure(m, cat.indicators()[static_cast<size_t>(c.indicator)], *cell, ctx);
}

size_t Cube::bytes() const {
  size_t b = 0;
  for (const auto& s : slabs_) b += s.capacity() * sizeof(CellSums);
  return b;
}

size_t Cube::cells() const {
  size_t c = 0;
  for (const auto& s : slabs_) c += s.size();
  return c;
}

GroupIndex::GroupIndex(const Panel& panel, int32_t region_depth, int32_t industry_depth) {
  const CodeTree& regions = panel.catalog().regions();
  const CodeTree& industries = panel.catalog().industries();
  std::map<std::pair<NodeId, NodeId>, int32_t> ids;
  key_.assign(panel.num_enterprises(), -1);
  for (uint32_t e = 0; e < panel.num_enterprises(); ++e) {
    const auto& ent = panel.enterprise(e);
    NodeId r = regions.AncestorAtDepth(ent.region, region_depth);
    NodeId i = industries.AncestorAtDepth(ent.industry, industry_depth);
    if (r == kNoNode || i == kNoNode) continue;
    auto [it, inserted] = ids.emplace(std::pair(r, i), static_cast<int32_t>(nodes_.size()));
    if (inserted) nodes_.push_back({r, i});
    key_[e] = it->second;
  }
}

std::vector<GroupGrowth> GroupedGrowth(const Panel& panel, const GroupIndex& index, int indicator,
                                       Period p) {
  const double* x = panel.Values(indicator, p);
  const double* b = panel.Values(indicator, p - 12);
  std::vector<GroupGrowth> out;
  if (x == nullptr || b == nullptr) return out;
  std::vector<double> xs(index.groups(), 0.0), bs(index.groups(), 0.0);
  std::vector<char> seen(index.groups(), 0);
  for (uint32_t e = 0; e < panel.num_enterprises(); ++e) {
    const int32_t g = index.group(e);
    if (g < 0 || !(x[e] == x[e]) || !(b[e] == b[e])) continue;
    xs[static_cast<size_t>(g)] += x[e];
    bs[static_cast<size_t>(g)] += b[e];
    seen[static_cast<size_t>(g)] = 1;
  }
  for (size_t g = 0; g < xs.size(); ++g) {
    if (seen[g]) out.push_back({index.nodes(g).first, index.nodes(g).second, xs[g], bs[g]});
  }
  return out;
}

}  // namespace ballast
