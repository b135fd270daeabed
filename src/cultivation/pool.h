// Cultivation pipelines (培育库, issue 15 item 3): enterprises below the above-scale threshold held
// in a pool with their revenue reports, and the 专精特新 stages enterprises are recognised at by
// year. Plain data over core only: the store keeps them, app/ decides who sees them. Pool members
// are not on the roster and never enter the engine's panel (docs/cultivation.md).
#ifndef BALLAST_CULTIVATION_POOL_H_
#define BALLAST_CULTIVATION_POOL_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/period.h"
#include "core/status.h"

namespace ballast::cultivation {

// A below-scale enterprise in the pool from `joined` (YYYY-MM) to `left` ("" = still there).
struct Member {
  std::string uscc, name;
  std::string region;    // GB/T 2260 (where it is registered; decides the scope)
  std::string industry;  // GB/T 4754
  std::vector<std::string> tags;
  std::string joined, left;
  // Whether it is in the pool at the start of month p (joined before p, not left before p).
  bool InPoolAt(Period p) const;
};

// Revenue (营业收入, 万元) of one month (month 1–12) or of a whole year (month 0).
struct RevenueReport {
  std::string uscc;
  int year = 0;
  int month = 0;
  double revenue = 0;
  // "2025-03" or "2025".
  std::string PeriodText() const;
};
// "YYYY-MM" → (year, month); "YYYY" → (year, 0). None when malformed.
std::optional<std::pair<int, int>> ParseReportPeriod(std::string_view s);

// 专精特新 stages, lowest first.
enum class Stage { kCandidate, kProvincial, kLittleGiant, kChampion };
inline constexpr int kStageCount = 4;
std::string_view StageName(Stage s);  // candidate | provincial | little_giant | champion
std::string_view StageNameZh(Stage s);  // 培育对象 | 省级专精特新 | 国家级小巨人 | 单项冠军
// English names or the Chinese ones (also 专精特新, 小巨人, 候选).
std::optional<Stage> ParseStage(std::string_view s);

// An enterprise recognised at a stage in a year, with the figures the criteria check (in %,
// none = not reported).
struct Recognition {
  std::string uscc;
  Stage stage = Stage::kCandidate;
  int year = 0;
  std::optional<double> rd_share;            // R&D expense / revenue, %
  std::optional<double> revenue_growth;      // revenue growth, %
  std::optional<double> main_product_share;  // main products' revenue / revenue, %
};

// Tags as a file gives them ("a;b", also "，" or ",").
std::vector<std::string> SplitTags(std::string_view s);
std::string JoinTags(const std::vector<std::string>& v);

}  // namespace ballast::cultivation

#endif  // BALLAST_CULTIVATION_POOL_H_
