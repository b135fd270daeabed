#include "engine/measures.h"

#include <cmath>
#include <iterator>

namespace ballast {

namespace {

struct MeasureInfo {
  Measure m;
  std::string_view name, zh, en;
  bool percent, needs_parent;
};

constexpr MeasureInfo kMeasures[] = {
    {Measure::kValue, "value", "本月值", "Value (month)", false, false},
    {Measure::kYtd, "ytd", "累计值", "Year to date", false, false},
    {Measure::kYoy, "yoy", "同比增速", "Growth, year on year", true, false},
    {Measure::kYtdYoy, "ytd_yoy", "累计同比增速", "Cumulative growth", true, false},
    {Measure::kYoy2y, "yoy_2y", "两年平均增速", "Two-year average growth", true, false},
    {Measure::kContribPp, "contrib_pp", "拉动(百分点)", "Pull (percentage points)", true, true},
    {Measure::kContribShare, "contrib_share", "贡献率", "Contribution rate", true, true},
    {Measure::kShare, "share", "占比", "Share of parent", true, true},
    {Measure::kN, "n", "企业数", "Reporting enterprises", false, false},
    {Measure::kGrowthBreadth, "growth_breadth", "增长面", "Share of enterprises growing", true,
     false},
    {Measure::kRoster, "roster", "规上企业数", "Enterprises on the roster", false, false},
    {Measure::kEntrants, "entrants", "新增规上企业", "Entries to the roster (year to date)", false,
     false},
    {Measure::kExits, "exits", "退出规上企业", "Exits from the roster (year to date)", false,
     false},
    {Measure::kReportRate, "report_rate", "报送率", "Reporting rate", true, false},
    {Measure::kYoyReal, "yoy_real", "同比增速(可比价)", "Growth at comparable prices", true, false},
    {Measure::kYtdYoyReal, "ytd_yoy_real", "累计同比增速(可比价)",
     "Cumulative growth at comparable prices", true, false},
    {Measure::kMomSa, "mom_sa", "环比增速(季调)",
     "Growth on the previous month, seasonally adjusted", true, false},
    {Measure::kQuarter, "quarter", "季度值", "Quarter (to date)", false, false},
    {Measure::kQuarterYoy, "quarter_yoy", "季度同比增速", "Quarterly growth, year on year", true,
     false},
    {Measure::kHalf, "half", "半年值", "Half-year (to date)", false, false},
    {Measure::kHalfYoy, "half_yoy", "半年同比增速", "Half-year growth, year on year", true, false},
    {Measure::kQuarterYoyReal, "quarter_yoy_real", "季度同比增速(可比价)",
     "Quarterly growth at comparable prices", true, false},
    {Measure::kHalfYoyReal, "half_yoy_real", "半年同比增速(可比价)",
     "Half-year growth at comparable prices", true, false},
};

// Whether `m` is an enumerator of Measure. Listing every enumerator without a default makes a
// new one a compile error (-Wswitch) until it is added here, and then the static_assert below
// until it is added to kMeasures.
constexpr bool IsEnumerator(Measure m) {
  switch (m) {
    case Measure::kValue:
    case Measure::kYtd:
    case Measure::kYoy:
    case Measure::kYtdYoy:
    case Measure::kYoy2y:
    case Measure::kContribPp:
    case Measure::kContribShare:
    case Measure::kShare:
    case Measure::kN:
    case Measure::kGrowthBreadth:
    case Measure::kRoster:
    case Measure::kEntrants:
    case Measure::kExits:
    case Measure::kReportRate:
    case Measure::kYoyReal:
    case Measure::kYtdYoyReal:
    case Measure::kMomSa:
    case Measure::kQuarter:
    case Measure::kQuarterYoy:
    case Measure::kHalf:
    case Measure::kHalfYoy:
    case Measure::kQuarterYoyReal:
    case Measure::kHalfYoyReal:
      return true;
  }
  return false;
}

// kMeasures is indexed by the enum: row i must describe the enumerator of value i, and the
// table must cover every enumerator.
constexpr bool TableMatchesEnum() {
  constexpr int size = static_cast<int>(std::size(kMeasures));
  for (int i = 0; i < size; ++i) {
    if (static_cast<int>(kMeasures[i].m) != i || !IsEnumerator(kMeasures[i].m)) return false;
  }
  for (int i = size; i < 256; ++i) {
    if (IsEnumerator(static_cast<Measure>(i))) return false;
  }
  return true;
}
static_assert(TableMatchesEnum(), "kMeasures must list every Measure, in the order of the enum");

const MeasureInfo& Info(Measure m) { return kMeasures[static_cast<int>(m)]; }

std::optional<double> Finite(double x) {
  if (!std::isfinite(x)) return std::nullopt;
  return x;
}

std::optional<double> Ratio(double num, double den) {
  if (den == 0) return std::nullopt;
  return Finite(num / den * 100.0);
}

std::optional<double> Yoy(const CellSums& c, bool cumulative) {
  return cumulative ? GrowthPercent(c.myx, c.myb) : GrowthPercent(c.mx, c.mb);
}

std::optional<double> YoyReal(const CellSums& c, bool cumulative) {
  if (cumulative) return c.myx_undeflated == 0 ? GrowthPercent(c.myxr, c.myb) : std::nullopt;
  return c.mx_undeflated == 0 ? GrowthPercent(c.mxr, c.mb) : std::nullopt;
}

}  // namespace

std::optional<double> GrowthPercent(double x_sum, double base_sum) {
  if (!(base_sum > 0)) return std::nullopt;
  return Finite((x_sum / base_sum - 1.0) * 100.0);
}

Result<Measure> ParseMeasure(std::string_view name) {
  for (const auto& i : kMeasures) {
    if (i.name == name) return i.m;
  }
  std::string names;
  for (const auto& i : kMeasures) names += (names.empty() ? "" : ", ") + std::string(i.name);
  return Status::Invalid("unknown measure '" + std::string(name) + "' (one of " + names + ")");
}

std::string_view MeasureName(Measure m) { return Info(m).name; }
std::string_view MeasureNameZh(Measure m) { return Info(m).zh; }
std::string_view MeasureNameEn(Measure m) { return Info(m).en; }
bool IsPercentMeasure(Measure m) { return Info(m).percent; }
bool NeedsParent(Measure m) { return Info(m).needs_parent; }

const std::vector<Measure>& AllMeasures() {
  static const std::vector<Measure> all = [] {
    std::vector<Measure> v;
    for (const auto& i : kMeasures) v.push_back(i.m);
    return v;
  }();
  return all;
}

bool IsRosterMeasure(Measure m) {
  return m == Measure::kRoster || m == Measure::kEntrants || m == Measure::kExits ||
         m == Measure::kReportRate;
}

bool IsWindowMeasure(Measure m) {
  return m == Measure::kQuarter || m == Measure::kQuarterYoy || m == Measure::kHalf ||
         m == Measure::kHalfYoy || m == Measure::kQuarterYoyReal || m == Measure::kHalfYoyReal;
}

bool NeedsWindows(const std::vector<Measure>& measures) {
  for (Measure m : measures) {
    if (IsWindowMeasure(m)) return true;
  }
  return false;
}

bool NeedsRoster(const std::vector<Measure>& measures) {
  for (Measure m : measures) {
    if (IsRosterMeasure(m)) return true;
  }
  return false;
}

bool NeedsRealSums(const std::vector<Measure>& measures) {
  for (Measure m : measures) {
    if (m == Measure::kYoyReal || m == Measure::kYtdYoyReal) return true;
  }
  return false;
}

bool MeasureApplies(Measure m, const Indicator& ind) {
  if (IsRosterMeasure(m)) return true;
  // A sum of months: flows only (a stock's level is not summed over months).
  if (IsWindowMeasure(m)) return ind.kind == IndicatorKind::kFlow;
  if (m == Measure::kYoyReal || m == Measure::kYtdYoyReal) return ind.kind == IndicatorKind::kFlow;
  // A seasonal adjustment of monthly flows only (a stock's level has no monthly flow).
  if (m == Measure::kMomSa) return ind.kind == IndicatorKind::kFlow;
  if (!ind.derived()) return true;
  return m == Measure::kValue || m == Measure::kYtd || m == Measure::kN;
}

std::optional<double> ComputeMeasure(Measure m, const Indicator& ind, const CellSums& c,
                                     const MeasureContext& ctx) {
  switch (m) {
    case Measure::kN:
      return static_cast<double>(c.n);
    case Measure::kRoster:
      return static_cast<double>(c.roster);
    case Measure::kEntrants:
      return static_cast<double>(c.entrants);
    case Measure::kExits:
      return static_cast<double>(c.exits);
    case Measure::kReportRate:
      return c.roster > 0 ? Ratio(c.roster_reporting, c.roster) : std::nullopt;
    default:
      break;
  }
  if (ind.kind == IndicatorKind::kRatio) {
    if (m == Measure::kValue) return c.nv > 0 ? Ratio(c.v_sum, c.mx) : std::nullopt;
    if (m == Measure::kYtd) return c.m > 0 ? Ratio(c.y_sum, c.myx) : std::nullopt;
    return std::nullopt;
  }
  if (ind.kind == IndicatorKind::kNegativeShare) {
    if (m == Measure::kValue) return c.nv > 0 ? Ratio(c.neg_v, c.nv) : std::nullopt;
    if (m == Measure::kYtd) return c.ny > 0 ? Ratio(c.neg_y, c.ny) : std::nullopt;
    return std::nullopt;
  }
  const CellSums* p = ctx.parent;
  switch (m) {
    case Measure::kValue:
      return c.nv > 0 ? Finite(c.v_sum) : std::nullopt;
    case Measure::kYtd:
      return c.ny > 0 ? Finite(c.y_sum) : std::nullopt;
    case Measure::kYoy:
      return Yoy(c, ctx.jan_feb_cumulative);
    case Measure::kYtdYoy:
      return GrowthPercent(c.myx, c.myb);
    case Measure::kYoyReal:
      return YoyReal(c, ctx.jan_feb_cumulative);
    case Measure::kYtdYoyReal:
      return YoyReal(c, true);
    case Measure::kYoy2y: {
      if (ctx.year_ago == nullptr) return std::nullopt;
      auto g = Yoy(c, ctx.jan_feb_cumulative);
      auto g12 = Yoy(*ctx.year_ago, ctx.year_ago_jan_feb_cumulative);
      if (!g || !g12) return std::nullopt;
      double product = (1 + *g / 100) * (1 + *g12 / 100);
      if (!(product > 0)) return std::nullopt;
      return Finite((std::sqrt(product) - 1) * 100);
    }
    case Measure::kContribPp:
      // A cell without a same-sample member adds nothing to the parent's change: 0 (its sums
      // over M are 0), not undefined.
      if (p == nullptr || !(p->mb > 0)) return std::nullopt;
      return Finite((c.mx - c.mb) / p->mb * 100);
    case Measure::kContribShare: {
      if (p == nullptr) return std::nullopt;
      double dp = p->mx - p->mb;
      if (dp == 0) return std::nullopt;
      return Finite((c.mx - c.mb) / dp * 100);
    }
    case Measure::kShare:
      if (p == nullptr || c.nv == 0 || p->v_sum == 0) return std::nullopt;
      return Finite(c.v_sum / p->v_sum * 100);
    case Measure::kGrowthBreadth:
      return c.m > 0 ? Finite(100.0 * c.up / c.m) : std::nullopt;
    case Measure::kMomSa:
      return ctx.mom_sa;
    case Measure::kQuarter:
      return c.quarter.n > 0 ? Finite(c.quarter.sum) : std::nullopt;
    case Measure::kQuarterYoy:
      return GrowthPercent(c.quarter.mx, c.quarter.mb);
    case Measure::kHalf:
      return c.half.n > 0 ? Finite(c.half.sum) : std::nullopt;
    case Measure::kHalfYoy:
      return GrowthPercent(c.half.mx, c.half.mb);
    case Measure::kQuarterYoyReal:
      return c.quarter.undeflated == 0 ? GrowthPercent(c.quarter.mxr, c.quarter.mb) : std::nullopt;
    case Measure::kHalfYoyReal:
      return c.half.undeflated == 0 ? GrowthPercent(c.half.mxr, c.half.mb) : std::nullopt;
    case Measure::kN:
    case Measure::kRoster:
    case Measure::kEntrants:
    case Measure::kExits:
    case Measure::kReportRate:
      break;
  }
  return std::nullopt;
}

}  // namespace ballast
