// Demo cultivation pipelines (issue 15 item 3): a pool of ~2,000 below-scale firms in a province's
// counties with two years of monthly (some yearly) revenue growing towards the threshold; part of
// the roster's entrants held in the pool before they entered, their revenue reaching the
// threshold in the month they did; ~300 专精特新 recognitions over the roster and the pool.
// Deterministic by seed; core only: enterprises in, CSV text (the formats of docs/cultivation.md)
// out.
#ifndef BALLAST_GEN_CULTIVATION_DEMO_H_
#define BALLAST_GEN_CULTIVATION_DEMO_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/period.h"

namespace ballast::gen {

struct CultivationDemoEnterprise {
  std::string uscc, name;
  std::string region, industry;   // codes
  std::optional<Period> entered;  // on the roster from this month (none = since ever)
};

struct CultivationDemo {
  std::string pool_csv, revenue_csv, stages_csv;
  int64_t pool = 0, pooled_entrants = 0, revenue_rows = 0, stages = 0;
};

// `last`: the last month of data (revenue is reported up to it).
CultivationDemo GenerateCultivation(const Catalog& catalog, const std::string& province,
                                    const std::vector<CultivationDemoEnterprise>& roster,
                                    Period last, uint64_t seed, int pool_size = 2000,
                                    int stage_count = 300);

}  // namespace ballast::gen

#endif  // BALLAST_GEN_CULTIVATION_DEMO_H_
