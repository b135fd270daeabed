#include "core/catalog.h"

namespace ballast {

std::vector<std::string_view> SplitSimpleCsvLine(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t comma = line.find(',', start);
    if (comma == std::string_view::npos) {
      out.push_back(line.substr(start));
      break;
    }
    out.push_back(line.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

namespace {

// Calls fn(line_number, fields) for every non-empty line after the header.
template <typename Fn>
Status ForEachCsvLine(std::string_view text, std::string_view what, size_t min_fields, Fn fn) {
  int line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++line_no;
    if (line_no == 1 || line.empty()) continue;
    auto f = SplitSimpleCsvLine(line);
    if (f.size() < min_fields) {
      return Status::Invalid(std::string(what) + " catalog line " + std::to_string(line_no) +
                             ": expected " + std::to_string(min_fields) + " fields");
    }
    RETURN_IF_ERROR(fn(line_no, f));
  }
  return Status::Ok();
}

Result<IndicatorKind> ParseKind(std::string_view s) {
  if (s == "flow") return IndicatorKind::kFlow;
  if (s == "stock") return IndicatorKind::kStock;
  if (s == "ratio") return IndicatorKind::kRatio;
  if (s == "negative_share") return IndicatorKind::kNegativeShare;
  return Status::Invalid("unknown indicator kind '" + std::string(s) + "'");
}

}  // namespace

Result<Catalog> Catalog::Parse(std::string_view regions_csv, std::string_view industries_csv,
                               std::string_view indicators_csv) {
  Catalog c;
  std::vector<CodeTree::Row> rows;
  rows.push_back({std::string(kCountryCode), "全国", "", 0});
  RETURN_IF_ERROR(ForEachCsvLine(regions_csv, "region", 4, [&](int, const auto& f) {
    std::string parent = f[3].empty() ? std::string(kCountryCode) : std::string(f[3]);
    rows.push_back({std::string(f[0]), std::string(f[1]), parent, std::atoi(std::string(f[2]).c_str())});
    return Status::Ok();
  }));
  ASSIGN_OR_RETURN(c.regions_, CodeTree::Build(rows));

  rows.clear();
  rows.push_back({std::string(kAllIndustryCode), "工业", "", 0});
  RETURN_IF_ERROR(ForEachCsvLine(industries_csv, "industry", 4, [&](int, const auto& f) {
    std::string parent(f[3]);
    if (parent.empty() && (f[0] == "B" || f[0] == "C" || f[0] == "D")) {
      parent = std::string(kAllIndustryCode);
    }
    rows.push_back({std::string(f[0]), std::string(f[1]), parent, std::atoi(std::string(f[2]).c_str())});
    return Status::Ok();
  }));
  ASSIGN_OR_RETURN(c.industries_, CodeTree::Build(rows));

  RETURN_IF_ERROR(ForEachCsvLine(indicators_csv, "indicator", 8, [&](int line, const auto& f) {
    Indicator ind;
    ind.code = f[0];
    ind.name_zh = f[1];
    ind.name_en = f[2];
    ind.unit = f[3];
    auto kind = ParseKind(f[4]);
    if (!kind.ok()) {
      return Status::Invalid("indicator catalog line " + std::to_string(line) + ": " +
                             kind.status().message());
    }
    ind.kind = *kind;
    ind.nonnegative = f[5] == "1";
    ind.numerator = f[6];
    ind.denominator = f[7];
    c.indicators_.push_back(std::move(ind));
    return Status::Ok();
  }));
  for (const auto& ind : c.indicators_) {
    if (ind.scaled()) {
      const int num = c.FindIndicator(ind.numerator);
      if (num < 0 || c.indicators_[num].kind != IndicatorKind::kFlow || c.indicators_[num].scaled())
        return Status::Invalid("scaled indicator '" + ind.code + "' names no base flow");
      continue;
    }
    if (!ind.derived()) continue;
    int num = c.FindIndicator(ind.numerator);
    int den = ind.kind == IndicatorKind::kRatio ? c.FindIndicator(ind.denominator) : 0;
    if (num < 0 || den < 0 || c.indicators_[num].derived() || c.indicators_[den].derived()) {
      return Status::Invalid("derived indicator '" + ind.code + "' names unknown base indicators");
    }
  }
  c.country_ = c.regions_.Find(kCountryCode);
  c.all_industry_ = c.industries_.Find(kAllIndustryCode);
  return c;
}

int Catalog::FindIndicator(std::string_view code) const {
  for (size_t i = 0; i < indicators_.size(); ++i) {
    if (indicators_[i].code == code) return static_cast<int>(i);
  }
  return -1;
}

Result<Catalog> Catalog::Embedded() {
  return Parse(EmbeddedRegionsCsv(), EmbeddedIndustriesCsv(), EmbeddedIndicatorsCsv());
}

}  // namespace ballast
