#include "projects/project_import.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "core/uscc.h"
#include "ingest/reader/table_reader.h"

namespace ballast::projects {
namespace {

enum Col {
  kCode,
  kName,
  kInvestorUscc,
  kInvestorName,
  kRegion,
  kPark,
  kIndustry,
  kTotal,
  kAnnual,
  kStage,
  kPlanned0,
  kPlanned1,
  kPlanned2,
  kPlanned3,
  kActual0,
  kActual1,
  kActual2,
  kActual3,
  kLeaderProvince,
  kLeaderCity,
  kLeaderCounty,
  kUnit,
  kWlConstruction,
  kWlFactors,
  kWlFinance,
  kMainBank,
  kColCount
};

struct ColName {
  Col col;
  const char* en;
  const char* zh;
};

// English name and Chinese name of every column (a "（万元）" / "(万元)" suffix is ignored).
constexpr ColName kCols[] = {
    {kCode, "code", "项目编号"},
    {kName, "name", "项目名称"},
    {kInvestorUscc, "investor_uscc", "投资主体统一社会信用代码"},
    {kInvestorName, "investor_name", "投资主体"},
    {kRegion, "region", "所在地区"},
    {kPark, "park", "所在园区"},
    {kIndustry, "industry", "所属行业"},
    {kTotal, "total_investment", "总投资"},
    {kAnnual, "annual_plan", "年度计划投资"},
    {kStage, "stage", "项目阶段"},
    {kPlanned0, "planned_signed", "计划签约日期"},
    {kPlanned1, "planned_started", "计划开工日期"},
    {kPlanned2, "planned_in_production", "计划投产日期"},
    {kPlanned3, "planned_at_capacity", "计划达效日期"},
    {kActual0, "signed", "签约日期"},
    {kActual1, "started", "开工日期"},
    {kActual2, "in_production", "投产日期"},
    {kActual3, "at_capacity", "达效日期"},
    {kLeaderProvince, "leader_province", "省级分包领导"},
    {kLeaderCity, "leader_city", "市级分包领导"},
    {kLeaderCounty, "leader_county", "县级分包领导"},
    {kUnit, "unit", "责任单位"},
    {kWlConstruction, "whitelist_construction", "施工白名单"},
    {kWlFactors, "whitelist_factors", "要素保障白名单"},
    {kWlFinance, "whitelist_finance", "融资白名单"},
    {kMainBank, "main_bank", "主办银行"},
};

std::string Normalise(std::string_view h) {
  std::string s(h);
  for (const char* suffix : {"（万元）", "(万元)"}) {
    const std::string_view sv(suffix);
    if (s.size() > sv.size() && s.compare(s.size() - sv.size(), sv.size(), sv) == 0)
      s.resize(s.size() - sv.size());
  }
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string Where(std::string_view file, int64_t line, std::string_view field) {
  return std::string(file) + ":" + std::to_string(line) + ": " + std::string(field) + ": ";
}

Result<double> Number(std::string_view s) {
  if (s.empty()) return 0.0;
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v) || v < 0)
    return Status::Invalid("'" + std::string(s) + "' is not a number ≥ 0");
  return v;
}

Result<bool> Flag(std::string_view s) {
  if (s.empty() || s == "0" || s == "否" || s == "no" || s == "false" || s == "N") return false;
  if (s == "1" || s == "是" || s == "yes" || s == "true" || s == "Y") return true;
  return Status::Invalid("'" + std::string(s) + "' is not 是/否 (yes/no)");
}

}  // namespace

Status CheckProjectCodes(const Catalog& catalog, const Project& p) {
  if (catalog.regions().Find(p.region) == kNoNode)
    return Status::Invalid("region: '" + p.region + "' is not a GB/T 2260 code");
  if (!p.industry.empty() && catalog.FindIndustry(p.industry) == kNoNode)
    return Status::Invalid("industry: '" + p.industry + "' is not a GB/T 4754 code");
  if (!p.investor_uscc.empty() && CheckUscc(p.investor_uscc) == UsccCheck::kMalformed)
    return Status::Invalid("investor_uscc: '" + p.investor_uscc +
                           "' is not a unified social credit code");
  if (p.investor_uscc.empty() && p.investor_name.empty())
    return Status::Invalid("investor_name: the investor's USCC or name is required");
  return CheckProject(p);
}

