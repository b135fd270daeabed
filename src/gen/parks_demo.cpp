#include "gen/parks_demo.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "gen/random.h"

namespace ballast::gen {
namespace {

constexpr const char* kKinds[] = {"经济技术开发区", "高新技术产业开发区", "产业集聚区",
                                  "先进制造业开发区"};

std::string Fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

}  // namespace

ParkDemo GenerateParks(const Catalog& catalog, const std::string& province,
                       const std::vector<ParkDemoEnterprise>& enterprises, uint64_t seed, int count,
                       double member_share) {
  ParkDemo out;
  const auto& regions = catalog.regions();
  const NodeId prov = regions.Find(province);
  if (prov == kNoNode) return out;
  const std::vector<NodeId>& cities = regions.node(prov).children;
  if (cities.empty()) return out;
  Rng rng(seed ^ 0x7061726b73ULL);
  // Each city's enterprises and its most common divisions (a park's leading industries).
  std::map<NodeId, std::vector<const ParkDemoEnterprise*>> by_city;
  for (const auto& e : enterprises) {
    NodeId n = e.region;
    while (n != kNoNode && regions.node(n).parent != prov) n = regions.node(n).parent;
    if (n != kNoNode) by_city[n].push_back(&e);
  }
  struct DemoPark {
    std::string code;
    NodeId city;
  };
  std::map<NodeId, std::vector<DemoPark>> parks_of;
  out.parks_csv = "code,name,level,region,area_mu,industrial_land_share,leading_industries\n";
  for (int k = 0; k < count; ++k) {
    const NodeId city = cities[static_cast<size_t>(k) % cities.size()];
    const auto& node = regions.node(city);
    const int ordinal = static_cast<int>(parks_of[city].size());
    char code[32];
    std::snprintf(code, sizeof code, "P%s%02d", node.code.substr(0, 4).c_str(), ordinal + 1);
    std::map<std::string, int> divisions;
    for (const auto* e : by_city[city]) ++divisions[e->division];
    std::vector<std::pair<int, std::string>> ranked;
    for (const auto& [d, n] : divisions) ranked.emplace_back(-n, d);
    std::sort(ranked.begin(), ranked.end());
    std::string leading;
    // Parks of one city lead with different divisions where it has enough.
    for (size_t i = static_cast<size_t>(ordinal);
         i < ranked.size() && i < static_cast<size_t>(ordinal) + 2; ++i)
      leading += (leading.empty() ? "" : ";") + ranked[i].second;
    if (leading.empty()) leading = "33";
    const bool national = ordinal == 0 && rng.Bernoulli(0.6);
    out.parks_csv += std::string(code) + "," + node.name +
                     kKinds[static_cast<size_t>(ordinal) % 4] + "," +
                     (national ? "national" : "provincial") + "," + node.code + "," +
                     Fixed(std::round(rng.Uniform(8000, 60000)), 0) + "," +
                     Fixed(rng.Uniform(0.45, 0.75), 2) + "," + leading + "\n";
    parks_of[city].push_back({code, city});
    ++out.parks;
  }
  out.members_csv = "park,uscc,from,to\n";
  out.resources_csv = "uscc,year,land_mu,energy_tce,tax,rd_expense\n";
  for (const auto& [city, list] : by_city) {
    const auto it = parks_of.find(city);
    if (it == parks_of.end()) continue;
    for (const auto* e : list) {
      if (!rng.Bernoulli(member_share)) continue;
      const DemoPark& p = it->second[rng.Index(it->second.size())];
      const int first_year = e->revenue.empty() ? 2020 : e->revenue.begin()->first;
      // Most joined before the data begins; some during it, a few left.
      const int from_year = rng.Bernoulli(0.8) ? first_year - 1 - static_cast<int>(rng.Index(8))
                                               : first_year + static_cast<int>(rng.Index(2));
      char from[32], to[32] = "";
      std::snprintf(from, sizeof from, "%04d-%02d-01", from_year,
                    1 + static_cast<int>(rng.Index(12)));
      if (rng.Bernoulli(0.04)) std::snprintf(to, sizeof to, "%04d-12-31", from_year + 1);
      out.members_csv += p.code + "," + e->uscc + "," + from + "," + to + "\n";
      ++out.members;
      // Land fixed per enterprise (output per 亩 around 180, 50–500); energy, tax and R&D follow
      // revenue.
      double land = 0;
      const double per_mu = std::clamp(rng.LogNormal(180, 0.5), 50.0, 500.0);
      const double energy_per_wan = std::clamp(rng.LogNormal(0.12, 0.6), 0.01, 1.5);
      const double tax_rate = rng.Uniform(0.02, 0.08);
      const bool reports_rd = rng.Bernoulli(0.6);
      const double rd_rate = rng.Uniform(0.002, 0.04);
      for (const auto& [year, revenue] : e->revenue) {
        if (!(revenue > 0)) continue;
        if (land == 0) land = std::max(1.0, std::round(revenue / per_mu));
        out.resources_csv += e->uscc + "," + std::to_string(year) + "," + Fixed(land, 0) + "," +
                             Fixed(revenue * energy_per_wan, 1) + "," +
                             Fixed(revenue * tax_rate, 1) + "," +
                             (reports_rd ? Fixed(revenue * rd_rate, 1) : std::string()) + "\n";
        ++out.resource_rows;
      }
    }
  }
  return out;
}

}  // namespace ballast::gen
