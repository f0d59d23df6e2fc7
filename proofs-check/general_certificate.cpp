#include "proofs-check/general_certificate.hpp"

#include "numerics/attention.hpp"
#include "numerics/layer.hpp"
#include "proofs-check/leading_term.hpp"
#include "proofs-check/recurrence_order.hpp"
#include "theory/a_norm.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace hardmax {
namespace {

using class_set = boost::dynamic_bitset<>;

struct tie_condition {
  index i, c, other;  // classes: i attends to c and other
  std::size_t tracker;
  index order = -1;   // the recurrence order, once the tracker is complete
};

struct preference_condition {
  index i, c, j;      // classes: i prefers c to j
  rational limit;     // f(inf)
  bool by_tail = true;  // f(inf) > 0; else f(inf) = 0 and the leading term decides
  bool cyclic = false;  // f(inf) = 0 on tokens that attend in a cycle: undecided
  rational norm_i, gap; // ||z*_i||_max and ||z*_c - z*_j||_max
  exponential_polynomial f;  // leading term: the basis, then the fitted coefficients
  std::vector<rational> samples;
  index decided_from = -1;   // layers K + m with m >= decided_from need no check
};

rational max_abs(const tokens<rational>& X, index i, const tokens<rational>& Y, index j) {
  rational best = 0;
  for (index c = 0; c < X.cols(); ++c) best = std::max(best, rational(abs(X(i, c) - Y(j, c))));
  return best;
}

// <q_i, w_c - w_j> with q = A w, rows of token representatives.
rational score_gap(const tokens<rational>& Q, const tokens<rational>& W, index i, index c, index j) {
  rational s = 0;
  for (index r = 0; r < W.cols(); ++r) s += Q(i, r) * (W(c, r) - W(j, r));
  return s;
}

std::optional<index> first_difference(const attention_pattern& a, const attention_pattern& b) {
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return static_cast<index>(i);
  return std::nullopt;
}

class general_check {
 public:
  general_check(const model<rational>& m, const tokens<rational>& Z, index K, const attention_pattern& C,
                const general_options& options)
      : m_(m), Z_(Z), K_(K), C_(C), options_(options) {
    for (index r = 0; r < m.A.rows(); ++r)
      for (index c = 0; c < m.A.cols(); ++c) size_of_A_ += abs(m.A(r, c));
  }

  general_certificate run();

 private:
  const pattern_chain& chain() const { return *r_.chain; }
  index rep(index a) const { return chain().representative(a); }
  const tokens<rational>& layer(index m) const { return m == 0 ? Z_ : r_.lookahead[static_cast<std::size_t>(m - 1)]; }
  void compute_layer(index m);
  bool enumerate_conditions();
  bool check_layer(index m);
  void update(index m);
  bool settled(index m) const;
  void fail(certificate_failure f) { r_.failure = std::move(f); }
  void observe_change(index from);
  std::string where(index m) const { return fmt::format("layer {}", K_ + m); }

