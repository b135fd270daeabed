#include "parks/park.h"

#include <cmath>

namespace ballast::parks {

std::string_view LevelName(Level l) { return l == Level::kNational ? "national" : "provincial"; }
std::string_view LevelNameZh(Level l) { return l == Level::kNational ? "国家级" : "省级"; }

std::optional<Level> ParseLevel(std::string_view s) {
  if (s == "national" || s == "国家级") return Level::kNational;
  if (s == "provincial" || s == "省级") return Level::kProvincial;
  return std::nullopt;
}

bool IsDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  const int y = std::stoi(std::string(s.substr(0, 4)));
  const int m = std::stoi(std::string(s.substr(5, 2)));
  const int d = std::stoi(std::string(s.substr(8, 2)));
  if (m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

bool Membership::ActiveIn(Period p) const {
  // Compare months: a membership that starts or ends inside the month counts for it.
  auto month = [](const std::string& d) {
    return MakePeriod(std::stoi(d.substr(0, 4)), std::stoi(d.substr(5, 2)));
  };
  if (!IsDate(from) || month(from) > p) return false;
  return to.empty() || (IsDate(to) && month(to) >= p);
}

Status CheckPark(const Park& p) {
  if (p.code.empty()) return Status::Invalid("code: required");
  if (p.name.empty()) return Status::Invalid("name: required");
  if (!std::isfinite(p.area_mu) || p.area_mu < 0)
    return Status::Invalid("area_mu: must be a number ≥ 0");
  if (!std::isfinite(p.industrial_land_share) || p.industrial_land_share < 0 ||
      p.industrial_land_share > 1)
    return Status::Invalid("industrial_land_share: must lie in [0, 1] (60% = 0.6)");
  if (p.leading_industries.empty() || p.leading_industries.size() > 2)
    return Status::Invalid("leading_industries: give 1 or 2 GB/T 4754 codes separated by ';'");
  return Status::Ok();
}

std::vector<std::string> SplitIndustries(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    size_t a = cur.find_first_not_of(' '), z = cur.find_last_not_of(' ');
    if (a != std::string::npos) out.push_back(cur.substr(a, z - a + 1));
    cur.clear();
  };
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ';' || s[i] == ',') {
      flush();
    } else if (s.substr(i, 3) == "，" || s.substr(i, 3) == "；") {
      flush();
      i += 2;
    } else {
      cur += s[i];
    }
  }
  flush();
  return out;
}

std::string JoinIndustries(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ";") + s;
  return out;
}

}  // namespace ballast::parks
