// Progress of a target against its expected path. expected(t) = baseline + (value − baseline) ×
// f(t), with f the share of the period elapsed at the end of month t (linear: 时间过半、任务过半),
// a custom monthly curve, or 1 throughout (flat). behind_pct = how far the actual lags the
// expected-to-date progress, in percent of it; status: achieved (the final value is met),
// on track (behind_pct ≤ 0), at risk (≤ 10), off track (> 10, or the deadline passed unmet).
#ifndef BALLAST_POLICY_PROGRESS_H_
#define BALLAST_POLICY_PROGRESS_H_

#include <optional>
#include <string>

#include "policy/catalog.h"

namespace ballast::policy {

inline constexpr double kAtRiskBand = 10.0;  // percent behind the path still "at risk"

enum class Status { kNoData, kOnTrack, kAtRisk, kOffTrack, kAchieved, kQualitative };
std::string_view StatusName(Status s);

struct Actual {
  double value = 0;
  Period period = 0;  // the month the value stands for
};

struct Progress {
  Status status = Status::kNoData;
  std::optional<double> actual, expected, fraction, behind_pct;
  std::optional<double> baseline;  // the baseline used
};

// The share of the way the path expects at the end of month p (0 before start, 1 from the
// deadline on).
double ExpectedFraction(const Target& target, Period p);

// Status as of month `today`: `latest` is the latest actual value, `first` the earliest (used
// as the baseline when the target has none and is not cumulative).
Progress ComputeProgress(const Target& target, std::optional<Actual> latest, std::optional<Actual> first,
                         Period today);

}  // namespace ballast::policy

#endif  // BALLAST_POLICY_PROGRESS_H_
