#include "ingest/reader/zip_archive.h"

#include <zip.h>

namespace ballast::ingest {
namespace {

struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

Status Corrupt(const std::string& name, const char* detail) {
  return Status::Invalid("xlsx: corrupt zip entry " + name + " (" + detail + ")");
}

}  // namespace

Result<std::unique_ptr<ZipArchive>> ZipArchive::Open(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (src == nullptr) {
    std::string msg = zip_error_strerror(&error);
    zip_error_fini(&error);
    return Status::Internal("xlsx: cannot create zip source: " + msg);
  }
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY, &error);
  if (za == nullptr) {
    std::string msg = zip_error_strerror(&error);
    zip_source_free(src);  // still ours when the open fails
    zip_error_fini(&error);
    return Status::Invalid("xlsx: not a valid zip archive (" + msg + ")");
  }
  zip_error_fini(&error);
  return std::unique_ptr<ZipArchive>(new ZipArchive(za));
}

ZipArchive::~ZipArchive() { zip_discard(za_); }

bool ZipArchive::Contains(const std::string& name) const {
  return zip_name_locate(za_, name.c_str(), ZIP_FL_NOCASE) >= 0;
}

Result<std::string> ZipArchive::Read(const std::string& name, uint64_t budget) const {
  const zip_int64_t index = zip_name_locate(za_, name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return Status::Invalid("xlsx: missing part " + name);
  const auto uindex = static_cast<zip_uint64_t>(index);
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(za_, uindex, 0, &st) != 0 || (st.valid & ZIP_STAT_SIZE) == 0) {
    return Corrupt(name, zip_strerror(za_));
  }
  if (st.size > kMaxEntrySize) {
    return Status::Invalid("xlsx: part " + name + " expands to " + std::to_string(st.size) +
                           " bytes, more than the 1 GiB limit");
  }
  if (st.size > budget) {
    return Status::Invalid("xlsx: part " + name + " expands to " + std::to_string(st.size) +
                           " bytes, more than the " + std::to_string(budget >> 20) +
                           " MiB this workbook may use; save it as CSV or split it");
  }
  std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen_index(za_, uindex, 0));
  if (!file) return Corrupt(name, zip_strerror(za_));

  std::string out(static_cast<size_t>(st.size), '\0');
  size_t got = 0;
  while (got < out.size()) {
    const zip_int64_t n = zip_fread(file.get(), out.data() + got, out.size() - got);
    if (n < 0) return Corrupt(name, zip_file_strerror(file.get()));
    if (n == 0) return Corrupt(name, "shorter than its declared size");
    got += static_cast<size_t>(n);
  }
  // Reading to the end makes libzip verify the CRC; more data means the header lied.
  char extra;
  const zip_int64_t n = zip_fread(file.get(), &extra, 1);
  if (n < 0) return Corrupt(name, zip_file_strerror(file.get()));
  if (n > 0) return Corrupt(name, "longer than its declared size");
  return out;
}

}  // namespace ballast::ingest
