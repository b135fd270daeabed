// The industrial calendar: month lengths, the Spring Festival shutdown and the usual seasonal
// pattern of output.
#ifndef BALLAST_GEN_CALENDAR_H_
#define BALLAST_GEN_CALENDAR_H_

#include "gen/tables.h"

namespace ballast::gen {

int DaysInMonth(int year, int month);

struct MonthDay {
  int month = 0, day = 0;
};
// The Gregorian date of the Spring Festival (正月初一). Known for 2010..2035; other years fall back
// to 5 February, near the long-run average.
MonthDay SpringFestival(int year);

// The share of a month's normal working time lost to the festival shutdown (0..1), before the
// division's sensitivity: the week before, the holiday week and a slow restart over two weeks.
double FestivalLoss(int year, int month);

// The seasonal factor of one month's output (1 = an average month): days in the month, the
// festival shutdown scaled by the class's sensitivity, the March rebound, quarter-end and
// December pushes; utilities follow heating and cooling instead.
double SeasonFactor(SeasonClass season, int year, int month);

// Extra seasonality of electricity per unit of output (summer cooling, winter heating).
double ElectricitySeason(int month);

}  // namespace ballast::gen

#endif  // BALLAST_GEN_CALENDAR_H_
