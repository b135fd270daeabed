#include "ingest/reader/text_encoding.h"

#include <errno.h>
#include <iconv.h>

#include <algorithm>
#include <cstring>

namespace ballast::ingest {
namespace {

// Closes the iconv descriptor on every path.
class IconvHandle {
 public:
  IconvHandle(const char* to, const char* from) : cd_(iconv_open(to, from)) {}
  ~IconvHandle() {
    if (ok()) iconv_close(cd_);
  }
  IconvHandle(const IconvHandle&) = delete;
  IconvHandle& operator=(const IconvHandle&) = delete;
  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

}  // namespace

size_t FindInvalidUtf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  size_t i = 0;
  while (i < n) {
    // ASCII fast path: eight bytes at a time while no high bit is set.
    while (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, s + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    // Well-formed sequences per Unicode Table 3-7: the second byte's range depends on the first.
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + len > n) return i;
    if (s[i + 1] < lo || s[i + 1] > hi) return i;
    for (size_t k = 2; k < len; ++k) {
      if (s[i + k] < 0x80 || s[i + k] > 0xBF) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

int64_t LineAt(std::string_view bytes, size_t offset) {
  offset = std::min(offset, bytes.size());
  int64_t line = 1;
  for (size_t i = 0; i < offset; ++i) {
    // Same rule as the CSV parser: \n, \r\n and a lone \r each end a line.
    if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == bytes.size() || bytes[i + 1] != '\n'))) {
      ++line;
    }
  }
  return line;
}

MixedEncoding FindMixedEncoding(std::string_view bytes) {
  MixedEncoding m;
  int64_t line = 1;
  size_t start = 0;
  // Multi-byte sequences of both encodings avoid \n and \r, so lines can be judged one by one.
  while (start <= bytes.size()) {
    size_t end = start;
    while (end < bytes.size() && bytes[end] != '\n' && bytes[end] != '\r') ++end;
    const std::string_view text = bytes.substr(start, end - start);
    const bool high = std::any_of(text.begin(), text.end(), [](char c) { return (c & 0x80) != 0; });
    if (high) {
      int64_t& first = FindInvalidUtf8(text) == std::string_view::npos ? m.utf8_line : m.other_line;
      if (first == 0) first = line;
      if (m.utf8_line != 0 && m.other_line != 0) return m;
    }
    if (end == bytes.size()) break;
    start = end + (bytes[end] == '\r' && end + 1 < bytes.size() && bytes[end + 1] == '\n' ? 2 : 1);
    ++line;
  }
  return {};
}

Result<std::string> Gb18030ToUtf8(std::string_view bytes) {
  IconvHandle cd("UTF-8", "GB18030");
  if (!cd.ok()) return Status::Internal("iconv cannot convert GB18030 to UTF-8");
  // GB18030 -> UTF-8 grows at most 1.5x (2 bytes -> 3); grow anyway if iconv asks for more.
  std::string out(bytes.size() + bytes.size() / 2 + 16, '\0');
  char* in = const_cast<char*>(bytes.data());  // iconv's signature is not const-correct
  size_t in_left = bytes.size();
  size_t used = 0;
  while (in_left > 0) {
    char* dst = out.data() + used;
    size_t out_left = out.size() - used;
    const size_t rc = iconv(cd.get(), &in, &in_left, &dst, &out_left);
    used = out.size() - out_left;
    if (rc != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    const size_t at = bytes.size() - in_left;
    const char* what = errno == EINVAL ? "truncated" : "invalid";
    return Status::Invalid("line " + std::to_string(LineAt(bytes, at)) + ": " + what +
                           " GB18030 byte sequence");
  }
  out.resize(used);
  return out;
}

}  // namespace ballast::ingest
