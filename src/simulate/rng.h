// Rng: a small, fast, seedable PRNG (xoshiro256**, seeded through splitmix64) with the few
// distributions the simulator needs. Output depends only on the seed, never on the platform's
// standard library, so a seed gives byte-identical logs everywhere.
//
// Each generator component draws from its own stream, DeriveSeed(seed, component, day), so
// changing one scenario's parameters does not move any other scenario's traffic. Not
// thread-safe: one Rng per stream.
#ifndef SPRAYTRACE_SIMULATE_RNG_H_
#define SPRAYTRACE_SIMULATE_RNG_H_

#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

namespace spraytrace::simulate {

__extension__ typedef unsigned __int128 Uint128;  // GCC/Clang builtin; __extension__: -Wpedantic

constexpr uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// A seed for one (component, index) stream of a run.
constexpr uint64_t DeriveSeed(uint64_t seed, uint64_t component, uint64_t index) {
  uint64_t state = seed;
  uint64_t a = SplitMix64(&state);
  state = a ^ (component * 0xd1b54a32d192ed03ULL);
  uint64_t b = SplitMix64(&state);
  state = b ^ (index * 0x8cb92ba72f3d8dd7ULL);
  return SplitMix64(&state);
}

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (uint64_t& word : s_) word = SplitMix64(&seed);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n); REQUIRES: n > 0. Lemire's multiply-shift (bias below 2^-32 for our n).
  uint64_t Below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<Uint128>(Next()) * n) >> 64);
  }
  // Uniform integer in [lo, hi]; REQUIRES: lo <= hi.
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }
  // Uniform in [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Unit(); }
  bool Chance(double p) { return Unit() < p; }
  // Exponential with the given mean.
  double Exponential(double mean) { return -mean * std::log1p(-Unit()); }
  // Poisson; Knuth's method below 30, a rounded normal approximation above.
  uint64_t Poisson(double mean) {
    if (mean <= 0) return 0;
    if (mean >= 30) {
      const double v = std::round(mean + std::sqrt(mean) * Normal());
      return v < 0 ? 0 : static_cast<uint64_t>(v);
    }
    const double limit = std::exp(-mean);
    uint64_t k = 0;
    for (double p = Unit(); p > limit; p *= Unit()) ++k;
    return k;
  }
  // Standard normal (Box-Muller; one value per call).
  double Normal() {
    const double u = 1.0 - Unit();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * Unit());
  }
  template <typename T>
  void Shuffle(std::vector<T>* items) {
    for (size_t i = items->size(); i > 1; --i) {
      std::swap((*items)[i - 1], (*items)[Below(i)]);
    }
  }

 private:
  static constexpr uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace spraytrace::simulate

#endif  // SPRAYTRACE_SIMULATE_RNG_H_
