#include "service/attachment.h"

#include <algorithm>
#include <cctype>

namespace ballast::service {

namespace {

struct Kind {
  const char* ext;
  const char* media_type;
  std::string_view magic;
  const char* part;  // an OOXML package names this folder in its ZIP entries ("" = no check)
};

constexpr std::string_view kZip("PK\x03\x04", 4);

const Kind kKinds[] = {
    {"pdf", "application/pdf", "%PDF-", ""},
    {"jpg", "image/jpeg", std::string_view("\xFF\xD8\xFF", 3), ""},
    {"jpeg", "image/jpeg", std::string_view("\xFF\xD8\xFF", 3), ""},
    {"png", "image/png", std::string_view("\x89PNG\r\n\x1A\n", 8), ""},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", kZip,
     "word/"},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", kZip, "xl/"},
};

}  // namespace

Result<std::string> CheckAttachment(std::string_view name, std::string_view bytes,
                                    int64_t max_bytes) {
  if (name.empty() || name.size() > 200)
    return Status::Invalid("name: a file name of 1–200 bytes is required");
  if (name.find_first_of("/\\") != std::string_view::npos || name == "." || name == "..")
    return Status::Invalid("name: a plain file name, not a path");
  if (std::any_of(name.begin(), name.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }))
    return Status::Invalid("name: control characters are not allowed");
  const size_t dot = name.rfind('.');
  std::string ext = dot == std::string_view::npos ? "" : std::string(name.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const Kind* kind = nullptr;
  for (const Kind& k : kKinds) {
    if (ext == k.ext) kind = &k;
  }
  if (!kind) return Status::Invalid("name: allowed types are pdf, jpg, png, docx and xlsx");
  if (bytes.empty()) return Status::Invalid("file: empty");
  if (static_cast<int64_t>(bytes.size()) > max_bytes)
    return Status::Invalid("file: larger than " + std::to_string(max_bytes / (1024 * 1024)) +
                           " MiB");
  const bool magic = bytes.substr(0, kind->magic.size()) == kind->magic;
  const bool part = *kind->part == '\0' || bytes.find(kind->part) != std::string_view::npos;
  if (!magic || !part) return Status::Invalid("file: the content is not a ." + ext + " file");
  return std::string(kind->media_type);
}

}  // namespace ballast::service
