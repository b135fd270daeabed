// An allocator for the model's big per-link arrays: blocks of 2 MiB or more are aligned to 2 MiB
// and marked for transparent huge pages (madvise), so that the passes' random reads across 40 MB
// arrays do not pay a page walk each (profiled: most of a pass's time was spent waiting on them).
// Small blocks and systems without madvise get the ordinary allocator.
#ifndef BALLAST_CHAIN_SIM_HUGE_PAGES_H_
#define BALLAST_CHAIN_SIM_HUGE_PAGES_H_

#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace ballast::chain::sim {

template <typename T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr size_t kHuge = size_t{2} << 20;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: rebinding

  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kHuge) return std::allocator<T>().allocate(n);
    const size_t rounded = (bytes + kHuge - 1) / kHuge * kHuge;
    void* p = std::aligned_alloc(kHuge, rounded);
    if (p == nullptr) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (std::getenv("BALLAST_NO_THP") == nullptr)
      madvise(p, rounded, MADV_HUGEPAGE);  // advice only: a refusal changes nothing but speed
#endif
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t n) {
    if (n * sizeof(T) < kHuge) {
      std::allocator<T>().deallocate(p, n);
    } else {
      std::free(p);
    }
  }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }
};

template <typename T>
using HugeVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace ballast::chain::sim

#endif  // BALLAST_CHAIN_SIM_HUGE_PAGES_H_
