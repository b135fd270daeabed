#include "cultivation/pipeline.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "core/incbin.h"
#include "ingest/reader/table_reader.h"

BALLAST_INCBIN(ballast_cultivation_settings, BALLAST_CULTIVATION_DATA_DIR "/settings.csv")

namespace ballast::cultivation {

Result<double> ParseThreshold(std::string_view bytes, std::string_view file) {
  std::optional<double> found;
  bool header = false;
  auto info = ingest::ReadTable(
      bytes, file, [&](int64_t line, std::span<const std::string_view> c) -> Status {
        const std::string at = std::string(file) + ":" + std::to_string(line) + ": ";
        if (!header) {
          header = true;
          if (c.size() != 2 || c[0] != "name" || c[1] != "value")
            return Status::Invalid(at + "the header must be name,value");
          return Status::Ok();
        }
        if (c.size() != 2) return Status::Invalid(at + "expected 2 columns");
        if (c[0] != "above_scale_revenue")
          return Status::Invalid(at + "name: '" + std::string(c[0]) + "' is unknown");
        double v = 0;
        auto [p, ec] = std::from_chars(c[1].data(), c[1].data() + c[1].size(), v);
        if (c[1].empty() || ec != std::errc() || p != c[1].data() + c[1].size() ||
            !std::isfinite(v) || v <= 0)
          return Status::Invalid(at + "value: '" + std::string(c[1]) + "' is not a number > 0");
        found = v;
        return Status::Ok();
      });
  if (!info.ok()) return info.status();
  if (!found) return Status::Invalid(std::string(file) + ": above_scale_revenue is not given");
  return *found;
}

double DefaultThreshold() {
  static const double v = [] {
    auto t = ParseThreshold(BALLAST_INCBIN_VIEW(ballast_cultivation_settings), "settings.csv");
    return t.ok() ? *t : 2000.0;
  }();
  return v;
}

std::optional<double> Ratio::value() const {
  if (den == 0) return std::nullopt;
  return static_cast<double>(num) / static_cast<double>(den);
}

std::string Ratio::Display() const {
  const auto v = value();
  if (!v) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", *v * 100);
  return buf;
}

std::string_view BasisName(Basis b) {
  switch (b) {
    case Basis::kTwelveMonths:
      return "12m";
    case Basis::kYearToDate:
      return "ytd";
    case Basis::kYear:
      return "year";
  }
  return "12m";
}

namespace {

// Σ of months [from, to] when every one is reported.
std::optional<double> SumIfComplete(const std::map<Period, double>& m, Period from, Period to) {
  double s = 0;
  for (Period p = from; p <= to; ++p) {
    auto it = m.find(p);
    if (it == m.end()) return std::nullopt;
    s += it->second;
  }
  return s;
}

void SetGrowth(RunRate* r) {
  if (r->prior && *r->prior > 0) r->growth = r->value / *r->prior - 1;
}

}  // namespace

std::optional<RunRate> ComputeRunRate(const std::vector<RevenueReport>& reports) {
  std::map<Period, double> monthly;
  std::map<int, double> yearly;
  for (const auto& r : reports) {
    if (r.month == 0) {
      yearly[r.year] = r.revenue;
    } else {
      monthly[MakePeriod(r.year, r.month)] = r.revenue;
    }
  }
  std::optional<RunRate> by_month;
  if (!monthly.empty()) {
    const Period last = monthly.rbegin()->first;
    if (auto s = SumIfComplete(monthly, last - 11, last)) {
      RunRate r{*s, Basis::kTwelveMonths, last, SumIfComplete(monthly, last - 23, last - 12), {}};
      SetGrowth(&r);
      by_month = r;
    } else {
      const Period jan = MakePeriod(PeriodYear(last), 1);
      if (auto ytd = SumIfComplete(monthly, jan, last)) {
        const int months = PeriodMonth(last);
        RunRate r{*ytd * 12.0 / months, Basis::kYearToDate, last, std::nullopt, {}};
        if (auto prior = SumIfComplete(monthly, jan - 12, last - 12))
          r.prior = *prior * 12.0 / months;
        SetGrowth(&r);
        by_month = r;
      }
    }
  }
  std::optional<RunRate> by_year;
  if (!yearly.empty()) {
    const auto& [year, value] = *yearly.rbegin();
    RunRate r{value, Basis::kYear, MakePeriod(year, 12), std::nullopt, {}};
    if (auto it = yearly.find(year - 1); it != yearly.end()) r.prior = it->second;
    SetGrowth(&r);
    by_year = r;
  }
  if (by_month && (!by_year || by_month->as_of >= by_year->as_of)) return by_month;
  return by_year;
}

std::optional<int> MonthsToThreshold(double value, std::optional<double> growth, double threshold) {
  if (!(value > 0) || !std::isfinite(value)) return std::nullopt;
  if (value >= threshold) return 0;
  if (!growth || !(*growth > 0) || !std::isfinite(*growth)) return std::nullopt;
  const double months = 12.0 * std::log(threshold / value) / std::log1p(*growth);
  if (!std::isfinite(months) || months > 1200) return std::nullopt;  // a century: not a candidate
  // ln ratios that are exactly a whole number of months must not round up to the next one.
  return static_cast<int>(std::ceil(months - 1e-9));
}

Conversion ComputeConversion(int year, const std::vector<const Member*>& pool,
                             const std::map<std::string, Period>& entered, int64_t entrants) {
  Conversion c;
  c.year = year;
  c.entrants = entrants;
  const Period jan = MakePeriod(year, 1);
  for (const Member* m : pool) {
    if (!m->InPoolAt(jan)) continue;
    const auto it = entered.find(m->uscc);
    if (it != entered.end() && it->second < jan) continue;  // above scale already
    ++c.rate.den;
    if (it != entered.end() && PeriodYear(it->second) == year) ++c.rate.num;
  }
  return c;
}

}  // namespace ballast::cultivation
