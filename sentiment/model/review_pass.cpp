#include "sentiment/model/review_pass.hpp"

#include <Eigen/Core>
#include <fmt/format.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace hardmax::sentiment {

namespace {

constexpr double positions = sequence_length;

// Candidates for a non-zero weight: s - max >= -746 tau. exp(x) is exactly 0 below x = -745.13, and
// the margin of 0.87 tau is far above the rounding of s - max, so the cheap test on s never drops a
// weight that is not exactly 0.
constexpr double underflow_margin = 746.0;

// For each 8-bit mask, the positions of its set bits in increasing order (padded with zeros).
constexpr std::array<std::uint64_t, 256> make_bit_positions() {
  std::array<std::uint64_t, 256> table{};
  for (unsigned mask = 0; mask < 256; ++mask) {
    std::uint64_t packed = 0;
    int slot = 0;
    for (unsigned bit = 0; bit < 8; ++bit)
      if (mask & (1u << bit)) packed |= std::uint64_t{bit} << (8 * slot++);
    table[mask] = packed;
  }
  return table;
}
constexpr std::array<std::uint64_t, 256> bit_positions = make_bit_positions();

// Set bits per 8-bit mask: the baseline x86-64 target has no popcnt instruction, so std::popcount
// becomes a library call there, which costs more than this lookup.
constexpr std::array<std::uint8_t, 256> make_bit_counts() {
  std::array<std::uint8_t, 256> table{};
  for (unsigned mask = 0; mask < 256; ++mask) table[mask] = static_cast<std::uint8_t>(std::popcount(mask));
  return table;
}
constexpr std::array<std::uint8_t, 256> bit_counts = make_bit_counts();

// Writes the indices j with s[j] >= cut to `out` in increasing order and returns how many; `out`
// needs room for u + 8 bytes. With tau = 0.001 a row of ~80 scores has a handful of candidates at
// unpredictable places, so any branch on a comparison mispredicts: eight comparisons make a mask,
// a table turns it into eight byte indices that are stored whole, and the count advances by the
// mask's number of set bits. No branch depends on the data.
int find_candidates(const double* s, int u, double cut, std::uint8_t* out) {
  int found = 0, j = 0;
  for (; j + 8 <= u; j += 8) {
    unsigned mask = 0;
#ifdef __SSE2__
    const __m128d threshold = _mm_set1_pd(cut);
    mask = static_cast<unsigned>(_mm_movemask_pd(_mm_cmpge_pd(_mm_loadu_pd(s + j), threshold))) |
           static_cast<unsigned>(_mm_movemask_pd(_mm_cmpge_pd(_mm_loadu_pd(s + j + 2), threshold))) << 2 |
           static_cast<unsigned>(_mm_movemask_pd(_mm_cmpge_pd(_mm_loadu_pd(s + j + 4), threshold))) << 4 |
           static_cast<unsigned>(_mm_movemask_pd(_mm_cmpge_pd(_mm_loadu_pd(s + j + 6), threshold))) << 6;
#else
    for (int b = 0; b < 8; ++b) mask |= (s[j + b] >= cut ? 1u : 0u) << b;
#endif
    // Adding j to every byte cannot carry: positions are < 8 and j + 7 < sequence_length <= 255.
    const std::uint64_t indices = bit_positions[mask] + static_cast<std::uint64_t>(j) * 0x0101010101010101ULL;
    std::memcpy(out + found, &indices, sizeof indices);
    found += bit_counts[mask];
  }
  for (; j < u; ++j) {
    out[found] = static_cast<std::uint8_t>(j);  // kept only if the count advances
    found += s[j] >= cut ? 1 : 0;
  }
  return found;
}

static_assert(sequence_length + 8 <= 256, "candidate indices are stored as bytes");

}  // namespace

void check_label(const encoded_review& review) {
  if (review.label != 0 && review.label != 1)
    throw std::invalid_argument(fmt::format("review label {} is neither 0 nor 1", review.label));
}

void review_pass::collect(const classifier& model, const encoded_review& review) {
  std::array<std::int32_t, sequence_length> sorted = review.ids;
  std::sort(sorted.begin(), sorted.end());
  if (sorted.front() < 0 || sorted.back() >= model.vocabulary_size())
    throw std::out_of_range(fmt::format("word id {} outside the vocabulary of {} ids",
                                        sorted.front() < 0 ? sorted.front() : sorted.back(), model.vocabulary_size()));
  ids_.clear();
  counts_.clear();
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i;
    while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
    ids_.push_back(sorted[i]);
    counts_.push_back(static_cast<double>(j - i));
    i = j;
  }
  u_ = static_cast<int>(ids_.size());
}

