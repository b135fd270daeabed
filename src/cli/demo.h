// `ballast demo`: generates a province (or the country) with the deterministic generator and
// imports it through the ordinary import path, one batch per file.
#ifndef BALLAST_CLI_DEMO_H_
#define BALLAST_CLI_DEMO_H_

#include <cstdint>
#include <ostream>
#include <string>

#include "core/status.h"

namespace ballast::cli {

struct DemoOptions {
  int64_t enterprises = 20000;
  int months = 36;
  std::string end;  // YYYY-MM; empty = the month before the current one
  uint64_t seed = 20261122;
  std::string province = "410000";
  std::string csv_dir;  // keep the CSV files here; empty = a temporary folder, removed after
};

Status RunDemo(const std::string& db, const DemoOptions& options, std::ostream& out);

}  // namespace ballast::cli

#endif  // BALLAST_CLI_DEMO_H_
