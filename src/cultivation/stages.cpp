#include "cultivation/stages.h"

#include <charconv>
#include <cmath>

#include "core/incbin.h"
#include "ingest/reader/table_reader.h"

BALLAST_INCBIN(ballast_cultivation_criteria, BALLAST_CULTIVATION_DATA_DIR "/criteria.csv")

namespace ballast::cultivation {

std::string_view FigureName(Figure f) {
  switch (f) {
    case Figure::kRdShare:
      return "rd_share";
    case Figure::kRevenueGrowth:
      return "revenue_growth";
    case Figure::kMainProductShare:
      return "main_product_share";
  }
  return "rd_share";
}

std::optional<Figure> ParseFigure(std::string_view s) {
  for (Figure f : {Figure::kRdShare, Figure::kRevenueGrowth, Figure::kMainProductShare}) {
    if (s == FigureName(f)) return f;
  }
  return std::nullopt;
}

std::string_view OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kMet:
      return "met";
    case Outcome::kNotMet:
      return "not_met";
    case Outcome::kUnknown:
      return "unknown";
  }
  return "unknown";
}

Result<std::vector<Criterion>> ParseCriteria(std::string_view bytes, std::string_view file) {
  std::vector<Criterion> out;
  bool header = false;
  auto info = ingest::ReadTable(
      bytes, file, [&](int64_t line, std::span<const std::string_view> c) -> Status {
        const std::string at = std::string(file) + ":" + std::to_string(line) + ": ";
        if (!header) {
          header = true;
          if (c.size() != 3 || c[0] != "stage" || c[1] != "figure" || c[2] != "min")
            return Status::Invalid(at + "the header must be stage,figure,min");
          return Status::Ok();
        }
        if (c.size() != 3) return Status::Invalid(at + "expected 3 columns");
        Criterion k;
        auto stage = ParseStage(c[0]);
        if (!stage) return Status::Invalid(at + "stage: '" + std::string(c[0]) + "' is unknown");
        k.stage = *stage;
        auto fig = ParseFigure(c[1]);
        if (!fig) return Status::Invalid(at + "figure: '" + std::string(c[1]) + "' is unknown");
        k.figure = *fig;
        auto [p, ec] = std::from_chars(c[2].data(), c[2].data() + c[2].size(), k.min);
        if (c[2].empty() || ec != std::errc() || p != c[2].data() + c[2].size() ||
            !std::isfinite(k.min))
          return Status::Invalid(at + "min: '" + std::string(c[2]) + "' is not a number");
        out.push_back(k);
        return Status::Ok();
      });
  if (!info.ok()) return info.status();
  if (!header) return Status::Invalid(std::string(file) + ":1: the file is empty");
  return out;
}

const std::vector<Criterion>& DefaultCriteria() {
  static const std::vector<Criterion> criteria = [] {
    auto parsed = ParseCriteria(BALLAST_INCBIN_VIEW(ballast_cultivation_criteria), "criteria.csv");
    return parsed.ok() ? *parsed : std::vector<Criterion>{};
  }();
  return criteria;
}

CriteriaResult CheckCriteria(const std::vector<Criterion>& criteria, const Recognition& r) {
  CriteriaResult out;
  bool unknown = false, failed = false;
  for (const auto& k : criteria) {
    if (k.stage != r.stage) continue;
    Check c{k, std::nullopt, Outcome::kUnknown};
    switch (k.figure) {
      case Figure::kRdShare:
        c.value = r.rd_share;
        break;
      case Figure::kRevenueGrowth:
        c.value = r.revenue_growth;
        break;
      case Figure::kMainProductShare:
        c.value = r.main_product_share;
        break;
    }
    if (c.value) {
      c.outcome = *c.value >= k.min ? Outcome::kMet : Outcome::kNotMet;
    }
    failed |= c.outcome == Outcome::kNotMet;
    unknown |= c.outcome == Outcome::kUnknown;
    out.checks.push_back(c);
  }
  out.overall = failed ? Outcome::kNotMet : unknown ? Outcome::kUnknown : Outcome::kMet;
  return out;
}

std::vector<StageCounts> CountStages(const std::vector<Recognition>& rs, int year,
                                     const std::function<std::string(const std::string&)>& key) {
  std::map<std::string, StageCounts> by;
  std::map<std::string, std::pair<std::string, int>> highest;  // uscc → (key, stage)
  for (const auto& r : rs) {
    if (r.year > year) continue;
    std::string k = key(r.uscc);
    if (k.empty()) continue;
    const int s = static_cast<int>(r.stage);
    if (r.year == year) {
      auto& c = by[k];
      c.key = k;
      ++c.recognised[static_cast<size_t>(s)];
    }
    auto [it, fresh] = highest.emplace(r.uscc, std::pair{k, s});
    if (!fresh && s > it->second.second) it->second.second = s;
  }
  for (const auto& [uscc, ks] : highest) {
    auto& c = by[ks.first];
    c.key = ks.first;
    ++c.holding[static_cast<size_t>(ks.second)];
  }
  std::vector<StageCounts> out;
  for (auto& [k, c] : by) out.push_back(c);
  return out;
}

}  // namespace ballast::cultivation
