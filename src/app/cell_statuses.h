// Disclosure control's findings on plain cells (no group, tag or park filter), kept per panel
// snapshot and shared by every answer made on it (app/disclosure.h). A plain cell's magnitude,
// primary reason and status are functions of the snapshot alone, and finding them scans the cell
// and its siblings: two thirds of the time of a series, table or ranking answer. A new snapshot
// made from the previous one by values alone takes over the findings whose columns the batch did
// not touch (CarryFrom), so a revision of one month does not make a year's series scan again.
#ifndef BALLAST_APP_CELL_STATUSES_H_
#define BALLAST_APP_CELL_STATUSES_H_

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/catalog.h"
#include "core/code_tree.h"
#include "core/period.h"
#include "sdc/primary.h"

namespace ballast::app {

class CellStatuses {
 public:
  struct Key {
    int indicator = -1;
    Period period = 0;
    NodeId region = kNoNode;
    NodeId industry = kNoNode;
    bool operator==(const Key&) const = default;
  };
  // What was found so far; each part is filled when first computed.
  struct Entry {
    std::optional<double> magnitude;
    std::optional<sdc::Suppression> primary;
    std::optional<sdc::Suppression> status;
  };

  // At most `capacity` cells; past it, findings are no longer kept (answers still compute them).
  explicit CellStatuses(size_t capacity = 500000) : capacity_(capacity) {}

  Entry Find(const Key& key) const;
  // Adds the parts of `found` that are set to what is kept under `key`.
  void Put(const Key& key, const Entry& found);
  size_t size() const;

  // The regions and the industries holding an enterprise the batch moved, with their ancestors
  // (a flag per node of each tree; MovedNodesOf in app/snapshot_changes.h).
  struct Moved {
    std::vector<char> regions, industries;
  };

  // Takes over `previous`'s findings that the new batch's `changed` columns (indicator code,
  // period) cannot have moved. Only for a snapshot made from the previous one by values alone:
  // the same enterprises, periods, prices and rates. A column of month Q moves its indicator's
  // months Q and later of the same year (a month reported only cumulatively is the difference
  // of two year-to-date figures), and a scaled indicator's (value added) with its numerator's;
  // derived ratios read other indicators and are never taken over.
  // With `moved` (nullptr: unknown), a cell of a changed column still keeps what the enterprises
  // the batch moved cannot reach: its magnitude and primary reason when none of them is in the
  // cell, and its status as well when none is in either table it is a child of (the parent
  // region's children at its industry, the parent industry's at its region).
  void CarryFrom(const CellStatuses& previous, const Catalog& catalog,
                 const std::vector<std::pair<std::string, Period>>& changed,
                 const Moved* moved = nullptr);

 private:
  struct KeyHash {
    size_t operator()(const Key& k) const {
      uint64_t h =
          static_cast<uint64_t>(static_cast<uint32_t>(k.indicator)) * 0x9E3779B97F4A7C15ULL;
      h ^= static_cast<uint64_t>(static_cast<uint32_t>(k.period)) + 0x7F4A7C15ULL + (h << 6) +
           (h >> 2);
      h ^= static_cast<uint64_t>(static_cast<uint32_t>(k.region)) + 0x9E3779B9ULL + (h << 6) +
           (h >> 2);
      h ^= static_cast<uint64_t>(static_cast<uint32_t>(k.industry)) + 0x85EBCA6BULL + (h << 6) +
           (h >> 2);
      return static_cast<size_t>(h);
    }
  };

  const size_t capacity_;
  mutable std::mutex mu_;
  std::unordered_map<Key, Entry, KeyHash> cells_;
};

}  // namespace ballast::app

#endif  // BALLAST_APP_CELL_STATUSES_H_
