#include "ingest/importer.h"

#include <charconv>
#include <memory>
#include <optional>

#include "core/hash.h"
#include "ingest/fields.h"
#include "ingest/reader/table_reader.h"
#include "ingest/validators.h"

namespace ballast::ingest {

const char* ImportStatusName(ImportStatus s) {
  switch (s) {
    case ImportStatus::kImported:
      return "imported";
    case ImportStatus::kUnchanged:
      return "unchanged";
    case ImportStatus::kRejected:
      return "rejected";
  }
  return "rejected";
}

namespace {

std::string BaseName(std::string_view path) {
  size_t slash = path.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

enum class Kind { kUnknown, kEnterprises, kObservations };

Kind DetectKind(std::span<const std::string_view> header) {
  bool period = false, indicator = false, name = false, region = false;
  for (auto h : header) {
    std::string l = Lower(h);
    period |= l == "period";
    indicator |= l == "indicator";
    name |= l == "name";
    region |= l == "region";
  }
  if (period && indicator) return Kind::kObservations;
  if (name && region) return Kind::kEnterprises;
  return Kind::kUnknown;
}

// The line a reader's error names ("line 12: unterminated quoted field"), or 0 for the file.
int64_t LineOfReaderError(std::string_view message) {
  if (!message.starts_with("line ")) return 0;
  int64_t line = 0;
  const char* begin = message.data() + 5;
  const char* end = message.data() + message.size();
  auto [ptr, ec] = std::from_chars(begin, end, line);
  return ec == std::errc() && ptr < end && *ptr == ':' && line > 0 ? line : 0;
}

std::string ColumnName(const std::vector<std::string>& header, size_t i) {
  return i < header.size() && !header[i].empty() ? header[i] : "column " + std::to_string(i + 1);
}

// Checks every kind of row shares: no cells beyond the header (an unquoted "1,234" would shift
// every later value by one column), no control characters. False when the row is refused.
bool CheckRowText(int64_t line, std::span<const std::string_view> cells,
                  const std::vector<std::string>& header, ImportReport* report) {
  bool ok = true;
  for (size_t i = header.size(); i < cells.size(); ++i) {
    if (cells[i].empty()) continue;  // trailing empty cells (a trailing comma) hold nothing
    report->Error(line, ColumnName(header, i),
                  "the row has more cells than the header's " + std::to_string(header.size()) +
                      " columns (extra cell " + Quote(cells[i]) +
                      "); quote numbers written with a thousands separator, as \"1,234\"");
    ok = false;
    break;
  }
  for (size_t i = 0; i < cells.size(); ++i) {
    if (const char* problem = ControlCharacterProblem(cells[i])) {
      report->Error(line, ColumnName(header, i), std::string("the cell ") + problem);
      ok = false;
    }
  }
  return ok;
}

}  // namespace

Status LoadEnterpriseIndex(Store& store, UsccIndex* ids) {
  ASSIGN_OR_RETURN(auto list, store.EnterpriseIds());
  ids->clear();
  ids->reserve(list.size());
  for (auto& [uscc, id] : list) ids->emplace(std::move(uscc), id);
  return Status::Ok();
}

Result<ImportOutcome> ImportFile(Store& store, const Catalog& catalog, std::string_view bytes,
                                 std::string_view file_name, const ImportOptions& options) {
  ImportOutcome out;
  ImportReport& report = out.report;
  report.file = BaseName(file_name);
  report.kind = "unknown";
  const Period today = options.today != 0 ? options.today : CurrentPeriod();

  Kind kind = Kind::kUnknown;
  std::optional<EnterpriseValidator> enterprises;
  std::optional<ObservationValidator> observations;
  UsccIndex ids;
  if (options.enterprises == nullptr) RETURN_IF_ERROR(LoadEnterpriseIndex(store, &ids));
  const UsccIndex& registered = options.enterprises ? *options.enterprises : ids;
  bool header_seen = false, header_ok = false;
  std::vector<std::string> header;  // column names for the row checks, cut short
  auto on_row = [&](int64_t line, std::span<const std::string_view> cells) -> Status {
    // The first row read is the header, wherever it is: an XLSX may number its rows freely.
    if (!header_seen) {
      header_seen = true;
      kind = DetectKind(cells);
      for (std::string_view c : cells)
        header.emplace_back(c.substr(0, ImportReport::kMaxColumnBytes));
      if (kind == Kind::kEnterprises) {
        report.kind = "enterprises";
        enterprises.emplace(catalog, &report, options.region_allowed, &registered,
                            options.enterprise_allowed);
        header_ok = enterprises->BindHeader(cells);
      } else if (kind == Kind::kObservations) {
        report.kind = "observations";
        observations.emplace(catalog, registered, today, &report, options.enterprise_allowed);
        header_ok = observations->BindHeader(cells);
      } else {
        report.Error(
            line, "",
            "unrecognised header: expected the columns uscc,name,region,industry,size,tags "
            "(enterprises) or uscc,period,indicator,value,ytd,prior,prior_ytd (observations)");
      }
      return header_ok ? Status::Ok() : Status::Invalid("header");
    }
    if (!CheckRowText(line, cells, header, &report)) return Status::Ok();
    if (enterprises)
      enterprises->Row(line, cells);
    else
      observations->Row(line, cells);
    return Status::Ok();
  };
  auto read = ReadTable(bytes, file_name, on_row);
  if (!read.ok() && (header_ok || report.ok())) {
    // A structural problem in the file (bad quoting, bad encoding, corrupt XLSX, an empty file):
    // the readers name the line as "line N: …", which goes into the structured field too.
    report.Error(LineOfReaderError(read.status().message()), "", read.status().message());
  }
  if (read.ok()) {
    report.format = SourceFormatName(read->format);
    report.rows = read->rows;
    if (kind == Kind::kUnknown) report.Error(0, "", "the file is empty");
  }
  std::vector<EnterpriseRecord> new_enterprises;
  std::vector<ObservationChunk> chunks;
  if (report.ok() && enterprises) new_enterprises = enterprises->Take();
  if (observations) chunks = observations->Finish();  // adds cross-row errors
  if (!report.ok()) {
    out.status = ImportStatus::kRejected;
    return out;
  }
  // Same content as an earlier batch: nothing to write. Checked after validation, so that a
  // caller learns of an earlier batch only for rows it may import itself.
  const std::string sha = Sha256Hex(bytes);
  ASSIGN_OR_RETURN(auto existing, store.FindBatchByHash(sha));
  if (existing.has_value()) {
    out.status = ImportStatus::kUnchanged;
    out.batch = *existing;
    return out;
  }
  BatchInfo info;
  info.kind = report.kind;
  info.file_name = report.file;
  info.sha256 = sha;
  info.format = report.format;
  info.user = options.user;
  info.rows = report.rows;
  auto written = store.WriteBatch(info, new_enterprises, chunks);
  if (!written.ok()) {
    // Another import of the same content (a second process) may have committed between the
    // lookup and the write: the batch hash is unique, so that import won and this one is
    // "unchanged".
    ASSIGN_OR_RETURN(auto winner, store.FindBatchByHash(sha));
    if (!winner.has_value()) return written.status();
    out.status = ImportStatus::kUnchanged;
    out.batch = *winner;
    return out;
  }
  out.batch = *std::move(written);
  out.status = ImportStatus::kImported;
  return out;
}

}  // namespace ballast::ingest