  const model<rational>& m_;
  const tokens<rational>& Z_;
  index K_;
  const attention_pattern& C_;
  const general_options& options_;
  general_certificate r_;
  tokens<rational> Q_;  // A z of layer K + m, one row per token
  std::vector<krylov_dimension> trackers_;
  std::vector<tie_condition> ties_;
  std::vector<preference_condition> preferences_;
  class_set moving_;  // transient classes not at their limit at layer K
  rational size_of_A_ = 0;  // sum |A_rs|: |<A x, y>| <= size_of_A_ ||x||_max ||y||_max
};

void general_check::compute_layer(index m) {
  tokens<rational> next = advance(m_, layer(m - 1), C_);
  if (options_.on_layer) options_.on_layer(K_ + m, next, r_.lookahead.size() + 2);
  r_.lookahead.push_back(std::move(next));
}

// Sorts every non-leader row's conditions into static ones (nothing they depend on moves: f is
// constant, and it holds at layer K), ties, and preferences by tail bound or leading term; fails when
// the limit already shows that the pattern must change.
bool general_check::enumerate_conditions() {
  const pattern_chain& ch = chain();
  const index n = ch.class_count();
  const tokens<rational> Qstar = queries(m_.A, r_.limit);
  moving_.resize(static_cast<std::size_t>(n));
  for (index a = 0; a < n; ++a)
    if (!ch.leader_class[static_cast<std::size_t>(a)] && Z_.row(rep(a)) != r_.limit.row(rep(a))) moving_.set(static_cast<std::size_t>(a));
  std::map<class_set, std::size_t> tracker_of;
  const auto tracker_for = [&](const class_set& s) {
    auto [it, fresh] = tracker_of.try_emplace(s, trackers_.size());
    if (fresh) trackers_.emplace_back(s);
    return it->second;
  };
  for (index a = 0; a < n; ++a) {
    if (ch.leader_class[static_cast<std::size_t>(a)]) {
      ++r_.leader_rows;
      continue;
    }
    const std::vector<index> attended = ch.attended_classes(a);
    const index c = attended.front();
    for (std::size_t k = 1; k < attended.size(); ++k) {
      const index other = attended[k];
      ++r_.ties;
      const rational at_limit = score_gap(Qstar, r_.limit, rep(a), rep(c), rep(other));
      if (at_limit != 0) {
        fail({"limit-tie", rep(a), rep(c), rep(other),
              fmt::format("token {} ties between tokens {} and {} at layer {}, but not in the limit "
                          "(<A z*_i, z*_c - z*_c'> = {}): the tie breaks, so the pattern changes after layer {}",
                          rep(a), rep(c), rep(other), K_, to_string(at_limit), K_), std::nullopt});
        return false;
      }
      const class_set depends = depends_on(ch, a, c, other);
      if (!depends.intersects(moving_)) {
        ++r_.ties_static;
        continue;
      }
      ties_.push_back({a, c, other, tracker_for(depends)});
    }
    for (index j = 0; j < n; ++j) {
      if (std::binary_search(attended.begin(), attended.end(), j)) continue;
      ++r_.preferences;
      preference_condition p;
      p.i = a, p.c = c, p.j = j;
      p.limit = score_gap(Qstar, r_.limit, rep(a), rep(c), rep(j));
      if (p.limit < 0) {
        fail({"limit-preference", rep(a), rep(c), rep(j),
              fmt::format("token {} prefers token {} to token {} at layer {}, but in the limit it prefers token {} "
                          "(<A z*_i, z*_c - z*_j> = {}): the pattern changes after layer {}",
                          rep(a), rep(c), rep(j), K_, rep(j), to_string(p.limit), K_), std::nullopt});
        return false;
      }
      const class_set depends = depends_on(ch, a, c, j);
      if (!depends.intersects(moving_)) {
        ++r_.preferences_static;
        continue;
      }
      if (p.limit > 0) {
        p.norm_i = max_abs(r_.limit, rep(a), tokens<rational>::Zero(1, Z_.cols()), 0);
        p.gap = max_abs(r_.limit, rep(c), r_.limit, rep(j));
      } else {
        p.by_tail = false;
        std::vector<rational> diagonal;
        for (const auto& component : ch.components) {
          if (!depends.test(static_cast<std::size_t>(component.front()))) continue;
          if (component.size() > 1) p.cyclic = true;
          for (index b : component) diagonal.push_back(ch.self_weight(b));
        }
        if (!p.cyclic) p.f = score_basis(diagonal);
      }
      preferences_.push_back(std::move(p));
    }
  }
  return true;
}

// The open conditions at layer K + m (m >= 1); false, with the failure, when one does not hold: the
// pattern changes at that layer, the layers before it having pattern C.
bool general_check::check_layer(index m) {
  const tokens<rational>& W = layer(m);
  for (const tie_condition& t : ties_) {
    if (t.order >= 0 && m >= t.order) continue;
    const rational gap = score_gap(Q_, W, rep(t.i), rep(t.c), rep(t.other));
    if (gap != 0) {
      fail({"pattern", rep(t.i), rep(t.c), rep(t.other),
            fmt::format("the pattern changes at {}: token {}'s tie between tokens {} and {} breaks there (s_ic - s_ic' = {})",
                        where(m), rep(t.i), rep(t.c), rep(t.other), to_string(gap)),
            K_ + m});
      return false;
    }
  }
  for (const preference_condition& p : preferences_) {
    if (p.decided_from >= 0 && m >= p.decided_from) continue;
    const rational gap = score_gap(Q_, W, rep(p.i), rep(p.c), rep(p.j));
    if (gap <= 0) {
      fail({"pattern", rep(p.i), rep(p.c), rep(p.j),
            fmt::format("the pattern changes at {}: token {} no longer prefers token {} to token {} there (s_ic - s_ij = {})",
                        where(m), rep(p.i), rep(p.c), rep(p.j), to_string(gap)),
            K_ + m});
      return false;
    }
  }
  return true;
}

// What layer K + m teaches: Krylov dimensions, deviations for the tail bound, samples for the fits.
void general_check::update(index m) {
  const pattern_chain& ch = chain();
  const tokens<rational>& W = layer(m);
  for (krylov_dimension& t : trackers_) t.add_layer(ch, W, r_.limit);
  for (tie_condition& t : ties_)
    if (t.order < 0 && trackers_[t.tracker].complete()) {
      t.order = options_.rules.tie_order(trackers_[t.tracker].dimension());
      r_.longest_tie_order = std::max(r_.longest_tie_order, t.order);
    }
  // dev_a = max over the classes a reaches of ||z_b - z*_b||_max (components come sinks first).
  std::vector<rational> dev(static_cast<std::size_t>(ch.class_count()), rational(0));
  rational deviation = 0;
  for (const auto& component : ch.components) {
    rational d = 0;
    for (index a : component) {
      d = std::max(d, max_abs(W, rep(a), r_.limit, rep(a)));
      for (const auto& [b, w] : ch.rows[static_cast<std::size_t>(a)]) d = std::max(d, dev[static_cast<std::size_t>(b)]);
    }
    for (index a : component) dev[static_cast<std::size_t>(a)] = d;
    deviation = std::max(deviation, d);
  }
  for (preference_condition& p : preferences_) {
    if (p.decided_from >= 0) continue;
    if (p.by_tail) {
      const rational& di = dev[static_cast<std::size_t>(p.i)];
      const rational bound = options_.rules.tail_bound(
          preference_tail_bound(size_of_A_, p.norm_i, p.gap, di, dev[static_cast<std::size_t>(p.c)], dev[static_cast<std::size_t>(p.j)]));
      if (bound < p.limit) {
        p.decided_from = m;
        ++r_.preferences_by_tail;
        r_.tail_decisions.push_back({rep(p.i), rep(p.c), rep(p.j), K_ + m, p.limit, bound});
        if (m > r_.tail.start || r_.preferences_by_tail == 1) {
          r_.tail.start = std::max(r_.tail.start, m);
          r_.tail.deviation_at_start = deviation;
        }
      }
      continue;
    }
    if (p.cyclic) continue;
    p.samples.push_back(score_gap(Q_, W, rep(p.i), rep(p.c), rep(p.j)));
    if (p.samples.size() <= p.f.size()) continue;  // one sample more than the basis: fit, then verify
    p.f = fit(p.f, p.samples);
    const auto constant = std::find_if(p.f.begin(), p.f.end(), [](const exponential_term& e) { return e.nu == 1; });
    if (constant == p.f.end() || constant->coefficient != p.limit)
      throw std::logic_error("general certificate: the fitted constant term is not f(inf)");
    if (evaluate(p.f, m) != p.samples.back())
      throw std::logic_error(fmt::format("general certificate: the exponential polynomial of token {}'s preference does "
                                         "not reproduce layer {}", rep(p.i), K_ + m));
    const std::optional<exponential_term> lead = leading(p.f);
    if (!lead || options_.rules.leading_sign(lead->coefficient) == 0)
      throw std::logic_error("general certificate: a preference with f(0) > 0 has no leading term");
    if (options_.rules.leading_sign(lead->coefficient) < 0) {
      fail({"leading-term", rep(p.i), rep(p.c), rep(p.j),
            fmt::format("token {}'s preference for token {} over token {} tends to 0 from below: its leading term is {}, "
                        "so token {} overtakes token {} and the pattern changes after layer {}",
                        rep(p.i), rep(p.c), rep(p.j), to_string(*lead), rep(p.j), rep(p.c), K_), std::nullopt});
      return;
    }
    // The closed form is checked at every layer before the dominance: cap it at ten lookaheads.
    const index cap = 10 * options_.max_lookahead;
    const leading_term_decision decision = decide_leading_term(p.f, *lead, m, cap);
    if (!decision.dominant_from) {
      fail({"lookahead", rep(p.i), rep(p.c), rep(p.j),
            fmt::format("undecided at layer {}: token {}'s preference for token {} over token {} has the positive leading "
                        "term {}, but it dominates the others only beyond layer {} (ten times --max-lookahead)", K_,
                        rep(p.i), rep(p.c), rep(p.j), to_string(*lead), K_ + cap), std::nullopt});
      return;
    }
    if (decision.not_positive_at) {
      fail({"leading-term", rep(p.i), rep(p.c), rep(p.j),
            fmt::format("token {}'s preference for token {} over token {} ({}) is <= 0 at layer {} of the constant "
                        "pattern: the pattern changes after layer {}",
                        rep(p.i), rep(p.c), rep(p.j), to_string(*lead), K_ + *decision.not_positive_at, K_), std::nullopt});
      return;
    }
    const index* from = &*decision.dominant_from;
    p.decided_from = m + 1;
    ++r_.preferences_by_leading_term;
    r_.latest_dominance = std::max(r_.latest_dominance, *from);
    if (r_.leading_terms.size() < 8)
      r_.leading_terms.push_back(fmt::format("token {} over token {} against token {}: {}, dominant from layer {}", rep(p.i),
                                             rep(p.c), rep(p.j), to_string(*lead), K_ + *from));
  }
}

// Every condition is proved for all layers after K + m.
bool general_check::settled(index m) const {
  for (const tie_condition& t : ties_)
    if (t.order < 0 || m + 1 < t.order) return false;
  for (const preference_condition& p : preferences_)
    if (p.decided_from < 0 || p.decided_from > m + 1) return false;
  return true;
}

// After a failure that proves a change (from the limit), finds the layer where it happens, within
// the lookahead budget, so that find_limit can skip the layers in between.
void general_check::observe_change(index from) {
  for (index m = from + 1; m <= options_.max_lookahead; ++m) {
    compute_layer(m);
    if (const auto i = first_difference(attention(m_.A, layer(m)), C_)) {
      r_.failure->changes_at = K_ + m;
      r_.failure->description += fmt::format(" (it does at layer {}, token {})", K_ + m, *i);
      return;
    }
    r_.constant_through = m;
  }
}

general_certificate general_check::run() {
  // Most layers before K* see their pattern change at the next layer: decide that first.
  compute_layer(1);
  if (const auto i = first_difference(attention(m_.A, layer(1)), C_)) {
    fail({"pattern", *i, C_[static_cast<std::size_t>(*i)].front(), std::nullopt,
          fmt::format("the pattern changes at layer {}: token {} attends to {{{}}} there, to {{{}}} at layer {}", K_ + 1, *i,
                      fmt::join(attention(m_.A, layer(1))[static_cast<std::size_t>(*i)], ", "),
                      fmt::join(C_[static_cast<std::size_t>(*i)], ", "), K_),
          K_ + 1});
    return std::move(r_);
  }
  r_.constant_through = 1;
  r_.chain = chain_of(m_.alpha, Z_, C_);
  r_.weights = absorb(*r_.chain);
  r_.limit = r_.weights->limit(*r_.chain, Z_);
  if (!enumerate_conditions()) {
    observe_change(1);
    return std::move(r_);
  }
  const auto [q, rho] = contracting_power(chain());
  r_.tail.contracting_power = q;
  r_.tail.contraction = rho;
  for (index m = 0;; ++m) {
    if (m > 1) compute_layer(m);
    Q_ = queries(m_.A, layer(m));
    if (m > 0 && !check_layer(m)) {
      r_.layers_checked = m;
      r_.constant_through = m - 1;
      return std::move(r_);
    }
    r_.constant_through = m;
    update(m);
    r_.layers_checked = m + 1;
    if (r_.failure) {
      if (r_.failure->proves_change()) observe_change(m);
      return std::move(r_);
    }
    if (settled(m)) {
      r_.holds = true;
      return std::move(r_);
    }
    const auto open_cyclic = std::find_if(preferences_.begin(), preferences_.end(), [](const preference_condition& p) {
      return p.cyclic;
    });
    const bool only_cyclic_open = open_cyclic != preferences_.end() && [&] {
      for (const tie_condition& t : ties_)
        if (t.order < 0 || m + 1 < t.order) return false;
      return std::all_of(preferences_.begin(), preferences_.end(), [m](const preference_condition& p) {
        return p.cyclic || (p.decided_from >= 0 && p.decided_from <= m + 1);
      });
    }();
    if (only_cyclic_open) {
      std::vector<index> cycle;
      for (const auto& component : chain().components)
        if (component.size() > 1 && chain().reach[static_cast<std::size_t>(open_cyclic->i)].test(static_cast<std::size_t>(component.front())))
          for (index b : component) cycle.push_back(rep(b));
      fail({"irrational", rep(open_cyclic->i), rep(open_cyclic->c), rep(open_cyclic->j),
            fmt::format("undecided at layer {}: token {}'s preference for token {} over token {} tends to 0, and the "
                        "tokens it depends on include {{{}}}, which attend to one another in a cycle, so T's eigenvalues "
                        "there need not be rational and the sign of the leading term was not decided (checked exactly "
                        "for {} layers, the pattern unchanged)",
                        K_, rep(open_cyclic->i), rep(open_cyclic->c), rep(open_cyclic->j), fmt::join(cycle, ", "), m + 1), std::nullopt});
      return std::move(r_);
    }
    if (m >= options_.max_lookahead) {
      std::size_t open = 0;
      std::string example;
      for (const tie_condition& t : ties_)
        if (t.order < 0 || m + 1 < t.order) {
          if (open++ == 0)
            example = fmt::format("token {}'s tie between tokens {} and {} (recurrence order {})", rep(t.i), rep(t.c),
                                  rep(t.other), t.order < 0 ? std::string("not yet known") : std::to_string(t.order));
        }
      for (const preference_condition& p : preferences_)
        if (p.decided_from < 0 || p.decided_from > m + 1) {
          if (open++ == 0)
            example = fmt::format("token {}'s preference for token {} over token {} (f(inf) = {})", rep(p.i), rep(p.c),
                                  rep(p.j), to_string(p.limit));
        }
      fail({"lookahead", 0, 0, std::nullopt,
            fmt::format("undecided at layer {}: after {} layers checked exactly (the pattern unchanged), {} conditions are "
                        "still open, the first being {} (raise --max-lookahead)",
                        K_, m + 1, open, example), std::nullopt});
      return std::move(r_);
    }
  }
}

}  // namespace

general_certificate certify_general(const model<rational>& m, const tokens<rational>& Z, index K,
                                    const attention_pattern& C, const general_options& options) {
  return general_check(m, Z, K, C, options).run();
}

}  // namespace hardmax
