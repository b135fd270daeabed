// Chinese calendar dates the holiday law needs (春节, 端午, 中秋, 清明), COMPUTED from the Sun and
// the Moon so that deadlines past the last published State Council notice still see the
// holidays: new moons by Meeus, Astronomical Algorithms ch. 49 (with the planetary terms),
// the Sun's apparent longitude by ch. 25 (low accuracy, ~0.01°, i.e. a solar term to ~15 min),
// Beijing time (UTC+8) for the day of an instant, and the rules of GB/T 33661-2017: a month
// begins on the day of a new moon, month 11 holds the winter solstice, and in a year of 13 months
// the first month without a principal term (中气) is the leap month.
#ifndef BALLAST_SERVICE_LUNAR_H_
#define BALLAST_SERVICE_LUNAR_H_

#include "service/calendar.h"

namespace ballast::service {

// The Beijing day of the Chinese month `month` (1–12, never a leap month), day `day` (1–30)
// of the lunar year that begins in Gregorian `year` (正月初一 falls in January or February).
Day LunarToDay(int year, int month, int day);
// The Beijing day on which the Sun's apparent longitude reaches `degrees` in `year`
// (15 = 清明, 270 = 冬至 in December).
Day SolarTermDay(int year, double degrees);

}  // namespace ballast::service

#endif  // BALLAST_SERVICE_LUNAR_H_
