// Progress of a target against its expected path. expected(t) = baseline + (value − baseline) ×
// f(t), with f the share of the period elapsed at the end of month t (linear: 时间过半、任务过半),
// a custom monthly curve, or 1 throughout (flat). behind_pct = how far the actual lags the
// expected-to-date progress, in percent of it; status: achieved (the final value is met),
// on track (behind_pct ≤ 0), at risk (≤ 10), off track (> 10, or unmet in the deadline month),
// expired (已到期: past the deadline, met or not, with the last value), no_baseline (a level
// target whose document gives no baseline: no path to be behind, never the first report).
#ifndef BALLAST_POLICY_PROGRESS_H_
#define BALLAST_POLICY_PROGRESS_H_

#include <optional>
#include <string>
#include <vector>

#include "policy/catalog.h"

namespace ballast::policy {

inline constexpr double kAtRiskBand = 10.0;  // percent behind the path still "at risk"

enum class Status { kNoData, kOnTrack, kAtRisk, kOffTrack, kAchieved, kQualitative, kExpired, kNoBaseline };
std::string_view StatusName(Status s);

struct Actual {
  double value = 0;
  Period period = 0;  // the month the value stands for
};

struct Progress {
  Status status = Status::kNoData;
  std::optional<double> actual, expected, fraction, behind_pct;
  std::optional<double> baseline;  // the baseline used
  std::optional<bool> met;         // with an actual: does it meet the final value?
};

// One reported value: the day it stands for (YYYY-MM-DD) and the value.
struct Report {
  std::string date;
  double value = 0;
};

// The actual as of month `today`: the report with the latest date on or before the last day of
// that month (of equal dates, the later one in `reports`); none → nullopt, never a later report.
std::optional<Actual> LatestReportAsOf(const std::vector<Report>& reports, Period today);

// The share of the way the path expects at the end of month p (0 before start, 1 from the
// deadline on).
double ExpectedFraction(const Target& target, Period p);

// Status as of month `today`: `latest` is the actual value as of then. The baseline is the
// target's own (from its document), 0 for cumulative targets, else there is none.
Progress ComputeProgress(const Target& target, std::optional<Actual> latest, Period today);

}  // namespace ballast::policy

#endif  // BALLAST_POLICY_PROGRESS_H_
