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
  // Beyond double's range ("1e400", "1e-400"): no figure is written like that.
  if (ec == std::errc::result_out_of_range && ptr == last) return NumberParse::kImplausible;
  if (ec != std::errc() || ptr != last || !std::isfinite(*out)) return NumberParse::kInvalid;
  if (std::fabs(*out) > kMaxMagnitude) return NumberParse::kImplausible;
  return NumberParse::kOk;
}

std::string Quote(std::string_view text) {
  constexpr size_t kMaxQuoted = 80;
  std::string s(text.substr(0, kMaxQuoted + 4));
  TruncateUtf8(&s, kMaxQuoted);
  return "'" + s + "'";
}

const char* ControlCharacterProblem(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0) return "contains a NUL character";
    if (c == 0x1B) return "contains an escape character (ESC)";
    if ((c < 0x20 && c != '\t') || c == 0x7F) return "contains a control character";
    // C1 controls U+0080..U+009F are C2 80..C2 9F in UTF-8.
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F &&
        static_cast<unsigned char>(text[i + 1]) >= 0x80) {
      return "contains a control character";
    }
  }
  return nullptr;
}

bool HasFormulaPrefix(std::string_view text) {
  return !text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@');
}

bool ColumnMap::Bind(std::span<const std::string_view> header,
                     std::span<const std::string_view> required,
                     std::span<const std::string_view> optional, ImportReport* report) {
  index_.assign(required.size() + optional.size(), -1);
  width_ = header.size();
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
      report->Error(1, std::string(header[col]),
                    "unknown column '" + std::string(header[col]) + "'");
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
      report->Error(1, std::string(required[i]),
                    "missing column '" + std::string(required[i]) + "'");
      ok = false;
    }
  }
  return ok;
}

}  // namespace ballast::ingest
