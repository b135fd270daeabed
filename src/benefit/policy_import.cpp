#include "benefit/policy_import.h"

#include <algorithm>
#include <array>
#include <set>

#include "benefit/conditions.h"
#include "ingest/reader/table_reader.h"

namespace ballast::benefit {
namespace {

enum Col {
  kId,
  kTitle,
  kIssuer,
  kDocNumber,
  kFrom,
  kTo,
  kSummary,
  kBenefit,
  kConditions,
  kColCount
};

struct ColName {
  Col col;
  const char* en;
  const char* zh;
};
constexpr ColName kCols[] = {
    {kId, "id", "政策编号"},
    {kTitle, "title", "政策名称"},
    {kIssuer, "issuer", "发布机关"},
    {kDocNumber, "doc_number", "文号"},
    {kFrom, "valid_from", "生效日期"},
    {kTo, "valid_to", "截止日期"},
    {kSummary, "summary", "政策摘要"},
    {kBenefit, "benefit", "支持内容"},
    {kConditions, "conditions", "申报条件"},
};

std::string Lower(std::string_view h) {
  std::string s(h);
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string Where(std::string_view file, int64_t line, std::string_view field) {
  return std::string(file) + ":" + std::to_string(line) + ": " + std::string(field) + ": ";
}

}  // namespace

Status CheckPolicy(const Policy& p) {
  if (p.id.empty()) return Status::Invalid("id: required");
  if (p.id.size() > 64) return Status::Invalid("id: at most 64 characters");
  if (p.title.empty()) return Status::Invalid("title: required");
  if (!p.valid_from.empty() && !ValidDate(p.valid_from))
    return Status::Invalid("valid_from: '" + p.valid_from + "' is not a date YYYY-MM-DD");
  if (!p.valid_to.empty() && !ValidDate(p.valid_to))
    return Status::Invalid("valid_to: '" + p.valid_to + "' is not a date YYYY-MM-DD");
  if (!p.valid_from.empty() && !p.valid_to.empty() && p.valid_to < p.valid_from)
    return Status::Invalid("valid_to: " + p.valid_to + " is before valid_from " + p.valid_from);
  return Status::Ok();
}

Result<std::vector<Policy>> ParsePolicies(std::string_view bytes, std::string_view file_name,
                                          const Catalog& catalog,
                                          const std::vector<std::string>& industry_groups) {
  const std::string file(file_name);
  std::array<int, kColCount> at{};
  at.fill(-1);
  bool header = false;
  std::vector<Policy> out;
  std::set<std::string> ids;
  auto info = ingest::ReadTable(
      bytes, file_name, [&](int64_t line, std::span<const std::string_view> cells) -> Status {
        if (!header) {
          header = true;
          for (size_t i = 0; i < cells.size(); ++i) {
            const std::string h = Lower(cells[i]);
            const ColName* found = nullptr;
            for (const auto& c : kCols) {
              if (h == c.en || h == c.zh) found = &c;
            }
            if (!found) return Status::Invalid(Where(file, line, cells[i]) + "unknown column");
            if (at[found->col] >= 0)
              return Status::Invalid(Where(file, line, cells[i]) + "column given twice");
            at[found->col] = static_cast<int>(i);
          }
          for (Col c : {kId, kTitle, kConditions}) {
            if (at[c] < 0)
              return Status::Invalid(Where(file, line, kCols[c].en) + "missing column (" +
                                     kCols[c].zh + ")");
          }
          return Status::Ok();
        }
        auto cell = [&](Col c) -> std::string {
          const int i = at[c];
          return i >= 0 && static_cast<size_t>(i) < cells.size()
                     ? std::string(cells[static_cast<size_t>(i)])
                     : std::string();
        };
        Policy p;
        p.id = cell(kId);
        p.title = cell(kTitle);
        p.issuer = cell(kIssuer);
        p.doc_number = cell(kDocNumber);
        p.valid_from = cell(kFrom);
        p.valid_to = cell(kTo);
        p.summary = cell(kSummary);
        p.benefit = cell(kBenefit);
        if (Status s = CheckPolicy(p); !s.ok()) {
          return Status::Invalid(file + ":" + std::to_string(line) + ": " + s.message());
        }
        if (!ids.insert(p.id).second)
          return Status::Invalid(Where(file, line, "id") + "'" + p.id +
                                 "' appears twice in the file");
        auto conds = ParseConditions(cell(kConditions), catalog, industry_groups);
        if (!conds.ok())
          return Status::Invalid(Where(file, line, "conditions") + conds.status().message());
        p.conditions = std::move(*conds);
        out.push_back(std::move(p));
        return Status::Ok();
      });
  if (!info.ok()) return info.status();
  if (!header) return Status::Invalid(file + ": the file is empty (no header)");
  return out;
}

}  // namespace ballast::benefit
