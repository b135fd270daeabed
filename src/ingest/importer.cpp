#include "ingest/importer.h"

#include "core/hash.h"


#include <memory>
#include <optional>

#include "ingest/reader/table_reader.h"
#include "ingest/validators.h"

namespace ballast::ingest {

const char* ImportStatusName(ImportStatus s) {
  switch (s) {
    case ImportStatus::kImported: return "imported";
    case ImportStatus::kUnchanged: return "unchanged";
    case ImportStatus::kRejected: return "rejected";
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
  bool header_ok = false;
  auto on_row = [&](int64_t line, std::span<const std::string_view> cells) -> Status {
    if (line == 1 || kind == Kind::kUnknown) {
      kind = DetectKind(cells);
      if (kind == Kind::kEnterprises) {
        report.kind = "enterprises";
        enterprises.emplace(catalog, &report, options.region_allowed);
        header_ok = enterprises->BindHeader(cells);
      } else if (kind == Kind::kObservations) {
        report.kind = "observations";
        observations.emplace(catalog, options.enterprises ? *options.enterprises : ids, today, &report,
                             options.enterprise_allowed);
        header_ok = observations->BindHeader(cells);
      } else {
        report.Error(line, "", "unrecognised header: expected the columns uscc,name,region,industry,size,tags "
                               "(enterprises) or uscc,period,indicator,value,ytd,prior,prior_ytd (observations)");
      }
      return header_ok ? Status::Ok() : Status::Invalid("header");
    }
    if (enterprises) enterprises->Row(line, cells);
    else observations->Row(line, cells);
    return Status::Ok();
  };
  auto read = ReadTable(bytes, file_name, on_row);
  if (!read.ok() && header_ok) {
    // A structural problem in the file (bad quoting, bad encoding, corrupt XLSX).
    report.Error(0, "", read.status().message());
  } else if (!read.ok() && report.ok()) {
    report.Error(0, "", read.status().message());  // e.g. an empty file
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
  ASSIGN_OR_RETURN(out.batch, store.WriteBatch(info, new_enterprises, chunks));
  out.status = ImportStatus::kImported;
  return out;
}

}  // namespace ballast::ingest
