// The bulletin's growth target (see bulletin_target.h).
#include "app/bulletin_target.h"

#include "policy/catalog.h"

namespace ballast::app {

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
