#include "gen/demo_extras.h"

#include <chrono>
#include <cmath>
#include <cstdio>

namespace ballast::gen {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

sys_days LastDay(Period p) {
  const std::chrono::year_month_day_last ymdl{
      std::chrono::year{PeriodYear(p)},
      std::chrono::month_day_last{std::chrono::month{static_cast<unsigned>(PeriodMonth(p))}}};
  return sys_days{ymdl};
}

std::string Date(sys_days d) {
  const std::chrono::year_month_day ymd{d};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

struct Commodity {
  const char *code, *name, *unit;
  double price, stock_days;
  double last_jump;   // the planted change of the last observation (0.22 = +22 %)
  double last_stock;  // the planted stock days of the last observation (0 = as usual)
};

}  // namespace

std::string CommodityCsv(Period end) {
  // Calm series: ±1 % around the level week to week (never a 5 % move, never 15 % on the year).
  static const Commodity kCommodities[] = {
      {"steel_rebar", "螺纹钢", "元/吨", 3600, 24, 0, 0},
      {"thermal_coal", "动力煤", "元/吨", 820, 18, 0.22, 0},
      {"copper", "电解铜", "元/吨", 68000, 30, 0.12, 0},
      {"urea", "尿素", "元/吨", 2200, 25, 0, 13},
  };
  const sys_days last = LastDay(end);
  const int weeks = 57;  // 13 months of Mondays or so, back from the last day
  std::string out = "code,name,unit,date,price,stock_days\n";
  for (const auto& c : kCommodities) {
    for (int k = weeks - 1; k >= 0; --k) {
      const sys_days d = last - days{7 * k};
      double price = c.price * (1 + 0.01 * std::sin(0.7 * (weeks - k)));
      double stock = c.stock_days + 2 * std::sin(0.3 * (weeks - k));
      if (k == 0) {
        const double before = c.price * (1 + 0.01 * std::sin(0.7 * (weeks - 1)));
        if (c.last_jump != 0) price = before * (1 + c.last_jump);
        if (c.last_stock != 0) stock = c.last_stock;
      }
      char row[160];
      std::snprintf(row, sizeof row, "%s,%s,%s,%s,%.2f,%.1f\n", c.code, c.name, c.unit,
                    Date(d).c_str(), price, stock);
      out += row;
    }
  }
  return out;
}

std::vector<ProgressReport> DemoProgress(Period end) {
  const std::string last = Date(LastDay(end - 1));
  return {
      // 2022's targets: reported then, 已到期 now (one met, one not).
      {"henan2022.1.enterprises_served", 26000, "2022-06-30", "上半年新增包联服务企业"},
      {"henan2022.1.enterprises_served", 48500, "2022-12-31", "全年新增包联服务企业"},
      {"henan2022.2.provincial_specialised_smes", 1060, "2022-12-31",
       "全年认定省级专精特新中小企业"},
      // 2024–2027: water use per value added −13 % by 2027 from 2023; −6 % reported so far.
      {"tm2027.water_per_value_added", -4.0, "2025-12-31", "较2023年下降"},
      {"tm2027.water_per_value_added", -6.0, last, "较2023年下降"},
      // A level target whose document gives no baseline: shown as 无基期, never "behind 100 %".
      {"tm2027.nc_key_processes", 62.5, last, "关键工序数控化率"},
  };
}

}  // namespace ballast::gen
