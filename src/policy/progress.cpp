#include "policy/progress.h"

#include <algorithm>
#include <cmath>

namespace ballast::policy {

std::string_view StatusName(Status s) {
  switch (s) {
    case Status::kNoData: return "no_data";
    case Status::kOnTrack: return "on_track";
    case Status::kAtRisk: return "at_risk";
    case Status::kOffTrack: return "off_track";
    case Status::kAchieved: return "achieved";
    case Status::kQualitative: return "qualitative";
    case Status::kExpired: return "expired";
    case Status::kNoBaseline: return "no_baseline";
  }
  return "";
}

double ExpectedFraction(const Target& t, Period p) {
  if (t.path == PathKind::kFlat) return 1.0;
  if (p < t.start) return 0.0;
  if (p >= t.deadline) return 1.0;
  if (t.path == PathKind::kCurve) {
    double f = 0;
    for (const auto& [month, fraction] : t.curve) {
      if (month <= p) f = fraction;
    }
    return f;
  }
  return static_cast<double>(p - t.start + 1) / static_cast<double>(t.deadline - t.start + 1);
}

namespace {
bool Meets(const std::string& op, double actual, double value) {
  if (op == ">") return actual > value;
  if (op == "<=") return actual <= value;
  if (op == "<") return actual < value;
  return actual >= value;
}
}  // namespace

std::optional<Actual> LatestReportAsOf(const std::vector<Report>& reports, Period today) {
  const std::string last_day = FormatPeriod(today) + "-31";  // dates compare as text
  const Report* best = nullptr;
  for (const auto& r : reports) {
    if (r.date.size() != 10 || r.date > last_day) continue;
    if (best == nullptr || r.date >= best->date) best = &r;
  }
  if (best == nullptr) return std::nullopt;
  auto period = ParsePeriod(best->date.substr(0, 7));
  if (!period.ok()) return std::nullopt;
  return Actual{best->value, *period};
}

Progress ComputeProgress(const Target& t, std::optional<Actual> latest, Period today) {
  Progress out;
  if (t.qualitative()) {
    out.status = Status::kQualitative;
    return out;
  }
  const bool expired = today > t.deadline;
  std::optional<double> base = t.baseline;
  if (!base && t.type == TargetType::kCumulative) base = 0.0;
  if (!latest) {
    // Nothing reported yet: the status stays no_data (expired once the deadline passed), but the
    // expected path is still known where the baseline is (where the target should stand by now).
    out.status = expired ? Status::kExpired : Status::kNoData;
    if (t.path == PathKind::kFlat) {
      out.expected = t.value;
      out.fraction = 1.0;
    } else if (base) {
      out.baseline = base;
      out.fraction = ExpectedFraction(t, today);
      out.expected = *base + (t.value - *base) * *out.fraction;
    }
    return out;
  }
  out.actual = latest->value;
  const bool met = Meets(t.comparator, latest->value, t.value);
  out.met = met;
  // Flat targets (levels and growth rates that must hold throughout) compare with the value.
  if (t.path == PathKind::kFlat) {
    out.expected = t.value;
    out.fraction = 1.0;
    const double denom = std::fabs(t.value) > 0 ? std::fabs(t.value) : 1.0;
    const bool up = t.comparator == ">=" || t.comparator == ">";
    out.behind_pct = (up ? t.value - latest->value : latest->value - t.value) / denom * 100;
    if (met) out.behind_pct = std::min(*out.behind_pct, 0.0);
    if (expired) out.status = Status::kExpired;
    else if (met) out.status = today >= t.deadline ? Status::kAchieved : Status::kOnTrack;
    else if (today >= t.deadline) out.status = Status::kOffTrack;
    else out.status = *out.behind_pct <= kAtRiskBand ? Status::kAtRisk : Status::kOffTrack;
    return out;
  }
  const double f = ExpectedFraction(t, today);
  out.fraction = f;
  if (!base) {
    // No baseline: no path to measure the lag against (the first report is not a baseline).
    out.status = expired ? Status::kExpired : met ? Status::kAchieved : Status::kNoBaseline;
    return out;
  }
  out.baseline = base;
  const double expected = *base + (t.value - *base) * f;
  out.expected = expected;
  if (expired) {
    out.status = Status::kExpired;
    return out;
  }
  if (met) {
    out.status = Status::kAchieved;
    out.behind_pct = 0;
    return out;
  }
  const double due = expected - *base;  // the progress expected so far
  if (std::fabs(due) < 1e-12) {
    out.behind_pct = 0;
    out.status = Status::kOnTrack;
    return out;
  }
  out.behind_pct = (expected - latest->value) / due * 100;
  if (today >= t.deadline) out.status = Status::kOffTrack;
  else if (*out.behind_pct <= 0) out.status = Status::kOnTrack;
  else if (*out.behind_pct <= kAtRiskBand) out.status = Status::kAtRisk;
  else out.status = Status::kOffTrack;
  return out;
}

}  // namespace ballast::policy
