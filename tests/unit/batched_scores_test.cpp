// The batched engine's score rule (numerics/kernels/batched_layer.hpp): one score per pair of points,
// s(a, b) = fl(q_a . z_b) with a the earlier point, in the kernels' order of operations, so that the
// two rows of a pair decide their ties on the same rounded value, and copies are one point. Checked
// against an independent evaluation of the rule on near-ties where the direction of each pair
// changes the attention sets; the whole layer against an engine written from its specification, over
// several layers with copies, merges, tokens landing on leaders, and a split across threads; and the
// rule's consequences: AVX2 and AVX-512 compute the same scores bit for bit, and rows with more tied
// points than a scan stores are rescanned exactly.
#include "numerics/batched_engine.hpp"
#include "numerics/leaders.hpp"
#include "numerics/trajectory.hpp"
#include "unit/batched_test_inputs.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace hardmax {
namespace {

using testing::forced_isa;
using testing::random_spd;
using testing::random_tokens;

// The kernels' dot product: the first product, then one multiply-add per further term, fused in the
// AVX2 and AVX-512 kernels, a rounded product and a rounded sum in the SSE2 kernel.
double kernel_dot(const std::vector<double>& x, const std::vector<double>& y, bool fused) {
  double s = x[0] * y[0];
  for (std::size_t k = 1; k < x.size(); ++k) s = fused ? std::fma(x[k], y[k], s) : s + x[k] * y[k];
  return s;
}

// The attention sets of layer 0 under the rule, evaluated here from its statement. Points are the
// distinct rows in order of first occurrence; with `symmetric` false each row i uses fl(q_i . z_j)
// instead (the generic engine's direction, to show that the direction matters on these inputs).
attention_pattern rule_attention(const model<double>& m, const tokens<double>& Z, bool fused, bool symmetric) {
  const index n = Z.rows(), d = Z.cols();
  std::vector<index> point(static_cast<std::size_t>(n));
  std::vector<index> first;  // the first token of each point
  for (index i = 0; i < n; ++i) {
    const auto same = std::find_if(first.begin(), first.end(), [&](index f) { return Z.row(f) == Z.row(i); });
    point[static_cast<std::size_t>(i)] = same - first.begin();
    if (same == first.end()) first.push_back(i);
  }
  std::vector<std::vector<double>> z(static_cast<std::size_t>(n)), q(static_cast<std::size_t>(n));
  for (index i = 0; i < n; ++i) {
    for (index c = 0; c < d; ++c) z[static_cast<std::size_t>(i)].push_back(Z(i, c));
    for (index k = 0; k < d; ++k) {  // q_ik = sum_c z_ic A_ck, in increasing c
      std::vector<double> column;
      for (index c = 0; c < d; ++c) column.push_back(m.A(c, k));
      q[static_cast<std::size_t>(i)].push_back(kernel_dot(z[static_cast<std::size_t>(i)], column, fused));
    }
  }
  attention_pattern C(static_cast<std::size_t>(n));
  for (index i = 0; i < n; ++i) {
    std::vector<double> s(static_cast<std::size_t>(n));
    for (index j = 0; j < n; ++j) {
      index a = first[static_cast<std::size_t>(point[static_cast<std::size_t>(i)])];
      index b = first[static_cast<std::size_t>(point[static_cast<std::size_t>(j)])];
      if (!symmetric) a = i, b = j;
      else if (point[static_cast<std::size_t>(a)] > point[static_cast<std::size_t>(b)]) std::swap(a, b);
      s[static_cast<std::size_t>(j)] = kernel_dot(q[static_cast<std::size_t>(a)], z[static_cast<std::size_t>(b)], fused);
    }
    const double best = *std::max_element(s.begin(), s.end());
    for (index j = 0; j < n; ++j)
      if (s[static_cast<std::size_t>(j)] == best) C[static_cast<std::size_t>(i)].push_back(j);
  }
  return C;
}

// Tokens a few ulps apart around one point, with copies: their scores differ by about as much as
// one rounding, so that which row of a pair computes its score decides ties.
tokens<double> ulp_cloud(index n, std::mt19937_64& rng) {
  const double centre[3] = {0.75, -0.5, 0.625};
  std::uniform_int_distribution<int> k(-3, 3);
  std::uniform_int_distribution<index> earlier(0, n - 1);
  tokens<double> Z(n, 3);
  for (index i = 0; i < n; ++i)
    for (index c = 0; c < 3; ++c) Z(i, c) = centre[c] + k(rng) * 0x1p-53;
  for (index i = 3; i < n; i += 4) Z.row(i) = Z.row(earlier(rng) % i);  // copies, spread over the order
  return Z;
}

std::size_t rows_differing(const attention_pattern& a, const attention_pattern& b) {
  std::size_t out = 0;
  for (std::size_t i = 0; i < a.size(); ++i) out += a[i] != b[i] ? 1 : 0;
  return out;
}

// The batched engine from its specification, layer by layer (numerics/batched_layers.hpp,
// numerics/batched_copies.hpp, numerics/kernels/batched_layer.hpp): tokens equal to a leader point
// are leaders; the other active tokens form points in order of first member; each pair of points
// scored once by the rule, leader points as columns only; a point attending only to itself becomes a
// leader point (frozen, L2), the others move by M4 with the sum in increasing token order.
struct specified_engine {
  model<double> m;
  bool fused;
  tokens<double> Z;
  std::vector<char> leader;
  std::vector<index> leader_points;  // a representative of each leader point, in order found
  std::size_t rows_computed = 0;     // tokens of active points, over the layers
  std::size_t joined = 0;            // tokens found equal to a leader point

