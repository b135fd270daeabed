#include "benefit/matcher.h"

#include <algorithm>

namespace ballast::benefit {

std::string_view VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kMatched:
      return "matched";
    case Verdict::kPossible:
      return "possible";
    case Verdict::kNotMatched:
      return "not_matched";
  }
  return "not_matched";
}

bool Matcher::Under(const CodeTree& tree, const std::string& code,
                    const std::string& ancestor) const {
  const NodeId id = tree.Find(code), a = tree.Find(ancestor);
  return id != kNoNode && a != kNoNode && tree.Contains(a, id);
}

std::optional<bool> Matcher::Holds(const Condition& c, const EnterpriseFacts& e) const {
  auto any = [&](auto pred) { return std::any_of(c.values.begin(), c.values.end(), pred); };
  std::optional<double> figure;
  switch (c.field) {
    case Field::kRegion:
      if (e.region.empty()) return std::nullopt;
      return any([&](const std::string& v) { return Under(catalog_.regions(), e.region, v); });
    case Field::kIndustry:
      if (e.industry.empty()) return std::nullopt;
      return any([&](const std::string& v) {
        if (v[0] != '@') return Under(catalog_.industries(), e.industry, v);
        auto g = groups_.find(v);
        if (g == groups_.end()) return false;
        return std::any_of(g->second.begin(), g->second.end(), [&](const std::string& m) {
          return Under(catalog_.industries(), e.industry, m);
        });
      });
    case Field::kSize:
      if (e.size.empty()) return std::nullopt;
      return any([&](const std::string& v) { return v == e.size; });
    case Field::kTag:
      // Tags are attributes the roster always states: no tag is a known "no".
      return any([&](const std::string& v) {
        return std::find(e.tags.begin(), e.tags.end(), v) != e.tags.end();
      });
    case Field::kRevenue:
      figure = e.revenue;
      break;
    case Field::kGrowth:
      figure = e.growth;
      break;
    case Field::kRd:
      figure = e.rd;
      break;
  }
  if (!figure) return std::nullopt;
  return c.at_least ? *figure >= c.bound : *figure <= c.bound;
}

MatchResult Matcher::Match(const Policy& p, const EnterpriseFacts& e) const {
  MatchResult r;
  for (const auto& c : p.conditions) {
    auto h = Holds(c, e);
    if (!h) {
      r.unknown.push_back(c.field);
    } else if (!*h) {
      r.failed.push_back(c.field);
    }
  }
  r.verdict = !r.failed.empty()   ? Verdict::kNotMatched
              : r.unknown.empty() ? Verdict::kMatched
                                  : Verdict::kPossible;
  return r;
}

}  // namespace ballast::benefit
