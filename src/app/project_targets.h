// Seed 004's project targets as internal metrics of the targets board (issue 15 item 1): "按季度
// 开展全省“三个一批”活动" follows the rounds the register shows held,
// "力争各地每年引进3个10亿元以上 重大先进制造业项目" the city with the fewest such projects (every
// city must reach 3).
#ifndef BALLAST_APP_PROJECT_TARGETS_H_
#define BALLAST_APP_PROJECT_TARGETS_H_

#include <optional>
#include <string>
#include <utility>

#include "core/period.h"

namespace ballast::app {

class Ballast;

// The metric `code` ("three_batches_quarterly" or "major_projects_per_city") over the years of
// its target (start to deadline), in Henan (410000), as of the deadline (or this month when
// earlier). None when the register holds no signing, start or production in those years (the
// reported progress then stands) or the code is another one.
std::optional<std::pair<double, Period>> ProjectTargetMetric(Ballast& b, const std::string& code);

}  // namespace ballast::app

#endif  // BALLAST_APP_PROJECT_TARGETS_H_
