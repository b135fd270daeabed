#include "warn/rule.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "warn/growth_targets.h"

namespace ballast::warn {

using Json = nlohmann::ordered_json;

namespace {

constexpr std::pair<SubjectKind, std::string_view> kSubjects[] = {
    {SubjectKind::kEnterprise, "enterprise"}, {SubjectKind::kRegion, "region"},
    {SubjectKind::kIndustry, "industry"},     {SubjectKind::kCommodity, "commodity"},
    {SubjectKind::kTarget, "target"},         {SubjectKind::kProject, "project"}};
constexpr std::pair<Check, std::string_view> kChecks[] = {{Check::kMeasure, "measure"},
                                                          {Check::kStoppage, "stoppage"},
                                                          {Check::kMissing, "missing"},
                                                          {Check::kTurnToLoss, "turn_to_loss"},
                                                          {Check::kRunRate, "run_rate"}};
constexpr std::pair<Comparator, std::string_view> kComparators[] = {
    {Comparator::kLess, "<"},
    {Comparator::kLessEqual, "<="},
    {Comparator::kGreater, ">"},
    {Comparator::kGreaterEqual, ">="},
    {Comparator::kAbsGreater, "abs>"}};
constexpr std::pair<Level, std::string_view> kLevels[] = {{Level::kRed, "red"},
                                                          {Level::kOrange, "orange"},
                                                          {Level::kYellow, "yellow"},
                                                          {Level::kBlue, "blue"}};

template <typename E, size_t N>
std::optional<E> Lookup(const std::pair<E, std::string_view> (&table)[N], std::string_view s) {
  for (const auto& [e, name] : table) {
    if (name == s) return e;
  }
  return std::nullopt;
}
template <typename E, size_t N>
std::string_view NameOf(const std::pair<E, std::string_view> (&table)[N], E e) {
  for (const auto& [k, name] : table) {
    if (k == e) return name;
  }
  return "";
}

// Reads an optional field of type T; a present field of the wrong type is an error.
template <typename T>
Status Get(const Json& j, const char* key, T* out, const std::string& where) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return Status::Ok();
  try {
    *out = it->get<T>();
  } catch (const std::exception&) {
    return Status::Invalid(where + ": field '" + key + "' has the wrong type");
  }
  return Status::Ok();
}

Status GetNames(const Json& j, const char* key, std::string* zh, std::string* en,
                const std::string& where) {
  auto it = j.find(key);
  if (it == j.end()) return Status::Ok();
  if (!it->is_object())
    return Status::Invalid(where + ": '" + key + "' must be an object {\"zh\",\"en\"}");
  RETURN_IF_ERROR(Get(*it, "zh", zh, where));
  return Get(*it, "en", en, where);
}

// Rules over the panel name a measure of the engine; rules over outside series name a series.
Result<std::pair<std::optional<Measure>, std::string>> ParseRuleMeasure(SubjectKind subject,
                                                                        const std::string& s,
                                                                        const std::string& where) {
  if (IsExternal(subject)) return std::pair(std::optional<Measure>(), s);
  if (s.empty()) return std::pair(std::optional<Measure>(), std::string());
  auto m = ParseMeasure(s);
  if (!m.ok()) return Status::Invalid(where + ": " + m.status().message());
  return std::pair(std::optional<Measure>(*m), std::string());
}

Result<Rule> FromJson(const Json& j) {
  if (!j.is_object()) return Status::Invalid("a rule must be a JSON object");
  Rule r;
  RETURN_IF_ERROR(Get(j, "id", &r.id, "rule"));
  const std::string where = "rule '" + r.id + "'";
  static const char* kKnown[] = {
      "id",      "family",  "name",    "subject",  "check",        "indicator",    "measure",
      "op",      "levels",  "for",     "min_base", "level_of",     "target",       "targets",
      "filters", "message", "enabled", "why",      "targets_file", "region_levels"};
  for (const auto& [key, value] : j.items()) {
    bool known = false;
    for (const char* k : kKnown) known |= key == k;
    if (!known) return Status::Invalid(where + ": unknown field '" + key + "'");
  }
  RETURN_IF_ERROR(Get(j, "family", &r.family, where));
  RETURN_IF_ERROR(GetNames(j, "name", &r.name_zh, &r.name_en, where));
  std::string s;
  RETURN_IF_ERROR(Get(j, "subject", &s, where));
  ASSIGN_OR_RETURN(r.subject, ParseSubjectKind(s));
  s = "measure";
  RETURN_IF_ERROR(Get(j, "check", &s, where));
  auto check = Lookup(kChecks, s);
  if (!check) return Status::Invalid(where + ": unknown check '" + s + "'");
  r.check = *check;
  RETURN_IF_ERROR(Get(j, "indicator", &r.indicator, where));
  s.clear();
  RETURN_IF_ERROR(Get(j, "measure", &s, where));
  ASSIGN_OR_RETURN(auto measure, ParseRuleMeasure(r.subject, s, where));
  r.measure = measure.first;
  r.series = std::move(measure.second);
  s = "<";
  RETURN_IF_ERROR(Get(j, "op", &s, where));
  auto op = Lookup(kComparators, s);
  if (!op)
    return Status::Invalid(where + ": unknown comparison '" + s + "' (use <, <=, >, >=, abs>)");
  r.op = *op;
  auto levels = j.find("levels");
  if (levels == j.end() || !levels->is_object()) {
    return Status::Invalid(
        where + ": 'levels' must be an object such as {\"red\":-50,\"yellow\":-30,\"blue\":-20}");
  }
  for (const auto& [name, value] : levels->items()) {
    auto level = Lookup(kLevels, name);
    if (!level)
      return Status::Invalid(where + ": unknown level '" + name + "' (red, orange, yellow, blue)");
    if (!value.is_number())
      return Status::Invalid(where + ": the threshold of level '" + name + "' must be a number");
    r.thresholds.push_back({*level, value.get<double>()});
  }
  std::sort(r.thresholds.begin(), r.thresholds.end(),
            [](const Threshold& a, const Threshold& b) { return a.level > b.level; });
  RETURN_IF_ERROR(Get(j, "for", &r.for_periods, where));
  RETURN_IF_ERROR(Get(j, "min_base", &r.min_base, where));
  RETURN_IF_ERROR(Get(j, "level_of", &r.level_of, where));
  if (auto t = j.find("target"); t != j.end() && !t->is_null()) {
    if (!t->is_number()) return Status::Invalid(where + ": 'target' must be a number");
    r.target = t->get<double>();
  }
  RETURN_IF_ERROR(Get(j, "targets", &r.targets, where));
  RETURN_IF_ERROR(Get(j, "targets_file", &r.targets_file, where));
  RETURN_IF_ERROR(Get(j, "region_levels", &r.region_levels, where));
  for (const auto& l : r.region_levels) {
    if (l != "province" && l != "prefecture" && l != "county") {
      return Status::Invalid(where + ": region_levels: '" + l + "' (province, prefecture, county)");
    }
  }
  if (!r.region_levels.empty() && r.subject != SubjectKind::kIndustry) {
    return Status::Invalid(where + ": region_levels applies to industry rules only");
  }
  if (!r.targets_file.empty() && r.targets_file != "growth") {
    return Status::Invalid(where + ": unknown targets_file '" + r.targets_file + "' (growth)");
  }
  if (auto f = j.find("filters"); f != j.end()) {
    if (!f->is_object()) return Status::Invalid(where + ": 'filters' must be an object");
    for (const auto& [key, value] : f->items()) {
      if (key != "regions" && key != "industries" && key != "tags" && key != "sizes" &&
          key != "subjects") {
        return Status::Invalid(where + ": unknown filter '" + key + "'");
      }
    }
    RETURN_IF_ERROR(Get(*f, "regions", &r.filters.regions, where));
    RETURN_IF_ERROR(Get(*f, "industries", &r.filters.industries, where));
    RETURN_IF_ERROR(Get(*f, "tags", &r.filters.tags, where));
    RETURN_IF_ERROR(Get(*f, "sizes", &r.filters.sizes, where));
    RETURN_IF_ERROR(Get(*f, "subjects", &r.filters.subjects, where));
  }
  RETURN_IF_ERROR(GetNames(j, "message", &r.message_zh, &r.message_en, where));
  RETURN_IF_ERROR(Get(j, "enabled", &r.enabled, where));
  RETURN_IF_ERROR(Get(j, "why", &r.why, where));
  RETURN_IF_ERROR(ValidateRule(r));
  return r;
}

Json ToJson(const Rule& r) {
  Json levels = Json::object();
  for (const auto& t : r.thresholds) levels[std::string(LevelName(t.level))] = t.value;
  Json j{{"id", r.id},
         {"family", r.family},
         {"name", {{"zh", r.name_zh}, {"en", r.name_en}}},
         {"subject", SubjectKindName(r.subject)},
         {"check", CheckName(r.check)}};
  if (!r.indicator.empty()) j["indicator"] = r.indicator;
  if (r.measure)
    j["measure"] = MeasureName(*r.measure);
  else if (!r.series.empty())
    j["measure"] = r.series;
  j["op"] = ComparatorName(r.op);
  j["levels"] = levels;
  j["for"] = r.for_periods;
  if (r.min_base != 0) j["min_base"] = r.min_base;
  if (!r.level_of.empty()) j["level_of"] = r.level_of;
  if (r.target) j["target"] = *r.target;
  if (!r.targets.empty()) j["targets"] = r.targets;
  if (!r.targets_file.empty()) j["targets_file"] = r.targets_file;
  if (!r.region_levels.empty()) j["region_levels"] = r.region_levels;
  Json f = Json::object();
  if (!r.filters.regions.empty()) f["regions"] = r.filters.regions;
  if (!r.filters.industries.empty()) f["industries"] = r.filters.industries;
  if (!r.filters.tags.empty()) f["tags"] = r.filters.tags;
  if (!r.filters.sizes.empty()) f["sizes"] = r.filters.sizes;
  if (!r.filters.subjects.empty()) f["subjects"] = r.filters.subjects;
  if (!f.empty()) j["filters"] = f;
  j["message"] = {{"zh", r.message_zh}, {"en", r.message_en}};
  if (!r.why.empty()) j["why"] = r.why;
  j["enabled"] = r.enabled;
  return j;
}

Result<Json> ParseText(std::string_view text) {
  Json j = Json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded()) return Status::Invalid("rules: not valid JSON");
  return j;
}

}  // namespace

