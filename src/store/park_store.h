// Storage of parks (开发区/园区, issue 15 item 2): the parks, the enterprises' memberships and the
// yearly resources of the 亩均 evaluation. Every write is one transaction (a failure writes
// nothing). The tables come from migration 015.
#ifndef BALLAST_STORE_PARK_STORE_H_
#define BALLAST_STORE_PARK_STORE_H_

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "parks/park.h"

namespace ballast {

class ParkStore {
 public:
  virtual ~ParkStore() = default;
  // Every park, by code.
  virtual Result<std::vector<parks::Park>> ListParks() = 0;
  // Inserts the parks or replaces those whose code exists.
  virtual Status SaveParks(const std::vector<parks::Park>& ps) = 0;
  // Every membership, by park, uscc and start.
  virtual Result<std::vector<parks::Membership>> ListMemberships() = 0;
  // Replaces every membership of the parks named in `ms` by `ms` (a file lists a park's
  // enterprises in full). Each park must exist (else NotFound, nothing written).
  virtual Status ReplaceMemberships(const std::vector<parks::Membership>& ms) = 0;
  // The resources of one year (year 0 = every year), by uscc and year.
  virtual Result<std::vector<parks::Resource>> ListResources(int year) = 0;
  // Inserts the rows or replaces those whose (uscc, year) exists.
  virtual Status SaveResources(const std::vector<parks::Resource>& rs) = 0;
};

Result<std::unique_ptr<ParkStore>> OpenSqliteParkStore(const std::string& path);

}  // namespace ballast

#endif  // BALLAST_STORE_PARK_STORE_H_
