#include "gen/region_series.h"

#include <cmath>
#include <cstdio>

#include "gen/random.h"

namespace ballast::gen {

namespace {

struct City {
  const char* code;
  double gdp_2023;  // 亿元, rounded to the published order of magnitude
};

constexpr City kHenan[] = {
    {"410100", 13600}, {"410200", 2700}, {"410300", 5500}, {"410400", 3000}, {"410500", 2500},
    {"410600", 1100},  {"410700", 3400}, {"410800", 2200}, {"410900", 1900}, {"411000", 3700},
    {"411100", 1900},  {"411200", 1600}, {"411300", 5000}, {"411400", 3400}, {"411500", 3200},
    {"411600", 3800},  {"411700", 3300}, {"419001", 800},
};

enum Series : uint64_t { kGdp = 1, kInvestment = 2, kTech = 3 };

// The annual level of a series in year y (万元), from 2023's by yearly growth around `mean` %.
double Annual(uint64_t seed, size_t city, Series s, int year, double base, double mean, double sd) {
  double x = base;
  for (int y = 2024; y <= year; ++y)
    x *= 1 + (mean + sd * HashNormal(Hash3(seed, city * 16 + s, static_cast<uint64_t>(y)))) / 100;
  for (int y = 2023; y > year; --y)
    x /= 1 + (mean + sd * HashNormal(Hash3(seed, city * 16 + s, static_cast<uint64_t>(y)))) / 100;
  return x;
}

// The share of the year's total reached by the end of month m (1..12), slightly perturbed.
double YtdShare(uint64_t seed, size_t city, Series s, int year, int m) {
  if (m == 12) return 1;
  const double base = std::pow(m / 12.0, 1.1);
  return base * (1 + 0.01 * HashNormal(Hash3(seed ^ 0x5eed, city * 16 + s,
                                             static_cast<uint64_t>(year) * 12 + m)));
}

void Row(std::string* out, const char* region, Period p, const char* indicator, double ytd,
         double prior_ytd) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "%s,%s,%s,,%.0f,,%.1f\n", region, FormatPeriod(p).c_str(),
                indicator, ytd, (ytd / prior_ytd - 1) * 100);
  out->append(buf);
}

}  // namespace

std::string RegionSeriesCsv(Period first, Period end, uint64_t seed) {
  std::string out = "region,period,indicator,value,ytd,yoy,ytd_yoy\n";
  for (Period p = first; p <= end; ++p) {
    const int year = PeriodYear(p), month = p % 12 + 1;
    for (size_t i = 0; i < std::size(kHenan); ++i) {
      const double gdp = kHenan[i].gdp_2023 * 1e4;  // 亿元 → 万元
      auto ytd = [&](Series s, int y, double base, double mean, double sd) {
        return Annual(seed, i, s, y, base, mean, sd) * YtdShare(seed, i, s, y, month);
      };
      if (month >= 2) {  // investment is published from 1–2月 on
        Row(&out, kHenan[i].code, p, "industrial_investment",
            ytd(kInvestment, year, 0.27 * gdp, 8, 6), ytd(kInvestment, year - 1, 0.27 * gdp, 8, 6));
        Row(&out, kHenan[i].code, p, "tech_investment", ytd(kTech, year, 0.09 * gdp, 10, 8),
            ytd(kTech, year - 1, 0.09 * gdp, 10, 8));
      }
      if (month % 3 == 0) {  // GDP by quarter
        Row(&out, kHenan[i].code, p, "gdp", ytd(kGdp, year, gdp, 5, 1.2),
            ytd(kGdp, year - 1, gdp, 5, 1.2));
      }
    }
  }
  return out;
}

}  // namespace ballast::gen
