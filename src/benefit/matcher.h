// Matching an enterprise's facts against a policy's conditions: every condition holds →
// matched; one fails → not matched; none fails but a figure the enterprise lacks is needed →
// 待核实 (possible: a person checks it), with the fields to check.
#ifndef BALLAST_BENEFIT_MATCHER_H_
#define BALLAST_BENEFIT_MATCHER_H_

#include <map>
#include <string>
#include <vector>

#include "benefit/policy.h"
#include "core/catalog.h"

namespace ballast::benefit {

enum class Verdict { kMatched, kPossible, kNotMatched };
std::string_view VerdictName(Verdict v);  // matched | possible | not_matched

struct MatchResult {
  Verdict verdict = Verdict::kNotMatched;
  std::vector<Field> unknown;  // fields the enterprise lacks (for kPossible)
  std::vector<Field> failed;   // conditions that do not hold
};

// Industry groups by name ("@hightech") → their member codes.
using GroupMembers = std::map<std::string, std::vector<std::string>>;

class Matcher {
 public:
  Matcher(const Catalog& catalog, GroupMembers groups)
      : catalog_(catalog), groups_(std::move(groups)) {}
  MatchResult Match(const Policy& p, const EnterpriseFacts& e) const;

 private:
  // true / false / nullopt (the enterprise lacks the attribute or figure).
  std::optional<bool> Holds(const Condition& c, const EnterpriseFacts& e) const;
  bool Under(const CodeTree& tree, const std::string& code, const std::string& ancestor) const;

  const Catalog& catalog_;
  GroupMembers groups_;
};

}  // namespace ballast::benefit

#endif  // BALLAST_BENEFIT_MATCHER_H_
