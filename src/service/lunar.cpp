#include "service/lunar.h"

#include <array>
#include <cmath>
#include <vector>

namespace ballast::service {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kUnixEpochJd = 2440587.5;    // 1970-01-01 00:00 UT
constexpr double kDeltaTDays = 70.0 / 86400;  // TT − UT in the 2020s–2030s, ~69–72 s

double Rad(double deg) { return deg * kPi / 180; }
double Norm360(double deg) { return deg - 360 * std::floor(deg / 360); }

// The Beijing day of an instant given as a Julian Ephemeris Day.
Day BeijingDayOfJde(double jde) {
  return static_cast<Day>(std::floor(jde - kDeltaTDays + 8.0 / 24 - kUnixEpochJd));
}

// The instant (JDE) of new moon number k (k = 0: 2000-01-06), Meeus (49.1) and table 49.A.
double NewMoonJde(int k) {
  const double kk = k, t = kk / 1236.85, t2 = t * t, t3 = t2 * t, t4 = t3 * t;
  double jde =
      2451550.09766 + 29.530588861 * kk + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;
  const double e = 1 - 0.002516 * t - 0.0000074 * t2;
  const double m = Rad(2.5534 + 29.10535670 * kk - 0.0000014 * t2 - 0.00000011 * t3);
  const double mp =
      Rad(201.5643 + 385.81693528 * kk + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4);
  const double f =
      Rad(160.7108 + 390.67050284 * kk - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4);
  const double om = Rad(124.7746 - 1.56375588 * kk + 0.0020672 * t2 + 0.00000215 * t3);
  jde += -0.40720 * std::sin(mp) + 0.17241 * e * std::sin(m) + 0.01608 * std::sin(2 * mp) +
         0.01039 * std::sin(2 * f) + 0.00739 * e * std::sin(mp - m) -
         0.00514 * e * std::sin(mp + m) + 0.00208 * e * e * std::sin(2 * m) -
         0.00111 * std::sin(mp - 2 * f) - 0.00057 * std::sin(mp + 2 * f) +
         0.00056 * e * std::sin(2 * mp + m) - 0.00042 * std::sin(3 * mp) +
         0.00042 * e * std::sin(m + 2 * f) + 0.00038 * e * std::sin(m - 2 * f) -
         0.00024 * e * std::sin(2 * mp - m) - 0.00017 * std::sin(om) -
         0.00007 * std::sin(mp + 2 * m) + 0.00004 * std::sin(2 * mp - 2 * f) +
         0.00004 * std::sin(3 * m) + 0.00003 * std::sin(mp + m - 2 * f) +
         0.00003 * std::sin(2 * mp + 2 * f) - 0.00003 * std::sin(mp + m + 2 * f) +
         0.00003 * std::sin(mp - m + 2 * f) - 0.00002 * std::sin(mp - m - 2 * f) -
         0.00002 * std::sin(3 * mp + m) + 0.00002 * std::sin(4 * mp);
  static constexpr std::array<std::array<double, 3>, 14> kPlanetary = {{
      {299.77, 0.107408, 0.000325},
      {251.88, 0.016321, 0.000165},
      {251.83, 26.651886, 0.000164},
      {349.42, 36.412478, 0.000126},
      {84.66, 18.206239, 0.000110},
      {141.74, 53.303771, 0.000062},
      {207.14, 2.453732, 0.000060},
      {154.84, 7.306860, 0.000056},
      {34.52, 27.261239, 0.000047},
      {207.19, 0.121824, 0.000042},
      {291.34, 1.844379, 0.000040},
      {161.72, 24.198154, 0.000037},
      {239.56, 25.513099, 0.000035},
      {331.55, 3.592518, 0.000023},
  }};
  for (size_t i = 0; i < kPlanetary.size(); ++i) {
    double a = kPlanetary[i][0] + kPlanetary[i][1] * kk;
    if (i == 0) a -= 0.009173 * t2;
    jde += kPlanetary[i][2] * std::sin(Rad(a));
  }
  return jde;
}

Day NewMoonDay(int k) { return BeijingDayOfJde(NewMoonJde(k)); }

// The number of the last new moon whose Beijing day is on or before `d`.
int NewMoonOnOrBefore(Day d) {
  int k = static_cast<int>(std::floor((d + kUnixEpochJd - 2451550.09766) / 29.530588861));
  while (NewMoonDay(k + 1) <= d) ++k;
  while (NewMoonDay(k) > d) --k;
  return k;
}

// The Sun's apparent geometric longitude in degrees, Meeus ch. 25 (low accuracy).
double SunLongitude(double jde) {
  const double t = (jde - 2451545.0) / 36525;
  const double l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
  const double m = Rad(357.52911 + 35999.05029 * t - 0.0001537 * t * t);
  const double c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * std::sin(m) +
                   (0.019993 - 0.000101 * t) * std::sin(2 * m) + 0.000289 * std::sin(3 * m);
  const double om = Rad(125.04 - 1934.136 * t);
  return Norm360(l0 + c - 0.00569 - 0.00478 * std::sin(om));
}

// The JDE at which the Sun reaches `degrees` in `year` (starting near the right date).
double SolarTermJde(int year, double degrees) {
  const Day march20 = ParseDay(std::to_string(year) + "-03-20").value_or(0);
  double jde = march20 + kUnixEpochJd + degrees / 360 * 365.2422;
  if (degrees >= 280) jde -= 365.2422;  // 280°… (小寒 on) fall in January–March of `year`
  for (int i = 0; i < 50; ++i) {
    double diff = Norm360(degrees - SunLongitude(jde) + 180) - 180;
    jde += diff * 365.2422 / 360;
    if (std::abs(diff) < 1e-7) break;
  }
  return jde;
}

struct LunarYear {
  std::vector<Day>
      starts;     // month starts from month 11 of the previous year, plus one past the end
  int leap = -1;  // index in starts of the leap month, -1 none
};

// The months from the one holding the winter solstice of year−1 to the one holding that of year.
LunarYear MonthsAfterSolstice(int year) {
  LunarYear y;
  const Day ws1 = BeijingDayOfJde(SolarTermJde(year - 1, 270));
  const Day ws2 = BeijingDayOfJde(SolarTermJde(year, 270));
  const int k1 = NewMoonOnOrBefore(ws1), k2 = NewMoonOnOrBefore(ws2);
  for (int k = k1; k <= k2; ++k) y.starts.push_back(NewMoonDay(k));
  if (k2 - k1 == 13) {
    // Principal terms (中气) every 30° from the solstice: the first month without one is leap.
    std::vector<Day> terms;
    for (int i = 0; i <= 12; ++i) {
      const double deg = Norm360(270 + 30 * i);
      terms.push_back(BeijingDayOfJde(SolarTermJde(i == 0 ? year - 1 : year, deg)));
    }
    for (size_t m = 0; m + 1 < y.starts.size(); ++m) {
      bool has = false;
      for (Day t : terms) has = has || (t >= y.starts[m] && t < y.starts[m + 1]);
      if (!has) {
        y.leap = static_cast<int>(m);
        break;
      }
    }
  }
  return y;
}

}  // namespace

Day LunarToDay(int year, int month, int day) {
  const LunarYear y = MonthsAfterSolstice(year);
  // Numbered 11, 12, 1, 2, … from the solstice's month, the leap month repeating its predecessor.
  int number = 11;
  for (size_t m = 0; m + 1 < y.starts.size(); ++m) {
    if (static_cast<int>(m) != y.leap) {
      if (m > 0) number = number % 12 + 1;
      if (number == month && m > 1) return y.starts[m] + day - 1;
    }
  }
  return y.starts.back() + day - 1;  // not reached for months 1–10
}

Day SolarTermDay(int year, double degrees) { return BeijingDayOfJde(SolarTermJde(year, degrees)); }

}  // namespace ballast::service
