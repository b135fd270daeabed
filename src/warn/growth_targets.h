// Growth targets per region and industry as data an office edits (data/targets/growth.csv),
// rather than placeholders inside the rules: a rule with "targets_file": "growth" compares its
// measure with the file's target for its subject (the code's row, else the `*` row), unless the
// rule itself gives one.
#ifndef BALLAST_WARN_GROWTH_TARGETS_H_
#define BALLAST_WARN_GROWTH_TARGETS_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "warn/rule.h"

namespace ballast::warn {

// subject kind name ("region", "industry") → code ("*" = default) → target, percent.
using GrowthTargets = std::map<std::string, std::map<std::string, double>>;

// Header subject,code,name,target_pct,source; errors name the file, line and field.
Result<GrowthTargets> ParseGrowthTargets(std::string_view csv, std::string_view file_name);
std::string_view EmbeddedGrowthTargetsCsv();
Result<GrowthTargets> DefaultGrowthTargets();

// Fills `file_targets` of the rules that name the growth file.
void ApplyGrowthTargets(const GrowthTargets& targets, std::vector<Rule>* rules);

}  // namespace ballast::warn

#endif  // BALLAST_WARN_GROWTH_TARGETS_H_
