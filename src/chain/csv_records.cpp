#include "chain/csv_records.h"

#include <algorithm>
#include <map>

#include "ingest/reader/table_reader.h"

namespace ballast::chain {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

std::string Where(std::string_view file, int64_t line, std::string_view field) {
  return std::string(file) + ":" + std::to_string(line) + ": " + std::string(field) + ": ";
}

std::vector<std::string> SplitList(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    size_t p = s.find(';');
    std::string_view item = s.substr(0, p);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    if (p == std::string_view::npos) break;
    s.remove_prefix(p + 1);
  }
  return out;
}

Status ReadCsvRecords(std::string_view bytes, std::string_view file_name,
                      const std::vector<std::string>& required,
                      const std::vector<std::string>& optional, const RecordFn& on_record) {
  const std::string file(file_name);
  std::map<std::string, size_t, std::less<>> col;
  bool header_seen = false;
  std::span<const std::string_view> row;
  const CellFn cell = [&](std::string_view column) -> std::string_view {
    auto it = col.find(column);
    return it != col.end() && it->second < row.size() ? row[it->second] : std::string_view();
  };
  auto info = ingest::ReadTable(
      bytes, file_name, [&](int64_t line, std::span<const std::string_view> cells) {
        if (!header_seen) {
          header_seen = true;
          for (size_t i = 0; i < cells.size(); ++i) {
            const std::string name = Lower(cells[i]);
            const bool known =
                std::find(required.begin(), required.end(), name) != required.end() ||
                std::find(optional.begin(), optional.end(), name) != optional.end();
            if (!known) return Status::Invalid(Where(file, line, cells[i]) + "unknown column");
            if (!col.emplace(name, i).second)
              return Status::Invalid(Where(file, line, cells[i]) + "column given twice");
          }
          for (const auto& r : required) {
            if (!col.count(r)) return Status::Invalid(Where(file, line, r) + "missing column");
          }
          return Status::Ok();
        }
        row = cells;
        return on_record(line, cell);
      });
  if (!info.ok()) {
    if (info.status().message().rfind(file, 0) == 0) return info.status();
    return Status::Invalid(file + ": " + info.status().message());
  }
  if (!header_seen) return Status::Invalid(file + ":1: the file is empty (expected a header row)");
  return Status::Ok();
}

}  // namespace ballast::chain
