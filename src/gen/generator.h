// A deterministic synthetic panel of industrial enterprises: a roster (enterprises.csv) and one
// observations file per month, in the CSV formats the importer reads. For development, demos,
// tests and benchmarks; the numbers are invented, with plausible structure (industry mix, size
// skew, Spring Festival seasonality, roster churn, a regional collapse to detect).
#ifndef BALLAST_GEN_GENERATOR_H_
#define BALLAST_GEN_GENERATOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/period.h"
#include "core/status.h"

namespace ballast::gen {

struct Options {
  uint64_t seed = 20261122;
  std::string province = "410000";  // a province code, or "" for the whole country
  int64_t enterprises = 20000;      // active enterprises in the first month (roughly)
  Period first = MakePeriod(2023, 11);
  int months = 36;
  // Base (non-derived) indicator codes; empty = every base indicator of the catalog that the
  // generator models (output_value … employees). Naming one it does not model is an error.
  std::vector<std::string> indicators;
  bool entrant_priors = true;  // entrants report 上年同期 (prior, prior_ytd) in their first year
  // The initial roster reports 上年同期 while the year-ago month lies before the run (its first 12
  // months), as the statistical forms carry it: without it, growth there would rest on the
  // entrants alone.
  bool priors_before_run = true;
  bool financial_from_jan_feb = true;  // revenue/cost/profit/tax: no January row, February ytd only
  // A prefecture whose output collapses for two months: "" = choose one automatically (411500
  // 信阳 when in scope), "-" = none.
  std::string collapse_city = "";
};

struct Summary {
  int64_t enterprises = 0;
  int64_t observation_rows = 0;
  std::vector<std::string> files;  // paths written, enterprises.csv first
  std::string prices_file;         // price indices by division (ballast prices import)
  std::string collapse_city;       // "" when there is no collapse
  Period collapse_first = 0;       // the first of the two collapse months; 0 when none
  // Planted stoppages (with a collapse only): large enterprises of three other prefectures that
  // report zero output in the last month. USCCs, largest first.
  std::vector<std::string> stoppages;
};

// Writes dir/enterprises.csv and one dir/observations_YYYY-MM.csv per month, creating dir if
// needed. The same options give identical bytes. Streams month by month: memory is O(enterprises).
Result<Summary> WriteCsv(const Catalog& catalog, const Options& options, const std::string& dir);

}  // namespace ballast::gen

#endif  // BALLAST_GEN_GENERATOR_H_
