// L1 (leader existence): L(Z) is never empty; every token of maximal A-norm is a leader; every leader
// is a vertex of conv(Z) exposed by the direction A z_i.
//
// Evidence for a leader i: its margin s_ii - s_ij against every token j that is not a copy of z_i.
// All margins positive means <A z_i, .> is maximised over Z exactly at the copies of z_i: i is a
// leader (D1) and z_i is the vertex that direction exposes.
#pragma once

#include "numerics/attention.hpp"
#include "theory/a_norm.hpp"
#include "theory/leaders.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>
#include <vector>

namespace hardmax {

struct leader_margin {
  index other;
  rational margin;  // s_ii - s_ij
};

struct leader_evidence {
  index token;
  std::vector<leader_margin> margins;  // against every non-copy, increasing `other`
};

struct leader_existence {
  bool holds = true;
  std::vector<index> leaders;       // as reported by the code under test
  std::vector<index> d1_leaders;    // D1 decided here from the exact scores
  index max_norm_token = 0;         // first token of maximal A-norm
  rational max_norm_squared;
  std::vector<leader_evidence> evidence;
  std::string witness;              // why it fails
};

inline leader_existence check_leader_existence(const matrix<rational>& A, const tokens<rational>& Z,
                                               const std::vector<index>& reported_leaders) {
  leader_existence r;
  r.leaders = reported_leaders;
  r.d1_leaders = leaders(Z, attention(A, Z));
  std::vector<rational> norms;
  for (index i = 0; i < Z.rows(); ++i) norms.push_back(a_norm_squared(A, row(Z, i)));
  r.max_norm_squared = *std::max_element(norms.begin(), norms.end());
  r.max_norm_token = std::find(norms.begin(), norms.end(), r.max_norm_squared) - norms.begin();
  const auto fail = [&r](std::string why) {
    if (r.holds) r.witness = std::move(why);
    r.holds = false;
  };
  if (r.leaders.empty()) fail("no leader: L(Z) is empty");
  if (r.leaders != r.d1_leaders)
    fail(fmt::format("reported leaders {{{}}} differ from D1's {{{}}}", fmt::join(r.leaders, ", "), fmt::join(r.d1_leaders, ", ")));
  for (index i = 0; i < Z.rows(); ++i)
    if (norms[static_cast<std::size_t>(i)] == r.max_norm_squared &&
        !std::binary_search(r.leaders.begin(), r.leaders.end(), i))
      fail(fmt::format("token {} has maximal A-norm but is not reported as a leader", i));
  for (index i : r.leaders) {
    leader_evidence e{i, {}};
    const rational s_ii = norms[static_cast<std::size_t>(i)];
    for (index j = 0; j < Z.rows(); ++j) {
      if (same_point(Z, i, j)) continue;
      e.margins.push_back({j, s_ii - a_inner(A, row(Z, i), row(Z, j))});
      if (e.margins.back().margin <= 0)
        fail(fmt::format("leader {} does not strictly prefer itself to token {}: s_ii - s_ij = {}", i, j,
                         to_string(e.margins.back().margin)));
    }
    r.evidence.push_back(std::move(e));
  }
  return r;
}

}  // namespace hardmax
