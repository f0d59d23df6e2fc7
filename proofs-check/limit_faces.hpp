// L5 as restated (THEORY.md): every limit point z*_i is a leader's position, or a convex combination
// of leaders lying on one common face of the leaders' polytope conv(L(Z^{K*})).
//
// The weights are T^inf's (absorption.hpp). The face checked is the one exposed by A z*_i (all of
// conv(L) when A z*_i = 0, a token held at a symmetric centre at the origin): under a constant
// pattern every attended token's limit maximises <A z*_i, .> over the limits, so the support of i's
// weights lies on that face (docs/THEOREMS.md). That is a stronger statement than L5's "one common
// face", so a support off it is reported undecided, never as a failure of L5.
#pragma once

#include "proofs-check/absorption.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hardmax {

struct limit_point {
  index token = 0;
  bool at_leader = false;                            // z*_i is a leader's position
  std::vector<std::pair<index, rational>> weights;   // (first token of a leader class, weight > 0)
  std::vector<index> face;       // leaders (first of each class) on the face exposed by A z*_i
  bool whole_polytope = false;   // A z*_i = 0: the face is conv(L) itself
};

struct limit_faces {
  bool convex = true;                   // every row of weights is a convex combination reproducing z*_i
  std::optional<std::string> witness;   // the first row that is not (a failure of the limit computation)
  std::optional<std::string> off_face;  // the first support off its exposed face (undecided)
  std::vector<limit_point> points;      // one per token

  bool holds() const { return convex && !off_face; }
};

limit_faces check_limit_faces(const matrix<rational>& A, const tokens<rational>& Z, const pattern_chain& chain,
                              const absorption& weights, const tokens<rational>& limit);

}  // namespace hardmax