std::string_view SubjectKindName(SubjectKind k) { return NameOf(kSubjects, k); }
Result<SubjectKind> ParseSubjectKind(std::string_view s) {
  auto k = Lookup(kSubjects, s);
  if (!k)
    return Status::Invalid("unknown subject kind '" + std::string(s) +
                           "' (enterprise, region, industry, commodity, target)");
  return *k;
}
std::string_view LevelName(Level l) { return NameOf(kLevels, l); }
Result<Level> ParseLevel(std::string_view s) {
  auto l = Lookup(kLevels, s);
  if (!l)
    return Status::Invalid("unknown level '" + std::string(s) + "' (red, orange, yellow, blue)");
  return *l;
}
std::string_view CheckName(Check c) { return NameOf(kChecks, c); }
std::string_view ComparatorName(Comparator c) { return NameOf(kComparators, c); }

bool Beyond(Comparator op, double v, double t) {
  switch (op) {
    case Comparator::kLess:
      return v < t;
    case Comparator::kLessEqual:
      return v <= t;
    case Comparator::kGreater:
      return v > t;
    case Comparator::kGreaterEqual:
      return v >= t;
    case Comparator::kAbsGreater:
      return std::fabs(v) > t;
  }
  return false;
}

std::optional<Threshold> Classify(const Rule& rule, double value) {
  if (!std::isfinite(value)) return std::nullopt;
  for (const auto& t : rule.thresholds) {  // most severe first
    if (Beyond(rule.op, value, t.value)) return t;
  }
  return std::nullopt;
}

