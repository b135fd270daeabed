#include "ts/partial_sort.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace ballast::ts {
namespace {

TEST(PartialSortTest, IncreasingTargetsHoldTheirOrderStatistics) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> u(0.0, 100.0);
  for (int n : {2, 3, 5, 11, 12, 13, 40, 97, 240, 1001}) {
    for (int rep = 0; rep < 20; ++rep) {
      std::vector<double> a(n + 1);
      for (int i = 1; i <= n; ++i) a[i] = rep % 3 == 0 ? std::floor(u(rng) / 10) : u(rng);
      std::vector<double> sorted(a.begin() + 1, a.end());
      std::sort(sorted.begin(), sorted.end());
      const int ind[3] = {0, (n + 1) / 2, n / 2 + 1};
      PartialSort(a.data(), n, ind, ind[1] == ind[2] ? 1 : 2);
      EXPECT_EQ(a[ind[1]], sorted[ind[1] - 1]) << "n " << n;
      EXPECT_EQ(a[ind[2]], sorted[ind[2] - 1]) << "n " << n;
      std::vector<double> after(a.begin() + 1, a.end());
      std::sort(after.begin(), after.end());
      EXPECT_EQ(after, sorted);  // a permutation
    }
  }
}

}  // namespace
}  // namespace ballast::ts
