#include "sdc/params.h"

#include <charconv>
#include <cmath>
#include <set>

#include "core/file_util.h"

namespace ballast::sdc {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

Result<SdcParams> ParseSdcParams(std::string_view text, const std::string& source) {
  SdcParams p;
  std::set<std::string, std::less<>> seen;
  int line_no = 0;
  while (!text.empty()) {
    ++line_no;
    const size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    if (const size_t hash = line.find('#'); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    line = Trim(line);
    if (line.empty()) continue;
    const std::string where = source + ":" + std::to_string(line_no);
    const size_t eq = line.find('=');
    if (eq == std::string_view::npos) {
      return Status::Invalid(where + ": expected `key = number`, got `" + std::string(line) + "`");
    }
    const std::string key(Trim(line.substr(0, eq)));
    const std::string_view raw = Trim(line.substr(eq + 1));
    if (!seen.insert(key).second) return Status::Invalid(where + ": " + key + " given twice");
    double v = 0;
    const auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
    if (ec != std::errc() || end != raw.data() + raw.size() || raw.empty() || !std::isfinite(v)) {
      return Status::Invalid(where + ": " + key + ": not a number: `" + std::string(raw) + "`");
    }
    auto whole = [&](int lo, int hi, int* out) -> Status {
      if (v != std::floor(v) || v < lo || v > hi) {
        return Status::Invalid(where + ": " + key + ": expected a whole number in [" +
                               std::to_string(lo) + ", " + std::to_string(hi) + "], got " +
                               std::string(raw));
      }
      *out = static_cast<int>(v);
      return Status::Ok();
    };
    if (key == "min_contributors") {
      RETURN_IF_ERROR(whole(1, 1000, &p.min_contributors));
    } else if (key == "dominance_n") {
      RETURN_IF_ERROR(whole(1, 100, &p.dominance_n));
    } else if (key == "dominance_k") {
      // k = 100 would make the rule never fire; k <= 0 would suppress every cell.
      if (!(v > 0 && v < 100)) {
        return Status::Invalid(where + ": dominance_k: expected a percentage in (0, 100), got " +
                               std::string(raw));
      }
      p.dominance_k = v;
    } else if (key == "p_percent") {
      if (!(v >= 0 && v <= 100)) {
        return Status::Invalid(where + ": p_percent: expected a percentage in [0, 100], got " +
                               std::string(raw));
      }
      p.p_percent = v;
    } else {
      return Status::Invalid(where + ": unknown key " + key +
                             " (known: min_contributors, dominance_n, dominance_k, p_percent)");
    }
  }
  return p;
}

Result<SdcParams> LoadSdcParams(const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  return ParseSdcParams(text, path);
}

}  // namespace ballast::sdc
