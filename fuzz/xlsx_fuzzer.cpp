// libFuzzer harness for the XLSX reader: zip container, relationships, shared strings, sheet XML.
#include <cstddef>
#include <cstdint>

#include "table_invariants.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ballast::fuzz::CheckTable(std::string_view(reinterpret_cast<const char*>(data), size), "f.xlsx");
  return 0;
}
