// The leader's statistics of the enterprise service (issue 14 item 7): category × region × unit
// cross-tables, hot topics (categories by Beijing month), overdue and escalation rankings by
// unit, and satisfaction by unit. Rates come from ComputeMetrics (one formula for the rates);
// every ratio keeps its numerator and denominator and a 0/0 is undefined ("—").
#ifndef BALLAST_SERVICE_STATISTICS_H_
#define BALLAST_SERVICE_STATISTICS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "service/calendar.h"
#include "service/metrics.h"
#include "store/service_records.h"

namespace ballast::service {

// Appeals of one category, region (the appeal's code) and unit ("" = not dispatched yet).
struct CrossRow {
  std::string category, region, unit;
  int64_t filed = 0;     // every appeal, withdrawn, merged and not responsible included
  int64_t in_scope = 0;  // filed less withdrawn, merged and not responsible (as the metrics)
  int64_t open = 0;      // in scope and not closed
  int64_t closed = 0;
  int64_t overdue = 0;  // open and overdue today (IsOverdue, the one overdue rule)
};

// Appeals filed in one Beijing month (YYYY-MM) and category.
struct TopicRow {
  std::string period, category;
  int64_t filed = 0;
};

// One unit's figures ("" = appeals not dispatched yet: the dispatch desk's).
struct UnitRow {
  std::string unit;
  int64_t open = 0;
  Ratio overdue;            // open and overdue today / open
  Ratio escalated;          // escalated (督办) at least once / in scope
  int64_t escalations = 0;  // 督办 notices in all, by hand and by rule
  MetricRow metrics;        // ComputeMetrics by unit: satisfaction, resolution, on-time closure …
};

struct Statistics {
  std::vector<CrossRow> cross;   // sorted by category, region, unit
  std::vector<TopicRow> topics;  // by month, then most filed first, then category
  std::vector<UnitRow> units;    // by unit
  // Units ranked: most open appeals overdue first (then the higher share, then the name); most
  // escalated appeals first (then more notices, then the name).
  std::vector<UnitRow> overdue_ranking, escalation_ranking;
};

// The statistics of `appeals` (already scoped and filtered by the caller) as of the Beijing
// date `today`. An appeal counts for the unit it is with now (its lead unit).
Statistics ComputeStatistics(const std::vector<AppealRecord>& appeals, Day today,
                             const WorkCalendar& cal);

// Accepted (受理) appeals: in scope (not withdrawn, merged or not responsible) and past
// 'submitted' — accepted, dispatched or further on.
int64_t CountAccepted(const std::vector<AppealRecord>& appeals);

}  // namespace ballast::service

#endif  // BALLAST_SERVICE_STATISTICS_H_
