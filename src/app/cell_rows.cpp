#include "app/cell_rows.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace ballast::app {

namespace {

template <typename T>
void Append(std::string* key, T x) {
  char bytes[sizeof x];
  std::memcpy(bytes, &x, sizeof x);
  key->append(bytes, sizeof x);
}

}  // namespace

bool CellRows::Keeps(const CellRef& cell, const std::vector<Measure>& measures) {
  return cell.filter == nullptr &&
         std::find(measures.begin(), measures.end(), Measure::kMomSa) == measures.end();
}

std::string CellRows::KeyOf(const CellRef& cell, const std::vector<Measure>& measures,
                            Dimension of) {
  std::string key;
  key.reserve(24 + measures.size() * sizeof(int32_t));
  Append(&key, static_cast<int32_t>(cell.indicator));
  Append(&key, static_cast<int32_t>(cell.period));
  Append(&key, static_cast<int32_t>(cell.region));
  Append(&key, static_cast<int32_t>(cell.industry));
  Append(&key, static_cast<int32_t>(of));
  for (Measure m : measures) Append(&key, static_cast<int32_t>(m));
  return key;
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
