// The shipped policy catalog, linked into the binary so nothing is read from disk at run time.
#include <cstddef>

#include "core/incbin.h"
#include "policy/catalog.h"


BALLAST_INCBIN(ballast_policy_henan_2022, BALLAST_DATA_DIR "/policies/henan_2022.json")
BALLAST_INCBIN(ballast_policy_traditional_2027, BALLAST_DATA_DIR "/policies/traditional_manufacturing_2027.json")
BALLAST_INCBIN(ballast_policy_national_17, BALLAST_DATA_DIR "/policies/national_17.json")

namespace ballast::policy {

std::vector<std::string_view> EmbeddedPolicyFiles() {
  return {BALLAST_INCBIN_VIEW(ballast_policy_henan_2022), BALLAST_INCBIN_VIEW(ballast_policy_traditional_2027),
          BALLAST_INCBIN_VIEW(ballast_policy_national_17)};
}

}  // namespace ballast::policy
