// Unified social credit code (统一社会信用代码, GB 32100-2015).
#ifndef BALLAST_CORE_USCC_H_
#define BALLAST_CORE_USCC_H_

#include <string>
#include <string_view>

namespace ballast {

enum class UsccCheck {
  kValid,
  kMalformed,     // wrong length or a character outside the code's alphabet: an error
  kBadCheckChar,  // well-formed, but the 18th character does not match: a warning only
};

// Checks an upper-case code as written (no normalisation).
UsccCheck CheckUscc(std::string_view code);
// The expected 18th character for the first 17 characters of a well-formed code.
char UsccCheckChar(std::string_view first17);

}  // namespace ballast

#endif  // BALLAST_CORE_USCC_H_
