#include "cultivation/pool.h"

#include <charconv>

namespace ballast::cultivation {
namespace {

std::optional<int> Digits(std::string_view s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

bool Member::InPoolAt(Period p) const {
  auto j = ParsePeriod(joined);
  if (!j.ok() || *j >= p) return false;
  if (left.empty()) return true;
  auto l = ParsePeriod(left);
  return l.ok() && *l >= p;
}

std::string RevenueReport::PeriodText() const {
  if (month == 0) return std::to_string(year);
  return FormatPeriod(MakePeriod(year, month));
}

std::optional<std::pair<int, int>> ParseReportPeriod(std::string_view s) {
  if (s.size() == 4) {
    auto y = Digits(s);
    if (!y || *y < 2000 || *y > 2100) return std::nullopt;
    return std::pair{*y, 0};
  }
  if (s.size() != 7 || s[4] != '-') return std::nullopt;
  auto y = Digits(s.substr(0, 4));
  auto m = Digits(s.substr(5, 2));
  if (!y || !m || *y < 2000 || *y > 2100 || *m < 1 || *m > 12) return std::nullopt;
  return std::pair{*y, *m};
}

std::string_view StageName(Stage s) {
  switch (s) {
    case Stage::kCandidate:
      return "candidate";
    case Stage::kProvincial:
      return "provincial";
    case Stage::kLittleGiant:
      return "little_giant";
    case Stage::kChampion:
      return "champion";
  }
  return "candidate";
}

std::string_view StageNameZh(Stage s) {
  switch (s) {
    case Stage::kCandidate:
      return "培育对象";
    case Stage::kProvincial:
      return "省级专精特新";
    case Stage::kLittleGiant:
      return "国家级小巨人";
    case Stage::kChampion:
      return "单项冠军";
  }
  return "培育对象";
}

std::optional<Stage> ParseStage(std::string_view s) {
  for (int i = 0; i < kStageCount; ++i) {
    const auto st = static_cast<Stage>(i);
    if (s == StageName(st) || s == StageNameZh(st)) return st;
  }
  if (s == "候选" || s == "培育") return Stage::kCandidate;
  if (s == "专精特新" || s == "省级") return Stage::kProvincial;
  if (s == "小巨人" || s == "专精特新小巨人") return Stage::kLittleGiant;
  if (s == "制造业单项冠军") return Stage::kChampion;
  return std::nullopt;
}

std::vector<std::string> SplitTags(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    while (!cur.empty() && cur.back() == ' ') cur.pop_back();
    size_t b = 0;
    while (b < cur.size() && cur[b] == ' ') ++b;
    if (b < cur.size()) out.push_back(cur.substr(b));
    cur.clear();
  };
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ';' || s[i] == ',') {
      flush();
    } else if (s.substr(i, 3) == "，" || s.substr(i, 3) == "；") {
      flush();
      i += 2;
    } else {
      cur.push_back(s[i]);
    }
  }
  flush();
  return out;
}

std::string JoinTags(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& t : v) {
    if (!out.empty()) out += ';';
    out += t;
  }
  return out;
}

}  // namespace ballast::cultivation
