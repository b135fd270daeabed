#include "ingest/fields.h"

#include <charconv>
#include <cmath>

namespace ballast::ingest {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

NumberParse ParseNumber(std::string_view t, double* out) {
  if (t.empty()) return NumberParse::kEmpty;
  const char* first = t.data();
  const char* last = t.data() + t.size();
  auto [ptr, ec] = std::from_chars(first, last, *out, std::chars_format::general);
  if (ec != std::errc() || ptr != last || !std::isfinite(*out)) return NumberParse::kInvalid;
  return NumberParse::kOk;
}

bool ColumnMap::Bind(std::span<const std::string_view> header, std::span<const std::string_view> required,
                     std::span<const std::string_view> optional, ImportReport* report) {
  index_.assign(required.size() + optional.size(), -1);
  bool ok = true;
  for (size_t col = 0; col < header.size(); ++col) {
    std::string name = Lower(header[col]);
    size_t found = index_.size();
    for (size_t i = 0; i < required.size(); ++i) {
      if (name == required[i]) found = i;
    }
    for (size_t i = 0; i < optional.size(); ++i) {
      if (name == optional[i]) found = required.size() + i;
    }
    if (found == index_.size()) {
      report->Error(1, std::string(header[col]), "unknown column '" + std::string(header[col]) + "'");
      ok = false;
    } else if (index_[found] >= 0) {
      report->Error(1, std::string(header[col]), "column '" + name + "' appears twice");
      ok = false;
    } else {
      index_[found] = static_cast<int>(col);
    }
  }
  for (size_t i = 0; i < required.size(); ++i) {
    if (index_[i] < 0) {
      report->Error(1, std::string(required[i]), "missing column '" + std::string(required[i]) + "'");
      ok = false;
    }
  }
  return ok;
}

}  // namespace ballast::ingest
