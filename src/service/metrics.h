// Service metrics with explicit numerators and denominators (definitions in docs/service.md),
// and matchmaking totals against the seed's targets. A 0/0 rate is undefined ("—"), never 100 %.
#ifndef BALLAST_SERVICE_METRICS_H_
#define BALLAST_SERVICE_METRICS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "service/calendar.h"
#include "store/service_records.h"

namespace ballast::service {

struct Ratio {
  int64_t num = 0, den = 0;
  std::optional<double> Percent() const;  // nullopt for 0/0
  std::string Text() const;               // "96.0%" or "—"
};

struct MetricRow {
  std::string key;  // the group ("" for the total)
  int64_t filed = 0;
  // Reported separately and left out of every rate below (filed = in_scope + these three).
  int64_t withdrawn = 0, merged = 0, not_responsible = 0;
  int64_t in_scope = 0;
  Ratio dispatch;         // dispatched by the acceptance deadline / in scope (pending included)
  Ratio response;         // first response by the response deadline / dispatched
  Ratio on_time_closure;  // closed with the (last) reply by the handling deadline / closed
  Ratio resolution;       // latest rating "solved" / rated (a reopen keeps the latest rating)
  Ratio satisfaction;     // satisfied + basically satisfied (each weight 1) / rated
  Ratio reopen;           // reopened at least once / rated at least once
  int64_t unrated_default = 0;  // closed unrated after the rating window (未评价(默认)), in no rate
  std::string period, region;  // the row's period (YYYY-MM) and region when grouped by them
  int64_t handling_days = 0, replied = 0;  // working days dispatch → reply, summed over replied
  std::optional<double> AverageHandlingDays() const;
};

enum class GroupBy { kTotal, kRegion, kUnit, kCategory, kPeriod, kPeriodRegion };
std::optional<GroupBy> ParseGroupBy(std::string_view name);

// One row per group, sorted by key. Region groups by the appeal's region code; period by the
// Beijing month the appeal was filed (YYYY-MM); period_region by both ("YYYY-MM region").
// The Beijing month (YYYY-MM) of a UTC ISO 8601 time; "" when malformed.
std::string BeijingMonth(const std::string& utc_iso);

std::vector<MetricRow> ComputeMetrics(const std::vector<AppealRecord>& appeals, GroupBy by,
                                      const WorkCalendar& cal);

// Policy targets of seed 004 the service tracks (ids of data/policies/henan_2022.json).
inline constexpr const char* kResolutionTargetId = "henan2022.1.appeal_resolution_rate";  // ≥ 96 %
inline constexpr const char* kFinancingEventsTargetId = "henan2022.1.financing_matchmaking_events";
inline constexpr const char* kFinancingAmountTargetId = "henan2022.1.financing_amount";
inline constexpr const char* kResearchResultsTargetId = "henan2022.1.research_results_transferred";

struct MatchTotals {
  std::map<std::string, int64_t> events_by_type;  // sales | finance | research | labour
  int64_t enterprises = 0;       // participations (an enterprise counted once per event)
  double financing_amount = 0;   // 亿元 agreed, target 1,000
  int64_t research_results = 0;  // target 100
  int64_t hires = 0;
  int64_t finance_events() const;  // target 100
  static constexpr int64_t kFinanceEventsTarget = 100;
  static constexpr double kFinancingAmountTarget = 1000;
  static constexpr int64_t kResearchResultsTarget = 100;
};

bool ValidMatchType(std::string_view type);
// Totals over events whose date starts with `year_prefix` ("" = all, "2022" = that year).
MatchTotals ComputeMatchTotals(const std::vector<MatchEventRecord>& events,
                               std::string_view year_prefix = "");

}  // namespace ballast::service

#endif  // BALLAST_SERVICE_METRICS_H_
