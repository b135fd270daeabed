#include "chain/firm_network.h"

#include <algorithm>
#include <map>
#include <set>

namespace ballast::chain {
namespace {

void SortUnique(std::vector<int>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

FirmNetwork::FirmNetwork(const std::vector<FirmLink>& links) {
  for (const auto& l : links) {
    ids_.push_back(l.supplier);
    ids_.push_back(l.customer);
  }
  std::sort(ids_.begin(), ids_.end());
  ids_.erase(std::unique(ids_.begin(), ids_.end()), ids_.end());
  customers_.resize(ids_.size());
  suppliers_.resize(ids_.size());
  std::vector<std::map<std::string, std::vector<int>>> by_product(ids_.size());
  for (const auto& l : links) {
    const int s = *Find(l.supplier), c = *Find(l.customer);
    customers_[s].push_back(c);
    suppliers_[c].push_back(s);
    by_product[c][l.product].push_back(s);
  }
  inputs_.resize(ids_.size());
  for (size_t f = 0; f < ids_.size(); ++f) {
    SortUnique(customers_[f]);
    SortUnique(suppliers_[f]);
    for (auto& [product, sup] : by_product[f]) {
      SortUnique(sup);
      inputs_[f].push_back({product, std::move(sup)});
    }
  }
}

std::optional<int> FirmNetwork::Find(const std::string& id) const {
  auto it = std::lower_bound(ids_.begin(), ids_.end(), id);
  if (it == ids_.end() || *it != id) return std::nullopt;
  return static_cast<int>(it - ids_.begin());
}

}  // namespace ballast::chain
