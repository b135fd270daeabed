#include "app/parks.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "app/disclosure.h"
#include "parks/park_import.h"
#include "sdc/primary.h"
#include "store/open.h"

namespace ballast::app {
namespace {

using parks::Park;

std::string At(const std::string& file, int64_t line) {
  return file + ":" + std::to_string(line) + ": ";
}

bool SeesPark(const Ballast& b, const Caller& c, const Park& p) {
  return b.access().InScope(c, p.region);
}

// The region asked for: "" = the caller's scope; refused outside it.
Result<NodeId> RegionNode(Ballast& b, const Caller& c, const std::string& region) {
  if (region.empty()) {
    const NodeId n = b.access().ScopeNode(c);
    if (n == kNoNode) return Status::Denied("your region scope " + c.region + " no longer exists");
    return n;
  }
  const NodeId n = b.catalog().regions().Find(region);
  if (n == kNoNode) return Status::Invalid("region: '" + region + "' is not a GB/T 2260 code");
  RETURN_IF_ERROR(b.access().CheckRegion(c, region));
  return n;
}

std::string RegionCode(const Catalog& cat, NodeId n) {
  return n == kNoNode ? std::string() : cat.regions().node(n).code;
}

std::optional<double> Finite(double v) {
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

// The month whose year-to-date figures stand for the year: December, or the last month the
// panel holds when the year is not over.
Period EvaluationMonth(const Panel& panel, int year) {
  const Period dec = MakePeriod(year, 12);
  if (!panel.empty() && panel.last_period() < dec && PeriodYear(panel.last_period()) == year)
    return panel.last_period();
  return dec;
}

std::vector<double> YtdOf(const Panel& panel, const char* indicator, Period p) {
  std::vector<double> out(panel.num_enterprises(), kMissing);
  const int i = panel.catalog().FindIndicator(indicator);
  if (i >= 0 && panel.HasPeriod(p)) panel.Ytd(i, p, &out);
  return out;
}

}  // namespace

Status ApplyParkFilter(const std::string& locator, const Panel& panel, const std::string& park,
                       CellRef* ref) {
  ASSIGN_OR_RETURN(auto store, OpenParkStore(locator));
  ASSIGN_OR_RETURN(auto all, store->ListParks());
  if (std::none_of(all.begin(), all.end(), [&](const Park& p) { return p.code == park; }))
    return Status::Invalid("park: '" + park + "' is not a known park");
  ASSIGN_OR_RETURN(auto ms, store->ListMemberships());
  auto f =
      ref->filter ? std::make_shared<CellFilter>(*ref->filter) : std::make_shared<CellFilter>();
  f->park = park;
  f->park_members.clear();
  auto month = [](const std::string& d) {
    return MakePeriod(std::stoi(d.substr(0, 4)), std::stoi(d.substr(5, 2)));
  };
  for (const auto& m : ms) {
    if (m.park != park || !parks::IsDate(m.from) || (!m.to.empty() && !parks::IsDate(m.to)))
      continue;
    const int64_t e = panel.FindEnterprise(m.uscc);
    if (e < 0) continue;
    f->park_members.push_back({static_cast<uint32_t>(e), month(m.from),
                               m.to.empty() ? std::numeric_limits<Period>::max() : month(m.to)});
  }
  std::sort(f->park_members.begin(), f->park_members.end(),
            [](const auto& a, const auto& b) { return a.enterprise < b.enterprise; });
  ref->filter = std::move(f);
  return Status::Ok();
}

Result<ParkImportKind> ParseParkImportKind(std::string_view s) {
  if (s == "parks") return ParkImportKind::kParks;
  if (s == "members") return ParkImportKind::kMembers;
  if (s == "resources") return ParkImportKind::kResources;
  return Status::Invalid("kind: '" + std::string(s) + "' is not parks, members or resources");
}

Result<int64_t> ImportParkFile(Ballast& b, const Caller& c, ParkImportKind kind,
                               std::string_view bytes, const std::string& file_name) {
  RETURN_IF_ERROR(b.access().Require(c, auth::Permission::kImport));
  ASSIGN_OR_RETURN(auto store, OpenParkStore(b.path()));
  ASSIGN_OR_RETURN(auto existing, store->ListParks());
  std::map<std::string, const Park*> by_code;
  for (const auto& p : existing) by_code[p.code] = &p;
  if (kind == ParkImportKind::kParks) {
    ASSIGN_OR_RETURN(auto rows, parks::ParseParks(b.catalog(), bytes, file_name));
    std::vector<Park> write;
    for (auto& row : rows) {
      const Park& p = row.value;
      if (!b.access().InScope(c, p.region))
        return Status::Invalid(At(file_name, row.line) + "region: " + p.region +
                               " is outside your region scope " + c.region);
      if (auto it = by_code.find(p.code); it != by_code.end() && !SeesPark(b, c, *it->second))
        return Status::Invalid(At(file_name, row.line) + "code: '" + p.code +
                               "' is already used by another park");
      write.push_back(row.value);
    }
    RETURN_IF_ERROR(store->SaveParks(write));
    return static_cast<int64_t>(write.size());
  }
  ASSIGN_OR_RETURN(auto snap, b.workspace().GetSnapshot());
  const Panel& panel = *snap->panel;
  // The enterprise must be on the roster; its region decides the scope of a resource row.
  auto enterprise = [&](const std::string& uscc, int64_t line) -> Result<uint32_t> {
    const int64_t e = panel.FindEnterprise(uscc);
    if (e < 0)
      return Status::Invalid(At(file_name, line) + "uscc: '" + uscc +
                             "' is not a known enterprise");
    return static_cast<uint32_t>(e);
  };
  if (kind == ParkImportKind::kMembers) {
    ASSIGN_OR_RETURN(auto rows, parks::ParseMemberships(bytes, file_name));
    std::vector<parks::Membership> write;
    for (auto& row : rows) {
      auto it = by_code.find(row.value.park);
      if (it == by_code.end() || !SeesPark(b, c, *it->second))
        return Status::Invalid(At(file_name, row.line) + "park: '" + row.value.park +
                               "' is not a known park in your scope");
      ASSIGN_OR_RETURN(uint32_t e, enterprise(row.value.uscc, row.line));
      // A park's members lie in its region (and so in the importer's scope): otherwise a city
      // could add another city's enterprise to its park and read it through the park's figures.
      const NodeId where = panel.enterprise(e).region;
      const NodeId park_region = b.catalog().regions().Find(it->second->region);
      if (where == kNoNode || park_region == kNoNode ||
          !b.catalog().regions().Contains(park_region, where) || !b.access().InScope(c, where))
        return Status::Invalid(At(file_name, row.line) + "uscc: '" + row.value.uscc +
                               "' is not registered in the park's region " +
                               it->second->region);
      write.push_back(std::move(row.value));
    }
    RETURN_IF_ERROR(store->ReplaceMemberships(write));
    return static_cast<int64_t>(write.size());
  }
  ASSIGN_OR_RETURN(auto rows, parks::ParseResources(bytes, file_name));
  std::vector<parks::Resource> write;
  for (auto& row : rows) {
    ASSIGN_OR_RETURN(uint32_t e, enterprise(row.value.uscc, row.line));
    const NodeId region = panel.enterprise(e).region;
    if (region == kNoNode || !b.access().InScope(c, region))
      return Status::Invalid(At(file_name, row.line) + "uscc: '" + row.value.uscc +
                             "' is outside your region scope " + c.region);
    write.push_back(std::move(row.value));
  }
  RETURN_IF_ERROR(store->SaveResources(write));
  return static_cast<int64_t>(write.size());
}

Result<std::vector<Park>> ListParks(Ballast& b, const Caller& c, const std::string& region) {
  RETURN_IF_ERROR(b.access().Require(c, auth::Permission::kReadAggregate));
  ASSIGN_OR_RETURN(NodeId node, RegionNode(b, c, region));
  ASSIGN_OR_RETURN(auto store, OpenParkStore(b.path()));
  ASSIGN_OR_RETURN(auto all, store->ListParks());
  std::vector<Park> out;
  for (auto& p : all) {
    const NodeId n = b.catalog().regions().Find(p.region);
    if (n != kNoNode && b.catalog().regions().Contains(node, n) && SeesPark(b, c, p))
      out.push_back(std::move(p));
  }
  return out;
}

Result<std::vector<std::string>> ParkMembers(Ballast& b, const Caller& c, const std::string& park,
                                             std::optional<Period> p) {
  ASSIGN_OR_RETURN(auto store, OpenParkStore(b.path()));
  ASSIGN_OR_RETURN(auto all, store->ListParks());
  auto it = std::find_if(all.begin(), all.end(), [&](const Park& x) { return x.code == park; });
  if (it == all.end() || !SeesPark(b, c, *it)) return NotFoundAs("park '" + park + "'");
  ASSIGN_OR_RETURN(auto ms, store->ListMemberships());
  std::set<std::string> out;
  for (const auto& m : ms) {
    if (m.park == park && (!p || m.ActiveIn(*p))) out.insert(m.uscc);
  }
  return std::vector<std::string>(out.begin(), out.end());
}

Result<ParkGrades> EvaluateParks(Ballast& b, const Caller& c, int year, const std::string& park,
                                 const std::string& region) {
  RETURN_IF_ERROR(b.access().Require(c, auth::Permission::kReadAggregate));
  if (year < 2000 || year > 2100) return Status::Invalid("year: must lie in 2000–2100");
  if (!park.empty() && !region.empty())
    return Status::Invalid("park: give a park or a region, not both");
  const parks::Scheme& scheme = parks::DefaultScheme();
  const Catalog& cat = b.catalog();
  ASSIGN_OR_RETURN(auto snap, b.workspace().GetSnapshot());
  const Panel& panel = *snap->panel;
  const Period month = EvaluationMonth(panel, year);
  ASSIGN_OR_RETURN(auto store, OpenParkStore(b.path()));
  ASSIGN_OR_RETURN(auto resources, store->ListResources(year));
  std::map<std::string, const parks::Resource*> res;
  for (const auto& r : resources) res[r.uscc] = &r;

  ParkGrades out;
  out.year = year;
  out.park = park;
  out.region = region;
  for (const auto& g : scheme.grades) out.grade_names.push_back(g.first);
  std::optional<Park> the_park;
  std::vector<uint32_t> members;
  if (!park.empty()) {
    ASSIGN_OR_RETURN(auto all, store->ListParks());
    for (auto& p : all) {
      if (p.code == park && SeesPark(b, c, p)) the_park = std::move(p);
    }
    if (!the_park) return NotFoundAs("park '" + park + "'");
    ASSIGN_OR_RETURN(auto ms, store->ListMemberships());
    std::set<uint32_t> set;
    for (const auto& m : ms) {
      if (m.park != park || !m.ActiveIn(month)) continue;
      if (const int64_t e = panel.FindEnterprise(m.uscc); e >= 0)
        set.insert(static_cast<uint32_t>(e));
    }
    members.assign(set.begin(), set.end());
  } else {
    ASSIGN_OR_RETURN(NodeId node, RegionNode(b, c, region));
    for (const auto& r : resources) {
      const int64_t e = panel.FindEnterprise(r.uscc);
      if (e < 0) continue;
      const NodeId rn = panel.enterprise(static_cast<uint32_t>(e)).region;
      if (rn != kNoNode && cat.regions().Contains(node, rn))
        members.push_back(static_cast<uint32_t>(e));
    }
    std::sort(members.begin(), members.end());
  }

  const auto revenue = YtdOf(panel, "revenue", month);
  const auto output = YtdOf(panel, "output_value", month);
  const auto va = YtdOf(panel, "value_added", month);
  std::vector<parks::Evaluation> evals;
  std::vector<double> leading, rest;
  std::vector<NodeId> leads;
  if (the_park) {
    for (const auto& code : the_park->leading_industries) {
      if (NodeId n = cat.FindIndustry(code); n != kNoNode) leads.push_back(n);
    }
  }
  for (uint32_t e : members) {
    const PanelEnterprise& ent = panel.enterprise(e);
    GradedEnterprise g;
    g.uscc = ent.uscc;
    g.name = ent.name;
    g.park = park;
    if (auto it = res.find(ent.uscc); it != res.end()) {
      g.inputs.land_mu = it->second->land_mu;
      g.inputs.energy_tce = it->second->energy_tce;
      g.inputs.tax = it->second->tax;
      g.inputs.rd_expense = it->second->rd_expense;
    }
    g.inputs.output = Finite(revenue[e]);
    if (!g.inputs.output) g.inputs.output = Finite(output[e]);
    g.inputs.value_added = Finite(va[e]);
    g.evaluation = parks::Evaluate(scheme, g.inputs);
    evals.push_back(g.evaluation);
    if (the_park && std::isfinite(output[e]) && ent.industry != kNoNode) {
      const bool lead = std::any_of(leads.begin(), leads.end(), [&](NodeId n) {
        return cat.industries().Contains(n, ent.industry);
      });
      (lead ? leading : rest).push_back(output[e]);
    }
    if (b.access().MaySeeEnterprise(c, ent.uscc, RegionCode(cat, ent.region)))
      out.enterprises.push_back(std::move(g));
  }
  out.summary = parks::Summarise(scheme, evals);

  // Aggregates of fewer than the threshold's enterprises are withheld from published callers; a
  // figure's median and mean likewise when fewer enterprises define it.
  const bool published = GetsPublishedFigures(b.access(), c);
  const int64_t min_n = DisclosureParams().min_contributors;
  if (published) {
    if (out.summary.enterprises > 0 && out.summary.enterprises < min_n) {
      out.suppressed = "threshold";
      std::fill(out.summary.grade_counts.begin(), out.summary.grade_counts.end(), 0);
      out.summary.ungraded = 0;
      out.summary.median = {};
      out.summary.mean = {};
    }
    for (int f = 0; f < parks::kFigureCount; ++f) {
      const auto defined =
          std::count_if(evals.begin(), evals.end(),
                        [&](const parks::Evaluation& e) { return e.figures[f].has_value(); });
      if (defined < min_n) out.summary.median[f] = out.summary.mean[f] = std::nullopt;
    }
  }
  if (the_park) {
    double lead_sum = 0, total = 0;
    for (double v : leading) lead_sum += v;
    total = lead_sum;
    for (double v : rest) total += v;
    out.leading_share = parks::Share(lead_sum, total);
    // The share tells the leading industries' sum and the rest's: both must pass the rules.
    if (published && out.leading_share) {
      for (const auto* part : {&leading, &rest}) {
        if (part->empty()) continue;
        ASSIGN_OR_RETURN(sdc::Suppression s, sdc::PrimarySuppression(*part, DisclosureParams()));
        if (sdc::IsSuppressed(s)) out.leading_suppressed = sdc::SuppressionName(s);
      }
      if (!out.leading_suppressed.empty()) out.leading_share = std::nullopt;
    }
  }
  return out;
}

}  // namespace ballast::app
