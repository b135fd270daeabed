// The shipped policy catalog, linked into the binary so nothing is read from disk at run time.
#include <cstddef>

#include "policy/catalog.h"

#define BALLAST_POLICY_INCBIN(name, path)                                                        \
  __asm__(".section .rodata\n.global " #name "_begin\n.balign 16\n" #name "_begin:\n.incbin \"" path \
          "\"\n.global " #name "_end\n" #name "_end:\n.byte 0\n.previous\n");                      \
  extern "C" const char name##_begin[];                                                          \
  extern "C" const char name##_end[];

BALLAST_POLICY_INCBIN(ballast_policy_henan_2022, BALLAST_DATA_DIR "/policies/henan_2022.json")
BALLAST_POLICY_INCBIN(ballast_policy_traditional_2027, BALLAST_DATA_DIR "/policies/traditional_manufacturing_2027.json")
BALLAST_POLICY_INCBIN(ballast_policy_national_17, BALLAST_DATA_DIR "/policies/national_17.json")

namespace ballast::policy {

std::vector<std::string_view> EmbeddedPolicyFiles() {
  auto view = [](const char* b, const char* e) { return std::string_view(b, static_cast<size_t>(e - b)); };
  return {view(ballast_policy_henan_2022_begin, ballast_policy_henan_2022_end),
          view(ballast_policy_traditional_2027_begin, ballast_policy_traditional_2027_end),
          view(ballast_policy_national_17_begin, ballast_policy_national_17_end)};
}

}  // namespace ballast::policy