  specified_engine(const model<double>& m_, bool fused_, const tokens<double>& Z0)
      : m(m_), fused(fused_), Z(Z0), leader(static_cast<std::size_t>(Z0.rows()), 0) {}

  std::vector<double> row(index i) const { return {Z.row(i).data(), Z.row(i).data() + Z.cols()}; }
  std::vector<double> query(index i) const {
    std::vector<double> q;
    for (index k = 0; k < Z.cols(); ++k) {
      std::vector<double> column;
      for (index c = 0; c < Z.cols(); ++c) column.push_back(m.A(c, k));
      q.push_back(kernel_dot(row(i), column, fused));
    }
    return q;
  }

  void step() {
    const index n = Z.rows();
    std::vector<std::vector<index>> points;  // members, increasing
    for (index i = 0; i < n; ++i) {
      if (leader[static_cast<std::size_t>(i)]) continue;
      if (std::any_of(leader_points.begin(), leader_points.end(), [&](index l) { return Z.row(l) == Z.row(i); })) {
        leader[static_cast<std::size_t>(i)] = 1;
        ++joined;
        continue;
      }
      ++rows_computed;
      const auto same = std::find_if(points.begin(), points.end(), [&](const auto& p) { return Z.row(p[0]) == Z.row(i); });
      if (same == points.end()) points.push_back({i});
      else same->push_back(i);
    }
    tokens<double> next = Z;
    std::vector<index> new_leaders;
    for (std::size_t a = 0; a < points.size(); ++a) {
      // Candidates: (score, members) per point, active points then leader points.
      std::vector<std::pair<double, std::vector<index>>> offers;
      for (std::size_t b = 0; b < points.size(); ++b) {
        const index first = points[std::min(a, b)][0], second = points[std::max(a, b)][0];
        offers.push_back({kernel_dot(query(first), row(second), fused), points[b]});
      }
      for (const index l : leader_points) {
        std::vector<index> members;
        for (index j = 0; j < n; ++j)
          if (leader[static_cast<std::size_t>(j)] && Z.row(j) == Z.row(l)) members.push_back(j);
        offers.push_back({kernel_dot(query(points[a][0]), row(l), fused), members});
      }
      double best = -std::numeric_limits<double>::infinity();
      for (const auto& o : offers) best = std::max(best, o.first);
      std::vector<index> set;
      std::size_t tied_points = 0;
      for (const auto& o : offers)
        if (o.first == best) {
          set.insert(set.end(), o.second.begin(), o.second.end());
          ++tied_points;
        }
      std::sort(set.begin(), set.end());
      if (tied_points == 1 && set == points[a]) {  // D1
        new_leaders.push_back(points[a][0]);
        continue;
      }
      for (const index i : points[a])
        for (index c = 0; c < Z.cols(); ++c) {
          double sum = 0;
          for (const index j : set) sum += Z(j, c);
          next(i, c) = (Z(i, c) + m.alpha * (sum / static_cast<double>(set.size()))) / (1 + m.alpha);
        }
    }
    for (const index l : new_leaders) {
      for (index i = 0; i < n; ++i)
        if (Z.row(i) == Z.row(l) && !leader[static_cast<std::size_t>(i)]) leader[static_cast<std::size_t>(i)] = 1;
      leader_points.push_back(l);
    }
    Z = next;
  }
};

// A token on the x-axis attends to a whole edge x = 2 of distinct points (and their copies): more
// tied points than a scan keeps, so the row is rescanned; every score is exact (dyadic coordinates).
tokens<double> edge(index points_on_edge, index others, std::mt19937_64& rng) {
  std::uniform_int_distribution<int> k(-4, 4);
  tokens<double> Z(points_on_edge * 2 + others + 1, 2);
  index row = 0;
  Z.row(row++) << 1, 0;
  for (index e = 0; e < points_on_edge; ++e) {
    Z.row(row) << 2, static_cast<double>(e - points_on_edge / 2) / 4;
    Z.row(row + 1) = Z.row(row);  // a copy of it
    row += 2;
  }
  for (; row < Z.rows(); ++row) Z.row(row) << k(rng) / 4.0, k(rng) / 4.0;
  return Z;
}


// Followers one to four ulps below a leader (1, 0, 0) on its axis, attending to it, with alpha = 3:
// they land on it bit for bit within two layers and must then join its point; other tokens around.
tokens<double> landing(index others, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(-0.5, 0.5);
  tokens<double> Z(5 + others, 3);
  Z.row(0) << 1, 0, 0;
  for (index j = 1; j <= 4; ++j) Z.row(j) << 1 - static_cast<double>(j) * 0x1p-52, 0, 0;
  for (index i = 5; i < Z.rows(); ++i) Z.row(i) << u(rng), u(rng), u(rng);
  return Z;
}

// Compares the batched engine, one call of each depth 1..12 (leaders, points and hashes carried
// across its layers), with the specified engine; returns the tokens merged and joined on the way.
std::pair<std::size_t, std::size_t> check_against_specification(const model<double>& m, const tokens<double>& Z0, bool fused) {
  specified_engine spec(m, fused, Z0);
  for (int depth = 1; depth <= 12; ++depth) {
    CAPTURE(depth);
    spec.step();
    std::vector<tokens<double>> one{Z0}, three{Z0};
    const batch_report r = simulate_batch(m, one, depth, 1);
    CHECK(one[0] == spec.Z);
    CHECK(r.rows_computed == spec.rows_computed);
    if (Z0.rows() < 512) continue;  // smaller configurations are not split
    simulate_batch(m, three, depth, 3);
    CHECK(three[0] == spec.Z);
  }
  const auto distinct = [](const tokens<double>& Z) {
    std::vector<index> out;
    for (index i = 0; i < Z.rows(); ++i)
      if (std::none_of(out.begin(), out.end(), [&](index j) { return Z.row(j) == Z.row(i); })) out.push_back(i);
    return out.size();
  };
  return {distinct(Z0) - distinct(spec.Z), spec.joined};
}

}  // namespace

