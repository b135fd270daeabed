// SHA-256, as lowercase hex (content hashes of imports, session token hashes, the audit chain).
#ifndef BALLAST_CORE_HASH_H_
#define BALLAST_CORE_HASH_H_

#include <string>
#include <string_view>

namespace ballast {

std::string Sha256Hex(std::string_view bytes);

}  // namespace ballast

#endif  // BALLAST_CORE_HASH_H_
