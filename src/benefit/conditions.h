// The condition syntax of a policy's eligibility (docs/benefits.md): clauses separated by ';'
// (or a new line), each `field op value`:
//   region = 410100, 410200      the enterprise's region lies in one of these (its subtree)
//   industry = @hightech, C34    its industry lies under one of these codes or in the group
//   size = small, micro          its size class is one of these
//   tag = 专精特新, 小巨人        it carries one of these tags
//   revenue >= 2000              营业收入 of the last full year, 万元 (also <=)
//   growth >= 10                 ytd_yoy of output value, % (also <=)
//   rd >= 3                      R&D intensity, % (also <=)
// Field names may be given in Chinese (地区 行业 规模 标签 营业收入 产值增速 研发强度); '＝', '≥',
// '≤' and Chinese commas are accepted. An empty text is a policy open to every enterprise.
#ifndef BALLAST_BENEFIT_CONDITIONS_H_
#define BALLAST_BENEFIT_CONDITIONS_H_

#include <string>
#include <string_view>
#include <vector>

#include "benefit/policy.h"
#include "core/catalog.h"

namespace ballast::benefit {

// Parses the clauses; errors start with the clause's number and say what is wrong. Codes are
// checked against the catalog; a group name ("@x") against `industry_groups` (names only).
Result<std::vector<Condition>> ParseConditions(std::string_view text, const Catalog& catalog,
                                               const std::vector<std::string>& industry_groups);

// The canonical text of conditions (parses back to the same).
std::string FormatConditions(const std::vector<Condition>& conditions);

}  // namespace ballast::benefit

#endif  // BALLAST_BENEFIT_CONDITIONS_H_
