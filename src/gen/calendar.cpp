#include "gen/calendar.h"

namespace ballast::gen {

namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DayOfYear(int year, int month, int day) {
  int d = day;
  for (int m = 1; m < month; ++m) d += DaysInMonth(year, m);
  return d;
}

// Lost share of a normal day's production at `offset` days from the festival.
double DailyLoss(int offset) {
  if (offset >= -7 && offset <= -1) return 0.15;  // migrant workers leave early
  if (offset >= 0 && offset <= 6) return 0.70;    // the holiday week
  if (offset >= 7 && offset <= 13) return 0.30;   // restart
  if (offset >= 14 && offset <= 20) return 0.10;  // the last returners
  return 0.0;
}

}  // namespace

int DaysInMonth(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

MonthDay SpringFestival(int year) {
  static constexpr MonthDay kDates[] = {
      {2, 14}, {2, 3},  {1, 23}, {2, 10}, {1, 31}, {2, 19}, {2, 8},  {1, 28}, {2, 16},  // 2010-18
      {2, 5},  {1, 25}, {2, 12}, {2, 1},  {1, 22}, {2, 10}, {1, 29}, {2, 17}, {2, 6},   // 2019-27
      {1, 26}, {2, 13}, {2, 3},  {1, 23}, {2, 11}, {1, 31}, {2, 19}, {2, 8},            // 2028-35
  };
  if (year < 2010 || year > 2035) return {2, 5};
  return kDates[year - 2010];
}

double FestivalLoss(int year, int month) {
  if (month > 3) return 0.0;  // the effect ends within three weeks of a date in late Jan-Feb
  MonthDay sf = SpringFestival(year);
  int festival = DayOfYear(year, sf.month, sf.day);
  int days = DaysInMonth(year, month);
  int first = DayOfYear(year, month, 1);
  double lost = 0;
  for (int d = 0; d < days; ++d) lost += DailyLoss(first + d - festival);
  return lost / days;
}

double SeasonFactor(SeasonClass season, int year, int month) {
  // Quarter-end and year-end pushes; January and February carry the festival separately.
  static constexpr double kPattern[12] = {0.99, 1.00, 1.03, 0.99, 1.00, 1.04,
                                          0.98, 0.98, 1.03, 0.98, 1.01, 1.09};
  // Power, gas and water: heating in winter, cooling in summer.
  static constexpr double kUtility[12] = {1.10, 1.02, 0.97, 0.92, 0.94, 1.00,
                                          1.10, 1.12, 0.98, 0.92, 0.96, 1.06};
  double sensitivity = 1.0, pattern = kPattern[month - 1], rebound = month == 3 ? 1.03 : 1.0;
  switch (season) {
    case SeasonClass::kNormal:
      break;
    case SeasonClass::kContinuous:  // furnaces and mines keep running
      sensitivity = 0.25;
      pattern = 1.0 + 0.4 * (pattern - 1.0);
      rebound = 1.0;
      break;
    case SeasonClass::kLabour:
      sensitivity = 1.25;
      break;
    case SeasonClass::kUtility:
      sensitivity = 0.1;
      pattern = kUtility[month - 1];
      rebound = 1.0;
      break;
  }
  double days = DaysInMonth(year, month) / 30.436875;
  return pattern * days * rebound * (1.0 - sensitivity * FestivalLoss(year, month));
}

double ElectricitySeason(int month) {
  static constexpr double kFactor[12] = {1.02, 1.01, 0.99, 0.98, 0.99, 1.01,
                                         1.04, 1.05, 1.00, 0.97, 0.98, 1.01};
  return kFactor[month - 1];
}

}  // namespace ballast::gen
