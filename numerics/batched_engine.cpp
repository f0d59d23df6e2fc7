#include "numerics/batched_engine.hpp"

#include "numerics/batched_layers.hpp"
#include "numerics/hull_attention.hpp"
#include "numerics/interruption.hpp"

#include <algorithm>
#include <atomic>
#include <barrier>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>

namespace hardmax {
namespace {

// -1: not forced (HARDMAX_ISA or the best available); otherwise the forced vector_isa.
std::atomic<int> forced_isa{-1};
// -1: the real CPU; otherwise the best vector_isa to admit (detail::limit_cpu_isa, for tests).
std::atomic<int> cpu_limit{-1};

const char* isa_requirement(vector_isa isa) {
  switch (isa) {
    case vector_isa::avx512: return " (AVX-512F, AVX2 and FMA)";
    case vector_isa::avx2: return " (AVX2 and FMA)";
    case vector_isa::sse2: break;
  }
  return "";
}

void require_supported(vector_isa isa, const char* why) {
  if (!cpu_supports(isa))
    throw std::invalid_argument(std::string(why) + ": this CPU does not support the " + isa_name(isa) +
                                " kernel of the batched engine" + isa_requirement(isa));
}

// One planar layer with the attention sets from the convex hull, decided exactly on the stored
// coordinates; the rows of known leaders frozen (L2) and the update in the kernels' order of
// operations: the attended rows summed in increasing j, then (z + alpha (sum / |C|)) / (1 + alpha).
void planar_layer(const model<double>& m, tokens<double>& Z, batched_layers& w, batch_report& report) {
  const index d = Z.cols();
  const attention_pattern C = hull_attention(m.A, Z);
  tokens<double>& next = w.next();
  next = Z;
  const double one_plus_alpha = 1 + m.alpha;
  std::vector<index>& active = w.active();
  std::size_t kept = 0;
  for (const index i : active) {
    const auto& Ci = C[static_cast<std::size_t>(i)];
    if (std::all_of(Ci.begin(), Ci.end(), [&](index j) { return Z.row(j) == Z.row(i); })) {
      w.leader()[static_cast<std::size_t>(i)] = 1;  // D1: attends only to its copies; fixed from now on
      continue;
    }
    for (index c = 0; c < d; ++c) {
      double sum = 0;
      for (const index j : Ci) sum += Z(j, c);
      next(i, c) = (Z(i, c) + m.alpha * (sum / static_cast<double>(Ci.size()))) / one_plus_alpha;
    }
    active[kept++] = i;
  }
  report.rows_computed += active.size();
  report.rows_skipped += static_cast<std::size_t>(Z.rows()) - active.size();
  active.resize(kept);
  Z.swap(next);
}

// One layer by the score kernels on this thread alone.
void kernel_layer(const score_kernels& k, const model<double>& m, tokens<double>& Z, batched_layers& w, bool another_follows,
                  batch_report& report) {
  w.begin(k, m, Z, 1, another_follows);
  w.scan(0);
  w.finish(0);
  w.close(Z, report);
}

// Below this many tokens a configuration is not split across threads: the layer (about 0.3 ms at
// n = 1024, d = 16) must outweigh starting the threads and meeting them three times a layer.
constexpr index split_threshold = 512;

// `depth` layers of one configuration on `threads` threads that stay together for the whole run:
// thread 0 begins and closes each layer, every thread scans its share of the tiles and finishes its
// share of the points, with a barrier between phases (bit-identical to one thread: batched_layers.hpp).
void split_layers(const score_kernels& k, const model<double>& m, tokens<double>& Z, index depth, batched_layers& w,
                  unsigned threads, batch_report& report) {
  std::barrier sync(static_cast<std::ptrdiff_t>(threads));
  bool stop = false;
  index layer = 0;
  const auto body = [&](index part) {
    for (;;) {
      if (part == 0) {
        stop = layer >= depth || interrupt_requested();
        if (!stop) w.begin(k, m, Z, static_cast<index>(threads), layer + 1 < depth);
      }
      sync.arrive_and_wait();
      if (stop) return;
      w.scan(part);
      sync.arrive_and_wait();
      w.finish(part);
      sync.arrive_and_wait();
      if (part == 0) {
        w.close(Z, report);
        ++layer;
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(body, static_cast<index>(t));
  body(0);
  for (auto& t : pool) t.join();
}

// `depth` layers of one configuration (until an interrupt is recorded): in the plane by the hull
// (O(n log n), not worth splitting), else by the score kernels, split across `threads` threads when
// the configuration is large enough.
void run_configuration(const score_kernels& k, const model<double>& m, tokens<double>& Z, index depth, batched_layers& w,
                       unsigned threads, planar_attention planar, batch_report& report) {
  w.reset(Z.rows(), Z.cols());
  if (planar == planar_attention::hull && Z.cols() == 2) {
    for (index layer = 0; layer < depth && !interrupt_requested(); ++layer) planar_layer(m, Z, w, report);
  } else if (threads > 1 && Z.rows() >= split_threshold && Z.cols() > 0) {
    split_layers(k, m, Z, depth, w, threads, report);
  } else {
    for (index layer = 0; layer < depth && !interrupt_requested(); ++layer) kernel_layer(k, m, Z, w, layer + 1 < depth, report);
  }
}

// Configurations one after the other, each large one's layers split across `threads` threads.
batch_report split_each(const score_kernels& k, const model<double>& m, std::vector<tokens<double>>& batch, index depth,
                        unsigned threads, planar_attention planar) {
  batch_report report;
  batched_layers w;
  for (tokens<double>& Z : batch) run_configuration(k, m, Z, depth, w, threads, planar, report);
  stop_if_interrupted();
  return report;
}

}  // namespace

const char* isa_name(vector_isa isa) {
  switch (isa) {
    case vector_isa::avx512: return "avx512";
    case vector_isa::avx2: return "avx2";
    case vector_isa::sse2: break;
  }
  return "sse2";
}

vector_isa parse_isa(std::string_view name) {
  if (name == "sse2") return vector_isa::sse2;
  if (name == "avx2") return vector_isa::avx2;
  if (name == "avx512") return vector_isa::avx512;
  throw std::invalid_argument("unknown ISA '" + std::string(name) + "' for the batched engine (expected sse2, avx2 or avx512)");
}

bool cpu_supports(vector_isa isa) {
  const int limit = cpu_limit.load();
  if (limit >= 0 && static_cast<int>(isa) > limit) return false;
  __builtin_cpu_init();
  // libgcc reports AVX2, FMA and AVX-512F only when the OS also saves the YMM (and ZMM) registers (XCR0).
  switch (isa) {
    case vector_isa::avx512:
      return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case vector_isa::avx2: return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case vector_isa::sse2: break;
  }
  return true;  // every x86-64
}

std::vector<vector_isa> available_isas() {
  std::vector<vector_isa> out;
  for (vector_isa isa : {vector_isa::sse2, vector_isa::avx2, vector_isa::avx512})
    if (cpu_supports(isa)) out.push_back(isa);
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
  return cpu_supports(vector_isa::avx512) ? vector_isa::avx512 : cpu_supports(vector_isa::avx2) ? vector_isa::avx2 : vector_isa::sse2;
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
  const score_kernels k = score_kernels_for(batched_isa());
  tokens<double> Zc = Z;  // contiguous, row-major
  batched_layers w;
  w.reset(Z.rows(), Z.cols());
  attention_pattern C(static_cast<std::size_t>(Z.rows()));
  if (Z.cols() == 0)  // decided without scores: every token attends to all
    for (auto& Ci : C)
      for (index j = 0; j < Z.rows(); ++j) Ci.push_back(j);
  w.record_attention(
      [](void* context, index i, const index* set, index size) {
        (*static_cast<attention_pattern*>(context))[static_cast<std::size_t>(i)].assign(set, set + size);
      },
      &C);
  batch_report ignored;
  kernel_layer(k, m, Zc, w, false, ignored);
  return C;
}

batch_report simulate_batch(const model<double>& m, std::vector<tokens<double>>& batch, index depth, unsigned threads,
                            planar_attention planar) {
  if (m.tau || m.V) throw std::invalid_argument("the batched engine runs hardmax M4 with V = I");
  const index d = m.dimension();
  if (m.A.cols() != d) throw std::invalid_argument("the batched engine needs a square A");
  for (const auto& Z : batch)
    if (Z.cols() != d) throw std::invalid_argument("the batched engine needs every configuration in the dimension of A");
  const score_kernels k = score_kernels_for(batched_isa());  // one ISA for the whole call
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  // Fewer configurations than threads: each large one is split across the threads instead.
  if (batch.size() < threads) {
    const bool any_large = std::any_of(batch.begin(), batch.end(), [](const tokens<double>& Z) { return Z.rows() >= split_threshold; });
    if (any_large) return split_each(k, m, batch, depth, threads, planar);
  }
  threads = std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(1, batch.size())));
  std::atomic<std::size_t> next_config{0};
  std::vector<batch_report> reports(threads);
  const auto work = [&](unsigned t) {
    // Buffers persist per thread across calls, so a caller stepping layer by layer allocates nothing.
    thread_local batched_layers w;
    for (std::size_t c; (c = next_config.fetch_add(1)) < batch.size();)
      run_configuration(k, m, batch[c], depth, w, 1, planar, reports[t]);
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