// D is the embedding dimension when known at compile time (the paper's 2, 4, 8, 16), 0 otherwise.
template <int D>
double review_pass::forward(const classifier& model) {
  const int d = D > 0 ? D : model.dimension();
  const int u = u_;
  const int layers = model.layers;
  const double tau = model.temperature;
  const double alpha = model.alpha();
  const double one_plus_alpha = 1 + alpha;
  const double loose = underflow_margin * tau;
  const std::size_t layer_size = static_cast<std::size_t>(d) * static_cast<std::size_t>(u);

  z_.resize((static_cast<std::size_t>(layers) + 1) * layer_size);
  y_.resize(static_cast<std::size_t>(layers) * layer_size);
  row_start_.resize(static_cast<std::size_t>(layers) * static_cast<std::size_t>(u + 1));
  scores_.resize(static_cast<std::size_t>(u));
  query_.resize(static_cast<std::size_t>(d));
  mean_.resize(static_cast<std::size_t>(d));
  cols_.clear();
  weights_.clear();

  for (int j = 0; j < u; ++j)
    for (int c = 0; c < d; ++c) z_[static_cast<std::size_t>(c * u + j)] = model.embedding(ids_[static_cast<std::size_t>(j)], c);

  candidates_.resize(static_cast<std::size_t>(u) + 8);
  double* const s = scores_.data();
  double* const q = query_.data();
  std::uint8_t* const candidate = candidates_.data();
  for (int k = 0; k < layers; ++k) {
    const double* const Z = z_.data() + static_cast<std::size_t>(k) * layer_size;
    double* const next = z_.data() + static_cast<std::size_t>(k + 1) * layer_size;
    double* const Y = y_.data() + static_cast<std::size_t>(k) * layer_size;
    std::uint32_t* const start = row_start_.data() + static_cast<std::size_t>(k) * static_cast<std::size_t>(u + 1);
    for (int i = 0; i < u; ++i) {
      start[i] = static_cast<std::uint32_t>(cols_.size());
      for (int c = 0; c < d; ++c) q[c] = Z[c * u + i];
      // Scores <z_i, z_j> (A = I), summed over coordinates in increasing order, so the score matrix
      // is exactly symmetric.
      if constexpr (D > 0) {
        for (int j = 0; j < u; ++j) {
          double acc = q[0] * Z[j];
          for (int c = 1; c < D; ++c) acc += q[c] * Z[c * u + j];
          s[j] = acc;
        }
      } else {
        for (int j = 0; j < u; ++j) s[j] = q[0] * Z[j];
        for (int c = 1; c < d; ++c)
          for (int j = 0; j < u; ++j) s[j] += q[c] * Z[c * u + j];
      }
      const double best = Eigen::Map<const Eigen::ArrayXd>(s, u).maxCoeff();
      const double cut = best - loose;
      const int found = find_candidates(s, u, cut, candidate);
      double total = 0;
      for (int f = 0; f < found; ++f) {
        const int j = candidate[f];
        const double x = (s[j] - best) / tau;
        const double e = x == 0 ? 1.0 : std::exp(x);  // the maximum (exp(0) = 1 exactly)
        if (e == 0) continue;  // exactly zero weight: contributes nothing, forward or backward
        const double w = counts_[static_cast<std::size_t>(j)] * e;
        cols_.push_back(j);
        weights_.push_back(w);
        total += w;
      }
      // The maximum itself has weight c_j exp(0) >= 1, so only non-finite scores get here.
      if (!(total > 0) || !std::isfinite(total))
        throw std::domain_error("non-finite attention scores: the classifier's parameters have diverged");
      const std::size_t begin = start[i], end = cols_.size();
      for (std::size_t e = begin; e < end; ++e) weights_[e] /= total;
      for (int c = 0; c < d; ++c) {
        double acc = 0;
        for (std::size_t e = begin; e < end; ++e) acc += weights_[e] * Z[c * u + cols_[e]];
        Y[c * u + i] = acc;
        next[c * u + i] = (q[c] + alpha * acc) / one_plus_alpha;
      }
    }
    start[u] = static_cast<std::uint32_t>(cols_.size());
  }

  const double* const last = z_.data() + static_cast<std::size_t>(layers) * layer_size;
  double logit = 0;
  for (int c = 0; c < d; ++c) {
    double acc = 0;
    for (int j = 0; j < u; ++j) acc += counts_[static_cast<std::size_t>(j)] * last[c * u + j];
    mean_[static_cast<std::size_t>(c)] = acc / positions;
    logit += model.decoder_weight(c) * mean_[static_cast<std::size_t>(c)];
  }
  return logit + model.decoder_bias;
}

