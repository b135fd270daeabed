#include "ingest/table_import.h"

#include <array>
#include <functional>
#include <map>
#include <set>

#include "core/hash.h"
#include "ingest/fields.h"
#include "ingest/reader/table_reader.h"

namespace ballast::ingest {

namespace {

std::string BaseName(std::string_view path) {
  size_t slash = path.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

using TableRowFn = std::function<void(int64_t line, const ColumnMap& cols,
                                      std::span<const std::string_view> cells)>;

// Reads the table, binding the header to `required`; every row goes to `row`.
void ReadRows(std::string_view bytes, std::string_view file_name,
              std::span<const std::string_view> required, ImportReport* report,
              const TableRowFn& row) {
  report->file = BaseName(file_name);
  ColumnMap cols;
  bool header_seen = false, header_ok = false;
  auto on_row = [&](int64_t line, std::span<const std::string_view> cells) -> Status {
    if (!header_seen) {
      header_seen = true;
      header_ok = cols.Bind(cells, required, {}, report);
      return header_ok ? Status::Ok() : Status::Invalid("header");
    }
    for (size_t i = 0; i < cells.size(); ++i) {
      if (const char* problem = ControlCharacterProblem(cells[i])) {
        report->Error(line, "", std::string("the cell ") + problem);
        return Status::Ok();
      }
    }
    row(line, cols, cells);
    return Status::Ok();
  };
  auto read = ReadTable(bytes, file_name, on_row);
  if (!read.ok() && (header_ok || report->ok())) report->Error(0, "", read.status().message());
  if (read.ok()) {
    report->format = SourceFormatName(read->format);
    report->rows = read->rows;
    if (!header_seen) report->Error(0, "", "the file is empty");
  }
}

// An industry code of any GB/T 4754 level, or BCD; empty on error.
std::string Industry(const Catalog& catalog, int64_t line, std::string_view code,
                     ImportReport* report) {
  if (catalog.FindIndustry(code) == kNoNode) {
    report->Error(
        line, "industry",
        "unknown industry code " + Quote(code) + " (GB/T 4754-2017 of any level, or BCD)");
    return "";
  }
  return std::string(code);
}

}  // namespace

Result<ImportOutcome> ImportPrices(Store& store, const Catalog& catalog, std::string_view bytes,
                                   std::string_view file_name, Period today) {
  static constexpr std::array<std::string_view, 3> kColumns = {"industry", "period", "index"};
  if (today == 0) today = CurrentPeriod();
  ImportOutcome out;
  out.report.kind = "prices";
  std::vector<PriceRecord> prices;
  std::map<std::pair<std::string, Period>, int64_t> first_line;
  ReadRows(bytes, file_name, kColumns, &out.report,
           [&](int64_t line, const ColumnMap& cols, std::span<const std::string_view> cells) {
             ImportReport& r = out.report;
             const int64_t errors = r.error_count;
             PriceRecord p;
             p.industry = Industry(catalog, line, cols.Cell(cells, 0), &r);
             std::string_view period = cols.Cell(cells, 1);
             auto parsed = ParsePeriod(period);
             if (!parsed.ok()) {
               r.Error(line, "period", "period " + Quote(period) + " is not YYYY-MM");
             } else if (*parsed > today) {
               r.Error(line, "period", "period " + Quote(period) + " is in the future");
             } else {
               p.period = *parsed;
             }
             std::string_view index = cols.Cell(cells, 2);
             // Same month of the previous year = 100: a price level that fell or rose tenfold
             // in a year is a typing error (a percent change written as 2.1, say).
             if (ParseNumber(index, &p.index) != NumberParse::kOk || !(p.index >= 10) ||
                 !(p.index <= 1000)) {
               r.Error(line, "index",
                       "index " + Quote(index) +
                           " is not a price index between 10 and 1000 (same month of the "
                           "previous year = 100)");
             }
             if (r.error_count != errors) return;
             auto [it, inserted] = first_line.emplace(std::pair(p.industry, p.period), line);
             if (!inserted) {
               r.Error(line, "industry",
                       "duplicate index of " + p.industry + " for " + FormatPeriod(p.period) +
                           " (first on line " + std::to_string(it->second) + ")");
               return;
             }
             prices.push_back(std::move(p));
           });
  if (!out.report.ok()) {
    out.status = ImportStatus::kRejected;
    return out;
  }
  RETURN_IF_ERROR(store.WritePrices(prices));
  out.status = ImportStatus::kImported;
  out.batch.kind = "prices";
  out.batch.file_name = out.report.file;
  out.batch.format = out.report.format;
  out.batch.sha256 = Sha256Hex(bytes);
  out.batch.rows = static_cast<int64_t>(prices.size());
  return out;
}

Result<std::vector<VaRateRecord>> ParseVaRates(const Catalog& catalog, std::string_view bytes,
                                               std::string_view file_name, ImportReport* report) {
  static constexpr std::array<std::string_view, 2> kColumns = {"industry", "rate"};
  report->kind = "va_rates";
  std::vector<VaRateRecord> rates;
  std::map<std::string, int64_t> first_line;
  ReadRows(
      bytes, file_name, kColumns, report,
      [&](int64_t line, const ColumnMap& cols, std::span<const std::string_view> cells) {
        const int64_t errors = report->error_count;
        VaRateRecord v;
        v.industry = Industry(catalog, line, cols.Cell(cells, 0), report);
        std::string_view rate = cols.Cell(cells, 1);
        if (ParseNumber(rate, &v.rate) != NumberParse::kOk || !(v.rate > 0) || !(v.rate <= 100)) {
          report->Error(line, "rate",
                        "rate " + Quote(rate) +
                            " is not a value-added rate in percent of gross output (0 to "
                            "100)");
        }
        if (report->error_count != errors) return;
        auto [it, inserted] = first_line.emplace(v.industry, line);
        if (!inserted) {
          report->Error(line, "industry",
                        "duplicate rate of " + v.industry + " (first on line " +
                            std::to_string(it->second) + ")");
          return;
        }
        rates.push_back(std::move(v));
      });
  return rates;
}

Result<ImportOutcome> ImportVaRates(Store& store, const Catalog& catalog, std::string_view bytes,
                                    std::string_view file_name) {
  ImportOutcome out;
  ASSIGN_OR_RETURN(auto rates, ParseVaRates(catalog, bytes, file_name, &out.report));
  if (!out.report.ok()) {
    out.status = ImportStatus::kRejected;
    return out;
  }
  RETURN_IF_ERROR(store.WriteVaRates(rates));
  out.status = ImportStatus::kImported;
  out.batch.kind = "va_rates";
  out.batch.file_name = out.report.file;
  out.batch.format = out.report.format;
  out.batch.sha256 = Sha256Hex(bytes);
  out.batch.rows = static_cast<int64_t>(rates.size());
  return out;
}

}  // namespace ballast::ingest
