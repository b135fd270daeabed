#include "ingest/region_series_import.h"

#include <array>
#include <map>
#include <optional>
#include <tuple>

#include "core/hash.h"
#include "core/region_indicators.h"
#include "ingest/fields.h"
#include "ingest/reader/table_reader.h"

namespace ballast::ingest {

namespace {

constexpr std::array<std::string_view, 3> kRequired = {"region", "period", "indicator"};
constexpr std::array<std::string_view, 4> kFigures = {"value", "ytd", "yoy", "ytd_yoy"};

std::string BaseName(std::string_view path) {
  size_t slash = path.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

// One figure: empty = not given. Levels are non-negative; growth lies above -100 % (a level
// cannot fall below zero) and below +10000 %, beyond which it is a typing error.
std::optional<double> Figure(int64_t line, size_t k, std::string_view text, ImportReport* r) {
  double x = 0;
  const std::string column(kFigures[k]);
  switch (ParseNumber(text, &x)) {
    case NumberParse::kEmpty:
      return std::nullopt;
    case NumberParse::kOk:
      break;
    case NumberParse::kInvalid:
      r->Error(line, column, Quote(text) + " is not a number");
      return std::nullopt;
    case NumberParse::kImplausible:
      r->Error(line, column, Quote(text) + " is implausibly large");
      return std::nullopt;
  }
  const bool growth = k >= 2;
  if (!growth && x < 0) {
    r->Error(line, column, Quote(text) + " is negative: a published level is not");
    return std::nullopt;
  }
  if (growth && !(x >= -100 && x <= 10000)) {
    r->Error(line, column, Quote(text) + " is not a growth rate in percent (-100 to 10000)");
    return std::nullopt;
  }
  return x;
}

}  // namespace

std::vector<RegionSeriesRecord> ParseRegionSeries(const Catalog& catalog, std::string_view bytes,
                                                  std::string_view file_name,
                                                  const RegionSeriesOptions& options,
                                                  ImportReport* report) {
  const Period today = options.today == 0 ? CurrentPeriod() : options.today;
  report->file = BaseName(file_name);
  report->kind = "region_series";
  std::vector<RegionSeriesRecord> out;
  std::map<std::tuple<std::string, std::string, Period>, int64_t> first_line;
  ColumnMap cols;
  bool header_seen = false, header_ok = false;
  auto on_row = [&](int64_t line, std::span<const std::string_view> cells) -> Status {
    if (!header_seen) {
      header_seen = true;
      header_ok = cols.Bind(cells, kRequired, kFigures, report);
      if (header_ok) {
        bool any = false;
        for (size_t k = 0; k < kFigures.size(); ++k)
          any = any || cols.Index(kRequired.size() + k) >= 0;
        if (!any) {
          report->Error(1, "", "the header names no figure: give value, ytd, yoy and/or ytd_yoy");
          header_ok = false;
        }
      }
      return header_ok ? Status::Ok() : Status::Invalid("header");
    }
    for (const auto& cell : cells) {
      if (const char* problem = ControlCharacterProblem(cell)) {
        report->Error(line, "", std::string("the cell ") + problem);
        return Status::Ok();
      }
    }
    const int64_t errors = report->error_count;
    RegionSeriesRecord rec;
    const std::string_view region = cols.Cell(cells, 0);
    if (catalog.regions().Find(region) == kNoNode) {
      report->Error(line, "region", "unknown region code " + Quote(region) + " (GB/T 2260)");
    } else if (options.region_allowed && !options.region_allowed(std::string(region))) {
      report->Error(line, "region", "region " + Quote(region) + " lies outside your scope");
    } else {
      rec.region = std::string(region);
    }
    const std::string_view period = cols.Cell(cells, 1);
    auto parsed = ParsePeriod(period);
    if (!parsed.ok()) {
      report->Error(line, "period", "period " + Quote(period) + " is not YYYY-MM");
    } else if (*parsed > today) {
      report->Error(line, "period", "period " + Quote(period) + " is in the future");
    } else {
      rec.period = *parsed;
    }
    const std::string_view indicator = cols.Cell(cells, 2);
    if (FindRegionIndicator(indicator) == nullptr) {
      std::string known;
      for (const auto& r : RegionIndicators()) known += (known.empty() ? "" : ", ") + r.code;
      report->Error(line, "indicator",
                    "unknown region indicator " + Quote(indicator) + " (one of " + known + ")");
    } else {
      rec.indicator = std::string(indicator);
    }
    std::optional<double>* fields[] = {&rec.value, &rec.ytd, &rec.yoy, &rec.ytd_yoy};
    bool any = false;
    for (size_t k = 0; k < kFigures.size(); ++k) {
      *fields[k] = Figure(line, k, cols.Cell(cells, kRequired.size() + k), report);
      any = any || fields[k]->has_value();
    }
    if (report->error_count != errors) return Status::Ok();
    if (!any) {
      report->Error(line, "value",
                    "the row gives no figure (value, ytd, yoy and ytd_yoy are all empty)");
      return Status::Ok();
    }
    auto [it, inserted] =
        first_line.emplace(std::tuple(rec.region, rec.indicator, rec.period), line);
    if (!inserted) {
      report->Error(line, "region",
                    "duplicate row of " + rec.region + " " + rec.indicator + " " +
                        FormatPeriod(rec.period) + " (first on line " + std::to_string(it->second) +
                        ")");
      return Status::Ok();
    }
    out.push_back(std::move(rec));
    return Status::Ok();
  };
  auto read = ReadTable(bytes, file_name, on_row);
  if (!read.ok() && (header_ok || report->ok())) report->Error(0, "", read.status().message());
  if (read.ok()) {
    report->format = SourceFormatName(read->format);
    report->rows = read->rows;
    if (!header_seen) report->Error(0, "", "the file is empty");
  }
  if (!report->ok()) out.clear();
  return out;
}

Result<ImportOutcome> ImportRegionSeries(RegionSeriesStore& store, const Catalog& catalog,
                                         std::string_view bytes, std::string_view file_name,
                                         const RegionSeriesOptions& options) {
  ImportOutcome out;
  auto records = ParseRegionSeries(catalog, bytes, file_name, options, &out.report);
  if (!out.report.ok()) {
    out.status = ImportStatus::kRejected;
    return out;
  }
  RETURN_IF_ERROR(store.Write(records));
  out.status = ImportStatus::kImported;
  out.batch.kind = "region_series";
  out.batch.file_name = out.report.file;
  out.batch.format = out.report.format;
  out.batch.sha256 = Sha256Hex(bytes);
  out.batch.rows = static_cast<int64_t>(records.size());
  return out;
}

}  // namespace ballast::ingest