template <int D>
void review_pass::backward(const classifier& model, double dlogit, gradient_sum& into) {
  const int d = D > 0 ? D : model.dimension();
  const int u = u_;
  const int layers = model.layers;
  const double tau = model.temperature;
  const double alpha = model.alpha();
  const double one_plus_alpha = 1 + alpha;
  const double value_share = alpha / one_plus_alpha;
  const std::size_t layer_size = static_cast<std::size_t>(d) * static_cast<std::size_t>(u);

  // Decoder: logit = w . mean + b.
  for (int c = 0; c < d; ++c) into.decoder_weight(c) += dlogit * mean_[static_cast<std::size_t>(c)];
  into.decoder_bias += dlogit;

  // Mean: every copy of token v receives dlogit w / 128; the distinct token receives c_v times that.
  grad_.resize(layer_size);
  next_grad_.resize(layer_size);
  dy_.resize(layer_size);
  double* G = grad_.data();
  double* H = next_grad_.data();
  double* const dY = dy_.data();
  for (int c = 0; c < d; ++c)
    for (int j = 0; j < u; ++j)
      G[c * u + j] = dlogit * model.decoder_weight(c) * (counts_[static_cast<std::size_t>(j)] / positions);

  double dalpha = 0;
  for (int k = layers - 1; k >= 0; --k) {
    const double* const Z = z_.data() + static_cast<std::size_t>(k) * layer_size;
    const double* const Y = y_.data() + static_cast<std::size_t>(k) * layer_size;
    const std::uint32_t* const start = row_start_.data() + static_cast<std::size_t>(k) * static_cast<std::size_t>(u + 1);
    // Z' = (Z + alpha Y) / (1 + alpha): dZ' / dalpha = (Y - Z) / (1 + alpha)^2, the direct path
    // gives G / (1 + alpha), the attention output receives dY = alpha G / (1 + alpha).
    double layer_dalpha = 0;
    for (std::size_t e = 0; e < layer_size; ++e) {
      const double g = G[e];
      layer_dalpha += g * (Y[e] - Z[e]);
      H[e] = g / one_plus_alpha;
      dY[e] = g * value_share;
    }
    dalpha += layer_dalpha / (one_plus_alpha * one_plus_alpha);
    // Y_i = sum_j P_ij z_j with P_ij = softmax_j(<z_i, z_j> / tau) (weighted by multiplicities):
    //   value path     dz_j += P_ij dY_i
    //   softmax        dS_ij = P_ij (<dY_i, z_j> - <dY_i, Y_i>)
    //   scores         dz_i += dS_ij z_j / tau (query),  dz_j += dS_ij z_i / tau (key).
    for (int i = 0; i < u; ++i) {
      const std::uint32_t begin = start[i], end = start[i + 1];
      double r = 0;
      for (int c = 0; c < d; ++c) r += dY[c * u + i] * Y[c * u + i];
      for (std::uint32_t e = begin; e < end; ++e) {
        const int j = cols_[e];
        const double p = weights_[e];
        double dyz = 0;
        for (int c = 0; c < d; ++c) dyz += dY[c * u + i] * Z[c * u + j];
        const double g = p * (dyz - r) / tau;
        for (int c = 0; c < d; ++c) {
          H[c * u + j] += p * dY[c * u + i] + g * Z[c * u + i];
          H[c * u + i] += g * Z[c * u + j];
        }
      }
    }
    std::swap(G, H);
  }
  into.theta += dalpha * model.alpha_derivative();

  // Embedding: the distinct tokens' gradients go to their rows; a zero padding row gets none.
  for (int j = 0; j < u; ++j) {
    const std::int32_t id = ids_[static_cast<std::size_t>(j)];
    if (id == 0 && !model.learns_padding()) continue;
    into.rows.push_back(id);
    for (int c = 0; c < d; ++c) into.row_values.push_back(G[c * u + j]);
  }
}

double review_pass::logit(const classifier& model, const encoded_review& review) {
  collect(model, review);
  switch (model.dimension()) {
    case 2: return forward<2>(model);
    case 4: return forward<4>(model);
    case 8: return forward<8>(model);
    case 16: return forward<16>(model);
    default: return forward<0>(model);
  }
}

review_result review_pass::accumulate(const classifier& model, const encoded_review& review, gradient_sum& into,
                                      loss_form form) {
  if (into.dimension != model.dimension()) throw std::invalid_argument("gradient sum of another dimension");
  check_label(review);
  review_result out;
  out.logit = logit(model, review);
  out.loss = review_loss(out.logit, review.label, form);
  const double dlogit = loss_slope(out.logit, review.label, form);
  switch (model.dimension()) {
    case 2: backward<2>(model, dlogit, into); break;
    case 4: backward<4>(model, dlogit, into); break;
    case 8: backward<8>(model, dlogit, into); break;
    case 16: backward<16>(model, dlogit, into); break;
    default: backward<0>(model, dlogit, into); break;
  }
  into.loss += out.loss;
  into.correct += (out.logit > 0) == (review.label == 1) ? 1 : 0;
  into.reviews += 1;
  return out;
}

}  // namespace hardmax::sentiment
