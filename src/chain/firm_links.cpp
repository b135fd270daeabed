#include "chain/firm_links.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "ingest/reader/table_reader.h"

namespace ballast::chain {
namespace {

enum Col { kSupplier, kCustomer, kProduct, kValue, kLeadDays, kNumCols };
constexpr std::array<std::string_view, kNumCols> kNames = {"supplier", "customer", "product",
                                                           "value", "lead_days"};

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return out;
}

// A finite number >= 0 written as plain decimal text (no thousands separators, no units).
std::optional<double> ParseNonNegative(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v) || v < 0)
    return std::nullopt;
  return v == 0 ? 0.0 : v;  // no -0
}

}  // namespace

Result<std::vector<FirmLink>> ReadFirmLinks(std::string_view bytes, std::string_view file_name) {
  const std::string file(file_name);
  std::array<int, kNumCols> col;
  col.fill(-1);
  std::vector<FirmLink> links;
  bool header_seen = false;
  auto where = [&](int64_t line, std::string_view field) {
    return file + ":" + std::to_string(line) + ": " + std::string(field) + ": ";
  };
  auto on_row = [&](int64_t line, std::span<const std::string_view> cells) -> Status {
    if (!header_seen) {
      header_seen = true;
      for (size_t i = 0; i < cells.size(); ++i) {
        const std::string name = Lower(cells[i]);
        auto it = std::find(kNames.begin(), kNames.end(), name);
        if (it == kNames.end()) {
          return Status::Invalid(where(line, cells[i]) +
                                 "unknown column (expected supplier,customer,product,value"
                                 "[,lead_days])");
        }
        int c = static_cast<int>(it - kNames.begin());
        if (col[c] >= 0) return Status::Invalid(where(line, cells[i]) + "column given twice");
        col[c] = static_cast<int>(i);
      }
      for (int c = 0; c < kLeadDays; ++c) {
        if (col[c] < 0) {
          return Status::Invalid(where(line, kNames[c]) +
                                 "missing column (the header must name supplier,customer,"
                                 "product,value[,lead_days])");
        }
      }
      return Status::Ok();
    }
    auto cell = [&](int c) -> std::string_view {
      return col[c] >= 0 && static_cast<size_t>(col[c]) < cells.size() ? cells[col[c]]
                                                                       : std::string_view();
    };
    FirmLink link;
    link.line = line;
    for (int c : {kSupplier, kCustomer, kProduct}) {
      if (cell(c).empty()) return Status::Invalid(where(line, kNames[c]) + "empty");
    }
    link.supplier = cell(kSupplier);
    link.customer = cell(kCustomer);
    link.product = cell(kProduct);
    if (link.supplier == link.customer) {
      return Status::Invalid(where(line, "customer") + "'" + link.customer +
                             "' is also the supplier");
    }
    auto value = ParseNonNegative(cell(kValue));
    if (!value) {
      return Status::Invalid(where(line, "value") + "'" + std::string(cell(kValue)) +
                             "' is not a number >= 0 (万元 per year)");
    }
    link.value = *value;
    if (!cell(kLeadDays).empty()) {
      auto lead = ParseNonNegative(cell(kLeadDays));
      if (!lead) {
        return Status::Invalid(where(line, "lead_days") + "'" + std::string(cell(kLeadDays)) +
                               "' is not a number of days >= 0");
      }
      link.lead_days = *lead;
    }
    links.push_back(std::move(link));
    return Status::Ok();
  };
  auto info = ingest::ReadTable(bytes, file_name, on_row);
  if (!info.ok()) {
    const Status& s = info.status();
    // The reader's structural errors do not always name the file.
    if (s.message().rfind(file, 0) == 0) return s;
    return Status::Invalid(file + ": " + s.message());
  }
  if (!header_seen) return Status::Invalid(file + ":1: the file is empty (expected a header row)");
  return links;
}

}  // namespace ballast::chain
