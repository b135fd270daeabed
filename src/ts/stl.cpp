// The algorithm follows the published description of STL and the behaviour of R's stl.f (read for
// behaviour, not copied). Arrays inside are 1-based (element 0 unused) so that the index
// arithmetic, which decides which points each loess fit sees, matches the reference exactly.
#include "ts/stl.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "ts/partial_sort.h"

namespace ballast::ts {
namespace {

// One loess estimate at abscissa xs from y[nleft..nright] with tricube weights (times the
// robustness weights when userw); degree 0 or 1. Returns false when every weight is zero.
bool LoessAt(const double* y, int n, int len, int degree, double xs, double* ys, int nleft,
             int nright, double* w, bool userw, const double* rw) {
  const double range = static_cast<double>(n) - 1.0;
  double h = std::max(xs - nleft, nright - xs);
  if (len > n) h += static_cast<double>((len - n) / 2);
  const double h9 = 0.999 * h, h1 = 0.001 * h;
  double a = 0.0;
  for (int j = nleft; j <= nright; ++j) {
    const double r = std::abs(j - xs);
    if (r <= h9) {
      if (r <= h1) {
        w[j] = 1.0;
      } else {
        const double q = r / h;
        const double u = 1.0 - q * q * q;
        w[j] = u * u * u;
      }
      if (userw) w[j] = rw[j] * w[j];
      a += w[j];
    } else {
      w[j] = 0.0;
    }
  }
  if (a <= 0.0) return false;
  for (int j = nleft; j <= nright; ++j) w[j] /= a;
  if (h > 0.0 && degree > 0) {
    double mean = 0.0;
    for (int j = nleft; j <= nright; ++j) mean += w[j] * j;
    double b = xs - mean;
    double c = 0.0;
    for (int j = nleft; j <= nright; ++j) {
      const double d = j - mean;
      c += w[j] * (d * d);  // the square first, as the reference rounds it
    }
    // A local line only when the points spread enough; otherwise the local mean.
    if (std::sqrt(c) > 0.001 * range) {
      b /= c;
      for (int j = nleft; j <= nright; ++j) w[j] = w[j] * (b * (j - mean) + 1.0);
    }
  }
  double s = 0.0;
  for (int j = nleft; j <= nright; ++j) s += w[j] * y[j];
  *ys = s;
  return true;
}

// Loess smoothing of y[1..n] with span len, fitted at every njump-th point (and the last) and
// linearly interpolated between. res is scratch for the weights.
void LoessSmooth(const double* y, int n, int len, int degree, int njump, bool userw,
                 const double* rw, double* ys, double* res) {
  if (n < 2) {
    ys[1] = y[1];
    return;
  }
  const int jump = std::min(njump, n - 1);
  int nleft = 1, nright = n;
  auto fit = [&](int i) {
    if (!LoessAt(y, n, len, degree, i, &ys[i], nleft, nright, res, userw, rw)) ys[i] = y[i];
  };
  // A negative jump (R's default t.window for s.window = 1 is negative) fits nothing, as a
  // Fortran DO loop with a negative step from 1 to n runs zero times.
  if (jump >= 1 && len >= n) {
    for (int i = 1; i <= n; i += jump) fit(i);
  } else if (jump == 1) {
    const int half = (len + 1) / 2;
    nright = len;
    for (int i = 1; i <= n; ++i) {
      if (i > half && nright != n) {
        ++nleft;
        ++nright;
      }
      fit(i);
    }
  } else if (jump > 1) {
    const int half = (len + 1) / 2;
    for (int i = 1; i <= n; i += jump) {
      if (i < half) {
        nleft = 1;
        nright = len;
      } else if (i >= n - half + 1) {
        nleft = n - len + 1;
        nright = n;
      } else {
        nleft = i - half + 1;
        nright = len + i - half;
      }
      fit(i);
    }
  }
  if (jump == 1) return;
  for (int i = 1; jump > 1 && i <= n - jump; i += jump) {
    const double delta = (ys[i + jump] - ys[i]) / jump;
    for (int j = i + 1; j <= i + jump - 1; ++j) ys[j] = ys[i] + delta * (j - i);
  }
  const int k = ((n - 1) / jump) * jump + 1;
  if (k == n) return;
  fit(n);  // with the window of the last fitted point, as the reference does
  if (k == n - 1) return;
  const double delta = (ys[n] - ys[k]) / (n - k);
  for (int j = k + 1; j <= n - 1; ++j) ys[j] = ys[k] + delta * (j - k);
}

// Running mean of length len over x[1..n] into ave[1..n-len+1].
void MovingAverage(const double* x, int n, int len, double* ave) {
  const int out = n - len + 1;
  const double flen = len;
  double v = 0.0;
  for (int i = 1; i <= len; ++i) v += x[i];
  ave[1] = v / flen;
  for (int j = 2, k = len, m = 0; j <= out; ++j) {
    ++k;
    ++m;
    v = v - x[m] + x[k];
    ave[j] = v / flen;
  }
}

// Smooths each cycle-subseries (every np-th value) with loess and extends it by one value at
// each end: season[1..n+2np].
void CycleSubseries(const double* y, int n, int np, int ns, int degree, int jump, bool userw,
                    const double* rw, double* season, double* sub, double* fit, double* subrw,
                    double* scratch) {
  for (int j = 1; j <= np; ++j) {
    const int k = (n - j) / np + 1;
    for (int i = 1; i <= k; ++i) sub[i] = y[(i - 1) * np + j];
    if (userw) {
      for (int i = 1; i <= k; ++i) subrw[i] = rw[(i - 1) * np + j];
    }
    LoessSmooth(sub, k, ns, degree, jump, userw, subrw, fit + 1, scratch);
    if (!LoessAt(sub, k, ns, degree, 0.0, &fit[1], 1, std::min(ns, k), scratch, userw, subrw)) {
      fit[1] = fit[2];
    }
    if (!LoessAt(sub, k, ns, degree, k + 1.0, &fit[k + 2], std::max(1, k - ns + 1), k, scratch,
                 userw, subrw)) {
      fit[k + 2] = fit[k + 1];
    }
    for (int m = 1; m <= k + 2; ++m) season[(m - 1) * np + j] = fit[m];
  }
}

struct Work {
  explicit Work(int size) : c1(size), c2(size), c3(size), c4(size), c5(size) {}
  std::vector<double> c1, c2, c3, c4, c5;
};

// The inner loop: `inner` passes of seasonal smoothing, low-pass filtering and trend smoothing.
void InnerLoop(const double* y, int n, const StlParams& p, int ns, int nt, int nl, int np,
               bool userw, const double* rw, double* season, double* trend, Work& w) {
  double* c1 = w.c1.data();
  double* c2 = w.c2.data();
  double* c3 = w.c3.data();
  double* c4 = w.c4.data();
  double* c5 = w.c5.data();
  for (int pass = 0; pass < p.inner; ++pass) {
    for (int i = 1; i <= n; ++i) c1[i] = y[i] - trend[i];
    CycleSubseries(c1, n, np, ns, p.s_degree, p.s_jump, userw, rw, c2, c3, c4, c5, season);
    // Low-pass filter of the cycle-subseries: moving averages np, np, 3, then loess.
    MovingAverage(c2, n + 2 * np, np, c3);
    MovingAverage(c3, n + np + 1, np, c1);
    MovingAverage(c1, n + 2, 3, c3);
    LoessSmooth(c3, n, nl, p.l_degree, p.l_jump, false, c4, c1, c5);
    for (int i = 1; i <= n; ++i) season[i] = c2[np + i] - c1[i];
    for (int i = 1; i <= n; ++i) c1[i] = y[i] - season[i];
    LoessSmooth(c1, n, nt, p.t_degree, p.t_jump, userw, rw, trend, c3);
  }
}

// Tukey's biweight of |y - fit| / (6 × median), the median taken as the reference does.
void RobustnessWeights(const double* y, int n, const double* fit, double* rw) {
  for (int i = 1; i <= n; ++i) rw[i] = std::abs(y[i] - fit[i]);
  int mid[3] = {0, n / 2 + 1, 0};
  mid[2] = n - mid[1] + 1;
  PartialSort(rw, n, mid, 2);
  const double cmad = 3.0 * (rw[mid[1]] + rw[mid[2]]);
  const double c9 = 0.999 * cmad, c1 = 0.001 * cmad;
  for (int i = 1; i <= n; ++i) {
    const double r = std::abs(y[i] - fit[i]);
    if (r <= c1) {
      rw[i] = 1.0;
    } else if (r <= c9) {
      const double u = r / cmad;
      rw[i] = (1.0 - u * u) * (1.0 - u * u);
    } else {
      rw[i] = 0.0;
    }
  }
}

int NextOdd(double x) {
  const double r = std::nearbyint(x);  // R's round(): half to even
  return static_cast<int>(std::fmod(r, 2.0) == 0.0 ? r + 1 : r);
}

int CeilTenth(int window) { return static_cast<int>(std::ceil(window / 10.0)); }

}  // namespace

Result<StlParams> ResolveStlOptions(const StlOptions& o, int n) {
  if (o.period < 2 || n <= 2 * o.period) {
    return Status::Invalid("series is not periodic or has less than two periods: " +
                           std::to_string(n) + " observations, period " + std::to_string(o.period) +
                           " (at least " + std::to_string(2 * o.period + 1) + " needed)");
  }
  StlParams p{};
  p.period = o.period;
  p.periodic = o.periodic;
  p.s_window = o.periodic ? 10 * n + 1 : o.s_window;
  p.s_degree = o.periodic ? 0 : o.s_degree;
  p.t_degree = o.t_degree;
  p.l_degree = o.l_degree.value_or(o.t_degree);
  for (int d : {p.s_degree, p.t_degree, p.l_degree}) {
    if (d != 0 && d != 1) return Status::Invalid("a loess degree must be 0 or 1");
  }
  if (o.t_window) {
    p.t_window = *o.t_window;
  } else {
    const double t = std::ceil(1.5 * o.period / (1.0 - 1.5 / p.s_window));
    if (!std::isfinite(t) || std::abs(t) > 1e9)
      return Status::Invalid("s.window gives no usable t.window");
    p.t_window = NextOdd(t);
  }
  p.l_window = o.l_window.value_or(NextOdd(o.period));
  p.s_jump = o.s_jump.value_or(CeilTenth(p.s_window));
  p.t_jump = o.t_jump.value_or(CeilTenth(p.t_window));
  p.l_jump = o.l_jump.value_or(CeilTenth(p.l_window));
  // R crashes on a zero jump (a division by zero in stl.f); a negative one it runs (see
  // LoessSmooth).
  if (p.s_jump == 0 || p.t_jump == 0 || p.l_jump == 0) {
    return Status::Invalid("a window gives a loess jump of 0 (s.window " +
                           std::to_string(p.s_window) + ", t.window " + std::to_string(p.t_window) +
                           ", l.window " + std::to_string(p.l_window) + ")");
  }
  p.inner = o.inner.value_or(o.robust ? 1 : 2);
  p.outer = o.outer.value_or(o.robust ? 15 : 0);
  if (p.inner < 0 || p.outer < 0) return Status::Invalid("inner and outer must not be negative");
  return p;
}

Result<StlResult> Stl(const std::vector<double>& x, const StlOptions& options) {
  const int n = static_cast<int>(x.size());
  auto resolved = ResolveStlOptions(options, n);
  if (!resolved.ok()) return resolved.status();
  const StlParams& p = *resolved;
  for (double v : x) {
    if (!std::isfinite(v)) return Status::Invalid("the series has a missing or infinite value");
  }
  // The spans are at least 3 and odd; the period at least 2.
  auto odd3 = [](int w) {
    w = std::max(3, w);
    return w % 2 == 0 ? w + 1 : w;
  };
  const int ns = odd3(p.s_window), nt = odd3(p.t_window), nl = odd3(p.l_window);
  const int np = std::max(2, p.period);

  std::vector<double> y(n + 1), rw(n + 1, 0.0), season(n + 2 * np + 1, 0.0), trend(n + 1, 0.0);
  std::copy(x.begin(), x.end(), y.begin() + 1);
  Work work(n + 2 * np + 1);
  bool userw = false;
  for (int k = 0;; ++k) {
    InnerLoop(y.data(), n, p, ns, nt, nl, np, userw, rw.data(), season.data(), trend.data(), work);
    if (k + 1 > p.outer) break;
    for (int i = 1; i <= n; ++i) work.c1[i] = trend[i] + season[i];
    RobustnessWeights(y.data(), n, work.c1.data(), rw.data());
    userw = true;
  }
  if (p.outer <= 0) std::fill(rw.begin(), rw.end(), 1.0);

  StlResult r;
  r.seasonal.assign(season.begin() + 1, season.begin() + 1 + n);
  r.trend.assign(trend.begin() + 1, trend.end());
  r.weights.assign(rw.begin() + 1, rw.end());
  if (p.periodic) {
    // Exactly periodic: each position of the cycle gets the mean of its seasonal values.
    std::vector<long double> sum(p.period, 0.0L);
    std::vector<int> count(p.period, 0);
    for (int i = 0; i < n; ++i) {
      sum[i % p.period] += r.seasonal[i];
      ++count[i % p.period];
    }
    for (int i = 0; i < n; ++i) {
      r.seasonal[i] = static_cast<double>(sum[i % p.period] / count[i % p.period]);
    }
  }
  r.remainder.resize(n);
  for (int i = 0; i < n; ++i) r.remainder[i] = x[i] - r.seasonal[i] - r.trend[i];
  return r;
}

}  // namespace ballast::ts
