#include "numerics/batched_engine.hpp"

#include "numerics/interruption.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <thread>

namespace hardmax {
namespace {

using dense = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// One thread's buffers, sized once per configuration shape and reused for every layer.
struct workspace {
  dense queries, active_queries, scores, next;
  Eigen::RowVectorXd sum;
  std::vector<index> active;   // tokens that are not (yet) leaders
  std::vector<char> leader;    // per token

  void reset(index n, index d) {
    leader.assign(static_cast<std::size_t>(n), 0);
    active.resize(static_cast<std::size_t>(n));
    for (index i = 0; i < n; ++i) active[static_cast<std::size_t>(i)] = i;
    sum.resize(d);
  }
};

// One layer of one configuration. Rows of tokens already known to be leaders are not recomputed:
// by L2 a leader of Z^k attends only to its copies, does not move, and is a leader of Z^{k+1}, so
// its row and its position are those of the previous layer for ever. (In floating point this
// follows the theory rather than re-rounding (z + alpha z)/(1 + alpha), which may move z by an ulp.)
void layer(const model<double>& m, tokens<double>& Z, workspace& w, batch_report& report) {
  const index n = Z.rows(), d = Z.cols();
  const auto na = static_cast<index>(w.active.size());
  w.active_queries.resize(na, d);
  for (index a = 0; a < na; ++a) w.active_queries.row(a) = Z.row(w.active[static_cast<std::size_t>(a)]);
  w.queries.noalias() = w.active_queries * m.A;  // rows q_i = (A z_i)^T, A symmetric
  w.scores.resize(na, n);
  w.scores.noalias() = w.queries * Z.transpose();
  w.next = Z;
  const double one_plus_alpha = 1 + m.alpha;
  for (index a = 0; a < na; ++a) {
    const index i = w.active[static_cast<std::size_t>(a)];
    const auto s = w.scores.row(a);
    const double best = s.maxCoeff();
    w.sum.setZero();
    long count = 0;
    bool copies_only = true;
    for (index j = 0; j < n; ++j)
      if (s(j) == best) {
        w.sum += Z.row(j);
        ++count;
        copies_only = copies_only && Z.row(j) == Z.row(i);
      }
    if (copies_only) {
      w.leader[static_cast<std::size_t>(i)] = 1;  // D1: attends only to its copies; fixed from now on
      continue;
    }
    w.next.row(i) = (Z.row(i) + m.alpha * (w.sum / static_cast<double>(count))) / one_plus_alpha;
  }
  report.rows_computed += static_cast<std::size_t>(na);
  report.rows_skipped += static_cast<std::size_t>(n - na);
  w.active.erase(std::remove_if(w.active.begin(), w.active.end(),
                                [&w](index i) { return w.leader[static_cast<std::size_t>(i)] != 0; }),
                 w.active.end());
  Z.swap(w.next);
}

}  // namespace

batch_report simulate_batch(const model<double>& m, std::vector<tokens<double>>& batch, index depth, unsigned threads) {
  if (m.tau || m.V) throw std::invalid_argument("the batched engine runs hardmax M4 with V = I");
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(1, batch.size())));
  std::atomic<std::size_t> next_config{0};
  std::vector<batch_report> reports(threads);
  const auto work = [&](unsigned t) {
    // Buffers persist per thread across calls, so a caller stepping layer by layer allocates nothing.
    thread_local workspace w;
    for (std::size_t c; (c = next_config.fetch_add(1)) < batch.size();) {
      w.reset(batch[c].rows(), batch[c].cols());
      for (index k = 0; k < depth && !interrupt_requested(); ++k) layer(m, batch[c], w, reports[t]);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& th : pool) th.join();
  stop_if_interrupted();  // the workers stopped between layers; the batch is then incomplete
  batch_report total;
  for (const auto& r : reports) {
    total.rows_computed += r.rows_computed;
    total.rows_skipped += r.rows_skipped;
  }
  return total;
}

}  // namespace hardmax
