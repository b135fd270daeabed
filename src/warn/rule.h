// Warning rules as data: what to watch (subject kind, indicator and measure), the thresholds of
// each level (red > orange > yellow > blue), persistence (fire only after N consecutive
// periods), filters and the message. The file format (JSON, versioned) is in docs/warnings.md;
// the shipped default set is data/rules/default.json, compiled into the binary.
#ifndef BALLAST_WARN_RULE_H_
#define BALLAST_WARN_RULE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "engine/measures.h"

namespace ballast::warn {

inline constexpr int kRulesFormatVersion = 1;

// kProject: a major project (issue 15), whose series other domains compute (app/projects.h):
// behind_months, idle_months, overdue_days.
enum class SubjectKind { kEnterprise, kRegion, kIndustry, kCommodity, kTarget, kProject };
// Subjects whose series come from outside the panel (commodities, targets, projects).
inline bool IsExternal(SubjectKind k) {
  return k == SubjectKind::kCommodity || k == SubjectKind::kTarget || k == SubjectKind::kProject;
}
enum class Level { kNone = 0, kBlue = 1, kYellow = 2, kOrange = 3, kRed = 4 };

// What a rule computes for a subject.
enum class Check {
  kMeasure,     // a measure of the indicator (enterprise, region, industry, commodity, target)
  kStoppage,    // enterprise reported zero where its base (上年同期) was at least min_base
  kMissing,     // enterprise stopped reporting: value = consecutive periods missing
  kTurnToLoss,  // enterprise's cumulative profit < 0 while its base was >= 0: value = ytd
  kRunRate,     // enterprise's annualised cumulative figure: ytd / months × 12
};

// How the value is compared with a threshold. kAbsGreater compares |value|.
enum class Comparator { kLess, kLessEqual, kGreater, kGreaterEqual, kAbsGreater };

struct Threshold {
  Level level = Level::kNone;
  double value = 0;
};

struct RuleFilters {
  std::vector<std::string> regions;     // region codes; a subject must lie in one subtree
  std::vector<std::string> industries;  // industry codes; likewise
  std::vector<std::string> tags;   // enterprise must carry at least one (专精特新, 链主 …)
  std::vector<std::string> sizes;  // large | medium | small | micro
  std::vector<std::string> subjects;  // explicit subject keys (commodity codes, target ids …)
};

struct Rule {
  std::string id, family;
  std::string name_zh, name_en;
  SubjectKind subject = SubjectKind::kEnterprise;
  Check check = Check::kMeasure;
  std::string indicator;  // catalog code (enterprise, region, industry rules)
  // The file's "measure", parsed once when the rule is loaded. Enterprise: value | ytd | yoy |
  // ytd_yoy (absent for the other checks); region/industry: any measure of the engine.
  std::optional<Measure> measure;
  // Commodity and target rules: the outside series their "measure" names (commodity: price |
  // change_pct | yoy_pct | stock_days; target: behind_pct).
  std::string series;
  Comparator op = Comparator::kLess;
  std::vector<Threshold> thresholds;  // most severe first
  int for_periods = 1;
  double min_base = 0;  // enterprise rules: the base (上年同期) must be at least this
  std::string
      level_of;  // region rules: province | prefecture | county; industry: section | division
  // Industry rules: also evaluate each industry within every region of these levels (province,
  // prefecture), subject key "code@region" (measures that compare with a parent: not supported).
  std::vector<std::string> region_levels;
  // Region/industry rules: compare measure − target (percentage points below a growth target).
  std::optional<double> target;
  std::map<std::string, double> targets;  // per subject code, overriding `target`
  // "growth": targets come from data/targets/growth.csv (filled into file_targets when the rules
  // are loaded; code → target, "*" the default); the rule's own target/targets win.
  std::string targets_file;
  std::map<std::string, double> file_targets;
  RuleFilters filters;
  std::string message_zh, message_en;  // placeholders: see docs/warnings.md
  std::string why;                     // the reason for the rule and its thresholds
  bool enabled = true;
};

std::string_view SubjectKindName(SubjectKind k);
Result<SubjectKind> ParseSubjectKind(std::string_view s);
std::string_view LevelName(Level l);  // "" for kNone
Result<Level> ParseLevel(std::string_view s);
std::string_view CheckName(Check c);
std::string_view ComparatorName(Comparator c);

// True when `value` is beyond `threshold` in the direction of `op`.
bool Beyond(Comparator op, double value, double threshold);
// The most severe level whose threshold the value is beyond, and that threshold.
std::optional<Threshold> Classify(const Rule& rule, double value);

// The target a region/industry rule compares the subject `code` with: the rule's `targets`, the
// file's row, the rule's `target`, the file's `*` row, in that order.
std::optional<double> TargetFor(const Rule& rule, const std::string& code);

// Checks a rule's consistency (known kinds, thresholds ordered by severity, for >= 1, …). The
// catalog checks (indicator codes, region codes) happen when rules are compiled for evaluation.
Status ValidateRule(const Rule& rule);

// Parses one rule object (JSON text) or a whole rule file {"version":1,"rules":[…]}.
Result<Rule> ParseRuleJson(std::string_view json);
Result<std::vector<Rule>> ParseRuleFile(std::string_view json);
// Writes a rule back as the JSON object of the file format.
std::string RuleToJson(const Rule& rule);

// The shipped default rules (data/rules/default.json), compiled into the binary.
std::string_view EmbeddedDefaultRulesJson();
Result<std::vector<Rule>> DefaultRules();

// Fills a message template: {subject} {code} {value} {threshold} {period} {level} {streak}
// {indicator}; numbers with one decimal.
std::string FormatMessage(const std::string& tmpl,
                          const std::map<std::string, std::string>& fields);
std::string FormatNumber(double v);

}  // namespace ballast::warn

#endif  // BALLAST_WARN_RULE_H_
