// The partial sort R's stl.f uses for the median of the absolute residuals (Singleton's
// quickselect, CACM Algorithm 347). It is reproduced, not replaced by std::nth_element, because
// stl passes its two target positions in decreasing order (n/2 + 1, then n/2) while the algorithm
// assumes them increasing: for an even n one of the two may not hold its order statistic, and the
// robustness weights of R's stl depend on that.
#ifndef BALLAST_TS_PARTIAL_SORT_H_
#define BALLAST_TS_PARTIAL_SORT_H_

namespace ballast::ts {

// Rearranges a[1..n] (1-based: a[0] is not touched) so that, when ind[1..ni] is increasing, each
// a[ind[k]] holds the ind[k]-th smallest value.
void PartialSort(double* a, int n, const int* ind, int ni);

}  // namespace ballast::ts

#endif  // BALLAST_TS_PARTIAL_SORT_H_
