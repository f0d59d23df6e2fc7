// The batched double engine: many configurations (a batch of reviews, a sweep) stepped at once,
// spread over threads, with scores as matrix products (Eigen's GEMM) and no heap allocation per token.
//
// Same model and tie rule as the generic engine (M4; C_i = the indices whose computed score equals
// the row maximum exactly), but GEMM sums in its own blocked order, so its rounding differs from the
// generic double engine's: it is the fast engine, not the reference (docs/ENGINES.md).
#pragma once

#include "numerics/model.hpp"
#include "numerics/tokens.hpp"

#include <vector>

namespace hardmax {

struct batch_report {
  std::size_t rows_computed = 0;  // score rows evaluated, over all layers and configurations
  std::size_t rows_skipped = 0;   // rows of tokens already known to be leaders (L2)
};

// Runs `depth` layers of M4 (V = I, no softmax) on every configuration of `batch`, in place, using up
// to `threads` threads (0: all hardware threads). Configurations may differ in size; all share
// the model (and so the dimension). A SIGINT/SIGTERM recorded by numerics/interruption.hpp stops the
// workers between layers and throws `interrupted`: the batch is then incomplete.
batch_report simulate_batch(const model<double>& m, std::vector<tokens<double>>& batch, index depth, unsigned threads = 0);

}  // namespace hardmax
