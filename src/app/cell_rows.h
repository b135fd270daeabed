// The measure rows of the plain cells a series answer reads (Query::Cell), kept per panel
// snapshot. A series of a year is twelve cell passes, and a revision of its newest month leaves
// the eleven before it as they were: a new snapshot made from the previous one by values alone
// takes over the rows of the months before the earliest month a batch wrote (CarryFrom), so the
// series is made again from one new pass instead of twelve.
#ifndef BALLAST_APP_CELL_ROWS_H_
#define BALLAST_APP_CELL_ROWS_H_

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/period.h"
#include "engine/measures.h"
#include "engine/query.h"

namespace ballast::app {

class CellRows {
 public:
  // At most `capacity` rows; past it, rows are no longer kept (answers still compute them).
  explicit CellRows(size_t capacity = 200000) : capacity_(capacity) {}

  // Whether a row of `cell` with `measures` may be kept: a plain cell (no group, tag or park
  // filter), and no measure that reads past its own month (seasonal adjustment runs over the
  // whole series).
  static bool Keeps(const CellRef& cell, const std::vector<Measure>& measures);

  std::optional<MeasureRow> Find(const CellRef& cell, const std::vector<Measure>& measures,
                                 Dimension of) const;
  void Put(const CellRef& cell, const std::vector<Measure>& measures, Dimension of,
           const MeasureRow& row);
  size_t size() const;

  // Takes over `previous`'s rows of months before the earliest of the `changed` columns
  // (indicator code, month), whatever their indicator. Only for a snapshot made from the
  // previous one by values alone (the same enterprises, months, prices and rates): a kept row at
  // month t reads months up to t alone (its year to t and the same months a year earlier, the
  // parent's alike), and a column of month Q moves months Q and later only.
  void CarryFrom(const CellRows& previous,
                 const std::vector<std::pair<std::string, Period>>& changed);

 private:
  struct Entry {
    Period period = 0;
    MeasureRow row;
  };
  static std::string KeyOf(const CellRef& cell, const std::vector<Measure>& measures, Dimension of);

  const size_t capacity_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> rows_;
};

}  // namespace ballast::app

#endif  // BALLAST_APP_CELL_ROWS_H_
