// The gradient of a batch's mean loss, computed in parallel with a result that does not depend on
// the number of threads: the batch is cut into a fixed number of chunks, each chunk's reviews are
// summed in order by whichever thread takes it, and the chunk sums are added in chunk order.
#pragma once

#include "sentiment/model/classifier.hpp"
#include "sentiment/model/encoded_review.hpp"
#include "sentiment/model/gradient.hpp"
#include "sentiment/model/review_pass.hpp"

#include <cstddef>
#include <functional>
#include <span>
#include <vector>

namespace hardmax::sentiment {

class worker_pool;

struct batch_totals {
  double loss = 0;           // sum of the reviews' losses
  std::size_t correct = 0;   // correctly classified reviews
  std::size_t reviews = 0;
};

class batch_gradient {
 public:
  // Buffers for `chunks` chunks and one review_pass per thread of `pool`, reused by every batch; the
  // loss in `form` (loss.hpp).
  batch_gradient(int chunks, worker_pool& pool, loss_form form = loss_form::logit);

  // Sets `gradient` to the gradient of the mean loss over the reviews review(0) .. review(count - 1)
  // (count >= 1) and returns the sums of their losses and correct answers.
  batch_totals compute(const classifier& model, std::size_t count,
                       const std::function<const encoded_review&(std::size_t)>& review, parameter_gradient& gradient);

 private:
  worker_pool& pool_;
  loss_form form_;
  std::vector<review_pass> passes_;
  std::vector<gradient_sum> chunks_;
};

// Mean loss over `reviews` and its gradient, with the trainer's arithmetic (`chunks` chunks).
// For tests and diagnostics; training uses batch_gradient directly.
struct loss_and_gradient {
  batch_totals totals;
  parameter_gradient gradient;
};
loss_and_gradient mean_loss_gradient(const classifier& model, std::span<const encoded_review> reviews,
                                     unsigned threads = 1, int chunks = 8, loss_form form = loss_form::logit);

}  // namespace hardmax::sentiment
