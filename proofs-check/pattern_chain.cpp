#include "proofs-check/pattern_chain.hpp"

#include "theory/leaders.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace hardmax {

std::vector<index> pattern_chain::attended_classes(index a) const {
  std::vector<index> out;
  for (index j : attended(a)) out.push_back(classes.class_of[static_cast<std::size_t>(j)]);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

rational pattern_chain::self_weight(index a) const {
  for (const auto& [b, w] : rows[static_cast<std::size_t>(a)])
    if (b == a) return w;
  return 0;
}

std::vector<index> pattern_chain::leader_classes() const {
  std::vector<index> out;
  for (index a = 0; a < class_count(); ++a)
    if (leader_class[static_cast<std::size_t>(a)]) out.push_back(a);
  return out;
}

std::vector<index> pattern_chain::transient_classes() const {
  std::vector<index> out;
  for (index a = 0; a < class_count(); ++a)
    if (!leader_class[static_cast<std::size_t>(a)]) out.push_back(a);
  return out;
}

namespace {

// Strongly connected components of the transient graph, ordered so that a component comes after
// every component it reaches (Tarjan's order, which Boost's strong_components follows; checked).
std::vector<std::vector<index>> transient_components(const pattern_chain& ch) {
  using graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  const std::vector<index> transient = ch.transient_classes();
  std::vector<index> vertex_of(static_cast<std::size_t>(ch.class_count()), -1);
  for (std::size_t v = 0; v < transient.size(); ++v) vertex_of[static_cast<std::size_t>(transient[v])] = static_cast<index>(v);
  graph g(transient.size());
  for (std::size_t v = 0; v < transient.size(); ++v)
    for (const auto& [b, w] : ch.rows[static_cast<std::size_t>(transient[v])])
      if (b != transient[v] && !ch.leader_class[static_cast<std::size_t>(b)])
        boost::add_edge(v, static_cast<std::size_t>(vertex_of[static_cast<std::size_t>(b)]), g);
  std::vector<int> component(transient.size());
  const int count = transient.empty() ? 0 : boost::strong_components(g, component.data());
  std::vector<std::vector<index>> out(static_cast<std::size_t>(count));
  for (std::size_t v = 0; v < transient.size(); ++v) out[static_cast<std::size_t>(component[v])].push_back(transient[v]);
  // Every edge must point to the same or an earlier component.
  for (std::size_t v = 0; v < transient.size(); ++v)
    for (auto [e, end] = boost::out_edges(v, g); e != end; ++e)
      if (component[boost::target(*e, g)] > component[v])
        throw std::logic_error("pattern_chain: strongly connected components are not in reverse topological order");
  return out;
}

}  // namespace

pattern_chain chain_of(const rational& alpha, const tokens<rational>& Z, const attention_pattern& C) {
  pattern_chain ch;
  ch.pattern = C;
  ch.classes = exact_copies(Z);
  const index n_classes = ch.class_count();
  for (index a = 0; a < n_classes; ++a) {
    const index i = ch.representative(a);
    ch.leader_class.push_back(is_leader(Z, C, i));
    std::map<index, long> count;  // class -> members of C_i in it
    for (index j : C[static_cast<std::size_t>(i)]) ++count[ch.classes.class_of[static_cast<std::size_t>(j)]];
    count.try_emplace(a, 0);
    const rational size(static_cast<long>(C[static_cast<std::size_t>(i)].size()));
    std::vector<std::pair<index, rational>> row;
    for (const auto& [b, k] : count) row.emplace_back(b, ((b == a ? rational(1) : rational(0)) + alpha * k / size) / (1 + alpha));
    ch.rows.push_back(std::move(row));
  }
  ch.components = transient_components(ch);
  ch.reach.assign(static_cast<std::size_t>(n_classes), boost::dynamic_bitset<>(static_cast<std::size_t>(n_classes)));
  for (const auto& component : ch.components) {  // sinks first: successors are complete
    boost::dynamic_bitset<> r(static_cast<std::size_t>(n_classes));
    for (index a : component) {
      r.set(static_cast<std::size_t>(a));
      for (const auto& [b, w] : ch.rows[static_cast<std::size_t>(a)])
        if (!ch.leader_class[static_cast<std::size_t>(b)]) r |= ch.reach[static_cast<std::size_t>(b)];
    }
    for (index a : component) ch.reach[static_cast<std::size_t>(a)] = r;
  }
  return ch;
}

std::pair<index, rational> contracting_power(const pattern_chain& ch) {
  const std::vector<index> transient = ch.transient_classes();
  if (transient.empty()) return {0, rational(0)};
  std::vector<rational> s(static_cast<std::size_t>(ch.class_count()), rational(0));
  for (index a : transient) s[static_cast<std::size_t>(a)] = 1;
  for (index q = 1;; ++q) {
    std::vector<rational> next(s.size(), rational(0));
    rational largest = 0;
    for (index a : transient) {
      for (const auto& [b, w] : ch.rows[static_cast<std::size_t>(a)]) next[static_cast<std::size_t>(a)] += w * s[static_cast<std::size_t>(b)];
      largest = std::max(largest, next[static_cast<std::size_t>(a)]);
    }
    s = std::move(next);
    if (largest < 1) return {q, largest};
    // Every transient class reaches a leader class within as many steps as there are classes.
    if (q > ch.class_count()) throw std::logic_error("contracting_power: no contracting power of E, against L6");
  }
}

}  // namespace hardmax
