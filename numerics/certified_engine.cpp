#include "numerics/certified_engine.hpp"

#include "numerics/copy_classes.hpp"
#include "numerics/rounding_bounds.hpp"
#include "numerics/leaders.hpp"  // D1, decided on the exact layer

#include <algorithm>
#include <cmath>

namespace hardmax {
namespace {

double max_magnitude(const tokens<double>& Z) { return Z.size() ? Z.cwiseAbs().maxCoeff() : 0.0; }

}  // namespace

double row_sum_norm(const matrix<rational>& A) {
  rational best = 0;
  for (index r = 0; r < A.rows(); ++r) {
    rational s = 0;
    for (index c = 0; c < A.cols(); ++c) s += abs(A(r, c));
    best = std::max(best, s);
  }
  const double a = nearest_double(best);
  return rational(a) >= best ? a : std::nextafter(a, INFINITY);
}

namespace {

// The exact layer reached by replaying the patterns decided since `anchor` (M4, rationals).
tokens<rational> replay(const model<rational>& m, tokens<rational> Z, const std::vector<attention_pattern>& patterns) {
  for (const attention_pattern& C : patterns) Z = advance(m, Z, C);
  return Z;
}

tokens<double> rounded(const tokens<rational>& Z) {
  return convert_matrix<double>(Z, [](const rational& q) { return nearest_double(q); });
}

// The whole state of a run: the double layer, its error bound, and the exact anchor to replay from.
class certified_state {
 public:
  certified_state(const problem& p, double margin)
      : margin_(margin),
        exact_model_(model_of<rational>(p)),
        model_(model_of<double>(p)),
        copies_(exact_copies(p.Z0)),
        a_(row_sum_norm(p.A)),
        anchor_(p.Z0),
        Z_(initial_tokens<double>(p)),
        E_(rounding::representation_error(max_magnitude(Z_))) {}

  const tokens<double>& layer() const { return Z_; }
  double error_bound() const { return E_; }

  // The margin a double decision needs on this layer: twice the largest score error (Lemma 2).
  double decision_gap() const {
    return margin_ * 2 * rounding::score_error(static_cast<double>(Z_.cols()), a_, max_magnitude(Z_), E_) *
           rounding::evaluation_margin;
  }

  struct decision {
    attention_pattern attention;
    std::vector<index> leaders;
    bool exact = false;  // the exact path ran
  };

  // Decides the attention pattern and the leaders (D1) of the current layer.
  decision decide(certification_stats& stats) {
    const double gap = decision_gap();
    const tokens<double> Q = queries(model_.A, Z_);
    decision d{attention_pattern(static_cast<std::size_t>(Z_.rows())), {}, false};
    std::vector<index> uncertain_rows, uncertain_leaders;
    std::vector<bool> leader(static_cast<std::size_t>(Z_.rows()), false);
    std::vector<double> s;
    for (index i = 0; i < Z_.rows(); ++i) {
      scores(Q, Z_, i, s);
      auto& Ci = d.attention[static_cast<std::size_t>(i)];
      if (!certify_row(s, gap, Ci)) {
        uncertain_rows.push_back(i);
        continue;
      }
      // C_i is one copy class: i leads iff it is i's own class. Classes never merge under M4
      // (docs/THEOREMS.md); the exact check of a class not provably apart only confirms it.
      const index attended = Ci.front();
      if (same_class(i, attended))
        leader[static_cast<std::size_t>(i)] = true;
      else if (!provably_apart(i, attended))
        uncertain_leaders.push_back(i);
    }
    stats.certified += static_cast<std::size_t>(Z_.rows()) - uncertain_rows.size();
    d.exact = !uncertain_rows.empty() || !uncertain_leaders.empty();
    if (d.exact) decide_exactly(uncertain_rows, uncertain_leaders, d.attention, leader, stats);
    for (index i = 0; i < Z_.rows(); ++i)
      if (leader[static_cast<std::size_t>(i)]) d.leaders.push_back(i);
    return d;
  }

