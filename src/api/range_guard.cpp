#include "api/range_guard.h"

#include <charconv>
#include <cstdint>

namespace ballast::api {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool ParseNumber(std::string_view s, uint64_t* out) {
  if (s.empty()) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size();
}

}  // namespace

bool RangeIsSafe(std::string_view header) {
  header = Trim(header);
  constexpr std::string_view kUnit = "bytes=";
  if (header.substr(0, kUnit.size()) != kUnit) return true;  // not a byte range: never applied
  std::string_view rest = header.substr(kUnit.size());
  int count = 0;
  bool closed_ascending = true;
  uint64_t last_end = 0;
  while (true) {
    const size_t comma = rest.find(',');
    const std::string_view part = Trim(rest.substr(0, comma));
    if (++count > kMaxRanges) return false;
    const size_t dash = part.find('-');
    uint64_t first = 0, last = 0;
    if (dash == std::string_view::npos || !ParseNumber(part.substr(0, dash), &first) ||
        !ParseNumber(part.substr(dash + 1), &last) || last < first ||
        (count > 1 && first <= last_end)) {
      closed_ascending = false;
    }
    last_end = last;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return count == 1 || closed_ascending;
}

}  // namespace ballast::api
