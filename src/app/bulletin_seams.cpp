// The bulletin's seams (see bulletin_seams.h).
#include "app/bulletin_seams.h"

#include "app/ballast.h"
#include "app/disclosure.h"
#include "engine/measures.h"
#include "engine/query.h"
#include "policy/catalog.h"

namespace ballast::app {

const std::vector<IndustryGroup>& BulletinGroups() {
  static const std::vector<IndustryGroup> groups = {
      {"高技术制造业", {}},
      {"装备制造业", {"33", "34", "35", "36", "37", "38", "39", "40"}},
      {"六大高耗能行业", {"25", "26", "30", "31", "32", "44"}},
  };
  return groups;
}

Result<GroupFigures> IndustryGroupFigures(Ballast& b, const Caller& caller,
                                          const std::vector<std::string>& divisions,
                                          const std::string& region, const std::string& period,
                                          BatchId as_of) {
  RETURN_IF_ERROR(b.access().Require(caller, auth::Permission::kReadAggregate));
  RETURN_IF_ERROR(b.access().CheckRegion(caller, region));
  const Catalog& c = b.catalog();
  const int indicator = c.FindIndicator("value_added");
  if (indicator < 0) return Status::Internal("value_added is not in the indicator catalog");
  const NodeId r = region == kCountryCode ? c.country() : c.regions().Find(region);
  if (r == kNoNode) return Status::NotFound("region: '" + region + "' is not a GB/T 2260 code");
  std::vector<NodeId> nodes;
  for (const auto& d : divisions) {
    const NodeId n = c.FindIndustry(d);
    if (n == kNoNode)
      return Status::Internal("industry group: division " + d + " is not in GB/T 4754");
    nodes.push_back(n);
  }
  ASSIGN_OR_RETURN(Period p, ParsePeriod(period));
  ASSIGN_OR_RETURN(auto snap, b.workspace().GetSnapshot(as_of));
  const Query& q = *snap->query;
  // Atom 0: the group's enterprises in the region; atom 1: the rest of the region's industry.
  std::vector<int32_t> atom_of(snap->panel->num_enterprises(), -1);
  const auto [first, last] = q.RegionRange(r);
  for (uint32_t e = first; e < last; ++e) {
    if (!q.InCell(e, r, c.all_industry())) continue;
    atom_of[e] = 1;
    for (NodeId n : nodes) {
      if (q.InCell(e, r, n)) {
        atom_of[e] = 0;
        break;
      }
    }
  }
  const std::vector<CellSums> sums = q.AtomSums(indicator, p, atom_of, 2);
  CellSums all = sums[0];
  all.Merge(sums[1]);
  GroupFigures g;
  g.n = sums[0].n;
  g.ytd_yoy_real = ComputeMeasure(Measure::kYtdYoyReal,
                                  c.indicators()[static_cast<size_t>(indicator)], sums[0], {});
  if (sums[0].ny > 0 && all.y_sum > 0) g.share = sums[0].y_sum / all.y_sum * 100;
  if (GetsPublishedFigures(b.access(), caller) && g.n > 0 &&
      g.n < DisclosureParams().min_contributors) {
    g.withheld = true;
    g.ytd_yoy_real = g.share = std::nullopt;
  }
  return g;
}

std::optional<double> InvestmentGrowth(Ballast&, const std::string&, const std::string&) {
  return std::nullopt;
}

std::optional<double> ValueAddedGrowthTarget(const std::string& region) {
  auto catalog = policy::EmbeddedPolicyCatalog();
  if (!catalog.ok()) return std::nullopt;
  for (const auto& doc : *catalog) {
    for (const auto& t : doc.targets) {
      if (t.type != policy::TargetType::kGrowth || t.metric != policy::MetricKind::kIndicator)
        continue;
      if (t.indicator != "value_added") continue;
      const std::string& where = t.region.empty() ? doc.region : t.region;
      if (where == region) return t.value;
    }
  }
  return std::nullopt;
}

}  // namespace ballast::app
