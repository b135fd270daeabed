#include "app/demo.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>

#include "core/file_util.h"
#include "app/policy.h"
#include "gen/demo_extras.h"
#include "gen/generator.h"

namespace ballast::app {

Result<DemoResult> GenerateDemo(Ballast& b, const DemoOptions& o) {
  namespace fs = std::filesystem;
  if (o.enterprises <= 0 || o.months <= 0 || o.months > 240) {
    return Status::Invalid("--enterprises must be positive and --months 1 to 240");
  }
  gen::Options g;
  g.seed = o.seed;
  g.province = o.province == "all" ? "" : o.province;
  g.enterprises = o.enterprises;
  g.months = o.months;
  DemoResult r;
  r.end = BeijingPeriod(b.clock().Now()) - 1;
  if (!o.end.empty()) {
    ASSIGN_OR_RETURN(r.end, ParsePeriod(o.end));
  }
  g.first = r.end - o.months + 1;
  r.first = g.first;
  std::error_code ec;
  fs::path dir = o.csv_dir.empty() ? fs::temp_directory_path() / ("ballast-demo-" + std::to_string(::getpid()))
                                   : fs::path(o.csv_dir);
  auto t0 = std::chrono::steady_clock::now();
  auto summary = gen::WriteCsv(b.catalog(), g, dir.string());
  if (!summary.ok()) {
    if (o.csv_dir.empty()) fs::remove_all(dir, ec);
    return summary.status();
  }
  r.enterprises = summary->enterprises;
  r.observation_rows = summary->observation_rows;
  r.collapse_city = summary->collapse_city;
  r.collapse_first = summary->collapse_first;
  r.files = summary->files.size();
  Status result = Status::Ok();
  for (const auto& path : summary->files) {
    auto bytes = ReadFile(path);
    if (!bytes.ok()) {
      result = bytes.status();
      break;
    }
    // The rules run once over the whole demo below, not after each of its files.
    auto outcome = b.workspace().Import(*bytes, path, "demo");
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
    r.rows += outcome->report.rows;
  }
  if (result.ok() && !summary->prices_file.empty()) {
    // The PPI by division, for growth at comparable prices.
    auto bytes = ReadFile(summary->prices_file);
    if (!bytes.ok()) {
      result = bytes.status();
    } else {
      auto outcome =
          b.workspace().ImportPrices(*bytes, summary->prices_file, BeijingPeriod(b.clock().Now()));
      if (!outcome.ok()) {
        result = outcome.status();
      } else if (outcome->status == ingest::ImportStatus::kRejected) {
        const auto& e = outcome->report.errors;
        result = Status::Internal(
            "generated file " + summary->prices_file + " was rejected: " +
            (e.empty() ? std::string("?")
                       : "line " + std::to_string(e[0].line) + ": " + e[0].message));
      }
    }
  }
  if (o.csv_dir.empty()) fs::remove_all(dir, ec);
  RETURN_IF_ERROR(result);
  // Every kind of warning on show: commodity series with a red, a yellow and a blue episode, and
  // progress reports on some targets (gen/demo_extras.h).
  ASSIGN_OR_RETURN(auto commodities,
                   b.warnings().ImportCommodities(gen::CommodityCsv(r.end), "commodities.csv", "demo"));
  if (!commodities.imported) return Status::Internal("the demo's commodity series were rejected");
  for (const auto& p : gen::DemoProgress(r.end)) {
    RETURN_IF_ERROR(AddProgress(b.warnings(), {p.target_id, p.value, p.date, p.note, ""}, "demo").status());
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSIGN_OR_RETURN(r.evaluation, b.warnings().Evaluate());
  return r;
}

}  // namespace ballast::app
