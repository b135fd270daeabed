#include "chain/sim/rationing_lanes.h"

#include <array>
#include <limits>
#include <utility>

#include "chain/sim/rationing.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define BALLAST_LANES_AVX512 1
#endif

namespace ballast::chain::sim {
namespace {

constexpr double kEps = 1e-20;                                     // proNet's "zero"
constexpr double kNone = std::numeric_limits<double>::infinity();  // no ratio left
constexpr double kGone = -kNone;  // the ratio of a customer that has left the rounds

// Without AVX-512: each lane through RationByPriority, the same bits by definition.
void OneByOne(size_t m, size_t lanes, const double* production, const double* final_demand,
              const double* orders, const double* initial, double* share, double* share_fc) {
  double o[kLanesMaxCustomers], a[kLanesMaxCustomers], s[kLanesMaxCustomers];
  RationingScratch scratch;
  for (size_t l = 0; l < lanes; ++l) {
    for (size_t p = 0; p < m; ++p) o[p] = orders[p * kLanes + l], a[p] = initial[p * kLanes + l];
    share_fc[l] = RationByPriority(production[l], final_demand[l], o, a, m, s, scratch);
    for (size_t p = 0; p < m; ++p) share[p * kLanes + l] = s[p];
  }
}

#if BALLAST_LANES_AVX512
// The rounds of RationByPriority (rationing.cpp) with every branch on a supplier's data turned
// into a mask per lane. A customer that has left is marked (ratio -inf), not removed: the sums over
// waiting customers still run in index order and add +0.0 for it, which changes no bit of a sum
// that starts at +0.0 and adds non-negative terms; the lowest ratio is a minimum, the same in any
// order (vminpd(a, b) is a < b ? a : b, the scalar code's choice; its masked form with every lane
// set avoids GCC 12's false warning on the unmasked one). A lane whose supplier is done
// (no level left, everyone filled, or the last level shared out) keeps its state; the call ends
// when every lane is done. The share-out of the last level, which ends a supplier, is done once
// after the loop for the lanes that ended with it. The scalar tests are rewritten without changing
// their value on non-NaN doubles: !Zero(x) && x > 0 is x > kEps; x < 0 || Zero(x) is x <= kEps.
// Comparisons are the ordered ones of C++ (_OQ); !(r <= eps) is its unordered negation (_UQ).
template <size_t M>
__attribute__((target("avx512f"))) void Lanes(size_t lanes, const double* production,
                                              const double* final_demand, const double* orders,
                                              const double* initial, double* share,
                                              double* share_fc_out) {
  const __m512d zero = _mm512_setzero_pd(), none = _mm512_set1_pd(kNone);
  const __m512d gone = _mm512_set1_pd(kGone), eps = _mm512_set1_pd(kEps);
  __m512d init[M], ratio[M], got[M];
  __m512d lowest = none;
  for (size_t p = 0; p < M; ++p) {
    init[p] = _mm512_loadu_pd(initial + p * kLanes);
    const __m512d r = _mm512_div_pd(_mm512_loadu_pd(orders + p * kLanes), init[p]);
    ratio[p] = r;
    got[p] = zero;
    const __mmask8 is_zero = _mm512_cmp_pd_mask(_mm512_abs_pd(r), eps, _CMP_LE_OQ);
    lowest = _mm512_mask_min_pd(zero, 0xff, _mm512_mask_blend_pd(is_zero, r, none), lowest);
  }
  const __m512d fd = _mm512_loadu_pd(final_demand);
  __m512d remaining = _mm512_loadu_pd(production);
  __m512d ratio_fc = _mm512_set1_pd(1.0), share_fc = zero, filled = zero;
  __mmask8 active = static_cast<__mmask8>((1u << lanes) - 1), shared_out = 0;
  while (true) {
    const __mmask8 fc_open = _mm512_cmp_pd_mask(ratio_fc, eps, _CMP_GT_OQ);
    const __m512d level =
        _mm512_mask_min_pd(zero, 0xff, _mm512_mask_blend_pd(fc_open, none, ratio_fc), lowest);
    active &= static_cast<__mmask8>(~(_mm512_cmp_pd_mask(level, none, _CMP_EQ_OQ) |
                                      _mm512_cmp_pd_mask(level, eps, _CMP_LE_OQ)));
    if (active == 0) break;

    __m512d need = zero;
    for (size_t p = 0; p < M; ++p) {
      const __mmask8 waiting = _mm512_cmp_pd_mask(ratio[p], gone, _CMP_GT_OQ);
      need = _mm512_add_pd(need, _mm512_maskz_mov_pd(waiting, _mm512_mul_pd(level, init[p])));
    }
    need = _mm512_add_pd(need, _mm512_mul_pd(level, fd));

    const __mmask8 enough = _mm512_cmp_pd_mask(remaining, need, _CMP_GT_OQ);
    const __mmask8 fill = active & enough;
    shared_out |= active & static_cast<__mmask8>(~enough);
    const __m512d next_filled = _mm512_add_pd(filled, level);
    __m512d next_lowest = none;
    for (size_t p = 0; p < M; ++p) {
      const __mmask8 waiting = _mm512_cmp_pd_mask(ratio[p], gone, _CMP_GT_OQ);
      const __m512d r = _mm512_sub_pd(ratio[p], level);
      got[p] = _mm512_mask_mov_pd(got[p], fill & waiting, next_filled);
      const __mmask8 keep = _mm512_cmp_pd_mask(r, eps, _CMP_NLE_UQ);  // false for -inf - level
      ratio[p] = _mm512_mask_mov_pd(ratio[p], fill, _mm512_mask_blend_pd(keep, gone, r));
      next_lowest =
          _mm512_mask_min_pd(zero, 0xff, _mm512_mask_blend_pd(keep, none, r), next_lowest);
    }
    lowest = _mm512_mask_mov_pd(lowest, fill, next_lowest);
    const __mmask8 fc_waiting = fill & _mm512_cmp_pd_mask(ratio_fc, zero, _CMP_GT_OQ);
    __m512d fc_next = _mm512_sub_pd(ratio_fc, level);
    fc_next = _mm512_mask_mov_pd(fc_next, _mm512_cmp_pd_mask(fc_next, eps, _CMP_LE_OQ), zero);
    ratio_fc = _mm512_mask_mov_pd(ratio_fc, fc_waiting, fc_next);
    share_fc = _mm512_mask_mov_pd(share_fc, fc_waiting, _mm512_add_pd(share_fc, level));
    remaining = _mm512_mask_mov_pd(remaining, fill, _mm512_sub_pd(remaining, need));
    filled = _mm512_mask_mov_pd(filled, fill, next_filled);
    // Everyone kept has a finite ratio above kEps, so nobody waits when lowest is kNone.
    const __mmask8 done = _mm512_cmp_pd_mask(lowest, none, _CMP_EQ_OQ) &
                          _mm512_cmp_pd_mask(ratio_fc, eps, _CMP_LE_OQ) &
                          _mm512_cmp_pd_mask(ratio_fc, _mm512_set1_pd(-kEps), _CMP_GE_OQ);
    active = fill & static_cast<__mmask8>(~(done | _mm512_cmp_pd_mask(remaining, eps, _CMP_LE_OQ)));
  }
  // The last level shared out in proportion to the initial orders still open.
  __m512d open = zero;
  for (size_t p = 0; p < M; ++p) {
    const __mmask8 positive = _mm512_cmp_pd_mask(ratio[p], zero, _CMP_GT_OQ);
    open = _mm512_add_pd(open, _mm512_maskz_mov_pd(positive, init[p]));
  }
  const __mmask8 fc_positive = _mm512_cmp_pd_mask(ratio_fc, zero, _CMP_GT_OQ);
  open = _mm512_mask_mov_pd(open, fc_positive, _mm512_add_pd(open, fd));
  const __mmask8 open_positive = _mm512_cmp_pd_mask(open, zero, _CMP_NLE_UQ);  // !(open <= 0)
  const __m512d part = _mm512_maskz_div_pd(open_positive, remaining, open);
  const __m512d topped = _mm512_add_pd(filled, part);
  for (size_t p = 0; p < M; ++p) {
    const __mmask8 positive = _mm512_cmp_pd_mask(ratio[p], zero, _CMP_GT_OQ);
    got[p] = _mm512_mask_mov_pd(got[p], shared_out & positive, topped);
    _mm512_storeu_pd(share + p * kLanes, got[p]);
  }
  share_fc = _mm512_mask_mov_pd(share_fc, shared_out & fc_positive, _mm512_add_pd(share_fc, part));
  _mm512_storeu_pd(share_fc_out, share_fc);
}

using Fn = void (*)(size_t, const double*, const double*, const double*, const double*, double*,
                    double*);
template <size_t... Ms>
constexpr auto Table(std::index_sequence<Ms...>) {
  return std::array<Fn, sizeof...(Ms)>{&Lanes<Ms + 1>...};
}
constexpr auto kTable = Table(std::make_index_sequence<kLanesMaxCustomers>());

bool HasAvx512() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f");
}
#endif

}  // namespace

bool RationLanesVectorized() {
#if BALLAST_LANES_AVX512
  static const bool yes = HasAvx512();
  return yes;
#else
  return false;
#endif
}

void RationByPriorityLanes(size_t m, size_t lanes, const double* production,
                           const double* final_demand, const double* orders, const double* initial,
                           double* share, double* share_fc) {
#if BALLAST_LANES_AVX512
  if (RationLanesVectorized()) {
    kTable[m - 1](lanes, production, final_demand, orders, initial, share, share_fc);
    return;
  }
#endif
  OneByOne(m, lanes, production, final_demand, orders, initial, share, share_fc);
}

}  // namespace ballast::chain::sim
