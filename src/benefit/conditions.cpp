#include "benefit/conditions.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace ballast::benefit {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Replaces full-width punctuation by its ASCII form so that one grammar serves both.
std::string Ascii(std::string_view in) {
  std::string s(in);
  const std::pair<const char*, const char*> kMap[] = {
      {"≥", ">="}, {"≤", "<="}, {"＝", "="}, {"，", ","}, {"、", ","},
      {"；", ";"}, {"｜", ","}, {"|", ","},  {"　", " "}, {"\n", ";"}};
  for (const auto& [from, to] : kMap) {
    const std::string f(from);
    for (size_t at = s.find(f); at != std::string::npos; at = s.find(f, at + std::strlen(to))) {
      s.replace(at, f.size(), to);
    }
  }
  return s;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string_view::npos) end = s.size();
    out.push_back(Trim(s.substr(start, end - start)));
    start = end + 1;
  }
  return out;
}

Result<std::string> SizeClass(std::string_view v) {
  const std::pair<const char*, const char*> kSizes[] = {
      {"large", "大型"}, {"medium", "中型"}, {"small", "小型"}, {"micro", "微型"}};
  for (const auto& [en, zh] : kSizes) {
    if (v == en || v == zh) return std::string(en);
  }
  return Status::Invalid("size '" + std::string(v) + "' is not large, medium, small or micro");
}

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

}  // namespace

Result<std::vector<Condition>> ParseConditions(std::string_view text, const Catalog& catalog,
                                               const std::vector<std::string>& industry_groups) {
  std::vector<Condition> out;
  const std::string s = Ascii(text);
  int n = 0;
  for (std::string_view clause : Split(s, ';')) {
    ++n;
    if (clause.empty()) continue;
    auto fail = [&](const std::string& what) {
      return Status::Invalid("condition " + std::to_string(n) + " '" + std::string(clause) +
                             "': " + what);
    };
    size_t op = clause.find_first_of("<>=");
    if (op == std::string_view::npos) return fail("no operator (=, >= or <=)");
    Condition c;
    std::string_view rest;
    if (clause.compare(op, 2, ">=") == 0 || clause.compare(op, 2, "<=") == 0) {
      c.at_least = clause[op] == '>';
      rest = Trim(clause.substr(op + 2));
    } else if (clause[op] == '=') {
      rest = Trim(clause.substr(op + 1));
    } else {
      return fail("the operator must be =, >= or <=");
    }
    auto field = ParseField(Trim(clause.substr(0, op)));
    if (!field.ok()) return fail(field.status().message());
    c.field = *field;
    const bool equals = clause[op] == '=';
    if (IsFigure(c.field)) {
      if (equals) return fail("a figure takes >= or <=");
      double v = 0;
      auto [p, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), v);
      if (rest.empty() || ec != std::errc() || p != rest.data() + rest.size() || !std::isfinite(v))
        return fail("'" + std::string(rest) + "' is not a number");
      c.bound = v;
    } else {
      if (!equals) return fail("an attribute takes = (one value or several separated by commas)");
      for (std::string_view v : Split(rest, ',')) {
        if (v.empty()) return fail("an empty value");
        std::string value(v);
        switch (c.field) {
          case Field::kRegion:
            if (catalog.regions().Find(value) == kNoNode)
              return fail("'" + value + "' is not a GB/T 2260 region code");
            break;
          case Field::kIndustry:
            if (value[0] == '@') {
              if (std::find(industry_groups.begin(), industry_groups.end(), value) ==
                  industry_groups.end())
                return fail("'" + value + "' is not an industry group");
            } else if (catalog.FindIndustry(value) == kNoNode) {
              return fail("'" + value + "' is not a GB/T 4754 industry code");
            }
            break;
          case Field::kSize: {
            auto sz = SizeClass(value);
            if (!sz.ok()) return fail(sz.status().message());
            value = *sz;
            break;
          }
          default:
            break;
        }
        c.values.push_back(std::move(value));
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::string FormatConditions(const std::vector<Condition>& conditions) {
  std::string out;
  for (const auto& c : conditions) {
    if (!out.empty()) out += "; ";
    out += FieldName(c.field);
    if (IsFigure(c.field)) {
      out += c.at_least ? " >= " : " <= ";
      out += Number(c.bound);
    } else {
      out += " = ";
      for (size_t i = 0; i < c.values.size(); ++i) out += (i ? ", " : "") + c.values[i];
    }
  }
  return out;
}

}  // namespace ballast::benefit
