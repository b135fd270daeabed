// The shipped default rules, linked into the binary so nothing is read from disk at run time.
#include <cstddef>

#include "core/incbin.h"
#include "warn/rule.h"


BALLAST_INCBIN(ballast_default_rules_json, BALLAST_DATA_DIR "/rules/default.json")

namespace ballast::warn {

std::string_view EmbeddedDefaultRulesJson() {
  return BALLAST_INCBIN_VIEW(ballast_default_rules_json);
}

}  // namespace ballast::warn
