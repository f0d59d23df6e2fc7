#include "sentiment/model/classifier.hpp"

#include "sentiment/model/seeded_random.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace hardmax::sentiment {

std::string name_of(padding_mode p) { return p == padding_mode::zero ? "zero" : "learnt"; }
std::string name_of(alpha_parametrisation a) { return a == alpha_parametrisation::exp ? "exp" : "raw"; }

padding_mode parse_padding_mode(std::string_view name) {
  if (name == "zero") return padding_mode::zero;
  if (name == "learnt") return padding_mode::learnt;
  throw std::invalid_argument(fmt::format("padding must be zero or learnt, not '{}'", name));
}

alpha_parametrisation parse_alpha_parametrisation(std::string_view name) {
  if (name == "exp") return alpha_parametrisation::exp;
  if (name == "raw") return alpha_parametrisation::raw;
  throw std::invalid_argument(fmt::format("alpha must be exp or raw, not '{}'", name));
}

classifier make_classifier(const classifier_shape& shape, std::uint64_t seed) {
  if (shape.vocabulary_size < 1) throw std::invalid_argument("the vocabulary needs at least the padding id 0");
  if (shape.dimension < 1) throw std::invalid_argument("the embedding dimension must be positive");
  classifier m;
  m.layers = shape.layers;
  m.temperature = shape.temperature;
  m.padding = shape.padding;
  m.alpha_form = shape.alpha;
  const int d = shape.dimension;
  std::mt19937_64 g = seeded_generator(seed, initialisation_stream);
  // Draw order is part of the format of a seed: embedding row-major (row 0 drawn too, then zeroed,
  // as PyTorch does), then decoder weight, bias, alpha.
  m.embedding.resize(shape.vocabulary_size, d);
  double* e = m.embedding.data();
  const Eigen::Index count = m.embedding.size();
  for (Eigen::Index i = 0; i < count; i += 2) {
    const auto [a, b] = normal_pair(g);
    e[i] = a;
    if (i + 1 < count) e[i + 1] = b;
  }
  if (!m.learns_padding()) m.embedding.row(0).setZero();
  const double bound = 1.0 / std::sqrt(static_cast<double>(d));
  m.decoder_weight.resize(d);
  for (int c = 0; c < d; ++c) m.decoder_weight(c) = uniform(g, -bound, bound);
  m.decoder_bias = uniform(g, -bound, bound);
  const double u = open_uniform(g);
  m.theta = m.alpha_form == alpha_parametrisation::exp ? std::log(u) : u;
  check_classifier(m);
  return m;
}

row_matrix initial_tokens(const classifier& model, const encoded_review& review) {
  row_matrix Z(sequence_length, model.dimension());
  for (int i = 0; i < sequence_length; ++i) {
    const std::int32_t id = review.ids[static_cast<std::size_t>(i)];
    if (id < 0 || id >= model.vocabulary_size())
      throw std::out_of_range(fmt::format("word id {} outside the vocabulary of {} ids", id, model.vocabulary_size()));
    Z.row(i) = model.embedding.row(id);
  }
  return Z;
}

void check_classifier(const classifier& m) {
  if (m.embedding.rows() < 1 || m.embedding.cols() < 1) throw std::invalid_argument("empty embedding");
  if (m.decoder_weight.size() != m.embedding.cols())
    throw std::invalid_argument(fmt::format("decoder has {} weights for dimension {}", m.decoder_weight.size(),
                                            m.embedding.cols()));
  if (!m.learns_padding() && !m.embedding.row(0).isZero(0)) throw std::invalid_argument("the padding row (id 0) of the embedding must be zero");
  if (m.layers < 1) throw std::invalid_argument("the classifier needs at least one layer");
  if (!(m.temperature > 0) || !std::isfinite(m.temperature))
    throw std::invalid_argument("the temperature must be positive and finite");
  if (!std::isfinite(m.theta)) throw std::invalid_argument("theta (the parameter behind alpha) must be finite");
}

}  // namespace hardmax::sentiment
