// The Spring Festival (春节) calendar effect on monthly flows: the festival's date each year
// (data/calendar/spring_festival.csv, 2000–2035, linked into the binary) and the share of its
// window that falls in January, the regressor of the seasonal adjustment (seasonal_adjust.h).
#ifndef BALLAST_ENGINE_SPRING_FESTIVAL_H_
#define BALLAST_ENGINE_SPRING_FESTIVAL_H_

#include <optional>

namespace ballast {

// Days before and after 春节 counted as the festival window (X-13 genhol style: the holiday's
// effect on activity spans the days around it, not the day alone).
constexpr int kFestivalDaysBefore = 7, kFestivalDaysAfter = 7;

struct MonthDay {
  int month = 0, day = 0;
};

// 春节 (the first day of the lunar year) of `year`, or nullopt outside the table.
std::optional<MonthDay> SpringFestival(int year);

// The share of the window [春节 − 7, 春节 + 7] (15 days) falling in January of `year`; the rest
// falls in February (the festival is between 21 January and 20 February). nullopt outside the
// table.
std::optional<double> FestivalShareInJanuary(int year);

// The mean of FestivalShareInJanuary over the table's years: the regressor is centred on it, so
// that a usual year carries no festival effect and the seasonal keeps the average one.
double MeanFestivalShareInJanuary();

}  // namespace ballast

#endif  // BALLAST_ENGINE_SPRING_FESTIVAL_H_
