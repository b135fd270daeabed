#include "core/uscc.h"

#include <array>
#include <cstdint>

namespace ballast {

namespace {
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20,
                                          29, 25, 13, 8, 24, 10, 30, 28};

// Character -> value in the alphabet, or -1; a table because imports check millions of codes.
constexpr std::array<int8_t, 256> kValues = [] {
  std::array<int8_t, 256> t{};
  t.fill(-1);
  for (size_t i = 0; i < kAlphabet.size(); ++i) t[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int8_t>(i);
  return t;
}();

int ValueOf(char c) { return kValues[static_cast<unsigned char>(c)]; }
}  // namespace

char UsccCheckChar(std::string_view first17) {
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += ValueOf(first17[i]) * kWeights[i];
  int c = 31 - sum % 31;
  if (c == 31) c = 0;
  return kAlphabet[c];
}

UsccCheck CheckUscc(std::string_view code) {
  if (code.size() != 18) return UsccCheck::kMalformed;
  for (size_t i = 0; i < 18; ++i) {
    if (ValueOf(code[i]) < 0) return UsccCheck::kMalformed;
    // Positions 3-8 are the registering authority's GB/T 2260 code: digits only.
    if (i >= 2 && i < 8 && (code[i] < '0' || code[i] > '9')) return UsccCheck::kMalformed;
  }
  return UsccCheckChar(code) == code[17] ? UsccCheck::kValid : UsccCheck::kBadCheckChar;
}

}  // namespace ballast