TEST_CASE("batched scores: every ISA decides by the rule, one score per pair of points, on near-ties with copies") {
  for (vector_isa isa : available_isas()) {
    const forced_isa f(isa);
    CAPTURE(f.name);
    const bool fused = isa != vector_isa::sse2;
    std::mt19937_64 rng(20261205);
    std::size_t direction_mattered = 0, tied_rows = 0;
    for (index n : {5, 17, 40, 70}) {  // one block, several blocks, a partial last block
      for (int trial = 0; trial < 6; ++trial) {
        CAPTURE(n);
        CAPTURE(trial);
        const model<double> m{random_spd(3, rng), 0.5, {}, {}, {}};
        const tokens<double> Z = ulp_cloud(n, rng);
        const attention_pattern rule = rule_attention(m, Z, fused, true);
        CHECK(batched_attention(m, Z) == rule);
        direction_mattered += rows_differing(rule, rule_attention(m, Z, fused, false));
        for (const auto& Ci : rule) tied_rows += Ci.size() > 1 ? 1 : 0;
      }
    }
    // The inputs make the rule's choices visible: with each row computing its own scores some sets differ.
    CHECK(direction_mattered > 100);
    CHECK(tied_rows > 300);
  }
}

TEST_CASE("batched scores: the AVX2 and AVX-512 kernels give the same trajectory bit for bit") {
  if (!cpu_supports(vector_isa::avx512)) return;
  std::mt19937_64 rng(31);
  for (index d : {1, 3, 8, 16, 19}) {
    CAPTURE(d);
    const model<double> m{random_spd(d, rng), 0.5, {}, {}, {}};
    const tokens<double> Z0 = random_tokens(150, d, rng);
    std::vector<tokens<double>> avx2{Z0}, avx512{Z0};
    {
      const forced_isa f(vector_isa::avx2);
      simulate_batch(m, avx2, 10, 1);
    }
    {
      const forced_isa f(vector_isa::avx512);
      simulate_batch(m, avx512, 10, 1);
    }
    CHECK(avx2[0] == avx512[0]);
    CHECK(avx2[0] != Z0);
  }
}

