#include "chain/firm_info.h"

#include <charconv>
#include <cmath>
#include <set>

#include "chain/csv_records.h"

namespace ballast::chain {
namespace {

std::optional<double> ParseNumber(std::string_view s) {
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v))
    return std::nullopt;
  return v;
}

}  // namespace

Result<std::vector<FirmInfo>> ReadFirmInfo(std::string_view bytes, std::string_view file_name,
                                           const Catalog& catalog) {
  std::vector<FirmInfo> out;
  std::set<std::string> seen;
  RETURN_IF_ERROR(ReadCsvRecords(
      bytes, file_name, {"firm", "region", "industry"}, {"name", "capacity", "inventory_days"},
      [&](int64_t line, const CellFn& cell) -> Status {
        FirmInfo f{std::string(cell("firm")),
                   std::string(cell("name")),
                   std::string(cell("region")),
                   std::string(cell("industry")),
                   std::nullopt,
                   std::nullopt};
        if (f.id.empty()) return Status::Invalid(Where(file_name, line, "firm") + "empty");
        if (!seen.insert(f.id).second)
          return Status::Invalid(Where(file_name, line, "firm") + "'" + f.id + "' twice");
        if (catalog.regions().Find(f.region) == kNoNode) {
          return Status::Invalid(Where(file_name, line, "region") + "'" + f.region +
                                 "' is not a GB/T 2260 code");
        }
        if (catalog.FindIndustry(f.industry) == kNoNode) {
          return Status::Invalid(Where(file_name, line, "industry") + "'" + f.industry +
                                 "' is not a GB/T 4754-2017 code");
        }
        for (const char* field : {"capacity", "inventory_days"}) {
          std::string_view s = cell(field);
          if (s.empty()) continue;
          auto v = ParseNumber(s);
          const bool capacity = std::string_view(field) == "capacity";
          if (!v || *v < (capacity ? 1.0 : 0.0)) {
            return Status::Invalid(Where(file_name, line, field) + "'" + std::string(s) +
                                   "' is not a number >= " + (capacity ? "1" : "0"));
          }
          (capacity ? f.capacity : f.inventory_days) = *v;
        }
        out.push_back(std::move(f));
        return Status::Ok();
      }));
  return out;
}

}  // namespace ballast::chain
