// Vectors for the model's big per-link and per-firm arrays. resize() leaves the new elements
// default-initialised (for doubles and integers: unwritten) instead of zeroing them, because the
// set-up writes every element anyway, and the first write to fresh memory is what costs (the
// kernel clears each page as it is first touched: measured at 30-45 % of the set-up's CPU time
// when the arrays were also zeroed and backed by transparent huge pages, which are not used).
// assign(n, value) still writes value.
#ifndef BALLAST_CHAIN_SIM_BIG_VECTOR_H_
#define BALLAST_CHAIN_SIM_BIG_VECTOR_H_

#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace ballast::chain::sim {

template <typename T>
struct DefaultInitAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = DefaultInitAllocator<U>;
  };
  DefaultInitAllocator() = default;
  template <typename U>
  DefaultInitAllocator(const DefaultInitAllocator<U>&) {}  // NOLINT: rebinding

  template <typename U>
  void construct(U* p) {
    ::new (static_cast<void*>(p)) U;  // default-initialised: no zeroing
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

template <typename T>
using BigVector = std::vector<T, DefaultInitAllocator<T>>;

}  // namespace ballast::chain::sim

#endif  // BALLAST_CHAIN_SIM_BIG_VECTOR_H_
