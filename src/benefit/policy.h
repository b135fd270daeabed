// 惠企政策 (issue 14, item 6): a policy with its eligibility as data, and the facts of one
// enterprise it is matched against. Core only: app/ fills the facts from the panel and the
// industry groups; the store keeps policies and benefit records.
#ifndef BALLAST_BENEFIT_POLICY_H_
#define BALLAST_BENEFIT_POLICY_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace ballast::benefit {

// What a condition looks at. Attributes (region … tag) hold alternatives (any of them);
// figures (revenue, growth, rd) a bound.
enum class Field { kRegion, kIndustry, kSize, kTag, kRevenue, kGrowth, kRd };

struct Condition {
  Field field = Field::kRegion;
  // Attributes: the alternatives (a region or industry code, a group "@hightech", a size class,
  // a tag). Figures: unused.
  std::vector<std::string> values;
  bool at_least = true;  // figures: ≥ bound, else ≤ bound
  double bound = 0;
};

struct Policy {
  std::string id;  // the library's key (e.g. "HN-2022-02")
  std::string title, issuer, doc_number;
  std::string valid_from, valid_to;  // Beijing dates YYYY-MM-DD, inclusive; "" = open
  std::string summary, benefit;
  std::vector<Condition> conditions;  // all must hold
  std::string updated_by, updated_at;
};

// The facts Ballast holds of one enterprise; an absent figure is nullopt ("" for attributes).
struct EnterpriseFacts {
  std::string uscc, name;
  std::string region, industry;  // GB/T 2260 / GB/T 4754 codes
  std::string size;              // large | medium | small | micro | ""
  std::vector<std::string> tags;
  std::optional<double> revenue;  // 营业收入 of the last full year, 万元
  std::optional<double> growth;   // ytd_yoy of output value, %
  std::optional<double> rd;       // R&D intensity (研发投入强度), %, where reported
};

std::string_view FieldName(Field f);
std::string_view FieldNameZh(Field f);
// English or Chinese name (region / 地区 …).
Result<Field> ParseField(std::string_view name);
bool IsFigure(Field f);

// A YYYY-MM-DD date that exists.
bool ValidDate(std::string_view d);
// In force on the Beijing date `today` (YYYY-MM-DD): valid_from ≤ today ≤ valid_to.
bool InForce(const Policy& p, std::string_view today);

}  // namespace ballast::benefit

#endif  // BALLAST_BENEFIT_POLICY_H_
