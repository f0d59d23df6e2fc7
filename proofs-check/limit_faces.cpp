#include "proofs-check/limit_faces.hpp"

#include "io/point_text.hpp"
#include "theory/a_norm.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace hardmax {

limit_faces check_limit_faces(const matrix<rational>& A, const tokens<rational>& Z, const pattern_chain& chain,
                              const absorption& weights, const tokens<rational>& limit) {
  limit_faces r;
  const std::vector<index>& leaders = weights.leader_classes;
  for (index i = 0; i < Z.rows(); ++i) {
    const index a = chain.classes.class_of[static_cast<std::size_t>(i)];
    limit_point p;
    p.token = i;
    rational total = 0;
    point combination = point::Zero(Z.cols());
    for (std::size_t l = 0; l < leaders.size(); ++l) {
      const rational& w = weights.weights(a, static_cast<index>(l));
      if (w == 0) continue;
      const index leader = chain.representative(leaders[l]);
      p.weights.emplace_back(leader, w);
      total += w;
      combination += w * Z.row(leader);
      if (w < 0 && r.convex) {
        r.convex = false;
        r.witness = fmt::format("token {}: negative weight {} on leader {}", i, to_string(w), leader);
      }
    }
    if (r.convex && (total != 1 || combination != point(limit.row(i)))) {
      r.convex = false;
      r.witness = fmt::format("token {}: its weights sum to {} and give {}, not its limit {}", i, to_string(total),
                              point_text(combination, 0), point_text(limit, i));
    }
    p.at_leader = p.weights.size() == 1 && p.weights.front().second == 1;
    // The face of conv(L) exposed by A z*_i: the leaders maximising <A z*_i, .>.
    const point direction = row(limit, i);
    std::optional<rational> top;
    for (index l : leaders) {
      const rational s = a_inner(A, direction, row(Z, chain.representative(l)));
      if (!top || s > *top) top = s;
    }
    for (index l : leaders)
      if (a_inner(A, direction, row(Z, chain.representative(l))) == *top) p.face.push_back(chain.representative(l));
    p.whole_polytope = p.face.size() == leaders.size();
    for (const auto& [leader, w] : p.weights)
      if (!std::binary_search(p.face.begin(), p.face.end(), leader) && !r.off_face)
        r.off_face = fmt::format("token {}'s limit {} puts weight {} on leader {}, which is not on the face {{{}}} of "
                                 "conv(L) exposed by A z*_i; whether another face of conv(L) holds its weights was not "
                                 "decided",
                                 i, point_text(limit, i), to_string(w), leader, fmt::join(p.face, ", "));
    r.points.push_back(std::move(p));
  }
  return r;
}

}  // namespace hardmax
