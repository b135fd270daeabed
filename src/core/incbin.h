// Links a data file into the binary so that `ballast` needs no data folder at run time:
// BALLAST_INCBIN(sym, "/abs/path") declares sym_begin and sym_end; BALLAST_INCBIN_VIEW(sym)
// is the file's bytes as a string_view.
#ifndef BALLAST_CORE_INCBIN_H_
#define BALLAST_CORE_INCBIN_H_

#include <cstddef>
#include <string_view>

#define BALLAST_INCBIN(name, path)                                                               \
  __asm__(".section .rodata\n.global " #name "_begin\n.balign 16\n" #name "_begin:\n.incbin \"" path \
          "\"\n.global " #name "_end\n" #name "_end:\n.byte 0\n.previous\n");                      \
  extern "C" const char name##_begin[];                                                          \
  extern "C" const char name##_end[];

#define BALLAST_INCBIN_VIEW(name) \
  std::string_view(name##_begin, static_cast<size_t>(name##_end - name##_begin))

#endif  // BALLAST_CORE_INCBIN_H_
