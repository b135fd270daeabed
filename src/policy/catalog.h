// The policy catalog: the quantified measures of the seed documents as data (data/policies/,
// compiled into the binary). Each target carries its source (document and clause), the text as
// written, a metric (a computed indicator, an internal metric, or progress reported by the
// responsible units), comparator and value, deadline, expected path and responsible units
// (责任单位) as written. Qualitative measures are items with a clause and no value.
#ifndef BALLAST_POLICY_CATALOG_H_
#define BALLAST_POLICY_CATALOG_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/period.h"
#include "core/status.h"

namespace ballast::policy {

inline constexpr int kPolicyFormatVersion = 1;

// cumulative: a count or amount built up from the baseline over the period (2500 new firms);
// level: a rate or share that must stand at the value (resolution rate ≥ 96 %);
// growth: a growth rate that must hold (technical-retrofit investment +20 %);
// qualitative: no number to track.
enum class TargetType { kCumulative, kLevel, kGrowth, kQualitative };
enum class MetricKind { kReported, kIndicator, kInternal };
// linear: 时间过半、任务过半; flat: the value applies at every point; curve: custom monthly
// fractions of the way from baseline to value.
enum class PathKind { kLinear, kFlat, kCurve };

struct Target {
  std::string id, document, clause, clause_title;
  std::string text;  // the measure as written in the document
  TargetType type = TargetType::kCumulative;
  MetricKind metric = MetricKind::kReported;
  std::string indicator, measure, region, industry;  // kIndicator
  std::string internal;                              // kInternal: e.g. appeal_resolution_rate
  std::string comparator = ">=";                     // >=, >, <=, <
  double value = 0;
  std::string unit;
  std::optional<double> baseline;  // default 0 for cumulative; else the first reported value
  Period start = 0, deadline = 0;
  PathKind path = PathKind::kLinear;
  std::vector<std::pair<Period, double>> curve;  // (month, fraction 0..1), increasing
  std::string units_text;                        // 责任单位 exactly as written
  std::vector<std::string> lead_units, cooperating_units;
  std::string scope;                             // e.g. 各省辖市 (the target applies to each)
  std::vector<std::string> rules;                // related warning rules
  std::string note;
  bool qualitative() const { return type == TargetType::kQualitative; }
};

struct PolicyDocument {
  std::string id, title, number, issuer, date, seed, language_note;
  // The region the document governs (GB/T 2260; 100000 for national documents): who may report
  // progress on its targets and read what is computed for the whole of it.
  std::string region;
  std::vector<Target> targets;
};

std::string_view TargetTypeName(TargetType t);
std::string_view MetricKindName(MetricKind m);
std::string_view PathKindName(PathKind p);

// Parses one file of data/policies/ ({"version":1,"document":{…},"targets":[…]}).
Result<PolicyDocument> ParsePolicyDocument(std::string_view json);
// The shipped catalog (every file of data/policies/), compiled into the binary.
Result<std::vector<PolicyDocument>> EmbeddedPolicyCatalog();
std::vector<std::string_view> EmbeddedPolicyFiles();
// The shipped target whose metric is the internal metric `code` (none if no target names it).
std::optional<Target> EmbeddedInternalTarget(std::string_view code);

}  // namespace ballast::policy

#endif  // BALLAST_POLICY_CATALOG_H_
