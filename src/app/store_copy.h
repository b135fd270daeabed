// `ballast copy`: a whole store into a new one, SQLite and PostgreSQL either way, with its
// audit key file.
#ifndef BALLAST_APP_STORE_COPY_H_
#define BALLAST_APP_STORE_COPY_H_

#include <string>

#include "core/status.h"
#include "store/copy.h"

namespace ballast::app {

struct StoreCopyReport {
  CopyCounts counts;
  std::string key_copied_to;  // "" when the target's key file was already there
};

// Copies every table of `from` into `to` (a SQLite file that does not exist yet or an empty
// PostgreSQL database), then the audit key: the chain is copied byte for byte, so the copy
// verifies with the same key, which is copied to `to_key` (default: the target's default key
// path) when that file does not exist. Keys "" = the default paths of the locators.
Result<StoreCopyReport> CopyWholeStore(const std::string& from, const std::string& to,
                                       const std::string& from_key = "",
                                       const std::string& to_key = "");

}  // namespace ballast::app

#endif  // BALLAST_APP_STORE_COPY_H_
