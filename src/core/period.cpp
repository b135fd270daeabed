#include "core/period.h"

#include <cstdlib>

#include "core/clock.h"

namespace ballast {

namespace {
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

Result<Period> ParsePeriod(std::string_view t) {
  if (t.size() != 7 || t[4] != '-' || !IsDigit(t[0]) || !IsDigit(t[1]) || !IsDigit(t[2]) ||
      !IsDigit(t[3]) || !IsDigit(t[5]) || !IsDigit(t[6])) {
    return Status::Invalid("period '" + std::string(t) + "' is not of the form YYYY-MM");
  }
  int year = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
  int month = (t[5] - '0') * 10 + (t[6] - '0');
  if (month < 1 || month > 12) {
    return Status::Invalid("period '" + std::string(t) + "' has month outside 01..12");
  }
  if (year < 1900 || year > 2199) {
    return Status::Invalid("period '" + std::string(t) + "' has a year outside 1900..2199");
  }
  return MakePeriod(year, month);
}

std::string FormatPeriod(Period p) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", PeriodYear(p), PeriodMonth(p));
  return buf;
}

Period CurrentPeriod() {
  if (const char* today = std::getenv("BALLAST_TODAY"); today && std::string_view(today).size() >= 7) {
    auto p = ParsePeriod(std::string_view(today).substr(0, 7));
    if (p.ok()) return *p;
  }
  return BeijingPeriod(SystemClock().Now());  // users' months are Beijing months
}

}  // namespace ballast
