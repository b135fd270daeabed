#include "auth/crypto.h"

#include <sodium.h>

namespace ballast::auth {

namespace {
constexpr unsigned long long kOpsLimit = 2;
constexpr size_t kMemLimit = 19u * 1024 * 1024;

bool Init() {
  static const bool ok = sodium_init() >= 0;
  return ok;
}
}  // namespace

Result<std::string> HashPassword(std::string_view password) {
  if (!Init()) return Status::Internal("libsodium failed to initialise");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Internal("out of memory hashing a password");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view password, const std::string& encoded) {
  if (!Init()) return false;
  return crypto_pwhash_str_verify(encoded.c_str(), password.data(), password.size()) == 0;
}

std::string RandomHex(size_t bytes) {
  Init();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

std::string RandomPassword(size_t length) {
  Init();
  static constexpr std::string_view kAlphabet =
      "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string out;
  for (size_t i = 0; i < length; ++i)
    out += kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))];
  return out;
}

bool SecureEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace ballast::auth

namespace ballast::auth {

std::string HmacSha256Hex(std::string_view key, std::string_view message) {
  Init();
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&st, mac);
  char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return std::string(hex, sizeof hex - 1);
}

}  // namespace ballast::auth
