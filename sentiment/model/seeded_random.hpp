// Random numbers that are the same on every standard library: std::mt19937_64 is specified bit for
// bit, but std::uniform_real_distribution, std::normal_distribution and std::shuffle are not, so
// the mappings from its 64-bit output to the numbers the model needs are written out here.
#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <vector>

namespace hardmax::sentiment {

// SplitMix64's finaliser: spreads nearby seeds (0, 1, 2, ...) over unrelated generator states.
constexpr std::uint64_t mix_seed(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// Independent streams from one user seed: `purpose` separates initialisation from shuffling and
// `index` is the epoch, so epoch e's shuffle depends on (seed, e) only, never on what ran before.
inline std::mt19937_64 seeded_generator(std::uint64_t seed, std::uint64_t purpose, std::uint64_t index = 0) {
  return std::mt19937_64(mix_seed(mix_seed(mix_seed(seed) ^ purpose) ^ index));
}

inline constexpr std::uint64_t initialisation_stream = 1;
inline constexpr std::uint64_t shuffle_stream = 2;
inline constexpr std::uint64_t partition_stream = 3;  // the pooled 70/30 train/test partition
inline constexpr std::uint64_t test_order_stream = 4;  // the order of the paper's per-batch test accuracy

// Uniform in the open interval (0, 1): the top 53 bits, centred in their cell, so neither 0 nor 1
// can occur (log(u) is finite, and alpha = u is strictly positive).
inline double open_uniform(std::mt19937_64& g) {
  return (static_cast<double>(g() >> 11) + 0.5) * 0x1p-53;
}

// Uniform in (lo, hi).
inline double uniform(std::mt19937_64& g, double lo, double hi) { return lo + (hi - lo) * open_uniform(g); }

// Two independent standard normals by the Box-Muller transform.
inline std::pair<double, double> normal_pair(std::mt19937_64& g) {
  const double u1 = open_uniform(g);
  const double u2 = open_uniform(g);
  const double r = std::sqrt(-2.0 * std::log(u1));
  const double angle = 2.0 * std::numbers::pi * u2;
  return {r * std::cos(angle), r * std::sin(angle)};
}

// Uniform integer in [0, n), n >= 1, without modulo bias: draws in the incomplete top block of
// 2^64 are rejected.
inline std::uint64_t below(std::mt19937_64& g, std::uint64_t n) {
  const std::uint64_t rejected = (0 - n) % n;  // 2^64 mod n
  for (;;) {
    const std::uint64_t x = g();
    if (x >= rejected) return x % n;
  }
}

// Fisher-Yates shuffle of 0, ..., n - 1.
inline std::vector<std::size_t> shuffled_indices(std::size_t n, std::mt19937_64& g) {
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[below(g, i)]);
  return order;
}

}  // namespace hardmax::sentiment