  void advance_layer(const attention_pattern& C) {
    std::size_t largest = 1;
    for (const auto& Ci : C) largest = std::max(largest, Ci.size());
    const double M = max_magnitude(Z_);
    Z_ = advance(model_, Z_, C);
    E_ = (E_ + rounding::update_error(static_cast<double>(largest), M)) * rounding::evaluation_margin;
    patterns_.push_back(C);
  }

 private:
  // Certified iff the best score beats every token outside the best token's copy class by more than
  // the possible error of both scores; then C_i is exactly that copy class.
  bool certify_row(const std::vector<double>& s, double gap, std::vector<index>& Ci) const {
    const auto best = static_cast<index>(std::max_element(s.begin(), s.end()) - s.begin());
    const index cls = copies_.class_of[static_cast<std::size_t>(best)];
    if (!std::isfinite(gap)) return false;
    for (std::size_t j = 0; j < s.size(); ++j)
      if (copies_.class_of[j] != cls && !(s[static_cast<std::size_t>(best)] - s[j] > gap)) return false;
    Ci = copies_.members[static_cast<std::size_t>(cls)];
    return true;
  }

  bool same_class(index i, index j) const {
    return copies_.class_of[static_cast<std::size_t>(i)] == copies_.class_of[static_cast<std::size_t>(j)];
  }

  // Some coordinate differs by more than both errors together: the exact points differ.
  bool provably_apart(index i, index j) const {
    for (index c = 0; c < Z_.cols(); ++c)
      if (std::fabs(Z_(i, c) - Z_(j, c)) > margin_ * 2 * E_ * rounding::evaluation_margin) return true;
    return false;
  }

  // Rebuilds the exact layer from the anchor, decides the uncertain rows and leader tests exactly,
  // and restarts the double state from the exact layer (so the error bound drops to one rounding).
  void decide_exactly(const std::vector<index>& rows, const std::vector<index>& leader_tests, attention_pattern& C,
                      std::vector<bool>& leader, certification_stats& stats) {
    anchor_ = replay(exact_model_, anchor_, patterns_);
    patterns_.clear();
    const tokens<rational> Q = queries(exact_model_.A, anchor_);
    std::vector<rational> s;
    for (index i : rows) {
      scores(Q, anchor_, i, s);
      C[static_cast<std::size_t>(i)] = attention_set(s, std::optional<rational>{});
    }
    for (const auto* list : {&rows, &leader_tests})
      for (index i : *list) leader[static_cast<std::size_t>(i)] = is_leader(anchor_, C, i);
    stats.decided_exactly += rows.size();
    stats.leaders_decided_exactly += leader_tests.size();
    Z_ = rounded(anchor_);
    E_ = rounding::representation_error(max_magnitude(Z_));
  }

  double margin_;  // scales the proved margins: 1 in production, < 1 only in tests that must catch it
  model<rational> exact_model_;
  model<double> model_;
  copy_classes copies_;
  double a_;
  tokens<rational> anchor_;                 // exact layer at the last exact decision (or layer 0)
  std::vector<attention_pattern> patterns_;  // patterns decided since the anchor
  tokens<double> Z_;
  double E_;
};

}  // namespace

certified_run simulate_certified(const problem& p, index depth, const std::function<void(index)>& progress,
                                 double margin) {
  if (p.tau) throw certified_engine_error("the certified engine runs hardmax M4; the softmax variant (M5) has no certificate");
  if (p.V) throw certified_engine_error("the certified engine's error bound is for V = I (M6 is exploration only)");
  certified_state state(p, margin);
  certified_run run;
  for (index k = 0;; ++k) {
    auto [C, L, exact] = state.decide(run.stats);
    if (exact) run.stats.exact_layers.push_back(k);
    run.path.layers.push_back(state.layer());  // after an exact decision: the exact layer, rounded
    run.path.decided_leaders.push_back(std::move(L));
    run.stats.error_bound.push_back(state.error_bound());
    run.stats.decision_gap.push_back(state.decision_gap());
    if (k < depth) state.advance_layer(C);
    run.path.attention.push_back(std::move(C));
    if (k == depth) break;
    require_finite(state.layer(), k + 1);
    if (progress) progress(k + 1);
  }
  return run;
}

}  // namespace hardmax
