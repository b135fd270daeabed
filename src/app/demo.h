// The demo: generates a province (or the country) with the deterministic generator (src/gen/)
// and imports it through the ordinary import path, one batch per file; the warning rules run
// once at the end.
#ifndef BALLAST_APP_DEMO_H_
#define BALLAST_APP_DEMO_H_

#include <cstdint>
#include <string>

#include "app/ballast.h"

namespace ballast::app {

struct DemoOptions {
  int64_t enterprises = 20000;
  int months = 36;
  std::string end;  // YYYY-MM; empty = the month before the current one
  uint64_t seed = 20261122;
  std::string province = "410000";
  std::string csv_dir;  // keep the CSV files here; empty = a temporary folder, removed after
};

struct DemoResult {
  int64_t enterprises = 0, observation_rows = 0, rows = 0;
  size_t files = 0;
  Period first = 0, end = 0;
  std::string collapse_city;
  Period collapse_first = 0;
  std::vector<std::string> stoppages;  // planted: zero output in the last month
  double seconds = 0;
  WarnSummary evaluation;
  int64_t chain_links = 0;  // demo firm links imported for the supply-chain pages
  std::vector<std::string> chain_bottlenecks;
  int64_t projects = 0, stalled_projects = 0, project_reports = 0;  // major projects (issue 15)
  int64_t parks = 0, park_members = 0;  // parks and their 亩均 resources (issue 15 item 2)
  int64_t pool = 0, pooled_entrants = 0, stages = 0;  // cultivation pipelines (issue 15 item 3)
};

Result<DemoResult> GenerateDemo(Ballast& b, const DemoOptions& options);

}  // namespace ballast::app

#endif  // BALLAST_APP_DEMO_H_
