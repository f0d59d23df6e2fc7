#include "sentiment/model/checkpoint.hpp"

#include "io/atomic_file.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <bit>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

namespace hardmax::sentiment {
namespace {

static_assert(std::endian::native == std::endian::little, "checkpoints store doubles as little-endian bytes");

constexpr const char* magic = "hardmax-sentiment-checkpoint";
// Version 2 added the padding, the alpha parametrisation and the loss form (issue 15); version 1
// files hold the choices that were then the only ones (zero padding, alpha = exp(theta), logit loss).
constexpr int format_version = 2;
constexpr std::size_t scalar_count = 12;

std::size_t double_count(std::size_t vocabulary, std::size_t d) { return scalar_count + 3 * d + 3 * vocabulary * d; }

// The one place that fixes the order of the doubles: `visit` is called on each in turn, for
// writing and for reading alike.
template <class Checkpoint, class Visit>
void for_each_double(Checkpoint& c, Visit visit) {
  visit(c.model.temperature);
  visit(c.model.theta);
  visit(c.model.decoder_bias);
  visit(c.options.clip_norm);
  visit(c.adam.options.learning_rate);
  visit(c.adam.options.beta1);
  visit(c.adam.options.beta2);
  visit(c.adam.options.epsilon);
  visit(c.adam.theta_m);
  visit(c.adam.theta_v);
  visit(c.adam.decoder_bias_m);
  visit(c.adam.decoder_bias_v);
  auto block = [&](auto& m) {
    for (Eigen::Index i = 0; i < m.size(); ++i) visit(m.data()[i]);
  };
  block(c.model.decoder_weight);
  block(c.adam.decoder_weight_m);
  block(c.adam.decoder_weight_v);
  block(c.model.embedding);
  block(c.adam.embedding_m);
  block(c.adam.embedding_v);
}

}  // namespace

void save_checkpoint(const std::filesystem::path& path, const training_checkpoint& c) {
  check_classifier(c.model);
  const auto vocabulary = static_cast<std::size_t>(c.model.vocabulary_size());
  const auto d = static_cast<std::size_t>(c.model.dimension());
  if (c.adam.embedding_m.rows() != c.model.embedding.rows() || c.adam.embedding_m.cols() != c.model.embedding.cols() ||
      c.adam.embedding_v.rows() != c.model.embedding.rows() || c.adam.embedding_v.cols() != c.model.embedding.cols() ||
      static_cast<std::size_t>(c.adam.decoder_weight_m.size()) != d ||
      static_cast<std::size_t>(c.adam.decoder_weight_v.size()) != d)
    throw std::invalid_argument("checkpoint: Adam state of another shape than the classifier");
  const nlohmann::json header = {{"format_version", format_version},
                                 {"vocabulary_size", vocabulary},
                                 {"dimension", d},
                                 {"layers", c.model.layers},
                                 {"epochs_completed", c.epochs_completed},
                                 {"adam_steps", c.adam.steps},
                                 {"batch_size", c.options.batch_size},
                                 {"chunks_per_batch", c.options.chunks_per_batch},
                                 {"seed", c.options.seed},
                                 {"padding", name_of(c.model.padding)},
                                 {"alpha", name_of(c.model.alpha_form)},
                                 {"loss", name_of(c.options.loss)},
                                 {"doubles", double_count(vocabulary, d)}};
  std::vector<double> values;
  values.reserve(double_count(vocabulary, d));
  for_each_double(c, [&](const double& x) { values.push_back(x); });
  write_atomically(path, [&](std::ostream& out) {
    out << magic << '\n' << header.dump() << '\n';
    out.write(reinterpret_cast<const char*>(values.data()), static_cast<std::streamsize>(values.size() * sizeof(double)));
  });
}

training_checkpoint load_checkpoint(const std::filesystem::path& path) {
  const std::string name = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw checkpoint_error(fmt::format("{}: cannot open the checkpoint", name));
  std::string line;
  if (!std::getline(in, line) || line != magic) throw checkpoint_error(fmt::format("{}: not a sentiment checkpoint", name));
  if (!std::getline(in, line)) throw checkpoint_error(fmt::format("{}: checkpoint without a header", name));
  training_checkpoint c;
  std::size_t vocabulary = 0, d = 0, count = 0;
  try {
    const nlohmann::json h = nlohmann::json::parse(line);
    const int version = h.at("format_version").get<int>();
    if (version < 1 || version > format_version)
      throw checkpoint_error(
          fmt::format("{}: checkpoint format {} (this build reads 1 to {})", name, version, format_version));
    vocabulary = h.at("vocabulary_size").get<std::size_t>();
    d = h.at("dimension").get<std::size_t>();
    count = h.at("doubles").get<std::size_t>();
    c.model.layers = h.at("layers").get<int>();
    c.epochs_completed = h.at("epochs_completed").get<int>();
    c.adam.steps = h.at("adam_steps").get<std::int64_t>();
    c.options.batch_size = h.at("batch_size").get<int>();
    c.options.chunks_per_batch = h.at("chunks_per_batch").get<int>();
    c.options.seed = h.at("seed").get<std::uint64_t>();
    if (version >= 2) {
      c.model.padding = parse_padding_mode(h.at("padding").get<std::string>());
      c.model.alpha_form = parse_alpha_parametrisation(h.at("alpha").get<std::string>());
      c.options.loss = parse_loss_form(h.at("loss").get<std::string>());
    }
  } catch (const nlohmann::json::exception& e) {
    throw checkpoint_error(fmt::format("{}: bad checkpoint header: {}", name, e.what()));
  } catch (const std::invalid_argument& e) {
    throw checkpoint_error(fmt::format("{}: bad checkpoint header: {}", name, e.what()));
  }
  if (vocabulary < 1 || d < 1 || vocabulary > (std::size_t{1} << 31) || d > 4096 || count != double_count(vocabulary, d))
    throw checkpoint_error(fmt::format("{}: inconsistent checkpoint sizes", name));
  const auto rows = static_cast<Eigen::Index>(vocabulary), cols = static_cast<Eigen::Index>(d);
  c.model.embedding.resize(rows, cols);
  c.model.decoder_weight.resize(cols);
  c.adam.embedding_m.resize(rows, cols);
  c.adam.embedding_v.resize(rows, cols);
  c.adam.decoder_weight_m.resize(cols);
  c.adam.decoder_weight_v.resize(cols);
  std::vector<double> values(count);
  in.read(reinterpret_cast<char*>(values.data()), static_cast<std::streamsize>(count * sizeof(double)));
  if (!in || in.peek() != std::char_traits<char>::eof())
    throw checkpoint_error(fmt::format("{}: checkpoint truncated or with trailing bytes", name));
  std::size_t next = 0;
  for_each_double(c, [&](double& x) { x = values[next++]; });
  try {
    check_classifier(c.model);
  } catch (const std::invalid_argument& e) {
    throw checkpoint_error(fmt::format("{}: {}", name, e.what()));
  }
  return c;
}

}  // namespace hardmax::sentiment
