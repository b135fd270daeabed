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

Progress ComputeProgress(const Target& t, std::optional<Actual> latest, std::optional<Actual> first, Period today) {
  Progress out;
  if (t.qualitative()) {
    out.status = Status::kQualitative;
    return out;
  }
  if (!latest) {
    // Nothing reported yet: the status stays no_data, but the expected path is still known
    // where the baseline is (so a board can show where the target should stand by now).
    if (t.path == PathKind::kFlat) {
      out.expected = t.value;
      out.fraction = 1.0;
    } else if (t.baseline || t.type == TargetType::kCumulative) {
      out.baseline = t.baseline.value_or(0.0);
      out.fraction = ExpectedFraction(t, today);
      out.expected = *out.baseline + (t.value - *out.baseline) * *out.fraction;
    }
    return out;
  }
  out.actual = latest->value;
  const bool met = Meets(t.comparator, latest->value, t.value);
  // Flat targets (levels and growth rates that must hold throughout) compare with the value.
  if (t.path == PathKind::kFlat) {
    out.expected = t.value;
    out.fraction = 1.0;
    const double denom = std::fabs(t.value) > 0 ? std::fabs(t.value) : 1.0;
    const bool up = t.comparator == ">=" || t.comparator == ">";
    out.behind_pct = (up ? t.value - latest->value : latest->value - t.value) / denom * 100;
    if (met) out.behind_pct = std::min(*out.behind_pct, 0.0);
    if (met) out.status = today >= t.deadline ? Status::kAchieved : Status::kOnTrack;
    else if (today >= t.deadline) out.status = Status::kOffTrack;
    else out.status = *out.behind_pct <= kAtRiskBand ? Status::kAtRisk : Status::kOffTrack;
    return out;
  }
  double base = t.baseline.value_or(0.0);
  if (!t.baseline && t.type != TargetType::kCumulative && first) base = first->value;
  out.baseline = base;
  if (met) {
    out.status = Status::kAchieved;
    out.fraction = ExpectedFraction(t, today);
    out.expected = base + (t.value - base) * *out.fraction;
    out.behind_pct = 0;
    return out;
  }
  const double f = ExpectedFraction(t, today);
  out.fraction = f;
  const double expected = base + (t.value - base) * f;
  out.expected = expected;
  const double due = expected - base;  // the progress expected so far
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