Status ValidateRule(const Rule& r) {
  const std::string where = "rule '" + r.id + "'";
  if (r.id.empty()) return Status::Invalid("rule: 'id' is required");
  for (char c : r.id) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) {
      return Status::Invalid(where + ": an id may hold letters, digits, '_', '-' and '.' only");
    }
  }
  if (r.family.empty()) return Status::Invalid(where + ": 'family' is required");
  if (r.thresholds.empty()) return Status::Invalid(where + ": at least one level is required");
  if (r.for_periods < 1 || r.for_periods > 24)
    return Status::Invalid(where + ": 'for' must be 1..24 periods");
  // Severity order: a more severe level must be further out in the direction of the comparison.
  for (size_t i = 1; i < r.thresholds.size(); ++i) {
    const double more = r.thresholds[i - 1].value, less = r.thresholds[i].value;
    const bool ok =
        (r.op == Comparator::kLess || r.op == Comparator::kLessEqual) ? more < less : more > less;
    if (!ok) {
      return Status::Invalid(
          where + ": level " + std::string(LevelName(r.thresholds[i - 1].level)) +
          " must be beyond level " + std::string(LevelName(r.thresholds[i].level)) +
          " (red > orange > yellow > blue)");
    }
  }
  const bool enterprise_only = r.check != Check::kMeasure;
  if (enterprise_only && r.subject != SubjectKind::kEnterprise) {
    return Status::Invalid(where + ": check '" + std::string(CheckName(r.check)) +
                           "' applies to enterprises only");
  }
  switch (r.subject) {
    case SubjectKind::kEnterprise:
      if (r.indicator.empty()) return Status::Invalid(where + ": 'indicator' is required");
      if (r.check == Check::kMeasure && r.measure != Measure::kValue &&
          r.measure != Measure::kYtd && r.measure != Measure::kYoy &&
          r.measure != Measure::kYtdYoy) {
        return Status::Invalid(where + ": enterprise measures are value, ytd, yoy, ytd_yoy");
      }
      break;
    case SubjectKind::kRegion:
    case SubjectKind::kIndustry: {
      if (r.indicator.empty() || !r.measure)
        return Status::Invalid(where + ": 'indicator' and 'measure' are required");
      const bool region = r.subject == SubjectKind::kRegion;
      const std::string& l = r.level_of;
      if (region ? (l != "province" && l != "prefecture" && l != "county")
                 : (l != "section" && l != "division")) {
        return Status::Invalid(where + (region
                                            ? ": 'level_of' must be province, prefecture or county"
                                            : ": 'level_of' must be section or division"));
      }
      break;
    }
    case SubjectKind::kCommodity:
      if (r.series != "price" && r.series != "change_pct" && r.series != "yoy_pct" &&
          r.series != "stock_days") {
        return Status::Invalid(where +
                               ": commodity measures are price, change_pct, yoy_pct, stock_days");
      }
      break;
    case SubjectKind::kTarget:
      if (r.series != "behind_pct")
        return Status::Invalid(where + ": the target measure is behind_pct");
      break;
    case SubjectKind::kProject:
      if (r.series != "behind_months" && r.series != "idle_months" && r.series != "overdue_days")
        return Status::Invalid(where +
                               ": project measures are behind_months, idle_months, overdue_days");
      break;
  }
  return Status::Ok();
}

