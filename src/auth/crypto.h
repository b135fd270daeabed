// Password hashing (Argon2id) and random tokens, from libsodium.
#ifndef BALLAST_AUTH_CRYPTO_H_
#define BALLAST_AUTH_CRYPTO_H_

#include <string>
#include <string_view>

#include "core/status.h"

namespace ballast::auth {

// Argon2id with 2 passes over 19 MiB, parallelism 1 (OWASP's minimum), in libsodium's encoded
// form (algorithm, parameters and salt included).
Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(std::string_view password, const std::string& encoded);
// `bytes` random bytes as lowercase hex.
std::string RandomHex(size_t bytes);
// A readable random password (letters and digits, no look-alikes), ~119 bits for 20 chars.
std::string RandomPassword(size_t length = 20);
// HMAC-SHA256 of `message` under `key`, as lowercase hex (the keyed audit chain).
std::string HmacSha256Hex(std::string_view key, std::string_view message);
// Constant-time comparison.
bool SecureEquals(std::string_view a, std::string_view b);

}  // namespace ballast::auth

#endif  // BALLAST_AUTH_CRYPTO_H_
