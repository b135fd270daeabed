// The firm network built from firm links: firms numbered in byte order of their ids, the simple
// directed graph supplier -> customer (parallel links for several products are one edge), and
// for each customer its inputs grouped by product (the suppliers of one product are alternatives).
#ifndef BALLAST_CHAIN_FIRM_NETWORK_H_
#define BALLAST_CHAIN_FIRM_NETWORK_H_

#include <optional>
#include <string>
#include <vector>

#include "chain/firm_links.h"

namespace ballast::chain {

class FirmNetwork {
 public:
  struct Input {
    std::string product;
    std::vector<int> suppliers;  // sorted, distinct
  };

  explicit FirmNetwork(const std::vector<FirmLink>& links);

  int size() const { return static_cast<int>(ids_.size()); }
  const std::vector<std::string>& ids() const { return ids_; }
  const std::string& id(int firm) const { return ids_[firm]; }
  // The firm's number, or nullopt when the id is not in the links.
  std::optional<int> Find(const std::string& id) const;
  // Distinct customers / suppliers of a firm, sorted.
  const std::vector<int>& customers(int firm) const { return customers_[firm]; }
  const std::vector<int>& suppliers(int firm) const { return suppliers_[firm]; }
  // What the firm buys, one entry per product (sorted by product).
  const std::vector<Input>& inputs(int firm) const { return inputs_[firm]; }

 private:
  std::vector<std::string> ids_;
  std::vector<std::vector<int>> customers_, suppliers_;
  std::vector<std::vector<Input>> inputs_;
};

}  // namespace ballast::chain

#endif  // BALLAST_CHAIN_FIRM_NETWORK_H_
