// The copy classes ("points") of one configuration while the batched engine runs it.
//
// Exact copies (equal coordinates, compared with ==) have equal scores, attention sets and updates,
// so the batched engine computes one score row per point and copies the update to its members. It
// must also see one score per pair of points: its kernels compute each pair once, in a direction set
// by the points' positions (numerics/kernels/batched_layer.hpp), and two copies computed in opposite
// directions could round differently, so that a row would attend to one copy and not the other.
// Grouping first makes a copy class one point, attended or not as a whole, as in M3.
//
// Leader points persist across layers (L2: a leader never moves), in the order they were found;
// an active token equal to a leader point is a copy of a leader, hence a leader itself (D1 is a
// property of the point: its row is the leader's row), and joins that point without a score row.
#pragma once

#include "numerics/tokens.hpp"

#include <emmintrin.h>

#include <cstdint>
#include <cstring>
#include <vector>

namespace hardmax {

class batched_copies {
 public:
  // A configuration of n tokens in R^d, none known to be a leader.
  void reset(index n, index d);

  // A hash of a row of d coordinates: equal rows (compared with ==) have equal hashes.
  std::uint64_t hash(const double* row) const {
    // A weighted sum of the coordinates in a fixed order (so equal rows give equal sums), two SSE2
    // vectors of partial sums so that the additions do not wait for each other, then its bits mixed.
    // Distinct rows collide only where sum_c w_c (x_c - y_c) rounds to zero: then their rows are
    // compared, which costs time, never correctness.
    const auto d = static_cast<index>(weights_.size());
    const double* w = weights_.data();
    __m128d even = _mm_setzero_pd(), odd = _mm_setzero_pd();
    index c = 0;
    for (; c + 4 <= d; c += 4) {
      even = _mm_add_pd(even, _mm_mul_pd(_mm_loadu_pd(row + c), _mm_loadu_pd(w + c)));
      odd = _mm_add_pd(odd, _mm_mul_pd(_mm_loadu_pd(row + c + 2), _mm_loadu_pd(w + c + 2)));
    }
    double tail = 0;
    for (; c < d; ++c) tail += row[c] * w[c];
    const __m128d both = _mm_add_pd(even, odd);
    const double key = ((_mm_cvtsd_f64(both) + _mm_cvtsd_f64(_mm_unpackhi_pd(both, both))) + tail) + 0.0;  // -0 + 0 = +0
    std::uint64_t h;
    std::memcpy(&h, &key, sizeof h);
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDu;
    return h ^ (h >> 33);
  }
  // The hash of token i's row, set by whoever writes the row: after `group`, the caller must set it
  // for every active token whose row changes (the layer's update computes it while the row is in
  // registers). Before the first `group` after `reset` every token's hash is computed from Z.
  void set_hash(index i, std::uint64_t h) { token_hashes_[static_cast<std::size_t>(i)] = h; }

  // Groups the active tokens (increasing) of Z into points, in order of their first member. Tokens
  // equal to a leader point join it: they are removed from `active` and their `leader` flag is set.
  void group(const tokens<double>& Z, std::vector<index>& active, std::vector<char>& leader);

  // The active points of the last `group`: representative token and members (increasing).
  index active_count() const { return static_cast<index>(active_first_.size()) - 1; }
  const index* active_members(index a) const { return active_members_.data() + active_first_[static_cast<std::size_t>(a)]; }
  index active_size(index a) const { return active_first_[static_cast<std::size_t>(a) + 1] - active_first_[static_cast<std::size_t>(a)]; }

  index leader_count() const { return static_cast<index>(leader_members_.size()); }
  const std::vector<index>& leader_members(index l) const { return leader_members_[static_cast<std::size_t>(l)]; }

  // The tokens the last `group` found equal to a leader point (increasing).
  const std::vector<index>& joined_leaders() const { return joined_; }

  // Active point a turned out to be a leader (D1): it becomes leader point leader_count().
  void add_leader(index a);

  // The representative token of each point: active points, then leader points (the kernels' `point`).
  const std::vector<index>& representatives() const { return representatives_; }

 private:
  void insert_leader(std::uint64_t h, index l);

  std::vector<index> active_members_, active_first_{0};
  std::vector<std::vector<index>> leader_members_;
  std::vector<index> representatives_;       // active representatives, then leader representatives
  std::vector<index> leader_representatives_;
  std::vector<std::int32_t> active_slots_, leader_slots_;  // open addressing: point ids, -1 empty
  std::vector<std::uint64_t> active_hashes_, leader_hashes_;  // per point
  std::vector<double> weights_;              // of the hash's weighted sum
  std::vector<std::uint64_t> token_hashes_;  // per token
  bool hashes_current_ = false;
  std::vector<index> joined_;
  std::vector<index> point_of_, fill_;       // per active token: its point; per point: next free member slot
};

}  // namespace hardmax
