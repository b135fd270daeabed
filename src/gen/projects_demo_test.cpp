#include "gen/projects_demo.h"

#include <gtest/gtest.h>

#include "projects/project_import.h"

namespace ballast::gen {
namespace {

TEST(ProjectsDemoTest, DeterministicValidAndWithStalledProjects) {
  auto cat = Catalog::Embedded();
  ASSERT_TRUE(cat.ok());
  const Period end = MakePeriod(2026, 10);
  const ProjectDemo a = GenerateProjects(*cat, "410000", end, 7);
  const ProjectDemo b = GenerateProjects(*cat, "410000", end, 7);
  EXPECT_EQ(a.register_csv, b.register_csv);
  ASSERT_EQ(a.reports.size(), b.reports.size());
  EXPECT_EQ(a.projects, 300);  // every planned signing falls in the 36 months up to `end`
  EXPECT_GT(a.stalled, 15);
  EXPECT_LT(a.stalled, 70);
  // The register passes the import's checks (dates in order, codes known, all in Henan).
  auto parsed = projects::ParseProjects(*cat, a.register_csv, "projects.csv");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(static_cast<int64_t>(parsed->size()), a.projects);
  int started = 0;
  for (const auto& p : *parsed) {
    EXPECT_EQ(p.project.region.substr(0, 2), "41");
    if (!p.project.actual[1].empty()) ++started;
  }
  EXPECT_GT(started, 150);
  for (const auto& r : a.reports) {
    EXPECT_LE(r.month, end);
    EXPECT_GE(r.investment, 0);
  }
  EXPECT_NE(GenerateProjects(*cat, "410000", end, 8).register_csv, a.register_csv);
}

}  // namespace
}  // namespace ballast::gen
