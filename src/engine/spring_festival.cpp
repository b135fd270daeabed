#include "engine/spring_festival.h"

#include <charconv>
#include <map>
#include <string_view>

#include "core/incbin.h"

BALLAST_INCBIN(ballast_spring_festival_csv, BALLAST_DATA_DIR "/calendar/spring_festival.csv")

namespace ballast {
namespace {

// year,date (YYYY-MM-DD) rows under a header; the file is ours and checked by the tests.
const std::map<int, MonthDay>& Table() {
  static const std::map<int, MonthDay> table = [] {
    std::map<int, MonthDay> t;
    std::string_view text = BALLAST_INCBIN_VIEW(ballast_spring_festival_csv);
    bool header = true;
    while (!text.empty()) {
      const size_t eol = text.find('\n');
      std::string_view line = text.substr(0, eol);
      text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (header || line.size() < 15) {
        header = false;
        continue;
      }
      int year = 0, month = 0, day = 0;
      std::from_chars(line.data(), line.data() + 4, year);
      std::from_chars(line.data() + 10, line.data() + 12, month);
      std::from_chars(line.data() + 13, line.data() + 15, day);
      t[year] = MonthDay{month, day};
    }
    return t;
  }();
  return table;
}

}  // namespace

std::optional<MonthDay> SpringFestival(int year) {
  const auto it = Table().find(year);
  if (it == Table().end()) return std::nullopt;
  return it->second;
}

std::optional<double> FestivalShareInJanuary(int year) {
  const auto d = SpringFestival(year);
  if (!d) return std::nullopt;
  const int offset = (d->month == 1 ? 0 : 31) + d->day - 1;  // days since 1 January
  int january = 0;
  for (int o = offset - kFestivalDaysBefore; o <= offset + kFestivalDaysAfter; ++o) {
    january += o >= 0 && o < 31;
  }
  return static_cast<double>(january) / (kFestivalDaysBefore + kFestivalDaysAfter + 1);
}

double MeanFestivalShareInJanuary() {
  static const double mean = [] {
    double sum = 0;
    int n = 0;
    for (const auto& [year, date] : Table()) {
      sum += *FestivalShareInJanuary(year);
      ++n;
    }
    return n > 0 ? sum / n : 0.0;
  }();
  return mean;
}

}  // namespace ballast
