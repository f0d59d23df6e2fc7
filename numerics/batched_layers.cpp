#include "numerics/batched_layers.hpp"

#include <algorithm>
#include <limits>

namespace hardmax {
namespace {

std::ptrdiff_t round_up(std::ptrdiff_t x, std::ptrdiff_t to) { return (x + to - 1) / to * to; }

// M4 for token i attending to set[0..size) (increasing): out = (z_i + alpha (sum / size)) / (1 + alpha),
// the sum from 0 in increasing j, each operation rounded as in the generic double engine (its two
// divisions kept; x / 1 = x exactly, so a set of one skips the first).
void update(const tokens<double>& Z, index i, const index* set, index size, double alpha, double* __restrict out) {
  const index d = Z.cols();
  const double* __restrict zi = Z.data() + i * d;
  const double one_plus_alpha = 1 + alpha, count = static_cast<double>(size);
  const double* __restrict z0 = Z.data() + set[0] * d;
  if (size == 1) {
    for (index c = 0; c < d; ++c) out[c] = (zi[c] + alpha * (0.0 + z0[c])) / one_plus_alpha;
    return;
  }
  for (index c = 0; c < d; ++c) out[c] = 0.0 + z0[c];
  for (index k = 1; k < size; ++k) {
    const double* __restrict zj = Z.data() + set[k] * d;
    for (index c = 0; c < d; ++c) out[c] += zj[c];
  }
  for (index c = 0; c < d; ++c) out[c] = (zi[c] + alpha * (out[c] / count)) / one_plus_alpha;
}

}  // namespace

score_kernels score_kernels_for(vector_isa isa) {
  switch (isa) {
    case vector_isa::avx512:
      return {&kernels::prepare_scores_avx512, &kernels::scan_scores_avx512, &kernels::row_ties_avx512};
    case vector_isa::avx2:
      return {&kernels::prepare_scores_avx2, &kernels::scan_scores_avx2, &kernels::row_ties_avx2};
    case vector_isa::sse2:
      break;
  }
  return {&kernels::prepare_scores_sse2, &kernels::scan_scores_sse2, &kernels::row_ties_sse2};
}

void batched_layers::reset(index n, index d) {
  leader_.assign(static_cast<std::size_t>(n), 0);
  active_.resize(static_cast<std::size_t>(n));
  for (index i = 0; i < n; ++i) active_[static_cast<std::size_t>(i)] = i;
  next_.resize(n, d);
  copies_.reset(n, d);
}

void batched_layers::begin(const score_kernels& kernels, const model<double>& m, const tokens<double>& Z, index parts,
                           bool another_follows) {
  kernels_ = kernels;
  another_follows_ = another_follows;
  model_ = &m;
  Z_ = &Z;
  parts_ = parts;
  // Every row of `next` is written in this layer except the rows of tokens already leaders when it
  // begins: after a layer `next` holds the layer before Z, where those rows are already Z's (L2:
  // frozen), and right after reset every token is active. Tokens that join a leader point in `group`
  // are copied below, points found to be leaders in `finish`.
  points_ = 0;
  tiles_ = 0;
  const index d = Z.cols();
  if (d == 0) {  // every token is a copy of every other: all are leaders (D1)
    for (const index i : active_) leader_[static_cast<std::size_t>(i)] = 1;
    return;
  }
  copies_.group(Z, active_, leader_);
  for (const index i : copies_.joined_leaders()) next_.row(i) = Z.row(i);
  points_ = copies_.active_count();
  kernels::score_args& a = args_;
  a.A = m.A.data();
  a.d = d;
  diagonal_ = m.A.diagonal();
  bool diagonal = true;
  for (index r = 0; r < d && diagonal; ++r)
    for (index c = 0; c < d && diagonal; ++c) diagonal = r == c || m.A(r, c) == 0;
  a.diagonal = diagonal ? diagonal_.data() : nullptr;
  a.Z = Z.data();
  a.point = copies_.representatives().data();
  a.n_active = points_;
  a.n_leaders = copies_.leader_count();
  a.leader_start = round_up(points_, kernels::score_block);
  a.query_stride = round_up(d, kernels::query_lanes);
  const std::ptrdiff_t leader_points = round_up(a.n_leaders, kernels::score_block);
  packed_.resize(static_cast<std::size_t>(a.leader_start * a.query_stride + (a.leader_start + leader_points) * d));
  a.queries = packed_.data();
  a.panels = packed_.data() + a.leader_start * a.query_stride;
  if (points_ == 0) return;
  kernels_.prepare(a);
  const std::ptrdiff_t nb = a.leader_start / kernels::score_block, nl = leader_points / kernels::score_block;
  tiles_ = nb * (nb + 1) / 2 + nb * nl;
  part_.resize(static_cast<std::size_t>(parts));
  for (part_buffers& p : part_) {
    p.best.assign(static_cast<std::size_t>(a.leader_start), -std::numeric_limits<double>::infinity());
    p.count.assign(static_cast<std::size_t>(a.leader_start), 0);
    p.ties.resize(static_cast<std::size_t>(a.leader_start * kernels::stored_ties));
    p.positions.resize(static_cast<std::size_t>(a.leader_start + a.n_leaders));
    p.set.resize(static_cast<std::size_t>(Z.rows()));
  }
  point_leader_.assign(static_cast<std::size_t>(points_), 0);
}

void batched_layers::scan(index part) {
  if (tiles_ == 0) return;
  part_buffers& p = part_[static_cast<std::size_t>(part)];
  kernels_.scan(args_, tiles_ * part / parts_, tiles_ * (part + 1) / parts_, {p.best.data(), p.count.data(), p.ties.data()});
}

void batched_layers::finish(index part) {
  if (points_ == 0) return;
  part_buffers& own = part_[static_cast<std::size_t>(part)];
  for (index a = points_ * part / parts_; a < points_ * (part + 1) / parts_; ++a) finish_point(a, own);
}

// Point a's attention set from every part's scan, D1, and its update.
void batched_layers::finish_point(index a, part_buffers& own) {
  const auto at = static_cast<std::size_t>(a);
  double best = -std::numeric_limits<double>::infinity();
  for (const part_buffers& p : part_) best = std::max(best, p.best[at]);
  std::ptrdiff_t count = 0;
  bool overflow = false;
  for (const part_buffers& p : part_)
    if (p.best[at] == best) {
      overflow = overflow || p.count[at] > kernels::stored_ties;
      count += p.count[at];
    }
  std::ptrdiff_t* positions = own.positions.data();
  if (overflow) {
    count = kernels_.row_ties(args_, a, positions);
  } else {
    std::ptrdiff_t k = 0;
    for (const part_buffers& p : part_)
      if (p.best[at] == best)
        for (std::ptrdiff_t t = 0; t < p.count[at]; ++t) positions[k++] = p.ties[at * kernels::stored_ties + static_cast<std::size_t>(t)];
  }
  // Positions to tokens: a point is attended with all its copies.
  const auto members_of = [&](std::ptrdiff_t position, const index*& first, index& size) {
    if (position < args_.leader_start) {
      first = copies_.active_members(position);
      size = copies_.active_size(position);
    } else {
      const std::vector<index>& m = copies_.leader_members(position - args_.leader_start);
      first = m.data();
      size = static_cast<index>(m.size());
    }
  };
  const index* set = own.set.data();
  index set_size = 0;
  if (count == 1) {
    members_of(positions[0], set, set_size);
  } else {
    for (std::ptrdiff_t k = 0; k < count; ++k) {
      const index* first = nullptr;
      index size = 0;
      members_of(positions[k], first, size);
      std::copy(first, first + size, own.set.data() + set_size);
      set_size += size;
    }
    std::sort(own.set.data(), own.set.data() + set_size);
  }
  const index* members = copies_.active_members(a);
  const index n_members = copies_.active_size(a);
  if (record_ != nullptr)
    for (index k = 0; k < n_members; ++k) record_(record_context_, members[k], set, set_size);
  const tokens<double>& Z = *Z_;
  if (count == 0 || (count == 1 && positions[0] == a)) {  // D1: it attends only to its copies
    point_leader_[at] = 1;
    for (index k = 0; k < n_members; ++k) next_.row(members[k]) = Z.row(members[k]);
    return;
  }
  double* out = next_.data() + members[0] * Z.cols();
  update(Z, members[0], set, set_size, model_->alpha, out);
  for (index k = 1; k < n_members; ++k) next_.row(members[k]) = next_.row(members[0]);
  if (!another_follows_) return;
  const std::uint64_t h = copies_.hash(out);  // while the row is in cache, for the next grouping
  for (index k = 0; k < n_members; ++k) copies_.set_hash(members[k], h);
}

void batched_layers::close(tokens<double>& Z, batch_report& report) {
  for (index a = 0; a < points_; ++a)
    if (point_leader_[static_cast<std::size_t>(a)]) {
      const index* members = copies_.active_members(a);
      for (index k = 0; k < copies_.active_size(a); ++k) leader_[static_cast<std::size_t>(members[k])] = 1;
      if (another_follows_) copies_.add_leader(a);  // for the next grouping
    }
  report.rows_computed += active_.size();
  report.rows_skipped += static_cast<std::size_t>(Z.rows()) - active_.size();
  active_.erase(std::remove_if(active_.begin(), active_.end(), [&](index i) { return leader_[static_cast<std::size_t>(i)] != 0; }),
                active_.end());
  Z.swap(next_);
}

}  // namespace hardmax
