// Deterministic randomness for the generator. The standard distributions are avoided on purpose:
// their output differs between standard libraries, and the generator promises identical bytes.
#ifndef BALLAST_GEN_RANDOM_H_
#define BALLAST_GEN_RANDOM_H_

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace ballast::gen {

// [0, 1) from the top 53 bits.
inline double ToUnit(uint64_t x) { return static_cast<double>(x >> 11) * 0x1.0p-53; }

// The splitmix64 finaliser: a cheap bijective scramble.
inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// A counter-based hash of (key, a, b). Per-month noise comes from here rather than from a stream,
// so that any month of any enterprise can be evaluated in any order (e.g. an entrant's prior year).
inline uint64_t Hash3(uint64_t key, uint64_t a, uint64_t b) {
  return Mix64(key ^ Mix64(a * 0x9e3779b97f4a7c15ULL + b + 0x632be59bd9b4e019ULL));
}

// An approximately standard normal value from one hash: the Irwin-Hall sum of four 16-bit
// uniforms, rescaled. Bounded by ±3.46, which suits multiplicative noise.
inline double HashNormal(uint64_t h) {
  double s = 0;
  for (int i = 0; i < 4; ++i) {
    s += (static_cast<double>(h & 0xffff) + 0.5) * (1.0 / 65536.0);
    h >>= 16;
  }
  return (s - 2.0) * 1.7320508075688772;
}

// A sequential stream over std::mt19937_64 with hand-written distributions.
class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}

  uint64_t Next() { return engine_(); }
  double Uniform() { return ToUnit(engine_()); }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  bool Bernoulli(double p) { return Uniform() < p; }
  // An index in [0, n); n > 0.
  size_t Index(size_t n) {
    auto i = static_cast<size_t>(Uniform() * static_cast<double>(n));
    return i < n ? i : n - 1;
  }
  // Box-Muller; the second value is discarded to keep the stream position simple.
  double Normal() {
    double u1 = 1.0 - Uniform();  // (0, 1]
    double u2 = Uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  double Normal(double mean, double sd) { return mean + sd * Normal(); }
  double LogNormal(double median, double sigma) { return median * std::exp(sigma * Normal()); }
  // Pareto with minimum xm and tail index alpha, truncated at cap by inversion.
  double Pareto(double xm, double alpha, double cap) {
    double tail = std::pow(xm / cap, alpha);  // P(X > cap) of the untruncated law
    double u = Uniform();
    return xm * std::pow(1.0 - u * (1.0 - tail), -1.0 / alpha);
  }
  // An index drawn by cumulative weights (the last element is the total).
  size_t Pick(const std::vector<double>& cumulative) {
    double x = Uniform() * cumulative.back();
    size_t lo = 0, hi = cumulative.size() - 1;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (cumulative[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

 private:
  std::mt19937_64 engine_;
};

// Running sums of weights, for Rng::Pick.
inline std::vector<double> Cumulative(const std::vector<double>& weights) {
  std::vector<double> out(weights.size());
  double s = 0;
  for (size_t i = 0; i < weights.size(); ++i) out[i] = s += weights[i];
  return out;
}

}  // namespace ballast::gen

#endif  // BALLAST_GEN_RANDOM_H_