TEST_CASE("batched scores: rows tying more points than a scan keeps are rescanned, on one thread and split across three") {
  std::mt19937_64 rng(9);
  const model<double> m{matrix<double>::Identity(2, 2), 0.5, {}, {}, {}};
  for (vector_isa isa : available_isas()) {
    const forced_isa f(isa);
    CAPTURE(f.name);
    for (index on_edge : {9, 20, 40}) {
      CAPTURE(on_edge);
      const tokens<double> Z0 = edge(on_edge, 30, rng);
      const trajectory<double> t = simulate(m, Z0, 1);
      const attention_pattern C = batched_attention(m, Z0);
      CHECK(C == t.attention[0]);
      CHECK(C[0].size() == static_cast<std::size_t>(2 * on_edge));
      std::vector<tokens<double>> batch{Z0};
      simulate_batch(m, batch, 1, 1, planar_attention::scores);
      CHECK(batch[0].row(0) == t.layers[1].row(0));
    }
    // Large enough to be split: the rows of the edge's attenders are merged from three scans.
    const tokens<double> big = edge(40, 600, rng);
    std::vector<tokens<double>> one{big}, three{big};
    simulate_batch(m, one, 4, 1, planar_attention::scores);
    simulate_batch(m, three, 4, 3, planar_attention::scores);
    CHECK(one[0] == three[0]);
    CHECK(batched_attention(m, big) == simulate(m, big, 0).attention[0]);
  }
}

TEST_CASE("batched scores: layers as specified, with copies, merges and frozen leaders, on 1 and 3 threads") {
  for (vector_isa isa : available_isas()) {
    const forced_isa f(isa);
    CAPTURE(f.name);
    const bool fused = isa != vector_isa::sse2;
    std::mt19937_64 rng(77);
    std::size_t merged = 0, joined = 0;
    for (int trial = 0; trial < 10; ++trial) {
      CAPTURE(trial);
      matrix<double> A = random_spd(3, rng);
      if (trial % 2 == 1) A = A.diagonal().asDiagonal();  // the queries' shortcut for a diagonal A
      const bool lands = trial == 6 || trial == 7;
      if (lands) A = matrix<double>::Identity(3, 3);
      const model<double> m{A, trial < 4 ? 0.5 : 3.0, {}, {}, {}};
      const tokens<double> Z0 = lands ? landing(40, rng) : ulp_cloud(trial < 8 ? 45 : 530, rng);
      const auto [merged_here, joined_here] = check_against_specification(m, Z0, fused);
      merged += merged_here;
      joined += joined_here;
    }
    CHECK(merged > 0);  // tokens did become copies of each other on the way,
    CHECK(joined > 0);  // and of leaders
  }
}

}  // namespace hardmax
