// Demo major projects (issue 15): ~300 projects in a province's counties over three years, with
// realistic stage timing (signing → start 1–6 months, start → production 10–24, production →
// design capacity 6–12, each a little late or early against plan), some stalled ones (no start, or
// investment stopping), and their monthly reports. Deterministic by seed; core only, so the
// register comes as CSV text and the reports as plain records.
#ifndef BALLAST_GEN_PROJECTS_DEMO_H_
#define BALLAST_GEN_PROJECTS_DEMO_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/period.h"

namespace ballast::gen {

struct DemoProjectReport {
  std::string code;
  Period month = 0;
  double investment = 0;  // 万元
  int stage = -1;         // a stage reached in the month (0..3), -1 none
  std::string stage_date;
  std::string blocker_factor, blocker_unit, blocker_deadline;  // "" = none
};

struct ProjectDemo {
  std::string register_csv;  // English headers (docs/projects.md)
  std::vector<DemoProjectReport> reports;
  int64_t projects = 0, stalled = 0;
};

// Projects signed in the 36 months up to `end`; reports up to `end`.
ProjectDemo GenerateProjects(const Catalog& catalog, const std::string& province, Period end,
                             uint64_t seed, int count = 300);

}  // namespace ballast::gen

#endif  // BALLAST_GEN_PROJECTS_DEMO_H_
