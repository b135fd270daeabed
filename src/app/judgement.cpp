#include "app/judgement.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "app/ballast.h"
#include "app/warnings_scoped.h"
#include "engine/measure_context.h"

namespace ballast::app {

namespace {

constexpr size_t kTop = 5;
constexpr int kMaxMonths = 36;

struct Group {
  double x = 0, b = 0;  // same-sample sums
  double change() const { return x - b; }
  std::optional<double> yoy() const {
    if (b <= 0) return std::nullopt;
    return (x / b - 1) * 100;
  }
};

// Same-sample sums of one month by sub-region and by industry division, and the enterprises'
// changes.
struct Month {
  std::map<NodeId, Group> regions, industries;
  Group total;
  std::vector<std::pair<double, uint32_t>> changes;  // (x − bx, enterprise)
  int32_t sample = 0, declining = 0;
  double declining_base = 0;
};

Month Scan(const Panel& panel, const Query& q, int ind, Period p, NodeId region, NodeId industry) {
  Month m;
  const Catalog& cat = panel.catalog();
  const int32_t child_depth = cat.regions().node(region).depth + 1;
  EnterpriseFigures f;
  f.Load(panel, ind, p, EnterpriseFigures::kMonthly);
  auto [first, last] = q.RegionRange(region);
  for (uint32_t e = first; e < last; ++e) {
    if (!q.InCell(e, region, industry)) continue;
    const double x = f.x()[e], b = f.bx()[e];
    if (std::isnan(x) || std::isnan(b)) continue;
    const PanelEnterprise& ent = panel.enterprise(e);
    ++m.sample;
    m.total.x += x;
    m.total.b += b;
    if (x < b) {
      ++m.declining;
      m.declining_base += b;
    }
    m.changes.emplace_back(x - b, e);
    const NodeId r = cat.regions().AncestorAtDepth(ent.region, child_depth);
    if (r != kNoNode) {
      m.regions[r].x += x;
      m.regions[r].b += b;
    }
    const NodeId d =
        ent.industry == kNoNode ? kNoNode : cat.industries().AncestorAtDepth(ent.industry, 2);
    if (d != kNoNode) {
      m.industries[d].x += x;
      m.industries[d].b += b;
    }
  }
  return m;
}

std::vector<Pull> TopGroups(const std::map<NodeId, Group>& groups, const CodeTree& tree,
                            double fall) {
  std::vector<Pull> out;
  for (const auto& [node, g] : groups) {
    if (g.change() >= 0) continue;
    out.push_back({tree.node(node).code, tree.node(node).name, g.change(),
                   fall < 0 ? g.change() / fall * 100 : 0, g.yoy()});
  }
  std::sort(out.begin(), out.end(),
            [](const Pull& a, const Pull& b) { return a.change < b.change; });
  if (out.size() > kTop) out.resize(kTop);
  return out;
}

std::vector<Pull> TurnedDown(const std::map<NodeId, Group>& now,
                             const std::map<NodeId, Group>& before, const CodeTree& tree) {
  std::vector<Pull> out;
  for (const auto& [node, g] : now) {
    auto y = g.yoy();
    if (!y || *y >= 0) continue;
    auto it = before.find(node);
    if (it == before.end()) continue;
    auto prev = it->second.yoy();
    if (!prev || *prev < 0) continue;
    out.push_back({tree.node(node).code, tree.node(node).name, g.change(), 0, y});
  }
  std::sort(out.begin(), out.end(),
            [](const Pull& a, const Pull& b) { return a.change < b.change; });
  return out;
}

}  // namespace

Result<Judgement> Judge(Warnings& w, const std::string& region_code,
                        const std::string& industry_code, const std::string& indicator) {
  ASSIGN_OR_RETURN(auto snap, w.workspace().GetSnapshot());
  const Panel& panel = *snap->panel;
  const Query& q = *snap->query;
  const Catalog& cat = w.workspace().catalog();
  const NodeId region = region_code.empty() ? cat.country() : cat.regions().Find(region_code);
  if (region == kNoNode) return Status::Invalid("region: unknown code '" + region_code + "'");
  const NodeId industry =
      industry_code.empty() ? cat.all_industry() : cat.FindIndustry(industry_code);
  if (industry == kNoNode) return Status::Invalid("industry: unknown code '" + industry_code + "'");
  const int ind = cat.FindIndicator(indicator);
  if (ind < 0) return Status::Invalid("indicator: unknown code '" + indicator + "'");
  if (cat.indicators()[static_cast<size_t>(ind)].derived()) {
    return Status::Invalid("indicator: a base indicator is needed, not the ratio '" + indicator +
                           "'");
  }
  Judgement j;
  j.region = cat.regions().node(region).code;
  j.industry = cat.industries().node(industry).code;
  j.indicator = indicator;
  std::vector<Period> periods;
  for (Period p = panel.empty() ? 0 : panel.last_period();
       !panel.empty() && p >= panel.first_period(); --p) {
    if (panel.HasData(ind, p)) periods.push_back(p);
    if (periods.size() >= static_cast<size_t>(kMaxMonths)) break;
  }
  if (periods.empty()) return j;  // no data yet
  j.period = FormatPeriod(periods[0]);
  Month now = Scan(panel, q, ind, periods[0], region, industry);
  j.same_sample = now.sample;
  j.declining = now.declining;
  if (now.sample > 0) j.declining_share = 100.0 * now.declining / now.sample;
  if (now.total.b > 0) j.declining_output_share = now.declining_base / now.total.b * 100;
  j.yoy = now.total.yoy();
  for (const auto& [change, e] : now.changes) {
    if (change < 0) j.fall += change;
  }
  std::sort(now.changes.begin(), now.changes.end());
  for (size_t k = 0; k < now.changes.size() && k < kTop && now.changes[k].first < 0; ++k) {
    const auto& [change, e] = now.changes[k];
    const PanelEnterprise& ent = panel.enterprise(e);
    Pull p{ent.uscc, ent.name, change, j.fall < 0 ? change / j.fall * 100 : 0, std::nullopt};
    j.top_pulls_share += p.share_of_fall;
    j.top_enterprises.push_back(std::move(p));
  }
  j.top_regions = TopGroups(now.regions, cat.regions(), j.fall);
  j.top_industries = TopGroups(now.industries, cat.industries(), j.fall);
  // How long the node has been declining: its growth month by month, back from now.
  for (Period p : periods) {
    auto row = q.Cell({ind, p, region, industry}, {Measure::kYoy}, Dimension::kRegion);
    if (!row.ok() || !row->values[0] || *row->values[0] >= 0) break;
    ++j.months_declining;
  }
  if (periods.size() > 1) {
    Month before = Scan(panel, q, ind, periods[1], region, industry);
    j.new_regions = TurnedDown(now.regions, before.regions, cat.regions());
    j.new_industries = TurnedDown(now.industries, before.industries, cat.industries());
  }
  // The region and industry episodes inside the node, most important first.
  EpisodeFilter f;
  f.region = j.region;
  f.limit = 0;
  ASSIGN_OR_RETURN(auto list, ListEpisodes(w, f));
  for (auto& e : list.episodes) {
    if (e.subject_kind == "region" || e.subject_kind == "industry")
      j.episodes.push_back(std::move(e));
  }
  return j;
}

Result<Judgement> Judge(Ballast& b, const Caller& c, std::string region,
                        const std::string& industry, const std::string& indicator) {
  RETURN_IF_ERROR(b.access().Require(c, auth::Permission::kReadAggregate));
  if (region.empty()) region = c.whole_country() ? std::string(kCountryCode) : c.region;
  RETURN_IF_ERROR(b.access().CheckRegion(c, region));
  ASSIGN_OR_RETURN(Judgement j, Judge(b.warnings(), region, industry, indicator));
  // Single enterprises' figures only for roles that read enterprise rows.
  if (!b.access().Allows(c, auth::Permission::kHandleAssigned)) {
    j.top_enterprises.clear();
    j.enterprises_hidden = true;
  }
  return j;
}

}  // namespace ballast::app
