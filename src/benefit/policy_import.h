// Reading a policy library from CSV or XLSX: Chinese or English headers in any order, every row
// checked (dates, the condition syntax of benefit/conditions.h, codes against the catalog),
// errors naming file, line and field. The caller writes all rows or none.
#ifndef BALLAST_BENEFIT_POLICY_IMPORT_H_
#define BALLAST_BENEFIT_POLICY_IMPORT_H_

#include <string>
#include <string_view>
#include <vector>

#include "benefit/policy.h"
#include "core/catalog.h"

namespace ballast::benefit {

// Columns (docs/benefits.md): id 政策编号, title 政策名称, issuer 发布机关, doc_number 文号,
// valid_from 生效日期, valid_to 截止日期, summary 政策摘要, benefit 支持内容, conditions 申报条件.
// Required: id, title, conditions (the cell may be empty: open to all).
Result<std::vector<Policy>> ParsePolicies(std::string_view bytes, std::string_view file_name,
                                          const Catalog& catalog,
                                          const std::vector<std::string>& industry_groups);

// The checks of one policy edited by hand (no file, no line); errors start with the field.
Status CheckPolicy(const Policy& p);

}  // namespace ballast::benefit

#endif  // BALLAST_BENEFIT_POLICY_IMPORT_H_
