#include "benefit/policy.h"

#include <array>

namespace ballast::benefit {
namespace {

struct FieldNames {
  Field field;
  const char* en;
  const char* zh;
};
constexpr std::array<FieldNames, 7> kFields = {{
    {Field::kRegion, "region", "地区"},
    {Field::kIndustry, "industry", "行业"},
    {Field::kSize, "size", "规模"},
    {Field::kTag, "tag", "标签"},
    {Field::kRevenue, "revenue", "营业收入"},
    {Field::kGrowth, "growth", "产值增速"},
    {Field::kRd, "rd", "研发强度"},
}};

}  // namespace

std::string_view FieldName(Field f) { return kFields[static_cast<size_t>(f)].en; }
std::string_view FieldNameZh(Field f) { return kFields[static_cast<size_t>(f)].zh; }

Result<Field> ParseField(std::string_view name) {
  for (const auto& f : kFields) {
    if (name == f.en || name == f.zh) return f.field;
  }
  return Status::Invalid("unknown field '" + std::string(name) +
                         "' (region, industry, size, tag, revenue, growth, rd)");
}

bool IsFigure(Field f) { return f == Field::kRevenue || f == Field::kGrowth || f == Field::kRd; }

bool ValidDate(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (d[i] < '0' || d[i] > '9') return false;
  }
  const int y = std::stoi(std::string(d.substr(0, 4)));
  const int m = std::stoi(std::string(d.substr(5, 2)));
  const int day = std::stoi(std::string(d.substr(8, 2)));
  if (m < 1 || m > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return day <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

bool InForce(const Policy& p, std::string_view today) {
  // ISO dates compare as text.
  if (!p.valid_from.empty() && today < std::string_view(p.valid_from)) return false;
  if (!p.valid_to.empty() && today > std::string_view(p.valid_to)) return false;
  return true;
}

}  // namespace ballast::benefit
