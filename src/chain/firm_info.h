// Firm attributes: where a firm is and what it makes (`firm,name,region,industry`), and for the
// propagation model its capacity and inventory (`capacity,inventory_days`, optional). Suppliers
// outside the province are listed here too, with their region code.
#ifndef BALLAST_CHAIN_FIRM_INFO_H_
#define BALLAST_CHAIN_FIRM_INFO_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/status.h"

namespace ballast::chain {

struct FirmInfo {
  std::string id, name;
  std::string region;                    // GB/T 2260 code
  std::string industry;                  // GB/T 4754 code
  std::optional<double> capacity;        // output the firm can reach, relative to normal (>= 1)
  std::optional<double> inventory_days;  // days of inputs held
};

// Errors name file, line and field; unknown region or industry codes are refused.
Result<std::vector<FirmInfo>> ReadFirmInfo(std::string_view bytes, std::string_view file_name,
                                           const Catalog& catalog);

}  // namespace ballast::chain

#endif  // BALLAST_CHAIN_FIRM_INFO_H_