Result<std::vector<ParsedProject>> ParseProjects(const Catalog& catalog, std::string_view bytes,
                                                 std::string_view file_name) {
  const std::string file(file_name);
  std::array<int, kColCount> at{};
  at.fill(-1);
  bool header = false;
  std::vector<ParsedProject> out;
  std::set<std::string> codes;
  auto info = ingest::ReadTable(
      bytes, file_name, [&](int64_t line, std::span<const std::string_view> cells) -> Status {
        if (!header) {
          header = true;
          for (size_t i = 0; i < cells.size(); ++i) {
            const std::string h = Normalise(cells[i]);
            const ColName* found = nullptr;
            for (const auto& c : kCols) {
              if (h == c.en || h == c.zh) found = &c;
            }
            if (!found) return Status::Invalid(Where(file, line, cells[i]) + "unknown column");
            if (at[found->col] >= 0)
              return Status::Invalid(Where(file, line, cells[i]) + "column given twice");
            at[found->col] = static_cast<int>(i);
          }
          for (Col c : {kCode, kName, kRegion}) {
            if (at[c] < 0)
              return Status::Invalid(Where(file, line, kCols[c].en) + "missing column (" +
                                     kCols[c].zh + ")");
          }
          return Status::Ok();
        }
        auto cell = [&](Col c) -> std::string_view {
          const int i = at[c];
          return i >= 0 && static_cast<size_t>(i) < cells.size() ? cells[static_cast<size_t>(i)]
                                                                 : std::string_view();
        };
        auto fail = [&](Col c, const std::string& what) {
          return Status::Invalid(Where(file, line, kCols[c].en) + what);
        };
        Project p;
        p.code = cell(kCode);
        p.name = cell(kName);
        p.investor_uscc = cell(kInvestorUscc);
        p.investor_name = cell(kInvestorName);
        p.region = cell(kRegion);
        p.park = cell(kPark);
        p.industry = cell(kIndustry);
        p.leader_province = cell(kLeaderProvince);
        p.leader_city = cell(kLeaderCity);
        p.leader_county = cell(kLeaderCounty);
        p.unit = cell(kUnit);
        p.main_bank = cell(kMainBank);
        for (Col c : {kTotal, kAnnual}) {
          auto v = Number(cell(c));
          if (!v.ok()) return fail(c, v.status().message());
          (c == kTotal ? p.total_investment : p.annual_plan) = *v;
        }
        for (Col c : {kWlConstruction, kWlFactors, kWlFinance}) {
          auto v = Flag(cell(c));
          if (!v.ok()) return fail(c, v.status().message());
          (c == kWlConstruction ? p.wl_construction
           : c == kWlFactors    ? p.wl_factors
                                : p.wl_finance) = *v;
        }
        for (size_t i = 0; i < kStageCount; ++i) {
          p.planned[i] = cell(static_cast<Col>(kPlanned0 + static_cast<int>(i)));
          p.actual[i] = cell(static_cast<Col>(kActual0 + static_cast<int>(i)));
        }
        if (p.code.empty()) return fail(kCode, "required");
        if (!codes.insert(p.code).second)
          return fail(kCode, "'" + p.code + "' appears twice in the file");
        if (Status s = CheckProjectCodes(catalog, p); !s.ok()) {
          // The message starts with the field's name: put the file and line before it.
          return Status::Invalid(std::string(file) + ":" + std::to_string(line) + ": " +
                                 s.message());
        }
        if (auto st = cell(kStage); !st.empty()) {
          auto stage = ParseStage(st);
          if (!stage) return fail(kStage, "'" + std::string(st) + "' is not 签约/开工/投产/达效");
          if (*stage != p.stage())
            return fail(kStage, "'" + std::string(st) + "' disagrees with the stage dates (" +
                                    std::string(StageNameZh(p.stage())) + ")");
        }
        out.push_back({line, std::move(p)});
        return Status::Ok();
      });
  if (!info.ok()) {
    if (info.status().message().rfind(file, 0) == 0) return info.status();
    return Status::Invalid(file + ": " + info.status().message());
  }
  if (!header) return Status::Invalid(file + ":1: the file is empty (expected a header row)");
  return out;
}

}  // namespace ballast::projects
