#include "warn/commodity.h"

#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "ingest/reader/table_reader.h"

namespace ballast::warn {

namespace {

enum Col { kCode, kName, kUnit, kDate, kPrice, kStockDays, kCols };

int ColumnOf(std::string_view h) {
  static const std::pair<std::string_view, int> kNames[] = {
      {"code", kCode}, {"代码", kCode},   {"name", kName},   {"名称", kName},     {"unit", kUnit},
      {"单位", kUnit}, {"date", kDate},   {"日期", kDate},   {"price", kPrice},   {"价格", kPrice},
      {"stock_days", kStockDays},         {"库存天数", kStockDays}};
  for (const auto& [name, col] : kNames) {
    if (h == name) return col;
  }
  return -1;
}

std::optional<double> Number(std::string_view s) {
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace

std::optional<int64_t> DaysFromDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  m = (s[5] - '0') * 10 + (s[6] - '0');
  d = (s[8] - '0') * 10 + (s[9] - '0');
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > (m == 2 && !leap ? 28 : kDays[m - 1])) return std::nullopt;
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<int64_t>(era) * 146097 + static_cast<int64_t>(doe) - 719468;
}

Result<CommodityParse> ParseCommodityTable(std::string_view bytes, std::string_view file_name) {
  CommodityParse out;
  int col[kCols];
  std::fill(std::begin(col), std::end(col), -1);
  std::set<std::pair<std::string, std::string>> seen;
  auto problem = [&](int64_t line, const char* column, std::string message) {
    if (out.errors.size() < 1000) out.errors.push_back({line, column, std::move(message)});
  };
  auto info = ingest::ReadTable(bytes, file_name, [&](int64_t line, std::span<const std::string_view> cells) -> Status {
    if (line == 1 && col[kCode] < 0 && out.rows == 0) {
      for (size_t i = 0; i < cells.size(); ++i) {
        int c = ColumnOf(cells[i]);
        if (c < 0) return Status::Invalid("commodities: unknown column '" + std::string(cells[i]) + "'");
        if (col[c] >= 0) return Status::Invalid("commodities: duplicate column '" + std::string(cells[i]) + "'");
        col[c] = static_cast<int>(i);
      }
      for (int c : {kCode, kName, kUnit, kDate, kPrice}) {
        if (col[c] < 0) return Status::Invalid("commodities: the header needs code, name, unit, date, price (stock_days optional)");
      }
      return Status::Ok();
    }
    ++out.rows;
    auto cell = [&](int c) -> std::string_view {
      return col[c] >= 0 && static_cast<size_t>(col[c]) < cells.size() ? cells[static_cast<size_t>(col[c])] : "";
    };
    CommodityPointRecord p;
    p.code = std::string(cell(kCode));
    p.name = std::string(cell(kName));
    p.unit = std::string(cell(kUnit));
    p.date = std::string(cell(kDate));
    bool ok = true;
    if (p.code.empty()) problem(line, "code", "empty"), ok = false;
    for (char ch : p.code) {
      if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-' || ch == '.')) {
        problem(line, "code", "letters, digits, '_', '-', '.' only");
        ok = false;
        break;
      }
    }
    if (p.name.empty()) problem(line, "name", "empty"), ok = false;
    if (!DaysFromDate(p.date)) problem(line, "date", "'" + p.date + "' is not a date YYYY-MM-DD"), ok = false;
    auto price = Number(cell(kPrice));
    if (!price || *price <= 0) problem(line, "price", "'" + std::string(cell(kPrice)) + "' is not a positive number"), ok = false;
    else p.price = *price;
    if (!cell(kStockDays).empty()) {
      auto days = Number(cell(kStockDays));
      if (!days || *days < 0) problem(line, "stock_days", "not a number >= 0"), ok = false;
      else p.stock_days = *days, p.has_stock_days = true;
    }
    if (ok && !seen.insert({p.code, p.date}).second) problem(line, "date", "duplicate code and date in the file"), ok = false;
    if (ok) out.points.push_back(std::move(p));
    return Status::Ok();
  });
  if (!info.ok()) return info.status();
  out.format = ingest::SourceFormatName(info->format);
  if (col[kCode] < 0) return Status::Invalid("commodities: the file is empty");
  return out;
}

std::vector<ExternalSubject> CommoditySubjects(const std::vector<CommodityPointRecord>& points) {
  std::map<std::string, std::vector<const CommodityPointRecord*>> by_code;
  for (const auto& p : points) by_code[p.code].push_back(&p);
  std::vector<ExternalSubject> out;
  for (auto& [code, list] : by_code) {
    std::sort(list.begin(), list.end(), [](auto* a, auto* b) { return a->date < b->date; });
    ExternalSubject s;
    s.kind = SubjectKind::kCommodity;
    s.key = code;
    s.name = list.back()->name;
    std::vector<SeriesPoint> price, change, yoy, days;
    std::vector<int64_t> day(list.size());
    for (size_t i = 0; i < list.size(); ++i) day[i] = DaysFromDate(list[i]->date).value_or(0);
    size_t j = 0;  // the latest point at least a year before point i
    for (size_t i = 0; i < list.size(); ++i) {
      const auto& p = *list[i];
      price.push_back({p.date, p.price});
      if (i > 0) change.push_back({p.date, (p.price / list[i - 1]->price - 1) * 100});
      while (j + 1 < i && day[j + 1] <= day[i] - 365) ++j;
      if (day[j] <= day[i] - 365 && day[j] >= day[i] - 365 - 45) yoy.push_back({p.date, (p.price / list[j]->price - 1) * 100});
      if (p.has_stock_days) days.push_back({p.date, p.stock_days});
    }
    // A series whose latest point is not the latest observation is stale: drop it so that an
    // old value cannot keep an alert alive.
    const std::string latest = list.back()->date;  // (clang 14 cannot capture a structured binding)
    auto fresh = [&latest](std::vector<SeriesPoint> v) {
      if (!v.empty() && v.back().period != latest) v.clear();
      return v;
    };
    s.series = {{"price", price}, {"change_pct", fresh(change)}, {"yoy_pct", fresh(yoy)}, {"stock_days", fresh(days)}};
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace ballast::warn
