// Demo parks (issue 15 item 2): ~40 development zones in a province's cities (国家级 and 省级), a
// share of each city's enterprises as members (some joining late or leaving), and every member's
// land, energy, tax and R&D per year, sized from its revenue so that output per 亩 lands around
// 50–500 万元. Deterministic by seed; core only: enterprises in, CSV text (the import formats of
// docs/parks.md) out.
#ifndef BALLAST_GEN_PARKS_DEMO_H_
#define BALLAST_GEN_PARKS_DEMO_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/catalog.h"

namespace ballast::gen {

struct ParkDemoEnterprise {
  std::string uscc;
  NodeId region = kNoNode;        // where it is registered
  std::string division;           // GB/T 4754 division (2 digits)
  std::map<int, double> revenue;  // year → revenue of the year (万元)
};

struct ParkDemo {
  std::string parks_csv, members_csv, resources_csv;
  int64_t parks = 0, members = 0, resource_rows = 0;
};

ParkDemo GenerateParks(const Catalog& catalog, const std::string& province,
                       const std::vector<ParkDemoEnterprise>& enterprises, uint64_t seed,
                       int count = 40, double member_share = 0.35);

}  // namespace ballast::gen

#endif  // BALLAST_GEN_PARKS_DEMO_H_
