#include "chain/sim/rationing.h"

#include <cmath>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ballast::chain::sim {
namespace {

// proNet's test for "zero" (its epsilon); kept so that the branches fall the same way.
constexpr double kEps = 1e-20;
bool Zero(double x) { return std::abs(x) <= kEps; }
constexpr double kNone = std::numeric_limits<double>::infinity();  // no ratio left

}  // namespace

// Every waiting customer has received the same levels since the start, so their share is one
// running sum `filled`, stored for each of them as a round ends (and for good when it leaves).
// Ratios and orders are finite (link values are positive), so the rounds' updates can be written
// without branches. Level is the lowest non-zero ratio still waiting, or final demand's.
// The customers still waiting are kept packed (ratio, initial order, index) in ascending index,
// so that every sum runs in proNet's order and a round's work is the number still waiting.
double RationByPriorityPacked(double production, double final_demand, const double* orders,
                              const double* initial, size_t m, double* share,
                              RationingScratch& scratch) {
  scratch.ratio.resize(m);
  scratch.initial.resize(m);
  scratch.waiting.resize(m);
  double* ratio = scratch.ratio.data();
  double* init = scratch.initial.data();
  int32_t* waiting = scratch.waiting.data();
  double lowest = kNone;
  for (size_t p = 0; p < m; ++p) {
    const double r = orders[p] / initial[p];
    ratio[p] = r;
    init[p] = initial[p];
    share[p] = 0.0;
    waiting[p] = static_cast<int32_t>(p);
    const double candidate = Zero(r) ? kNone : r;
    lowest = candidate < lowest ? candidate : lowest;
  }
  size_t count = m;
  double ratio_fc = 1.0, share_fc = 0.0, remaining = production, filled = 0.0;
  while (true) {
    double level = lowest;
    if (!Zero(ratio_fc) && ratio_fc > 0.0 && level > ratio_fc) level = ratio_fc;
    if (level == kNone || level < 0.0 || Zero(level)) break;

    double need = 0;
    for (size_t w = 0; w < count; ++w) need += level * init[w];
    need += level * final_demand;

    if (remaining > need) {
      filled += level;
      size_t kept = 0;
      lowest = kNone;
      for (size_t w = 0; w < count; ++w) {
        const double r = ratio[w] - level;
        const int32_t p = waiting[w];
        share[p] = filled;
        const bool keep = !(r <= kEps);
        ratio[kept] = r;
        init[kept] = init[w];
        waiting[kept] = p;
        kept += keep ? 1 : 0;
        const double candidate = keep ? r : kNone;
        lowest = candidate < lowest ? candidate : lowest;
      }
      count = kept;
      if (ratio_fc > 0) {
        ratio_fc -= level;
        share_fc += level;
        if (ratio_fc < 0.0 || Zero(ratio_fc)) ratio_fc = 0.0;
      }
      remaining -= need;
      if (count == 0 && Zero(ratio_fc)) break;
      if (remaining < 0 || Zero(remaining)) break;
    } else {
      double open = 0.0;
      for (size_t w = 0; w < count; ++w) {
        if (ratio[w] > 0.0) open += init[w];
      }
      if (ratio_fc > 0) open += final_demand;
      const double part = open <= 0 ? 0.0 : remaining / open;
      for (size_t w = 0; w < count; ++w) {
        if (ratio[w] > 0.0) share[waiting[w]] = filled + part;
      }
      if (ratio_fc > 0.0) share_fc += part;
      break;
    }
  }
  return share_fc;
}

