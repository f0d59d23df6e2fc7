#include "sentiment/model/trainer.hpp"

#include "sentiment/model/batch_gradient.hpp"
#include "sentiment/model/gradient.hpp"
#include "sentiment/model/seeded_random.hpp"
#include "sentiment/model/worker_pool.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace hardmax::sentiment {

epoch_result train_epoch(classifier& model, adam_state& adam, std::span<const encoded_review> data,
                         const training_options& options, int epoch, unsigned threads,
                         const progress_callback& progress) {
  check_classifier(model);
  if (options.batch_size < 1) throw std::invalid_argument("the batch size must be positive");
  if (options.chunks_per_batch < 1) throw std::invalid_argument("a batch needs at least one chunk");
  if (!(options.clip_norm > 0)) throw std::invalid_argument("the clipping norm must be positive");
  if (epoch < 0) throw std::invalid_argument("epochs are numbered from 0");

  std::mt19937_64 shuffle = seeded_generator(options.seed, shuffle_stream, static_cast<std::uint64_t>(epoch));
  const std::vector<std::size_t> order = shuffled_indices(data.size(), shuffle);

  worker_pool pool(threads);
  batch_gradient engine(options.chunks_per_batch, pool, options.loss);
  parameter_gradient gradient(model);

  const std::size_t n = data.size(), batch = static_cast<std::size_t>(options.batch_size);
  epoch_result result;
  result.epoch = epoch;
  result.batches = (n + batch - 1) / batch;
  double loss = 0, batch_accuracies = 0;
  std::size_t correct = 0;
  result.smallest_alpha = model.alpha();
  for (std::size_t b = 0; b < result.batches; ++b) {
    const std::size_t begin = b * batch, size = std::min(batch, n - begin);
    const batch_totals totals = engine.compute(
        model, size, [&](std::size_t i) -> const encoded_review& { return data[order[begin + i]]; }, gradient);
    loss += totals.loss;
    correct += totals.correct;
    batch_accuracies += static_cast<double>(totals.correct) / static_cast<double>(size);
    const double norm = clip_gradient_norm(gradient, options.clip_norm);
    if (options.clip_norm / (norm + 1e-6) < 1) ++result.clipped_batches;  // clip_gradient_norm scaled it
    adam_step(model, adam, gradient, &pool);
    result.smallest_alpha = std::min(result.smallest_alpha, model.alpha());
    if (!(model.alpha() > 0) && result.nonpositive_alpha_steps++ == 0) result.first_nonpositive_batch = b + 1;
    result.reviews += size;
    if (progress) {
      batch_progress p;
      p.epoch = epoch;
      p.batch = b + 1;
      p.batches = result.batches;
      p.reviews = result.reviews;
      p.mean_loss = loss / static_cast<double>(result.reviews);
      p.accuracy = static_cast<double>(correct) / static_cast<double>(result.reviews);
      p.gradient_norm = norm;
      progress(p);
    }
  }
  if (result.reviews > 0) {
    result.mean_loss = loss / static_cast<double>(result.reviews);
    result.accuracy = static_cast<double>(correct) / static_cast<double>(result.reviews);
    result.batch_mean_accuracy = batch_accuracies / static_cast<double>(result.batches);
  }
  return result;
}

}  // namespace hardmax::sentiment
