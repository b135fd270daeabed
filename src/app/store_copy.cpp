#include "app/store_copy.h"

#include <filesystem>

#include "auth/audit_key.h"

namespace ballast::app {

Result<StoreCopyReport> CopyWholeStore(const std::string& from, const std::string& to,
                                       const std::string& from_key, const std::string& to_key) {
  namespace fs = std::filesystem;
  const std::string src_key = from_key.empty() ? auth::DefaultAuditKeyPath(from) : from_key;
  const std::string dst_key = to_key.empty() ? auth::DefaultAuditKeyPath(to) : to_key;
  std::error_code ec;
  const bool have_key = fs::exists(src_key, ec);
  // A key that is there must be a good one before anything is written.
  if (have_key) RETURN_IF_ERROR(auth::LoadOrCreateAuditKey(src_key, false).status());
  StoreCopyReport report;
  ASSIGN_OR_RETURN(report.counts, CopyStore(from, to));
  if (have_key && !fs::exists(dst_key, ec)) {
    fs::copy_file(src_key, dst_key, fs::copy_options::none, ec);
    if (!ec)
      fs::permissions(dst_key, fs::perms::owner_read | fs::perms::owner_write,
                      fs::perm_options::replace, ec);
    if (ec) {
      return Status::Io("the store was copied, but not its audit key '" + src_key + "' to '" +
                        dst_key + "': " + ec.message() + " (copy it by hand, mode 0600)");
    }
    report.key_copied_to = dst_key;
  }
  return report;
}

}  // namespace ballast::app
