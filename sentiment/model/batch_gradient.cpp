#include "sentiment/model/batch_gradient.hpp"

#include "sentiment/model/worker_pool.hpp"

#include <algorithm>
#include <stdexcept>

namespace hardmax::sentiment {

batch_gradient::batch_gradient(int chunks, worker_pool& pool, loss_form form)
    : pool_(pool), form_(form), passes_(pool.size()), chunks_(static_cast<std::size_t>(chunks)) {
  if (chunks < 1) throw std::invalid_argument("a batch needs at least one chunk");
}

batch_totals batch_gradient::compute(const classifier& model, std::size_t count,
                                     const std::function<const encoded_review&(std::size_t)>& review,
                                     parameter_gradient& gradient) {
  if (count == 0) throw std::invalid_argument("the gradient of an empty batch is undefined");
  const int d = model.dimension();
  // Chunk c holds reviews [c count / k, (c + 1) count / k): fixed by the batch size alone.
  const std::size_t k = std::min(chunks_.size(), count);
  pool_.run(k, [&](std::size_t c, unsigned worker) {
    gradient_sum& sum = chunks_[c];
    sum.reset(d);
    const std::size_t from = c * count / k, to = (c + 1) * count / k;
    for (std::size_t i = from; i < to; ++i) passes_[worker].accumulate(model, review(i), sum, form_);
  });
  gradient.clear();
  batch_totals totals;
  for (std::size_t c = 0; c < k; ++c) {
    gradient.add(chunks_[c]);
    totals.loss += chunks_[c].loss;
    totals.correct += chunks_[c].correct;
    totals.reviews += chunks_[c].reviews;
  }
  gradient.scale(1.0 / static_cast<double>(count));
  return totals;
}

loss_and_gradient mean_loss_gradient(const classifier& model, std::span<const encoded_review> reviews,
                                     unsigned threads, int chunks, loss_form form) {
  check_classifier(model);
  worker_pool pool(threads);
  batch_gradient engine(chunks, pool, form);
  loss_and_gradient out{{}, parameter_gradient(model)};
  out.totals = engine.compute(model, reviews.size(), [&](std::size_t i) -> const encoded_review& { return reviews[i]; },
                              out.gradient);
  return out;
}

}  // namespace hardmax::sentiment
