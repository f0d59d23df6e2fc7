// The batched engine's per-ISA layer kernels (numerics/kernels/, docs/ENGINES.md): for every ISA this
// CPU runs, forced in turn, the batched engine agrees with the generic double engine on the attention
// sets and leaders of every layer, and on positions within a stated bound, on random inputs and on
// tied inputs; selecting an ISA the CPU lacks, or an unknown one, is an error.
#include "numerics/batched_engine.hpp"
#include "numerics/hull_attention.hpp"
#include "numerics/leaders.hpp"
#include "numerics/trajectory.hpp"
#include "unit/batched_test_inputs.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <random>
#include <string>

namespace hardmax {
namespace {

using testing::forced_isa;
using testing::lattice_tokens;
using testing::random_spd;
using testing::random_tokens;

// Sets (or, with nullptr, unsets) an environment variable for one scope, restoring it afterwards.
struct scoped_env {
  scoped_env(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value != nullptr) ::setenv(name, value, 1);
    else ::unsetenv(name);
  }
  ~scoped_env() {
    if (old_) ::setenv(name_, old_->c_str(), 1);
    else ::unsetenv(name_);
  }
  scoped_env(const scoped_env&) = delete;
  scoped_env& operator=(const scoped_env&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

struct cpu_limited {
  explicit cpu_limited(vector_isa best) { detail::limit_cpu_isa(best); }
  ~cpu_limited() { detail::limit_cpu_isa(std::nullopt); }
  cpu_limited(const cpu_limited&) = delete;
  cpu_limited& operator=(const cpu_limited&) = delete;
};

double max_abs_difference(const tokens<double>& a, const tokens<double>& b) { return (a - b).cwiseAbs().maxCoeff(); }

// The bound on positions. With equal attention sets the update (z + alpha m) / (1 + alpha) is the
// same sequence of correctly rounded operations in both engines, so positions can differ only where
// the batched engine freezes a leader (L2) and the generic engine re-rounds (z + alpha z) / (1 + alpha),
// an ulp or two of the leader, then averaged into its followers: a few ulps of the largest coordinate.
double position_bound(const tokens<double>& Z0) { return 64 * 0x1p-52 * std::max(1.0, Z0.cwiseAbs().maxCoeff()); }

// Steps the batched engine one layer at a time from Z0 and compares every layer with the generic
// double engine's trajectory: attention sets and leaders equal, positions within the bound; then one
// call of depth `depth` (leaders frozen across layers) against the generic engine's last layer.
void agrees_with_generic(const model<double>& m, const tokens<double>& Z0, index depth) {
  const trajectory<double> t = simulate(m, Z0, depth);
  const double bound = position_bound(Z0);
  tokens<double> Z = Z0;
  for (index k = 0; k <= depth; ++k) {
    CAPTURE(k);
    const attention_pattern C = batched_attention(m, Z);
    CHECK(C == t.attention[static_cast<std::size_t>(k)]);
    CHECK(leaders(Z, C) == leaders(t.layers[static_cast<std::size_t>(k)], t.attention[static_cast<std::size_t>(k)]));
    CHECK(max_abs_difference(Z, t.layers[static_cast<std::size_t>(k)]) <= bound);
    if (k == depth) break;
    std::vector<tokens<double>> batch{Z};
    simulate_batch(m, batch, 1, 1);
    Z = batch[0];
  }
  std::vector<tokens<double>> batch{Z0};
  simulate_batch(m, batch, depth, 1);
  CHECK(max_abs_difference(batch[0], t.layers.back()) <= bound);
}

}  // namespace

TEST_CASE("batched kernels: this CPU's ISAs, and the default is the best of them") {
  const std::vector<vector_isa> isas = available_isas();
  REQUIRE(!isas.empty());
  CHECK(isas.front() == vector_isa::sse2);
  CHECK(cpu_supports(vector_isa::sse2));
  const scoped_env unset("HARDMAX_ISA", nullptr);
  CHECK(batched_isa() == isas.back());
  MESSAGE("batched engine ISAs on this CPU: " << isas.size() << ", default " << std::string(isa_name(batched_isa())));
  for (vector_isa isa : isas) {
    const forced_isa f(isa);
    CHECK(batched_isa() == isa);
    CHECK(parse_isa(isa_name(isa)) == isa);
  }
  CHECK(batched_isa() == isas.back());  // reset_batched_isa restored the automatic choice
}

TEST_CASE("batched kernels: every ISA agrees with the generic double engine on random inputs") {
  for (vector_isa isa : available_isas()) {
    const forced_isa f(isa);
    CAPTURE(f.name);
    std::mt19937_64 rng(20261203);
    for (index d : {1, 2, 3, 8, 16}) {
      for (index n : {1, 2, 7, 33, 100}) {
        CAPTURE(d);
        CAPTURE(n);
        const model<double> m{random_spd(d, rng), 0.5, {}, {}, {}};
        agrees_with_generic(m, random_tokens(n, d, rng), 12);
      }
    }
    // A = I, alpha = 1 (the paper's usual choice of A) and a larger configuration.
    const model<double> identity{matrix<double>::Identity(16, 16), 1.0, {}, {}, {}};
    agrees_with_generic(identity, random_tokens(300, 16, rng), 8);
  }
}

TEST_CASE("batched kernels: every ISA decides exact ties as the generic engine does (integer lattice)") {
  for (vector_isa isa : available_isas()) {
    const forced_isa f(isa);
    CAPTURE(f.name);
    std::mt19937_64 rng(17);
    std::size_t tied_rows = 0;
    for (index d : {1, 2, 3, 5, 16}) {
      matrix<double> A = matrix<double>::Identity(d, d) * 2;  // integer, symmetric positive definite
      for (index r = 0; r + 1 < d; ++r) A(r, r + 1) = A(r + 1, r) = 1;
      for (index n : {2, 9, 40, 130}) {
        CAPTURE(d);
        CAPTURE(n);
        const model<double> m{A, 0.5, {}, {}, {}};
        const tokens<double> Z0 = lattice_tokens(n, d, rng);
        const trajectory<double> t = simulate(m, Z0, 1);
        // Layer 0: integer scores, so the sets are those of the exact scores in both engines.
        const attention_pattern C = batched_attention(m, Z0);
        CHECK(C == t.attention[0]);
        CHECK(leaders(Z0, C) == leaders(Z0, t.attention[0]));
        for (const auto& Ci : C) tied_rows += Ci.size() > 1 ? 1 : 0;
        // Layer 1: same sets, same rounded update; the leaders the generic engine re-rounds are
        // integers, (z + z/2) / (3/2) = z exactly, so the positions are equal bit for bit.
        std::vector<tokens<double>> batch{Z0};
        simulate_batch(m, batch, 1, 1);
        CHECK(batch[0] == t.layers[1]);
      }
    }
    CHECK(tied_rows > 100);  // the inputs do tie
  }
}

TEST_CASE("batched kernels: the ISAs agree with each other exactly on tied inputs, closely on random ones") {
  const std::vector<vector_isa> isas = available_isas();
  std::mt19937_64 rng(5);
  const model<double> m{random_spd(16, rng), 0.5, {}, {}, {}};
  const tokens<double> random = random_tokens(200, 16, rng), lattice = lattice_tokens(200, 16, rng);
  matrix<double> A_int = matrix<double>::Identity(16, 16);
  const model<double> m_int{A_int, 0.5, {}, {}, {}};
  std::vector<tokens<double>> first_random, first_lattice;
  for (vector_isa isa : isas) {
    const forced_isa f(isa);
    CAPTURE(f.name);
    std::vector<tokens<double>> a{random}, b{lattice};
    simulate_batch(m, a, 10, 1);
    simulate_batch(m_int, b, 1, 1);
    if (first_random.empty()) {
      first_random = a;
      first_lattice = b;
      continue;
    }
    CHECK(max_abs_difference(a[0], first_random[0]) <= position_bound(random));
    CHECK(b[0] == first_lattice[0]);
  }
}

TEST_CASE("batched kernels: leaders are frozen and rows counted the same in every ISA (L2)") {
  for (vector_isa isa : available_isas()) {
    const forced_isa f(isa);
    CAPTURE(f.name);
    // Random anchors (the first 8 tokens, far out) are leaders at layer 0; their rows are skipped after.
    std::mt19937_64 rng(3);
    const tokens<double> Z0 = random_tokens(64, 4, rng);
    const model<double> m{matrix<double>::Identity(4, 4), 0.5, {}, {}, {}};
    std::vector<tokens<double>> batch{Z0};
    const batch_report r = simulate_batch(m, batch, 10, 1);
    const trajectory<double> t = simulate(m, Z0, 0);
    for (index i : leaders(Z0, t.attention[0])) CHECK(batch[0].row(i) == Z0.row(i));
    CHECK(r.rows_computed + r.rows_skipped == 64 * 10);
    CHECK(r.rows_skipped >= leaders(Z0, t.attention[0]).size() * 9);
  }
}

TEST_CASE("batched kernels: one large configuration split across threads is bit-identical to one thread") {
  for (vector_isa isa : available_isas()) {
    const forced_isa f(isa);
    CAPTURE(f.name);
    std::mt19937_64 rng(11);
    const model<double> m{random_spd(8, rng), 0.5, {}, {}, {}};
    for (const tokens<double>& Z0 : {random_tokens(700, 8, rng), lattice_tokens(900, 8, rng)}) {
      std::vector<tokens<double>> one{Z0}, two{Z0}, three{Z0};
      const batch_report r1 = simulate_batch(m, one, 9, 1);
      const batch_report r2 = simulate_batch(m, two, 9, 2);   // fewer configurations than threads: rows split
      const batch_report r3 = simulate_batch(m, three, 9, 3);
      CHECK(one[0] == two[0]);
      CHECK(one[0] == three[0]);
      CHECK(r1.rows_computed == r2.rows_computed);
      CHECK(r1.rows_skipped == r3.rows_skipped);
      CHECK(one[0] != Z0);
    }
    // A batch with a large and a small configuration, on more threads than configurations.
    std::vector<tokens<double>> mixed{random_tokens(600, 8, rng), random_tokens(20, 8, rng)}, serial = mixed;
    simulate_batch(m, serial, 5, 1);
    simulate_batch(m, mixed, 5, 4);
    CHECK(mixed[0] == serial[0]);
    CHECK(mixed[1] == serial[1]);
  }
}

TEST_CASE("batched engine in the plane: the convex hull's exact attention, as the generic double engine's hull path") {
  std::mt19937_64 rng(21);
  const attention_rule<double> hull = [](const model<double>& m, const tokens<double>& Z) { return hull_attention(m.A, Z); };
  for (const index n : {5, 40, 300, 2000}) {
    CAPTURE(n);
    const model<double> m{random_spd(2, rng), 0.5, {}, {}, {}};
    const tokens<double> Z0 = random_tokens(n, 2, rng), lattice = lattice_tokens(n, 2, rng);
    const trajectory<double> t = simulate(m, Z0, 10, {}, {}, hull);
    std::vector<tokens<double>> batch{Z0}, one_layer{Z0};
    simulate_batch(m, batch, 10, 1);
    CHECK(max_abs_difference(batch[0], t.layers.back()) <= position_bound(Z0));
    simulate_batch(m, one_layer, 1, 1);
    CHECK(hull_attention(m.A, Z0) == t.attention[0]);
    // One layer: every token that is not a leader of Z^0 moves exactly as in the generic engine (the
    // leaders, frozen here, are re-rounded there by an ulp).
    const std::vector<index> L = leaders(Z0, t.attention[0]);
    for (index i = 0; i < n; ++i)
      if (!std::binary_search(L.begin(), L.end(), i)) CHECK(one_layer[0].row(i) == t.layers[1].row(i));
    // On the lattice every score is exact: the hull and the GEMM kernels decide alike.
    const model<double> integer{matrix<double>::Identity(2, 2), 0.5, {}, {}, {}};
    std::vector<tokens<double>> by_hull{lattice}, by_scores{lattice};
    simulate_batch(integer, by_hull, 6, 2);
    simulate_batch(integer, by_scores, 6, 2, planar_attention::scores);
    CHECK(by_hull[0] == by_scores[0]);
  }
}

TEST_CASE("batched kernels: an unknown ISA, or one the CPU lacks, is an error") {
  const scoped_env unset("HARDMAX_ISA", nullptr);
  CHECK_THROWS_AS(parse_isa("avx1024"), std::invalid_argument);
  CHECK_THROWS_AS(force_batched_isa("neon"), std::invalid_argument);
  const model<double> m{matrix<double>::Identity(2, 2), 0.5, {}, {}, {}};
  std::vector<tokens<double>> batch{tokens<double>::Zero(3, 2)};
  {
    const scoped_env bogus("HARDMAX_ISA", "avx9");
    CHECK_THROWS_AS(batched_isa(), std::invalid_argument);
    CHECK_THROWS_AS(simulate_batch(m, batch, 1), std::invalid_argument);
  }
  {
    const scoped_env sse2("HARDMAX_ISA", "sse2");
    CHECK(batched_isa() == vector_isa::sse2);
    CHECK_NOTHROW(simulate_batch(m, batch, 1));
  }
  if (!cpu_supports(vector_isa::avx2)) {
    CHECK_THROWS_AS(force_batched_isa(vector_isa::avx2), std::invalid_argument);
  }
  {
    // On a CPU without AVX2 and FMA (simulated here): forcing avx2, or asking for it through the
    // environment, throws; the automatic choice is sse2.
    const cpu_limited baseline(vector_isa::sse2);
    CHECK(!cpu_supports(vector_isa::avx2));
    CHECK(available_isas() == std::vector<vector_isa>{vector_isa::sse2});
    CHECK(batched_isa() == vector_isa::sse2);
    CHECK_THROWS_AS(force_batched_isa(vector_isa::avx2), std::invalid_argument);
    CHECK_THROWS_AS(force_batched_isa("avx2"), std::invalid_argument);
    CHECK(batched_isa() == vector_isa::sse2);  // the failed force changed nothing
    const scoped_env avx2("HARDMAX_ISA", "avx2");
    CHECK_THROWS_AS(simulate_batch(m, batch, 1), std::invalid_argument);
    CHECK_THROWS_AS(batched_attention(m, batch[0]), std::invalid_argument);
  }
  if (cpu_supports(vector_isa::avx2)) {
    // On a CPU with AVX2 and FMA but without AVX-512F (simulated): avx2 is the default, avx512 an error.
    const cpu_limited no_avx512(vector_isa::avx2);
    CHECK(!cpu_supports(vector_isa::avx512));
    CHECK(available_isas() == std::vector<vector_isa>{vector_isa::sse2, vector_isa::avx2});
    CHECK(batched_isa() == vector_isa::avx2);
    CHECK_THROWS_AS(force_batched_isa(vector_isa::avx512), std::invalid_argument);
    CHECK_THROWS_WITH_AS(force_batched_isa("avx512"), doctest::Contains("AVX-512F"), std::invalid_argument);
    const scoped_env avx512("HARDMAX_ISA", "avx512");
    CHECK_THROWS_AS(simulate_batch(m, batch, 1), std::invalid_argument);
  }
  CHECK(batched_isa() == available_isas().back());
}

TEST_CASE("batched kernels: a configuration outside A's dimension is refused") {
  const model<double> m{matrix<double>::Identity(2, 2), 0.5, {}, {}, {}};
  std::vector<tokens<double>> batch{tokens<double>::Zero(3, 3)};
  CHECK_THROWS_AS(simulate_batch(m, batch, 1), std::invalid_argument);
  CHECK_THROWS_AS(batched_attention(m, batch[0]), std::invalid_argument);
}

}  // namespace hardmax
