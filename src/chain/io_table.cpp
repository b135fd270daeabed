#include "chain/io_table.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>

#include "core/incbin.h"
#include "ingest/reader/table_reader.h"

BALLAST_INCBIN(ballast_io_2020_42_csv, BALLAST_DATA_DIR "/io/io_2020_42.csv")

namespace ballast::chain {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::optional<double> ParseNumber(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v))
    return std::nullopt;
  return v;
}

struct Row {
  int64_t line;
  std::vector<std::string> cells;
};

}  // namespace

Result<IoTable> ReadIoTable(std::string_view bytes, std::string_view file_name) {
  const std::string file(file_name);
  std::vector<std::string> header;
  std::vector<Row> rows;
  auto info = ingest::ReadTable(bytes, file_name,
                                [&](int64_t line, std::span<const std::string_view> cells) {
                                  std::vector<std::string> v(cells.begin(), cells.end());
                                  if (header.empty()) {
                                    header = std::move(v);
                                  } else {
                                    rows.push_back({line, std::move(v)});
                                  }
                                  return Status::Ok();
                                });
  if (!info.ok()) return Status::Invalid(file + ": " + info.status().message());
  if (header.empty())
    return Status::Invalid(file + ":1: the file is empty (expected a header row)");

  int code_col = -1, origin_col = -1, go_col = -1, zh_col = -1, en_col = -1;
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string h = Lower(header[i]);
    if (h == "code") code_col = static_cast<int>(i);
    if (h == "origin") origin_col = static_cast<int>(i);
    if (h == "go") go_col = static_cast<int>(i);
    if (h == "descriptioninchinese") zh_col = static_cast<int>(i);
    if (h == "description") en_col = static_cast<int>(i);
  }
  if (code_col < 0)
    return Status::Invalid(file + ":1: Code: missing column (the sector code of each row)");
  if (go_col < 0) return Status::Invalid(file + ":1: GO: missing column (gross output)");
  auto cell = [](const Row& r, int c) -> std::string_view {
    return c >= 0 && static_cast<size_t>(c) < r.cells.size() ? std::string_view(r.cells[c])
                                                             : std::string_view();
  };

  // The rows that may be sectors: the domestic ones when the table separates origins.
  std::map<std::string, size_t> row_of;
  for (size_t r = 0; r < rows.size(); ++r) {
    if (origin_col >= 0 && Lower(cell(rows[r], origin_col)) != "domestic") continue;
    const std::string code(cell(rows[r], code_col));
    if (code.empty()) continue;
    if (!row_of.emplace(code, r).second) {
      return Status::Invalid(file + ":" + std::to_string(rows[r].line) + ": Code: '" + code +
                             "' appears twice" +
                             (origin_col >= 0 ? " among the Domestic rows" : ""));
    }
  }
  IoTable t;
  std::vector<int> cols;
  std::vector<size_t> sector_rows;
  for (size_t c = 0; c < header.size(); ++c) {
    const int ci = static_cast<int>(c);
    if (ci == code_col || ci == origin_col || ci == go_col || ci == zh_col || ci == en_col)
      continue;
    auto it = row_of.find(header[c]);
    if (it == row_of.end()) continue;
    if (std::find(t.codes.begin(), t.codes.end(), header[c]) != t.codes.end()) {
      return Status::Invalid(file + ":1: " + header[c] + ": column given twice");
    }
    t.codes.push_back(header[c]);
    cols.push_back(ci);
    sector_rows.push_back(it->second);
  }
  const size_t n = t.codes.size();
  if (n == 0) {
    return Status::Invalid(
        file + ":1: no sector columns: the intermediate columns must be headed by the codes of " +
        (origin_col >= 0 ? std::string("the Domestic rows") : std::string("the rows")));
  }
  t.z.assign(n * n, 0.0);
  t.x.assign(n, 0.0);
  for (size_t i = 0; i < n; ++i) {
    const Row& r = rows[sector_rows[i]];
    const std::string where = file + ":" + std::to_string(r.line) + ": ";
    t.names.emplace_back(!cell(r, zh_col).empty() ? cell(r, zh_col) : cell(r, en_col));
    for (size_t j = 0; j < n; ++j) {
      std::string_view s = cell(r, cols[j]);
      if (s.empty()) continue;
      auto v = ParseNumber(s);
      if (!v)
        return Status::Invalid(where + header[cols[j]] + ": '" + std::string(s) +
                               "' is not a number");
      t.z[i * n + j] = *v;
    }
    auto go = ParseNumber(cell(r, go_col));
    if (!go || *go < 0) {
      return Status::Invalid(where + "GO: '" + std::string(cell(r, go_col)) +
                             "' is not a gross output >= 0");
    }
    t.x[i] = *go;
  }
  return t;
}

Result<IoTable> ShippedIoTable42() {
  return ReadIoTable(BALLAST_INCBIN_VIEW(ballast_io_2020_42_csv), "data/io/io_2020_42.csv");
}

}  // namespace ballast::chain
