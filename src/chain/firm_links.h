// Firm links: who supplies what to whom (`supplier,customer,product,value[,lead_days]`), read from
// CSV (RFC 4180, header row) or XLSX. Links of one product into one customer are alternatives;
// different products are all needed.
#ifndef BALLAST_CHAIN_FIRM_LINKS_H_
#define BALLAST_CHAIN_FIRM_LINKS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace ballast::chain {

struct FirmLink {
  std::string supplier;
  std::string customer;
  std::string product;
  double value = 0;  // per year, 万元
  std::optional<double> lead_days;
  int64_t line = 0;  // where it was read (1-based, header = 1)
};

// Reads the whole file; the header names the columns (any order, case-insensitive; unknown
// columns are refused so that a typo is not silently ignored). Any bad row rejects the file with
// Status::Invalid "FILE:LINE: field: problem" (empty ids, value not a finite number >= 0,
// supplier == customer, lead_days not a finite number >= 0, missing cells).
Result<std::vector<FirmLink>> ReadFirmLinks(std::string_view bytes, std::string_view file_name);

}  // namespace ballast::chain

#endif  // BALLAST_CHAIN_FIRM_LINKS_H_
