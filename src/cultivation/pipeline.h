// The 小升规 pipeline (issue 15 item 3): a pool member's revenue run rate, its growth and the
// months to the above-scale threshold at that growth; the conversion of a year's pool into roster
// entrants. Every rate carries its numerator and denominator; 0/0 is "—", never nan. Definitions
// in docs/cultivation.md.
#ifndef BALLAST_CULTIVATION_PIPELINE_H_
#define BALLAST_CULTIVATION_PIPELINE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cultivation/pool.h"

namespace ballast::cultivation {

// The above-scale threshold (规模以上工业企业: 营业收入 2,000 万元 a year) is data:
// `above_scale_revenue` in data/cultivation/settings.csv (`name,value`), linked into the binary.
Result<double> ParseThreshold(std::string_view bytes, std::string_view file);
double DefaultThreshold();  // the shipped file's value (2000 万元)

struct Ratio {
  int64_t num = 0, den = 0;
  // num / den, none when den is 0.
  std::optional<double> value() const;
  // "12.5%" (one decimal), "—" when den is 0.
  std::string Display() const;
};

enum class Basis {
  kTwelveMonths,  // the sum of the last 12 monthly reports
  kYearToDate,    // the year's monthly reports, January to the last one, × 12 / months
  kYear,          // the last yearly report
};
std::string_view BasisName(Basis b);  // 12m | ytd | year

struct RunRate {
  double value = 0;  // 万元 a year
  Basis basis = Basis::kTwelveMonths;
  Period as_of = 0;  // the last month the rate covers (December for a yearly report)
  // The same window a year earlier, and growth = value / prior − 1 (none without a prior > 0).
  std::optional<double> prior, growth;
};

// The run rate of one enterprise's reports (any order; other enterprises' rows ignored by the
// caller). The monthly rate (12 months when the last 12 are all reported, else the year to date
// when January to the last month are) and the yearly one: the later as_of wins, monthly on a tie.
// None without any usable report.
std::optional<RunRate> ComputeRunRate(const std::vector<RevenueReport>& reports);

// Months until the run rate reaches `threshold` growing at `growth` a year, compounded monthly:
// ceil(12 · ln(threshold / value) / ln(1 + growth)); 0 when already there; none when not growing
// (growth unknown or ≤ 0) or value ≤ 0.
std::optional<int> MonthsToThreshold(double value, std::optional<double> growth, double threshold);

// One year's conversion of the pool into the above-scale roster.
struct Conversion {
  int year = 0;
  // Pool members at the year's start that entered the roster in the year / the pool then.
  Ratio rate;
  int64_t entrants = 0;  // every roster entrant of the year (the `entrants` measure at December)
};

// `entered`: the roster's entry month of the enterprises that have one (the others are absent).
// The pool at the year's start: members in the pool at its January (InPoolAt) that had not entered
// the roster before it.
Conversion ComputeConversion(int year, const std::vector<const Member*>& pool,
                             const std::map<std::string, Period>& entered, int64_t entrants);

}  // namespace ballast::cultivation

#endif  // BALLAST_CULTIVATION_PIPELINE_H_
