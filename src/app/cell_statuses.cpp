#include "app/cell_statuses.h"

#include <map>

namespace ballast::app {

CellStatuses::Entry CellStatuses::Find(const Key& key) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = cells_.find(key);
  return it == cells_.end() ? Entry{} : it->second;
}

void CellStatuses::Put(const Key& key, const Entry& found) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = cells_.find(key);
  if (it == cells_.end()) {
    if (cells_.size() >= capacity_) return;
    it = cells_.emplace(key, Entry{}).first;
  }
  Entry& e = it->second;
  if (found.magnitude) e.magnitude = found.magnitude;
  if (found.primary) e.primary = found.primary;
  if (found.status) e.status = found.status;
}

size_t CellStatuses::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return cells_.size();
}

namespace {

// What a cell of a changed column keeps when `moved` says where the moved enterprises are.
CellStatuses::Entry Unmoved(const CellStatuses::Key& key, const CellStatuses::Entry& entry,
                            const Catalog& catalog, const CellStatuses::Moved& moved) {
  auto in = [](const std::vector<char>& flags, NodeId n) {
    return n != kNoNode && static_cast<size_t>(n) < flags.size() && flags[static_cast<size_t>(n)];
  };
  if (key.region < 0 || static_cast<size_t>(key.region) >= catalog.regions().size() ||
      key.industry < 0 || static_cast<size_t>(key.industry) >= catalog.industries().size())
    return {};
  const NodeId region_parent = catalog.regions().node(key.region).parent;
  const NodeId industry_parent = catalog.industries().node(key.industry).parent;
  const bool region = in(moved.regions, key.region);
  const bool industry = in(moved.industries, key.industry);
  if (region && industry) return {};  // a contributor moved
  CellStatuses::Entry kept = entry;
  // A sibling (or the parent) of either table moved: secondary suppression may choose otherwise.
  if ((industry && in(moved.regions, region_parent)) ||
      (region && in(moved.industries, industry_parent)))
    kept.status.reset();
  return kept;
}

}  // namespace

void CellStatuses::CarryFrom(const CellStatuses& previous, const Catalog& catalog,
                             const std::vector<std::pair<std::string, Period>>& changed,
                             const Moved* moved) {
  if (&previous == this || capacity_ == 0) return;
  const auto& indicators = catalog.indicators();
  // The earliest changed month of each (stored indicator, year).
  std::map<std::pair<int, int>, Period> earliest;
  for (const auto& [code, period] : changed) {
    const int ind = catalog.FindIndicator(code);
    if (ind < 0) return;  // a column this catalog does not know: take nothing over
    auto [it, fresh] = earliest.emplace(std::make_pair(ind, PeriodYear(period)), period);
    if (!fresh && period < it->second) it->second = period;
  }
  // The stored indicator whose columns a cell of `ind` reads; -1 when it reads others too.
  auto source = [&](int ind) -> int {
    if (ind < 0 || static_cast<size_t>(ind) >= indicators.size()) return -1;
    const Indicator& i = indicators[static_cast<size_t>(ind)];
    if (i.derived()) return -1;
    return i.scaled() ? catalog.FindIndicator(i.numerator) : ind;
  };
  std::vector<std::pair<Key, Entry>> kept;
  {
    std::lock_guard<std::mutex> lock(previous.mu_);
    kept.reserve(previous.cells_.size());
    for (const auto& [key, entry] : previous.cells_) {
      const int src = source(key.indicator);
      if (src < 0) continue;
      auto it = earliest.find({src, PeriodYear(key.period)});
      if (it == earliest.end() || key.period < it->second) {
        kept.emplace_back(key, entry);
      } else if (moved != nullptr) {
        Entry rest = Unmoved(key, entry, catalog, *moved);
        if (rest.magnitude || rest.primary || rest.status) kept.emplace_back(key, rest);
      }
    }
  }
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& [key, entry] : kept) {
    if (cells_.size() >= capacity_) break;
    cells_.emplace(key, entry);
  }
}

}  // namespace ballast::app
