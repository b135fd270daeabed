#include "chain/cascade.h"

#include <algorithm>

namespace ballast::chain {

std::vector<bool> Cascade(const FirmNetwork& net, const std::vector<int>& stopped) {
  const int n = net.size();
  std::vector<bool> failed(n, false);
  std::vector<int> queue;
  for (int f : stopped) {
    if (f >= 0 && f < n && !failed[f]) {
      failed[f] = true;
      queue.push_back(f);
    }
  }
  // Each failure can only cause failures among its customers, so re-examine just those.
  while (!queue.empty()) {
    const int f = queue.back();
    queue.pop_back();
    for (int c : net.customers(f)) {
      if (failed[c]) continue;
      for (const auto& input : net.inputs(c)) {
        if (std::all_of(input.suppliers.begin(), input.suppliers.end(),
                        [&](int s) { return failed[s]; })) {
          failed[c] = true;
          queue.push_back(c);
          break;
        }
      }
    }
  }
  return failed;
}

std::vector<int> CascadeVictims(const FirmNetwork& net, int stopped) {
  const auto failed = Cascade(net, {stopped});
  std::vector<int> out;
  for (int f = 0; f < net.size(); ++f) {
    if (failed[f] && f != stopped) out.push_back(f);
  }
  return out;  // firm numbers follow the byte order of ids
}

}  // namespace ballast::chain
