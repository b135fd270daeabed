#include "core/clock.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace ballast {

namespace {

constexpr int64_t kBeijingOffset = 8 * 3600;

class System : public Clock {
 public:
  int64_t Now() const override {
    if (const char* fixed = std::getenv("BALLAST_NOW"); fixed != nullptr && *fixed != '\0') {
      if (auto t = ParseUtc(fixed); t.ok()) return *t;
    }
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

std::tm Utc(int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  return tm;
}

bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

const Clock& SystemClock() {
  static const System clock;
  return clock;
}

std::string FormatUtc(int64_t t) {
  std::tm tm = Utc(t);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Result<int64_t> ParseUtc(std::string_view s) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  auto bad = [&] { return Status::Invalid("'" + std::string(s) + "' is not a date or time (YYYY-MM-DD[THH:MM:SS[Z]])"); };
  if (!Digits(s, 0, 4, &y) || s.size() < 10 || s[4] != '-' || !Digits(s, 5, 2, &mo) || s[7] != '-' ||
      !Digits(s, 8, 2, &d)) {
    return bad();
  }
  int64_t offset = 0;
  if (s.size() > 10) {
    if ((s[10] != 'T' && s[10] != ' ') || !Digits(s, 11, 2, &h) || s.size() < 19 || s[13] != ':' ||
        !Digits(s, 14, 2, &mi) || s[16] != ':' || !Digits(s, 17, 2, &se)) {
      return bad();
    }
    std::string_view rest = s.substr(19);
    if (!rest.empty() && rest.front() == '.') {  // fractional seconds are dropped
      size_t i = 1;
      while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') ++i;
      rest.remove_prefix(i);
    }
    if (rest == "Z" || rest.empty()) {
      offset = 0;
    } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
      int oh = 0, om = 0;
      if (!Digits(rest, 1, 2, &oh) || !Digits(rest, 4, 2, &om)) return bad();
      offset = (rest[0] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
    } else {
      return bad();
    }
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return bad();
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = se;
  const int64_t t = static_cast<int64_t>(timegm(&tm));
  if (Utc(t).tm_mday != d) return bad();  // 2025-02-30 and the like
  return t - offset;
}

Period BeijingPeriod(int64_t t) {
  std::tm tm = Utc(t + kBeijingOffset);
  return MakePeriod(tm.tm_year + 1900, tm.tm_mon + 1);
}

std::string BeijingDate(int64_t t) {
  std::tm tm = Utc(t + kBeijingOffset);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

}  // namespace ballast
