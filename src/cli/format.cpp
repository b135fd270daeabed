#include "cli/format.h"

#include <charconv>
#include <iomanip>

#include "core/region_indicators.h"

namespace ballast::cli {

std::string FormatNumber(const std::optional<double>& v) {
  if (!v) return {};
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, *v);
  if (ec != std::errc()) return {};
  return std::string(buf, p);
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void PrintCellCsv(const app::CellAnswer& a, std::ostream& out) {
  out << "region,industry,period,indicator,measure,value,n\n";
  out << CsvField(a.region.code) << ',' << CsvField(a.industry.code) << ',' << a.period << ','
      << CsvField(a.indicator) << ',' << a.measures.at(0) << ',' << FormatNumber(a.row.values.at(0)) << ','
      << a.row.n << '\n';
}

void PrintCellTable(const app::CellAnswer& a, const Catalog& catalog, std::ostream& out) {
  int ind = catalog.FindIndicator(a.indicator);
  std::string unit = ind >= 0 ? catalog.indicators()[static_cast<size_t>(ind)].unit : "";
  if (const auto* r = FindRegionIndicator(a.indicator)) unit = r->unit;  // region series
  auto measure = ParseMeasure(a.measures.at(0));
  bool percent = measure.ok() && IsPercentMeasure(*measure);
  auto value = a.row.values.at(0);
  out << std::left << std::setw(10) << "region" << a.region.code << " " << a.region.name << "\n"
      << std::setw(10) << "industry" << a.industry.code << " " << a.industry.name << "\n"
      << std::setw(10) << "period" << a.period << "\n"
      << std::setw(10) << "indicator" << a.indicator << (unit.empty() ? "" : " (" + unit + ")") << "\n"
      << std::setw(10) << "measure" << a.measures[0] << "\n"
      << std::setw(10) << "value" << (value ? FormatNumber(value) + (percent ? " %" : "") : "—") << "\n"
      << std::setw(10) << "n" << a.row.n << "\n";
}

void PrintImportOutcome(const ingest::ImportOutcome& o, std::ostream& out, std::ostream& err) {
  const auto& r = o.report;
  for (const auto& w : r.warnings) {
    err << r.file << ":" << w.line << (w.column.empty() ? "" : ":" + w.column) << ": warning: " << w.message << "\n";
  }
  if (r.unlisted_warnings() > 0) err << r.file << ": … and " << r.unlisted_warnings() << " more warnings\n";
  for (const auto& e : r.errors) {
    err << r.file << ":" << e.line << (e.column.empty() ? "" : ":" + e.column) << ": error: " << e.message << "\n";
  }
  if (static_cast<size_t>(r.error_count) > r.errors.size()) {
    err << r.file << ": … and " << (r.error_count - static_cast<int64_t>(r.errors.size())) << " more errors\n";
  }
  switch (o.status) {
    case ingest::ImportStatus::kImported:
      out << "imported " << r.file << " as batch " << o.batch.id << ": " << o.batch.kind << ", " << o.batch.rows
          << " rows, " << o.batch.format << ", sha256 " << o.batch.sha256.substr(0, 16) << "…"
          << (r.warning_count ? ", " + std::to_string(r.warning_count) + " warning(s)" : "") << "\n";
      break;
    case ingest::ImportStatus::kUnchanged:
      out << "unchanged: " << r.file << " has the same content as batch " << o.batch.id << " (" << o.batch.file_name
          << ")\n";
      break;
    case ingest::ImportStatus::kRejected:
      err << "rejected " << r.file << ": " << r.error_count << " error(s); nothing was imported\n";
      break;
  }
}

void PrintBatches(const std::vector<BatchInfo>& batches, std::ostream& out) {
  out << "id,kind,file_name,rows,format,user,created_at,sha256\n";
  for (const auto& b : batches) {
    out << b.id << ',' << b.kind << ',' << CsvField(b.file_name) << ',' << b.rows << ',' << b.format << ','
        << CsvField(b.user) << ',' << b.created_at << ',' << b.sha256 << '\n';
  }
}

}  // namespace ballast::cli
