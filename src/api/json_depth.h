// A quick scan that refuses deeply nested JSON before a parser recurses into it (a
// five-million-deep array costs seconds of CPU and a deep stack).
#ifndef BALLAST_API_JSON_DEPTH_H_
#define BALLAST_API_JSON_DEPTH_H_

#include <string_view>

#include "core/status.h"

namespace ballast::api {

inline constexpr int kMaxJsonDepth = 64;

// Invalid (HTTP 400) naming the limit when arrays/objects nest deeper than max_depth; strings
// (with their escapes) are skipped, so brackets inside them do not count. Malformed JSON is left
// to the parser.
Status CheckJsonDepth(std::string_view text, int max_depth = kMaxJsonDepth);

}  // namespace ballast::api

#endif  // BALLAST_API_JSON_DEPTH_H_
