#include "app/cell_rows.h"

#include <algorithm>
#include <cstdint>

#include "app/answer_cache.h"

namespace ballast::app {

bool CellRows::Keeps(const CellRef& cell, const std::vector<Measure>& measures) {
  return cell.filter == nullptr &&
         std::find(measures.begin(), measures.end(), Measure::kMomSa) == measures.end();
}

// The answers' key builder (app/answer_cache.h), of the parts that name a plain cell's row.
std::string CellRows::KeyOf(const CellRef& cell, const std::vector<Measure>& measures,
                            Dimension of) {
  CacheKey key("row");
  key.Add(cell.indicator).Add(cell.period).Add(static_cast<int64_t>(cell.region));
  key.Add(static_cast<int64_t>(cell.industry)).Add(static_cast<int64_t>(of));
  for (Measure m : measures) key.Add(static_cast<int64_t>(m));
  return key.str();
}

std::optional<MeasureRow> CellRows::Find(const CellRef& cell, const std::vector<Measure>& measures,
                                         Dimension of) const {
  if (!Keeps(cell, measures)) return std::nullopt;
  const std::string key = KeyOf(cell, measures, of);
  std::lock_guard<std::mutex> lock(mu_);
  auto it = rows_.find(key);
  if (it == rows_.end()) return std::nullopt;
  return it->second.row;
}

void CellRows::Put(const CellRef& cell, const std::vector<Measure>& measures, Dimension of,
                   const MeasureRow& row) {
  if (!Keeps(cell, measures)) return;
  std::string key = KeyOf(cell, measures, of);
  std::lock_guard<std::mutex> lock(mu_);
  if (rows_.size() >= capacity_) return;
  rows_.try_emplace(std::move(key), Entry{cell.period, row});
}

size_t CellRows::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return rows_.size();
}

void CellRows::CarryFrom(const CellRows& previous,
                         const std::vector<std::pair<std::string, Period>>& changed) {
  if (&previous == this || capacity_ == 0 || changed.empty()) return;
  Period earliest = changed.front().second;
  for (const auto& [code, period] : changed) earliest = std::min(earliest, period);
  std::vector<std::pair<std::string, Entry>> kept;
  {
    std::lock_guard<std::mutex> lock(previous.mu_);
    for (const auto& [key, entry] : previous.rows_) {
      if (entry.period < earliest) kept.emplace_back(key, entry);
    }
  }
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& [key, entry] : kept) {
    if (rows_.size() >= capacity_) break;
    rows_.try_emplace(std::move(key), std::move(entry));
  }
}

}  // namespace ballast::app
