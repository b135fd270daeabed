// Fast CSV output: a large-buffer file writer and hand-written number formatting (printf per
// value would dominate the generator's run time).
#ifndef BALLAST_GEN_CSV_OUT_H_
#define BALLAST_GEN_CSV_OUT_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace ballast::gen {

class BufferedFile {
 public:
  BufferedFile() = default;
  BufferedFile(const BufferedFile&) = delete;
  BufferedFile& operator=(const BufferedFile&) = delete;
  ~BufferedFile();

  Status Open(const std::string& path);
  // A pointer to at least n writable bytes (n <= the buffer size); Commit the end afterwards.
  char* Reserve(size_t n) {
    if (used_ + n > kCapacity) Flush();
    return buf_.get() + used_;
  }
  void Commit(char* end) { used_ = static_cast<size_t>(end - buf_.get()); }
  void Append(std::string_view s);
  // Flushes and closes; reports any write error since Open.
  Status Close();

  static constexpr size_t kCapacity = size_t{1} << 22;

 private:
  void Flush();

  std::FILE* file_ = nullptr;
  std::unique_ptr<char[]> buf_;
  size_t used_ = 0;
  bool failed_ = false;
  std::string path_;
};

// Writes v as a plain integer; returns the end.
inline char* WriteInt(char* p, int64_t v) {
  uint64_t u = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  if (v < 0) *p++ = '-';
  char tmp[20];
  int n = 0;
  do {
    tmp[n++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  while (n > 0) *p++ = tmp[--n];
  return p;
}

// Writes tenths as a decimal with one place: 12345 → "1234.5", -5 → "-0.5".
inline char* WriteTenths(char* p, int64_t tenths) {
  uint64_t u = tenths < 0 ? 0 - static_cast<uint64_t>(tenths) : static_cast<uint64_t>(tenths);
  if (tenths < 0) *p++ = '-';
  char tmp[21];
  int n = 0;
  tmp[n++] = static_cast<char>('0' + u % 10);
  tmp[n++] = '.';
  u /= 10;
  do {
    tmp[n++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  while (n > 0) *p++ = tmp[--n];
  return p;
}

}  // namespace ballast::gen

#endif  // BALLAST_GEN_CSV_OUT_H_
