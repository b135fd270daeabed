// The one clock of the program. Everything that needs "now" asks a Clock; the composition root
// (app/ballast.h) owns one and tests replace it with a FixedClock.
#ifndef BALLAST_CORE_CLOCK_H_
#define BALLAST_CORE_CLOCK_H_

#include <atomic>
#include <cstdint>
#include <string>

#include "core/period.h"

namespace ballast {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the Unix epoch.
  virtual int64_t Now() const = 0;
};

// The system clock; BALLAST_NOW=YYYY-MM-DDTHH:MM:SSZ in the environment fixes it (for tests
// that drive the command line).
const Clock& SystemClock();

// A clock that stands still until set or advanced; thread-safe.
class FixedClock : public Clock {
 public:
  explicit FixedClock(int64_t t) : t_(t) {}
  int64_t Now() const override { return t_.load(); }
  void Set(int64_t t) { t_.store(t); }
  void Advance(int64_t seconds) { t_.fetch_add(seconds); }

 private:
  std::atomic<int64_t> t_;
};

// "YYYY-MM-DDTHH:MM:SSZ" (UTC).
std::string FormatUtc(int64_t t);
// Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SS" with an optional "Z" (UTC) or "+08:00" offset.
Result<int64_t> ParseUtc(std::string_view text);
// The calendar month of an instant in Beijing time (UTC+8), in which users think.
Period BeijingPeriod(int64_t t);
// "YYYY-MM-DD" of an instant in Beijing time.
std::string BeijingDate(int64_t t);

}  // namespace ballast

#endif  // BALLAST_CORE_CLOCK_H_
