#include "numerics/batched_engine.hpp"

#include "numerics/hull_attention.hpp"
#include "numerics/interruption.hpp"
#include "numerics/kernels/batched_layer.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>

namespace hardmax {
namespace {

using kernel = std::ptrdiff_t (*)(const kernels::layer_args&);

kernel kernel_for(vector_isa isa) {
  return isa == vector_isa::avx2 ? &kernels::batched_layer_avx2 : &kernels::batched_layer_sse2;
}

// -1: not forced (HARDMAX_ISA or the best available); otherwise the forced vector_isa.
std::atomic<int> forced_isa{-1};
// -1: the real CPU; otherwise the best vector_isa to admit (detail::limit_cpu_isa, for tests).
std::atomic<int> cpu_limit{-1};

void require_supported(vector_isa isa, const char* why) {
  if (!cpu_supports(isa))
    throw std::invalid_argument(std::string(why) + ": this CPU does not support the " + isa_name(isa) +
                                " kernel of the batched engine" + (isa == vector_isa::avx2 ? " (AVX2 and FMA)" : ""));
}

// One thread's buffers, sized once per configuration shape and reused for every layer.
struct workspace {
  tokens<double> next;
  std::vector<double> scratch;
  std::vector<index> active;   // tokens that are not (yet) leaders
  std::vector<index> ties;
  std::vector<char> leader;    // per token

