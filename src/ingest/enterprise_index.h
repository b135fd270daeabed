// uscc -> enterprise id, with lookups by string_view (no allocation per row).
#ifndef BALLAST_INGEST_ENTERPRISE_INDEX_H_
#define BALLAST_INGEST_ENTERPRISE_INDEX_H_

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/records.h"

namespace ballast::ingest {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};
using UsccIndex = std::unordered_map<std::string, EnterpriseId, StringHash, std::equal_to<>>;

}  // namespace ballast::ingest

#endif  // BALLAST_INGEST_ENTERPRISE_INDEX_H_
