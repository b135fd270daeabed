// Limits the Range header so that one request cannot make the server send a file many times
// over (`bytes=0-,0-,…` ×2000 multiplied a static file into 1.3 GB).
#ifndef BALLAST_API_RANGE_GUARD_H_
#define BALLAST_API_RANGE_GUARD_H_

#include <string_view>

namespace ballast::api {

inline constexpr int kMaxRanges = 4;

// True when the Range header may be honoured: one range of any form, or up to kMaxRanges closed
// ranges ("a-b") in ascending order without overlap. Anything else is ignored by the server,
// which then sends the whole content once (RFC 9110 lets a server ignore Range).
bool RangeIsSafe(std::string_view header);

}  // namespace ballast::api

#endif  // BALLAST_API_RANGE_GUARD_H_