  void reset(index n, index d) {
    leader.assign(static_cast<std::size_t>(n), 0);
    active.resize(static_cast<std::size_t>(n));
    for (index i = 0; i < n; ++i) active[static_cast<std::size_t>(i)] = i;
    ties.resize(static_cast<std::size_t>(n));
    next.resize(n, d);
  }
};

// The kernel's arguments for the active tokens w.active[begin, begin + size) of Z, writing into
// w.next, with `own`'s scratch (the workspace of the thread that runs the chunk).
kernels::layer_args kernel_args(const model<double>& m, const tokens<double>& Z, workspace& w, index begin, index size,
                                workspace& own) {
  const index n = Z.rows(), d = Z.cols();
  own.scratch.resize(static_cast<std::size_t>(size * (2 * d + n) + d));
  own.ties.resize(static_cast<std::size_t>(n));
  kernels::layer_args args;
  args.A = m.A.data();
  args.alpha = m.alpha;
  args.n = n;
  args.d = d;
  args.Z = Z.data();
  args.next = w.next.data();
  args.active = w.active.data() + begin;
  args.n_active = size;
  args.leader = w.leader.data();
  args.scratch = own.scratch.data();
  args.ties = own.ties.data();
  return args;
}

// After a layer: `kept` tokens stay active (the first of w.active), the rows counted, Z^{k+1} in Z.
void close_layer(tokens<double>& Z, workspace& w, std::size_t kept, batch_report& report) {
  report.rows_computed += w.active.size();
  report.rows_skipped += static_cast<std::size_t>(Z.rows()) - w.active.size();
  w.active.resize(kept);
  Z.swap(w.next);
}

// One layer of one configuration. Rows of tokens already known to be leaders are not recomputed:
// by L2 a leader of Z^k attends only to its copies, does not move, and is a leader of Z^{k+1}, so
// its row and its position are those of the previous layer for ever. (In floating point this
// follows the theory rather than re-rounding (z + alpha z)/(1 + alpha), which may move z by an ulp.)
// The arithmetic is the kernel's (numerics/kernels/batched_layer_impl.hpp), for the chosen ISA.
void layer(kernel run, const model<double>& m, tokens<double>& Z, workspace& w, batch_report& report,
           const kernels::layer_args* hooks = nullptr) {
  w.next.resize(Z.rows(), Z.cols());
  kernels::layer_args args = kernel_args(m, Z, w, 0, static_cast<index>(w.active.size()), w);
  if (hooks != nullptr) {
    args.record = hooks->record;
    args.context = hooks->context;
  }
  close_layer(Z, w, static_cast<std::size_t>(run(args)), report);
}

// One planar layer with the attention sets from the convex hull, decided exactly on the stored
// coordinates; the rows of known leaders frozen (L2) and the update in the kernels' order of
// operations: the attended rows summed in increasing j, then (z + alpha (sum / |C|)) / (1 + alpha).
void planar_layer(const model<double>& m, tokens<double>& Z, workspace& w, batch_report& report) {
  const index d = Z.cols();
  const attention_pattern C = hull_attention(m.A, Z);
  w.next = Z;
  const double one_plus_alpha = 1 + m.alpha;
  std::size_t kept = 0;
  for (const index i : w.active) {
    const auto& Ci = C[static_cast<std::size_t>(i)];
    if (std::all_of(Ci.begin(), Ci.end(), [&](index j) { return Z.row(j) == Z.row(i); })) {
      w.leader[static_cast<std::size_t>(i)] = 1;  // D1: attends only to its copies; fixed from now on
      continue;
    }
    for (index c = 0; c < d; ++c) {
      double sum = 0;
      for (const index j : Ci) sum += Z(j, c);
      w.next(i, c) = (Z(i, c) + m.alpha * (sum / static_cast<double>(Ci.size()))) / one_plus_alpha;
    }
    w.active[kept++] = i;
  }
  close_layer(Z, w, kept, report);
}

// Below this many tokens a configuration is not split across threads: the layer (about 1 ms at
// n = 1024, d = 16) must outweigh starting the threads (tens of microseconds).
constexpr index split_threshold = 512;

// One layer of one configuration with its active rows split into `parts` contiguous chunks, one per
// thread. Each row depends only on Z, so the result is bit-identical to `layer`: every chunk writes
// its own rows of `next` and its own `leader` entries, and the chunks' surviving active tokens are
// concatenated in order, as one kernel call would have compacted them.
void split_layer(kernel run, const model<double>& m, tokens<double>& Z, workspace& w, std::vector<workspace>& helpers,
                 batch_report& report) {
  const auto na = static_cast<index>(w.active.size());
  const auto parts = static_cast<index>(helpers.size()) + 1;
  w.next = Z;  // leaders' rows stay (L2); the chunks overwrite the rest
  std::vector<index> kept(static_cast<std::size_t>(parts), 0), first(static_cast<std::size_t>(parts) + 1, 0);
  for (index p = 0; p <= parts; ++p) first[static_cast<std::size_t>(p)] = na * p / parts;
  const auto chunk = [&](index p) {
    workspace& own = p == 0 ? w : helpers[static_cast<std::size_t>(p - 1)];
    const index begin = first[static_cast<std::size_t>(p)];
    kernels::layer_args args = kernel_args(m, Z, w, begin, first[static_cast<std::size_t>(p) + 1] - begin, own);
    args.next_prefilled = true;
    kept[static_cast<std::size_t>(p)] = run(args);
  };
  std::vector<std::thread> pool;
  for (index p = 1; p < parts; ++p) pool.emplace_back(chunk, p);
  chunk(0);
  for (auto& t : pool) t.join();
  std::size_t out = 0;
  for (index p = 0; p < parts; ++p)
    for (index k = 0; k < kept[static_cast<std::size_t>(p)]; ++k)
      w.active[out++] = w.active[static_cast<std::size_t>(first[static_cast<std::size_t>(p)] + k)];
  close_layer(Z, w, out, report);
}

}  // namespace

const char* isa_name(vector_isa isa) { return isa == vector_isa::avx2 ? "avx2" : "sse2"; }

vector_isa parse_isa(std::string_view name) {
  if (name == "sse2") return vector_isa::sse2;
  if (name == "avx2") return vector_isa::avx2;
  throw std::invalid_argument("unknown ISA '" + std::string(name) + "' for the batched engine (expected sse2 or avx2)");
}

bool cpu_supports(vector_isa isa) {
  const int limit = cpu_limit.load();
  if (limit >= 0 && static_cast<int>(isa) > limit) return false;
  if (isa == vector_isa::sse2) return true;  // every x86-64
  __builtin_cpu_init();
  // libgcc reports AVX2 and FMA only when the OS also saves the YMM registers (XCR0).
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

std::vector<vector_isa> available_isas() {
  std::vector<vector_isa> out{vector_isa::sse2};
  if (cpu_supports(vector_isa::avx2)) out.push_back(vector_isa::avx2);
  return out;
}

vector_isa batched_isa() {
  const int forced = forced_isa.load();
  if (forced >= 0) return static_cast<vector_isa>(forced);
  const char* env = std::getenv("HARDMAX_ISA");
  if (env != nullptr && *env != '\0') {
    const vector_isa isa = parse_isa(env);
    require_supported(isa, "HARDMAX_ISA");
    return isa;
  }
  return cpu_supports(vector_isa::avx2) ? vector_isa::avx2 : vector_isa::sse2;
}

void force_batched_isa(vector_isa isa) {
  require_supported(isa, "force_batched_isa");
  forced_isa.store(static_cast<int>(isa));
}

void force_batched_isa(std::string_view name) { force_batched_isa(parse_isa(name)); }

void reset_batched_isa() { forced_isa.store(-1); }

void detail::limit_cpu_isa(std::optional<vector_isa> best) { cpu_limit.store(best ? static_cast<int>(*best) : -1); }

attention_pattern batched_attention(const model<double>& m, const tokens<double>& Z) {
  if (m.A.rows() != Z.cols() || m.A.cols() != Z.cols())
    throw std::invalid_argument("the batched engine needs a configuration in the dimension of A");
  const kernel run = kernel_for(batched_isa());
  tokens<double> Zc = Z;  // contiguous, row-major
  workspace w;
  w.reset(Z.rows(), Z.cols());
  attention_pattern C(static_cast<std::size_t>(Z.rows()));
  if (Z.cols() == 0)  // the kernel decides this case without scores: every token attends to all
    for (auto& Ci : C)
      for (index j = 0; j < Z.rows(); ++j) Ci.push_back(j);
  batch_report ignored;
  kernels::layer_args extra;
  extra.context = &C;
  extra.record = [](void* context, std::ptrdiff_t i, const std::ptrdiff_t* set, std::ptrdiff_t size) {
    (*static_cast<attention_pattern*>(context))[static_cast<std::size_t>(i)].assign(set, set + size);
  };
  layer(run, m, Zc, w, ignored, &extra);
  return C;
}

namespace {

// `depth` layers of one configuration (until an interrupt is recorded): in the plane by the hull
// (O(n log n), not worth splitting), else by the kernel, its rows split across `helpers` and this
// thread when the configuration is large enough and helpers are given.
void run_configuration(kernel run, const model<double>& m, tokens<double>& Z, index depth, workspace& w,
                       std::vector<workspace>& helpers, planar_attention planar, batch_report& report) {
  w.reset(Z.rows(), Z.cols());
  const bool hull = planar == planar_attention::hull && Z.cols() == 2;
  for (index k = 0; k < depth && !interrupt_requested(); ++k) {
    if (hull)
      planar_layer(m, Z, w, report);
    else if (!helpers.empty() && Z.rows() >= split_threshold && Z.cols() > 0 && w.active.size() > helpers.size())
      split_layer(run, m, Z, w, helpers, report);
    else
      layer(run, m, Z, w, report);
  }
}

// Configurations one after the other, each large one's layers split across `threads` threads.
batch_report split_each(kernel run, const model<double>& m, std::vector<tokens<double>>& batch, index depth, unsigned threads,
                        planar_attention planar) {
  batch_report report;
  workspace w;
  std::vector<workspace> helpers(threads - 1);
  for (tokens<double>& Z : batch) run_configuration(run, m, Z, depth, w, helpers, planar, report);
  stop_if_interrupted();
  return report;
}

}  // namespace

batch_report simulate_batch(const model<double>& m, std::vector<tokens<double>>& batch, index depth, unsigned threads,
                            planar_attention planar) {
  if (m.tau || m.V) throw std::invalid_argument("the batched engine runs hardmax M4 with V = I");
  const index d = m.dimension();
  if (m.A.cols() != d) throw std::invalid_argument("the batched engine needs a square A");
  for (const auto& Z : batch)
    if (Z.cols() != d) throw std::invalid_argument("the batched engine needs every configuration in the dimension of A");
  const kernel run = kernel_for(batched_isa());  // one ISA for the whole call
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  // Fewer configurations than threads: each large one is split across the threads instead.
  if (batch.size() < threads) {
    const bool any_large = std::any_of(batch.begin(), batch.end(), [](const tokens<double>& Z) { return Z.rows() >= split_threshold; });
    if (any_large) return split_each(run, m, batch, depth, threads, planar);
  }
  threads = std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(1, batch.size())));
  std::atomic<std::size_t> next_config{0};
  std::vector<batch_report> reports(threads);
  const auto work = [&](unsigned t) {
    // Buffers persist per thread across calls, so a caller stepping layer by layer allocates nothing.
    thread_local workspace w;
    std::vector<workspace> no_helpers;
    for (std::size_t c; (c = next_config.fetch_add(1)) < batch.size();)
      run_configuration(run, m, batch[c], depth, w, no_helpers, planar, reports[t]);
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
