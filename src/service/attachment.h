// Files attached to an appeal (issue 14 item 4): what may be stored. A file is allowed when its
// extension and its first bytes (magic numbers) agree on one of PDF, JPEG, PNG, DOCX or XLSX; the
// name is a plain file name. Pure: the virus scan and the store are the caller's (app/).
#ifndef BALLAST_SERVICE_ATTACHMENT_H_
#define BALLAST_SERVICE_ATTACHMENT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace ballast::service {

inline constexpr int64_t kMaxAttachmentBytes = 10 * 1024 * 1024;  // 10 MiB a file
inline constexpr int kMaxAttachmentsPerAppeal = 20;

// The media type of an allowed file (sent back on download), or InvalidArgument naming the
// field: `name` (empty, a path, control characters, over 200 bytes, an extension not allowed),
// `file` (empty, over `max_bytes`, content that is not what the extension says).
Result<std::string> CheckAttachment(std::string_view name, std::string_view bytes,
                                    int64_t max_bytes = kMaxAttachmentBytes);

}  // namespace ballast::service

#endif  // BALLAST_SERVICE_ATTACHMENT_H_
