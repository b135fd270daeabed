#include "app/project_targets.h"

#include <algorithm>
#include <vector>

#include "app/ballast.h"
#include "core/clock.h"
#include "policy/catalog.h"
#include "projects/target_counts.h"
#include "store/open.h"

namespace ballast::app {

namespace {

constexpr const char* kHenan = "410000";

}  // namespace

std::optional<std::pair<double, Period>> ProjectTargetMetric(Ballast& b, const std::string& code) {
  if (code != "three_batches_quarterly" && code != "major_projects_per_city") return std::nullopt;
  const auto target = policy::EmbeddedInternalTarget(code);
  if (!target) return std::nullopt;
  auto store = OpenProjectStore(b.path());
  if (!store.ok()) return std::nullopt;
  auto all = (*store)->ListProjects();
  if (!all.ok()) return std::nullopt;
  const CodeTree& regions = b.catalog().regions();
  const NodeId henan = regions.Find(kHenan);
  if (henan == kNoNode) return std::nullopt;
  std::vector<projects::Project> in_henan;
  for (auto& p : *all) {
    const NodeId r = regions.Find(p.region);
    if (r != kNoNode && regions.Contains(henan, r)) in_henan.push_back(std::move(p));
  }
  // The cities: Henan's children (the prefectures and 济源示范区).
  std::vector<std::string> cities;
  for (NodeId c : regions.node(henan).children) cities.push_back(regions.node(c).code);
  auto city_of = [&](const std::string& code_of) -> std::string {
    const NodeId r = regions.Find(code_of);
    if (r == kNoNode) return "";
    const NodeId c = regions.AncestorAtDepth(r, regions.node(henan).depth + 1);
    return c == kNoNode ? "" : regions.node(c).code;
  };
  bool any = false;
  double rounds = 0;
  std::optional<double> fewest;  // per city and year, over the cities and the target's years
  for (int year = PeriodYear(target->start); year <= PeriodYear(target->deadline); ++year) {
    any = any || projects::AnyActivity(in_henan, year);
    rounds += projects::RoundsHeld(in_henan, year);
    for (const auto& city : projects::MajorProjectsByCity(in_henan, year, cities, city_of))
      fewest = std::min<double>(fewest.value_or(city.second), city.second);
  }
  if (!any) return std::nullopt;
  const double value = code == "three_batches_quarterly" ? rounds : fewest.value_or(0);
  return std::pair{value, std::min(target->deadline, BeijingPeriod(b.clock().Now()))};
}

}  // namespace ballast::app
