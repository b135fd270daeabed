#include "gen/csv_out.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace ballast::gen {

BufferedFile::~BufferedFile() {
  if (file_ != nullptr) std::fclose(file_);
}

Status BufferedFile::Open(const std::string& path) {
  path_ = path;
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) return Status::Io("cannot create " + path + ": " + std::strerror(errno));
  // The buffer is ours; stdio's would only add a copy.
  std::setvbuf(file_, nullptr, _IONBF, 0);
  buf_ = std::make_unique<char[]>(kCapacity);
  used_ = 0;
  failed_ = false;
  return Status::Ok();
}

void BufferedFile::Append(std::string_view s) {
  while (!s.empty()) {
    size_t n = std::min(s.size(), kCapacity);
    char* p = Reserve(n);
    std::memcpy(p, s.data(), n);
    Commit(p + n);
    s.remove_prefix(n);
  }
}

void BufferedFile::Flush() {
  if (used_ > 0 && !failed_ && std::fwrite(buf_.get(), 1, used_, file_) != used_) failed_ = true;
  used_ = 0;
}

Status BufferedFile::Close() {
  if (file_ == nullptr) return Status::Ok();
  Flush();
  bool ok = std::fclose(file_) == 0 && !failed_;
  file_ = nullptr;
  if (!ok) return Status::Io("cannot write " + path_);
  return Status::Ok();
}

}  // namespace ballast::gen
