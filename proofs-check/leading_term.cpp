#include "proofs-check/leading_term.hpp"

#include "numerics/exact_solve.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace hardmax {
namespace {

rational power(const rational& x, index k) {
  rational r = 1, base = x;
  for (; k > 0; k >>= 1, base *= base)
    if (k & 1) r *= base;
  return r;
}

rational integer_power(index m, index t) { return power(rational(static_cast<long>(m)), t); }

}  // namespace

exponential_polynomial score_basis(const std::vector<rational>& eigenvalues) {
  std::map<rational, index> multiplicity;
  for (const rational& l : eigenvalues) ++multiplicity[l];
  std::map<rational, index> top_power = {{rational(1), 0}};  // nu -> largest power
  const auto include = [&top_power](const rational& nu, index t) {
    auto [it, fresh] = top_power.try_emplace(nu, t);
    if (!fresh) it->second = std::max(it->second, t);
  };
  for (auto a = multiplicity.begin(); a != multiplicity.end(); ++a) {
    include(a->first, a->second - 1);
    for (auto b = a; b != multiplicity.end(); ++b) include(a->first * b->first, a->second + b->second - 2);
  }
  exponential_polynomial basis;
  for (const auto& [nu, top] : top_power)
    for (index t = 0; t <= top; ++t) basis.push_back({nu, t, 0});
  return basis;
}

exponential_polynomial fit(const exponential_polynomial& basis, const std::vector<rational>& samples) {
  const index R = static_cast<index>(basis.size());
  if (static_cast<index>(samples.size()) < R) throw std::invalid_argument("fit: fewer samples than basis terms");
  matrix<rational> V(R, R), f(R, 1);
  for (index m = 0; m < R; ++m) {
    f(m, 0) = samples[static_cast<std::size_t>(m)];
    for (index b = 0; b < R; ++b) {
      const exponential_term& e = basis[static_cast<std::size_t>(b)];
      V(m, b) = (e.power == 0 ? rational(1) : integer_power(m, e.power)) * power(e.nu, m);
    }
  }
  const auto a = solve_exact(V, f);
  // Distinct (nu, t) with nu > 0 give independent sequences, so V is invertible.
  if (!a) throw std::logic_error("fit: the exponential-polynomial basis is not independent");
  exponential_polynomial out = basis;
  for (index b = 0; b < R; ++b) out[static_cast<std::size_t>(b)].coefficient = (*a)(b, 0);
  return out;
}

rational evaluate(const exponential_polynomial& f, index m) {
  rational s = 0;
  for (const exponential_term& e : f)
    if (e.coefficient != 0) s += e.coefficient * (e.power == 0 ? rational(1) : integer_power(m, e.power)) * power(e.nu, m);
  return s;
}

std::optional<exponential_term> leading(const exponential_polynomial& f) {
  std::optional<exponential_term> best;
  for (const exponential_term& e : f)
    if (e.coefficient != 0 && (!best || e.nu > best->nu || (e.nu == best->nu && e.power > best->power))) best = e;
  return best;
}

std::optional<index> dominance_threshold(const exponential_polynomial& f, const exponential_term& lead, index cap) {
  index monotone_from = 1;
  std::vector<exponential_term> others;
  for (const exponential_term& e : f) {
    if (e.coefficient == 0 || (e.nu == lead.nu && e.power == lead.power)) continue;
    others.push_back(e);
    if (e.power > lead.power) {  // then nu < nu*: the ratio rises before it falls
      const rational x = lead.nu / e.nu;
      const rational from = rational(static_cast<long>(e.power - lead.power)) * x / (x - 1);
      const index whole = static_cast<index>(
          (boost::multiprecision::numerator(from) / boost::multiprecision::denominator(from)).convert_to<long>());
      monotone_from = std::max(monotone_from, whole + 1);
    }
  }
  // The sum of |a/a*| m^(t - t*) (nu/nu*)^m: below 1 means the leading term dominates at m.
  const auto dominates = [&](index m) {
    rational total = 0;
    const rational lead_size = abs(lead.coefficient) * integer_power(m, lead.power);
    for (const exponential_term& e : others) total += abs(e.coefficient) * integer_power(m, e.power) * power(e.nu / lead.nu, m);
    return total < lead_size;
  };
  index hi = monotone_from;
  while (!dominates(hi)) {
    if (hi > cap) return std::nullopt;
    hi *= 2;
  }
  if (hi == monotone_from) return hi;
  index lo = hi / 2;  // tried by the doubling: does not dominate; the predicate is monotone from monotone_from
  while (lo + 1 < hi) {
    const index mid = lo + (hi - lo) / 2;
    (dominates(mid) ? hi : lo) = mid;
  }
  return hi;
}

leading_term_decision decide_leading_term(const exponential_polynomial& f, const exponential_term& lead, index m,
                                          index cap) {
  leading_term_decision d;
  d.dominant_from = dominance_threshold(f, lead, cap);
  if (!d.dominant_from) return d;
  for (index k = m + 1; k < *d.dominant_from; ++k)  // the closed form is f exactly
    if (evaluate(f, k) <= 0) {
      d.not_positive_at = k;
      return d;
    }
  return d;
}

std::string to_string(const exponential_term& t) {
  const std::string m_part = t.power == 0 ? "" : t.power == 1 ? " m" : fmt::format(" m^{}", t.power);
  return fmt::format("{}{} ({})^m", hardmax::to_string(t.coefficient), m_part, hardmax::to_string(t.nu));
}

}  // namespace hardmax