namespace {

#if defined(__SSE2__)
// The rounds above on exactly M customers held in registers, two to a vector: a customer that has
// left is marked (ratio -inf) instead of removed. Every sum still runs over the waiting customers
// in index order, lane by lane: a customer that has left adds +0.0, which changes no bit of a sum
// that starts at +0.0 and adds non-negative terms. The lowest ratio is a minimum, the same in any
// order. With M fixed the loops unroll and every choice inside a round is a select on a vector
// comparison, so the only branches left are the rounds' (profiled: the packed loops' exits were
// mispredicted). Each lane's product, difference and quotient is the IEEE double operation of the
// scalar code, rounded alike.
template <size_t M>
double RationFixed(double production, double final_demand, const double* orders,
                   const double* initial, double* share) {
  constexpr size_t K = (M + 1) / 2;  // vectors; with M odd, the last one's high lane is padding
  const __m128d none = _mm_set1_pd(kNone), gone = _mm_set1_pd(-kNone), eps = _mm_set1_pd(kEps);
  const __m128d zero = _mm_setzero_pd();
  const __m128d abs_mask = _mm_castsi128_pd(_mm_set1_epi64x(0x7fffffffffffffff));
  auto select = [](__m128d mask, __m128d a, __m128d b) {
    return _mm_or_pd(_mm_and_pd(mask, a), _mm_andnot_pd(mask, b));
  };
  auto lowest_of = [](__m128d v) {
    const double lo = _mm_cvtsd_f64(v), hi = _mm_cvtsd_f64(_mm_unpackhi_pd(v, v));
    return hi < lo ? hi : lo;
  };
  __m128d ratio[K], init[K], got[K];
  __m128d low = none;
  for (size_t k = 0; k < K; ++k) {
    __m128d r;
    if (2 * k + 1 < M) {
      init[k] = _mm_loadu_pd(initial + 2 * k);
      r = _mm_div_pd(_mm_loadu_pd(orders + 2 * k), init[k]);
    } else {  // the padding lane: gone from the start, no order
      init[k] = _mm_set_pd(0.0, initial[2 * k]);
      r = _mm_set_pd(-kNone, orders[2 * k] / initial[2 * k]);
    }
    ratio[k] = r;
    got[k] = zero;
    // candidate: the ratio unless it is "zero" (or the padding's)
    const __m128d real =
        _mm_and_pd(_mm_cmpgt_pd(_mm_and_pd(r, abs_mask), eps), _mm_cmpgt_pd(r, gone));
    low = _mm_min_pd(low, select(real, r, none));
  }
  double lowest = lowest_of(low);
  double ratio_fc = 1.0, share_fc = 0.0, remaining = production, filled = 0.0;
  while (true) {
    // As above, without branches: !Zero(x) && x > 0 is x > kEps; a tie keeps `lowest`, the same
    // double; level < 0 || Zero(level) is level <= kEps.
    const double fc_level = ratio_fc > kEps ? ratio_fc : kNone;
    const double level = fc_level < lowest ? fc_level : lowest;
    if ((level == kNone) | (level <= kEps)) break;

    const __m128d lv = _mm_set1_pd(level);
    double need = 0;
    for (size_t k = 0; k < K; ++k) {
      const __m128d t = _mm_and_pd(_mm_mul_pd(lv, init[k]), _mm_cmpgt_pd(ratio[k], gone));
      need += _mm_cvtsd_f64(t);
      if (2 * k + 1 < M) need += _mm_cvtsd_f64(_mm_unpackhi_pd(t, t));
    }
    need += level * final_demand;

    if (remaining > need) {
      filled += level;
      const __m128d fv = _mm_set1_pd(filled);
      low = none;
      for (size_t k = 0; k < K; ++k) {
        const __m128d waiting = _mm_cmpgt_pd(ratio[k], gone);
        const __m128d r = _mm_sub_pd(ratio[k], lv);
        got[k] = select(waiting, fv, got[k]);
        const __m128d keep = _mm_cmpnle_pd(r, eps);  // !(r <= eps): false for -inf - level
        ratio[k] = select(keep, r, gone);
        low = _mm_min_pd(low, select(keep, r, none));
      }
      lowest = lowest_of(low);
      // ratio_fc < 0 || Zero(ratio_fc) is ratio_fc <= kEps; likewise for remaining.
      const bool fc_waiting = ratio_fc > 0;
      const double fc_next = ratio_fc - level;
      const double fc_filled = share_fc + level;
      ratio_fc = fc_waiting ? (fc_next <= kEps ? 0.0 : fc_next) : ratio_fc;
      share_fc = fc_waiting ? fc_filled : share_fc;
      remaining -= need;
      // Everyone kept has a finite ratio above kEps, so nobody waits when lowest is kNone.
      if (((lowest == kNone) & (ratio_fc <= kEps) & (ratio_fc >= -kEps)) | (remaining <= kEps))
        break;
    } else {
      double open = 0.0;
      for (size_t k = 0; k < K; ++k) {
        const __m128d t = _mm_and_pd(init[k], _mm_cmpgt_pd(ratio[k], zero));
        open += _mm_cvtsd_f64(t);
        if (2 * k + 1 < M) open += _mm_cvtsd_f64(_mm_unpackhi_pd(t, t));
      }
      if (ratio_fc > 0) open += final_demand;
      const double part = open <= 0 ? 0.0 : remaining / open;
      const __m128d topped = _mm_set1_pd(filled + part);
      for (size_t k = 0; k < K; ++k) got[k] = select(_mm_cmpgt_pd(ratio[k], zero), topped, got[k]);
      if (ratio_fc > 0.0) share_fc += part;
      break;
    }
  }
  for (size_t k = 0; k < K; ++k) {
    if (2 * k + 1 < M) {
      _mm_storeu_pd(share + 2 * k, got[k]);
    } else {
      share[2 * k] = _mm_cvtsd_f64(got[k]);
    }
  }
  return share_fc;
}
#endif

}  // namespace

double RationByPriority(double production, double final_demand, const double* orders,
                        const double* initial, size_t m, double* share, RationingScratch& scratch) {
#if defined(__SSE2__)
  static_assert(kRationFixedMax == 8);
  switch (m) {
    case 1:
      return RationFixed<1>(production, final_demand, orders, initial, share);
    case 2:
      return RationFixed<2>(production, final_demand, orders, initial, share);
    case 3:
      return RationFixed<3>(production, final_demand, orders, initial, share);
    case 4:
      return RationFixed<4>(production, final_demand, orders, initial, share);
    case 5:
      return RationFixed<5>(production, final_demand, orders, initial, share);
    case 6:
      return RationFixed<6>(production, final_demand, orders, initial, share);
    case 7:
      return RationFixed<7>(production, final_demand, orders, initial, share);
    case 8:
      return RationFixed<8>(production, final_demand, orders, initial, share);
    default:
      break;
  }
#endif
  return RationByPriorityPacked(production, final_demand, orders, initial, m, share, scratch);
}

}  // namespace ballast::chain::sim
