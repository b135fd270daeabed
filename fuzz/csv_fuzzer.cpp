// libFuzzer harness for the CSV reader (UTF-8, BOM, GB18030 detection and RFC 4180 parsing).
#include <cstddef>
#include <cstdint>

#include "table_invariants.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ballast::fuzz::CheckTable(std::string_view(reinterpret_cast<const char*>(data), size), "f.csv");
  return 0;
}
