// The shipped default rules, linked into the binary so nothing is read from disk at run time.
#include <cstddef>

#include "warn/rule.h"

#define BALLAST_WARN_INCBIN(name, path)                                                          \
  __asm__(".section .rodata\n.global " #name "_begin\n.balign 16\n" #name "_begin:\n.incbin \"" path \
          "\"\n.global " #name "_end\n" #name "_end:\n.byte 0\n.previous\n");                      \
  extern "C" const char name##_begin[];                                                          \
  extern "C" const char name##_end[];

BALLAST_WARN_INCBIN(ballast_default_rules_json, BALLAST_DATA_DIR "/rules/default.json")

namespace ballast::warn {

std::string_view EmbeddedDefaultRulesJson() {
  return {ballast_default_rules_json_begin,
          static_cast<size_t>(ballast_default_rules_json_end - ballast_default_rules_json_begin)};
}

}  // namespace ballast::warn
