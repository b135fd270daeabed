// The target the bulletin's headline is held against: a growth target of the policy catalog
// (data/policies/) whose metric is 规上工业增加值 (value_added) in the region.
#ifndef BALLAST_APP_BULLETIN_TARGET_H_
#define BALLAST_APP_BULLETIN_TARGET_H_

#include <optional>
#include <string>

namespace ballast::app {

// The target growth in % (e.g. 6), or none when the catalog has no such target for the region.
std::optional<double> ValueAddedGrowthTarget(const std::string& region);

}  // namespace ballast::app

#endif  // BALLAST_APP_BULLETIN_TARGET_H_
