#include "report/bulletin.h"

#include <cmath>
#include <cstdio>

namespace ballast::report {

Cell Cell::Num(std::optional<double> v, int decimals, std::string missing) {
  if (!v || !std::isfinite(*v)) return Cell{std::nullopt, std::move(missing), decimals};
  return Cell{*v, "", decimals};
}

std::string FormatFixed(double v, int decimals) {
  if (!std::isfinite(v)) return kUndefined;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  // A tiny negative rounds to "-0.0": print it as zero.
  if (s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  return s;
}

std::string CellText(const Cell& c) {
  return c.number ? FormatFixed(*c.number, c.decimals) : c.text;
}

}  // namespace ballast::report
