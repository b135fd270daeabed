// The shipped catalogs, linked into the binary so that `ballast` needs no data folder at run time.
#include <cstddef>
#include <string_view>

#include "core/catalog.h"

#define BALLAST_INCBIN(name, path)                                   \
  __asm__(".section .rodata\n.global " #name "_begin\n.balign 16\n" #name \
          "_begin:\n.incbin \"" path "\"\n.global " #name "_end\n" #name "_end:\n.byte 0\n.previous\n"); \
  extern "C" const char name##_begin[];                              \
  extern "C" const char name##_end[];

BALLAST_INCBIN(ballast_regions_csv, BALLAST_DATA_DIR "/regions_gbt2260_2024.csv")
BALLAST_INCBIN(ballast_industries_csv, BALLAST_DATA_DIR "/industries_gbt4754_2017.csv")
BALLAST_INCBIN(ballast_indicators_csv, BALLAST_DATA_DIR "/indicators.csv")

namespace ballast {

const std::string_view Catalog::EmbeddedRegionsCsv() {
  return {ballast_regions_csv_begin, static_cast<size_t>(ballast_regions_csv_end - ballast_regions_csv_begin)};
}
const std::string_view Catalog::EmbeddedIndustriesCsv() {
  return {ballast_industries_csv_begin,
          static_cast<size_t>(ballast_industries_csv_end - ballast_industries_csv_begin)};
}
const std::string_view Catalog::EmbeddedIndicatorsCsv() {
  return {ballast_indicators_csv_begin,
          static_cast<size_t>(ballast_indicators_csv_end - ballast_indicators_csv_begin)};
}

}  // namespace ballast
