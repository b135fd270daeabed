// Reading a whole file at once (imports hand whole files to the readers).
#ifndef BALLAST_CORE_FILE_UTIL_H_
#define BALLAST_CORE_FILE_UTIL_H_

#include <string>

#include "core/status.h"

namespace ballast {

Result<std::string> ReadFile(const std::string& path);

}  // namespace ballast

#endif  // BALLAST_CORE_FILE_UTIL_H_
