// The layers of one configuration in the batched engine (numerics/batched_engine.hpp), by the score
// kernels of one ISA (numerics/kernels/), on one thread or split across several.
//
// A layer has four phases: `begin` (one thread: copies grouped into points, numerics/batched_copies.hpp;
// the kernel's queries and panels), `scan` (each part of the threads scans its share of the tiles of
// pairs into its own state), `finish` (each part takes a share of the active points: merges the
// parts' maxima and ties, expands them to tokens, decides D1 and writes the update) and `close` (one
// thread: new leaders, the new active tokens, Z^{k+1} into Z). Every score is computed once per pair
// in a fixed direction and order of operations, maxima and ties are sets, and the update of a point
// depends only on its attention set, summed in increasing token index: the result is bit-identical
// for every number of parts.
//
// Leaders (L2): the rows of tokens known to be leaders are not computed; a leader of Z^k attends only
// to its copies, does not move and is a leader of Z^{k+1}, so its row and position are those of the
// previous layer for ever. (In floating point this follows the theory rather than re-rounding
// (z + alpha z) / (1 + alpha), which may move z by an ulp.)
#pragma once

#include "numerics/batched_copies.hpp"
#include "numerics/batched_engine.hpp"
#include "numerics/kernels/batched_layer.hpp"

#include <new>
#include <vector>

namespace hardmax {

// Storage on 64-byte boundaries: the kernels load and store whole rows of panels and queries
// (16 doubles, 128 bytes) as vectors, and a vector across two cache lines costs two accesses.
template <class T>
struct cache_aligned {
  using value_type = T;
  cache_aligned() = default;
  template <class U>
  cache_aligned(const cache_aligned<U>&) {}
  T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), std::align_val_t{64})); }
  void deallocate(T* p, std::size_t) { ::operator delete(p, std::align_val_t{64}); }
  friend bool operator==(const cache_aligned&, const cache_aligned&) { return true; }
};

// One ISA's score kernels.
struct score_kernels {
  void (*prepare)(const kernels::score_args&) = nullptr;
  void (*scan)(const kernels::score_args&, std::ptrdiff_t, std::ptrdiff_t, const kernels::scan_state&) = nullptr;
  std::ptrdiff_t (*row_ties)(const kernels::score_args&, std::ptrdiff_t, std::ptrdiff_t*) = nullptr;
};

score_kernels score_kernels_for(vector_isa isa);

// Called for every token of an active point with its attention set C_i (increasing), before the
// leader test (batched_attention, for tests).
using attention_record = void (*)(void* context, index i, const index* set, index size);

class batched_layers {
 public:
  // Tokens 0..n-1 of a configuration in R^d, none known to be a leader.
  void reset(index n, index d);

  // The phases of one layer of M4 on Z (V = I) with `parts` parts (threads): begin, then scan(p)
  // and finish(p) for every p (each phase complete on every part before the next starts), then close.
  // `another_follows`: another layer of this configuration will begin after close (then the new
  // rows' hashes are kept for its grouping).
  void begin(const score_kernels& kernels, const model<double>& m, const tokens<double>& Z, index parts,
             bool another_follows);
  void scan(index part);
  void finish(index part);
  void close(tokens<double>& Z, batch_report& report);

  // Points (active copy classes) of the current layer: the phases split only these.
  index active_points() const { return points_; }
  bool all_leaders() const { return active_.empty(); }

  void record_attention(attention_record record, void* context) {
    record_ = record;
    record_context_ = context;
  }

  // For the planar path (attention from the convex hull, numerics/hull_attention.hpp), which
  // shares the leaders and the buffers.
  std::vector<index>& active() { return active_; }
  std::vector<char>& leader() { return leader_; }
  tokens<double>& next() { return next_; }

 private:
  struct part_buffers {
    std::vector<double, cache_aligned<double>> best;
    std::vector<std::ptrdiff_t> count, ties, positions;
    std::vector<index> set;  // an attention set, as tokens
  };

  void finish_point(index a, part_buffers& own);

  score_kernels kernels_;
  const model<double>* model_ = nullptr;
  const tokens<double>* Z_ = nullptr;
  tokens<double> next_;
  bool another_follows_ = false;
  std::vector<index> active_;          // tokens not (yet) known to be leaders, increasing
  std::vector<char> leader_;           // per token
  batched_copies copies_;
  index points_ = 0, parts_ = 1, tiles_ = 0;
  kernels::score_args args_;
  std::vector<double, cache_aligned<double>> packed_;  // the kernel's queries and panels
  Eigen::VectorXd diagonal_;           // A's
  std::vector<part_buffers> part_;
  std::vector<char> point_leader_;     // per active point: found to be a leader in this layer
  attention_record record_ = nullptr;
  void* record_context_ = nullptr;
};

}  // namespace hardmax
