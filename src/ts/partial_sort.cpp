#include "ts/partial_sort.h"

namespace ballast::ts {

void PartialSort(double* a, int n, const int* ind, int ni) {
  if (n < 2 || ni <= 0) return;
  // Segments still to process: [il, iu] with the targets indl..indu of ind[] inside. The larger
  // part is pushed, so the depth stays below log2(n).
  constexpr int kDepth = 64;
  int il[kDepth], iu[kDepth], indl[kDepth], indu[kDepth];
  int jl = 1, ju = ni;
  indl[1] = 1;
  indu[1] = ni;
  int i = 1, j = n, m = 1;
  enum class Step { kTop, kPop, kLoop, kSplit };
  Step step = Step::kTop;
  while (true) {
    switch (step) {
      case Step::kTop:
        step = i < j ? Step::kSplit : Step::kPop;
        break;
      case Step::kPop:
        if (--m == 0) return;
        i = il[m];
        j = iu[m];
        jl = indl[m];
        ju = indu[m];
        step = jl <= ju ? Step::kLoop : Step::kPop;
        break;
      case Step::kLoop:
        if (j - i > 10) {
          step = Step::kSplit;
        } else if (i == 1) {
          step = Step::kTop;  // no sentinel below the first segment: split it again
        } else {
          // Straight insertion over a short segment; a[i - 1] bounds it from below.
          for (int s = i; s < j; ++s) {
            const double t = a[s + 1];
            if (a[s] > t) {
              int k = s;
              do {
                a[k + 1] = a[k];
                --k;
              } while (!(t >= a[k]));
              a[k + 1] = t;
            }
          }
          step = Step::kPop;
        }
        break;
      case Step::kSplit: {
        // Median of three at i, middle, j, then partition around it.
        int k = i;
        const int ij = (i + j) / 2;
        double t = a[ij];
        if (a[i] > t) {
          a[ij] = a[i];
          a[i] = t;
          t = a[ij];
        }
        int l = j;
        if (a[j] < t) {
          a[ij] = a[j];
          a[j] = t;
          t = a[ij];
          if (a[i] > t) {
            a[ij] = a[i];
            a[i] = t;
            t = a[ij];
          }
        }
        while (true) {
          --l;
          if (a[l] <= t) {
            const double tt = a[l];
            do {
              ++k;
            } while (!(a[k] >= t));
            if (k > l) break;
            a[l] = a[k];
            a[k] = tt;
          }
        }
        indl[m] = jl;
        indu[m] = ju;
        const int p = m++;
        if (l - i <= j - k) {
          il[p] = k;
          iu[p] = j;
          j = l;
          while (jl <= ju && ind[ju] > j) --ju;
          if (jl > ju) {
            step = Step::kPop;
            break;
          }
          indl[p] = ju + 1;
        } else {
          il[p] = i;
          iu[p] = l;
          i = k;
          while (jl <= ju && ind[jl] < i) ++jl;
          if (jl > ju) {
            step = Step::kPop;
            break;
          }
          indu[p] = jl - 1;
        }
        step = Step::kLoop;
        break;
      }
    }
  }
}

}  // namespace ballast::ts
