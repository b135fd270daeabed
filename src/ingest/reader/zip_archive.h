// Read-only access to a zip archive held in memory (libzip), with a cap on entry sizes.
#ifndef BALLAST_INGEST_READER_ZIP_ARCHIVE_H_
#define BALLAST_INGEST_READER_ZIP_ARCHIVE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

struct zip;

namespace ballast::ingest {

class ZipArchive {
 public:
  // Entries that would expand beyond this are refused (zip bombs).
  static constexpr uint64_t kMaxEntrySize = uint64_t{1} << 30;

  // `bytes` must outlive the archive: entries are decompressed from it lazily.
  static Result<std::unique_ptr<ZipArchive>> Open(std::string_view bytes);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  // Entry names are matched case-insensitively, as OOXML part names are.
  bool Contains(const std::string& name) const;
  // The whole decompressed entry; Status::Invalid if it is missing, corrupt, or declares more
  // than kMaxEntrySize or `budget` bytes (checked before allocating; an entry that inflates
  // beyond its declared size is corrupt, so the budget also holds for lying headers).
  Result<std::string> Read(const std::string& name, uint64_t budget = kMaxEntrySize) const;

 private:
  explicit ZipArchive(zip* za) : za_(za) {}
  zip* za_;
};

}  // namespace ballast::ingest

#endif  // BALLAST_INGEST_READER_ZIP_ARCHIVE_H_
