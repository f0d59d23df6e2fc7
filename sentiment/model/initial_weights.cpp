#include "sentiment/model/initial_weights.hpp"

#include "io/config_file.hpp"
#include "io/npy_file.hpp"

#include <fmt/format.h>

#include <cmath>

namespace hardmax::sentiment {
namespace {

std::vector<double> read_values(const std::filesystem::path& file, std::size_t count) {
  npy_array a = read_npy(file);
  if (a.values.size() != count)
    throw input_error(file.string(), "", fmt::format("{} values, expected {}", a.values.size(), count));
  return std::move(a.values);
}

}  // namespace

void load_initial_weights(classifier& model, const std::filesystem::path& dir) {
  const auto rows = static_cast<std::size_t>(model.vocabulary_size()), d = static_cast<std::size_t>(model.dimension());
  const std::vector<double> embedding = read_values(dir / "embedding.npy", rows * d);
  const double alpha = read_values(dir / "alpha.npy", 1)[0];
  const std::vector<double> weight = read_values(dir / "decoder_weight.npy", d);
  const double bias = read_values(dir / "decoder_bias.npy", 1)[0];
  for (std::size_t k = 0; k < embedding.size(); ++k) model.embedding.data()[k] = embedding[k];
  if (!model.learns_padding() && !model.embedding.row(0).isZero(0))
    throw input_error((dir / "embedding.npy").string(), "", "row 0 (padding) must be zero where the padding is not learnt");
  if (model.alpha_form == alpha_parametrisation::exp && !(alpha > 0))
    throw input_error((dir / "alpha.npy").string(), "", "alpha = exp(theta) needs a positive initial alpha");
  model.theta = model.alpha_form == alpha_parametrisation::exp ? std::log(alpha) : alpha;
  for (std::size_t c = 0; c < d; ++c) model.decoder_weight(static_cast<Eigen::Index>(c)) = weight[c];
  model.decoder_bias = bias;
  check_classifier(model);
}

}  // namespace hardmax::sentiment