Result<Rule> ParseRuleJson(std::string_view json) {
  ASSIGN_OR_RETURN(Json j, ParseText(json));
  return FromJson(j);
}

Result<std::vector<Rule>> ParseRuleFile(std::string_view json) {
  ASSIGN_OR_RETURN(Json j, ParseText(json));
  if (!j.is_object() || !j.contains("version") || !j.contains("rules") || !j["rules"].is_array()) {
    return Status::Invalid("rules file: expected {\"version\":1,\"rules\":[…]}");
  }
  if (!j["version"].is_number_integer() || j["version"].get<int>() != kRulesFormatVersion) {
    return Status::Invalid("rules file: unsupported version (this ballast reads version " +
                           std::to_string(kRulesFormatVersion) + ")");
  }
  std::vector<Rule> out;
  for (const auto& r : j["rules"]) {
    ASSIGN_OR_RETURN(Rule rule, FromJson(r));
    for (const auto& o : out) {
      if (o.id == rule.id)
        return Status::Invalid("rules file: duplicate rule id '" + rule.id + "'");
    }
    out.push_back(std::move(rule));
  }
  return out;
}

std::string RuleToJson(const Rule& rule) { return ToJson(rule).dump(); }

std::optional<double> TargetFor(const Rule& r, const std::string& code) {
  if (auto it = r.targets.find(code); it != r.targets.end()) return it->second;
  if (auto it = r.file_targets.find(code); it != r.file_targets.end()) return it->second;
  if (r.target) return r.target;
  if (auto it = r.file_targets.find("*"); it != r.file_targets.end()) return it->second;
  return std::nullopt;
}

Result<std::vector<Rule>> DefaultRules() {
  ASSIGN_OR_RETURN(auto rules, ParseRuleFile(EmbeddedDefaultRulesJson()));
  ASSIGN_OR_RETURN(auto targets, DefaultGrowthTargets());
  ApplyGrowthTargets(targets, &rules);
  return rules;
}

std::string FormatNumber(double v) {
  // As printf's "%.1f" (to_chars with a precision is specified so), without its locale and
  // format parsing: an evaluation formats two messages for each of hundreds of thousands of
  // findings.
  char buf[400];  // the longest double, fixed: 309 digits, a sign, a point and one decimal
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 1);
  std::string s(buf, ec == std::errc() ? end : buf);
  return s == "-0.0" ? "0.0" : s;
}

std::string FormatMessage(const std::string& tmpl,
                          const std::map<std::string, std::string>& fields) {
  std::string out;
  out.reserve(tmpl.size() + 32);
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '{') {
      size_t close = tmpl.find('}', i);
      if (close != std::string::npos) {
        auto it = fields.find(tmpl.substr(i + 1, close - i - 1));
        if (it != fields.end()) {
          out += it->second;
          i = close;
          continue;
        }
      }
    }
    out += tmpl[i];
  }
  return out;
}

}  // namespace ballast::warn
