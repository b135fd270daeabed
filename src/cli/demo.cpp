#include "cli/demo.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/workspace.h"
#include "cli/auth_commands.h"
#include "cli/warn_commands.h"
#include "core/file_util.h"
#include "gen/generator.h"

namespace ballast::cli {

Status RunDemo(const std::string& db, const DemoOptions& o, std::ostream& out) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::unique_ptr<app::Workspace> ws;
  std::string admin_password;
  if (fs::exists(db, ec)) {
    ASSIGN_OR_RETURN(ws, app::Workspace::Open(db, AuditKeyPath()));
  } else {
    ASSIGN_OR_RETURN(ws, app::Workspace::Create(db, AuditKeyPath()));
    ASSIGN_OR_RETURN(admin_password, CreateFirstAdmin(*ws));
  }
  gen::Options g;
  g.seed = o.seed;
  g.province = o.province == "all" ? "" : o.province;
  g.enterprises = o.enterprises;
  g.months = o.months;
  if (o.enterprises <= 0 || o.months <= 0 || o.months > 240) {
    return Status::Invalid("--enterprises must be positive and --months 1 to 240");
  }
  Period end = CurrentPeriod() - 1;
  if (!o.end.empty()) {
    ASSIGN_OR_RETURN(end, ParsePeriod(o.end));
  }
  g.first = end - o.months + 1;
  fs::path dir = o.csv_dir.empty() ? fs::temp_directory_path() / ("ballast-demo-" + std::to_string(::getpid()))
                                   : fs::path(o.csv_dir);
  auto t0 = std::chrono::steady_clock::now();
  auto summary = gen::WriteCsv(ws->catalog(), g, dir.string());
  if (!summary.ok()) {
    if (o.csv_dir.empty()) fs::remove_all(dir, ec);
    return summary.status();
  }
  out << "generated " << summary->enterprises << " enterprises, " << summary->observation_rows
      << " observation rows, " << FormatPeriod(g.first) << " to " << FormatPeriod(end);
  if (!summary->collapse_city.empty()) {
    out << " (output collapse in " << summary->collapse_city << " from " << FormatPeriod(summary->collapse_first) << ")";
  }
  out << "\n";
  Status result = Status::Ok();
  int64_t rows = 0;
  for (const auto& path : summary->files) {
    auto bytes = ReadFile(path);
    if (!bytes.ok()) {
      result = bytes.status();
      break;
    }
    auto outcome = ws->Import(*bytes, path, "demo");
    if (!outcome.ok()) {
      result = outcome.status();
      break;
    }
    if (outcome->status == ingest::ImportStatus::kRejected) {
      const auto& e = outcome->report.errors;
      result = Status::Internal("generated file " + path + " was rejected: " +
                                (e.empty() ? std::string("?") : "line " + std::to_string(e[0].line) + ": " + e[0].message));
      break;
    }
    rows += outcome->report.rows;
  }
  if (o.csv_dir.empty()) fs::remove_all(dir, ec);
  RETURN_IF_ERROR(result);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  out << "imported " << summary->files.size() << " files (" << rows << " rows) into " << db << " in " << secs
      << " s\n";
  // The warning rules run once over the whole demo (not after each of its files).
  ASSIGN_OR_RETURN(auto warnings, app::Warnings::Open(*ws, db));
  ASSIGN_OR_RETURN(auto evaluation, warnings->Evaluate());
  PrintWarnSummary(evaluation, out);
  if (!admin_password.empty()) PrintFirstAdmin(admin_password, out);
  return Status::Ok();
}

}  // namespace ballast::cli
