#include "api/request_head.h"

#include <cctype>
#include <charconv>

namespace ballast::api {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned v = 0;
    if (s[i] == '%' && i + 2 < s.size() &&
        std::from_chars(s.data() + i + 1, s.data() + i + 3, v, 16).ptr == s.data() + i + 3) {
      out.push_back(static_cast<char>(v));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

}  // namespace

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string RequestHead::Header(std::string_view name) const {
  const std::string key = LowerAscii(name);
  for (const auto& [k, v] : headers) {
    if (LowerAscii(k) == key) return v;
  }
  return {};
}

std::optional<RequestHead> ParseRequestHead(std::string_view block) {
  RequestHead h;
  size_t line_end = block.find('\n');
  if (line_end == std::string_view::npos) return std::nullopt;
  const std::string_view line = Trim(block.substr(0, line_end));
  const size_t sp1 = line.find(' ');
  const size_t sp2 = line.rfind(' ');
  if (sp1 == std::string_view::npos || sp2 == sp1) return std::nullopt;
  h.method = std::string(line.substr(0, sp1));
  const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  h.path = PercentDecode(target.substr(0, target.find('?')));
  std::string_view rest = block.substr(line_end + 1);
  while (!rest.empty()) {
    const size_t end = rest.find('\n');
    const std::string_view l = Trim(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (l.empty()) break;
    const size_t colon = l.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    h.headers.emplace_back(std::string(Trim(l.substr(0, colon))),
                           std::string(Trim(l.substr(colon + 1))));
  }
  const std::string length = h.Header("Content-Length");
  if (!length.empty()) {
    uint64_t n = 0;
    auto [p, ec] = std::from_chars(length.data(), length.data() + length.size(), n);
    if (ec != std::errc() || p != length.data() + length.size()) return std::nullopt;
    h.content_length = n;
  }
  h.chunked = !h.Header("Transfer-Encoding").empty();
  return h;
}

}  // namespace ballast::api
