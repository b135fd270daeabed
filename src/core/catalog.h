// The shipped reference catalogs: regions (GB/T 2260, 2024), industries (GB/T 4754-2017) and
// the indicator catalog. Region tree: virtual root 100000 (全国) over the provinces. Industry
// tree: virtual root BCD (工业) over sections B, C, D; the other sections are roots of their own.
#ifndef BALLAST_CORE_CATALOG_H_
#define BALLAST_CORE_CATALOG_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_tree.h"
#include "core/status.h"

namespace ballast {

enum class IndicatorKind {
  kFlow,           // sums over months; ytd = Σ value(Jan..t)
  kStock,          // level at period end; ytd equals value, nothing derived
  kRatio,          // Σ numerator / Σ denominator of aggregates, in percent
  kNegativeShare,  // share of enterprises whose numerator is negative, in percent
};

struct Indicator {
  std::string code, name_zh, name_en, unit;
  IndicatorKind kind = IndicatorKind::kFlow;
  bool nonnegative = true;
  std::string numerator, denominator;  // for derived kinds
  bool derived() const { return kind == IndicatorKind::kRatio || kind == IndicatorKind::kNegativeShare; }
  // A flow with a numerator: each enterprise's numerator times a rate of its industry (value
  // added = output × value-added rate). Not imported; every measure of a flow applies.
  bool scaled() const { return kind == IndicatorKind::kFlow && !numerator.empty(); }
};

inline constexpr std::string_view kCountryCode = "100000";
inline constexpr std::string_view kAllIndustryCode = "BCD";

class Catalog {
 public:
  // Parses the three CSV texts (the formats of data/*.csv).
  static Result<Catalog> Parse(std::string_view regions_csv, std::string_view industries_csv,
                               std::string_view indicators_csv);
  // The catalogs compiled into the binary from data/.
  static const std::string_view EmbeddedRegionsCsv();
  static const std::string_view EmbeddedIndustriesCsv();
  static const std::string_view EmbeddedIndicatorsCsv();
  static Result<Catalog> Embedded();

  const CodeTree& regions() const { return regions_; }
  const CodeTree& industries() const { return industries_; }
  const std::vector<Indicator>& indicators() const { return indicators_; }
  // Index into indicators(), or -1.
  int FindIndicator(std::string_view code) const;
  NodeId country() const { return country_; }
  NodeId all_industry() const { return all_industry_; }
  // Resolves a user-given industry code: section letter, 2-, 3- or 4-digit code, or BCD.
  NodeId FindIndustry(std::string_view code) const { return industries_.Find(code); }

 private:
  CodeTree regions_, industries_;
  std::vector<Indicator> indicators_;
  NodeId country_ = kNoNode, all_industry_ = kNoNode;
};

// Splits one line of a simple CSV (no quoting) on commas.
std::vector<std::string_view> SplitSimpleCsvLine(std::string_view line);

}  // namespace ballast

#endif  // BALLAST_CORE_CATALOG_H_
