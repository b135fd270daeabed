#include "app/seasonal.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>

#include "ingest/reader/csv_parser.h"

namespace ballast::app {
namespace {

std::string Where(std::string_view name, int64_t line) {
  return std::string(name) + ": line " + std::to_string(line) + ": ";
}

bool ParseNumber(std::string_view s, double* out) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return false;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size() && std::isfinite(*out);
}

void AppendNumber(double v, std::string* out) {
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v == 0.0 ? 0.0 : v);  // no "-0"
  out->append(buf, ec == std::errc() ? end : buf);
}

}  // namespace

Result<std::vector<double>> ParseSeriesCsv(std::string_view bytes, std::string_view name) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);  // a UTF-8 BOM (Excel)
  std::vector<double> x;
  bool header = true;
  size_t columns = 0;
  int64_t next_line = 1;  // where the next record starts when no line is empty
  auto parsed = ingest::ParseCsv(bytes, [&](int64_t line, std::span<const std::string_view> cells) {
    if (!header && line > next_line) {
      return Status::Invalid(Where(name, next_line) + "blank line: every row needs a value");
    }
    next_line = line + 1;
    for (std::string_view c : cells) next_line += std::count(c.begin(), c.end(), '\n');
    if (header) {
      header = false;
      columns = cells.size();
      return Status::Ok();
    }
    // The series is the header's last column: a shorter row has no value there.
    const std::string_view v = cells.size() < columns ? std::string_view() : cells[columns - 1];
    double d = 0;
    if (v.empty()) return Status::Invalid(Where(name, line) + "blank value in the last column");
    if (!ParseNumber(v, &d)) {
      return Status::Invalid(Where(name, line) + "'" + std::string(v.substr(0, 40)) +
                             "' is not a finite number");
    }
    x.push_back(d);
    return Status::Ok();
  });
  if (!parsed.ok()) {
    const std::string& m = parsed.status().message();
    return Status(parsed.status().code(),
                  m.starts_with(std::string(name) + ":") ? m : std::string(name) + ": " + m);
  }
  if (header) return Status::Invalid(std::string(name) + ": line 1: no header row");
  return x;
}

Result<ts::StlResult> DecomposeSeriesCsv(std::string_view bytes, std::string_view name,
                                         const ts::StlOptions& options) {
  auto x = ParseSeriesCsv(bytes, name);
  if (!x.ok()) return x.status();
  const int64_t n = static_cast<int64_t>(x->size());
  if (options.period < 2) {
    return Status::Invalid("--period must be at least 2 (got " + std::to_string(options.period) +
                           ")");
  }
  if (n < 2 * static_cast<int64_t>(options.period) + 1) {
    // The header is line 1, so observation n is on line n + 1 (for single-line records).
    return Status::Invalid(Where(name, n + 1) + "the series ends after " + std::to_string(n) +
                           " observations; period " + std::to_string(options.period) +
                           " needs at least " + std::to_string(2 * options.period + 1) +
                           " (2 periods + 1)");
  }
  return ts::Stl(*x, options);
}

std::string FormatStlCsv(const ts::StlResult& r) {
  std::string out = "seasonal,trend,remainder\n";
  out.reserve(out.size() + r.seasonal.size() * 64);
  for (size_t i = 0; i < r.seasonal.size(); ++i) {
    AppendNumber(r.seasonal[i], &out);
    out += ',';
    AppendNumber(r.trend[i], &out);
    out += ',';
    AppendNumber(r.remainder[i], &out);
    out += '\n';
  }
  return out;
}

}  // namespace ballast::app
