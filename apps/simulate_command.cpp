#include "apps/simulate_command.hpp"

#include "apps/exit_codes.hpp"
#include "apps/run_limits.hpp"
#include "io/atomic_file.hpp"
#include "io/config_file.hpp"
#include "io/json_layout.hpp"
#include "io/point_text.hpp"
#include "io/simulation_plan.hpp"
#include "io/trajectory_output.hpp"
#include "numerics/engine.hpp"
#include "numerics/interruption.hpp"
#include "proofs-check/fast_forward_run.hpp"
#include "theory/clusters.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <unistd.h>

#include <iostream>
#include <memory>

namespace hardmax {
namespace {

struct simulate_options {
  std::string config;
  std::string engine = "exact";
  std::optional<long> layers;
  std::string out;
  std::string format = "json";
  std::string tie_tolerance;
  bool quiet = false;
  std::string attention = "auto";
  std::size_t max_bits = 10000000;
  std::size_t max_memory_mb = 4096;
  run_limits limits;
  std::string fast_forward = "auto";
  long every = 0;
  std::vector<long> at;
  long max_layers = 200;
};

// --every / --at: the layers a trajectory file keeps (all when neither is given).
void keep_selected(nlohmann::json& doc, const simulate_options& opt, index depth) {
  if (!opt.every && opt.at.empty()) return;
  const std::vector<index> keep = selected_layers(depth, opt.every, std::vector<index>(opt.at.begin(), opt.at.end()));
  nlohmann::json kept = nlohmann::json::array();
  for (auto& layer : doc["layers"])
    if (std::binary_search(keep.begin(), keep.end(), layer["layer"].get<index>())) kept.push_back(std::move(layer));
  doc["layers"] = std::move(kept);
}

// Leaders per layer, runs of equal sets printed once: "layers 1-30: {0, 1, 2}".
template <class Scalar>
void print_leaders(const trajectory<Scalar>& t) {
  fmt::print("leaders by layer (D1; tokens numbered from 0):\n");
  std::size_t start = 0;
  std::vector<index> current = leaders_at(t, 0);
  for (std::size_t k = 1; k <= t.layers.size(); ++k) {
    std::vector<index> next;
    if (k < t.layers.size()) next = leaders_at(t, k);
    if (k < t.layers.size() && next == current) continue;
    const std::string span = start + 1 == k ? fmt::format("layer {}", start) : fmt::format("layers {}-{}", start, k - 1);
    fmt::print("  {}: {{{}}}\n", span, fmt::join(current, ", "));
    start = k;
    current = std::move(next);
  }
}

template <class Scalar>
void print_clusters(const trajectory<Scalar>& t) {
  std::size_t settled = t.attention.size() - 1;
  while (settled > 0 && t.attention[settled - 1] == t.attention.back()) --settled;
  const auto& Z = t.layers.back();
  const auto& C = t.attention.back();
  const tokens<Scalar> T = targets(Z, C);
  fmt::print("attention pattern unchanged from layer {} to layer {}\n", settled, t.depth());
  fmt::print("clusters: the points the tokens head for at layer {} (the exact limit once the pattern never\n"
             "changes again, which `hardmax limit` certifies, L6):\n", t.depth());
  for (const cluster& c : clusters(T, leaders_at(t, t.layers.size() - 1)))
    fmt::print("  {}  tokens {{{}}}{}\n", point_text(T, c.representative), fmt::join(c.members, ", "),
               c.holds_leader ? "  (a leader's position)" : "");
}

void print_certification(const certification_stats& s) {
  fmt::print("certified engine: {} attention sets certified in double, {} decided exactly (at layers {{{}}});\n"
             "every coordinate within {:.3g} of the exact trajectory at the last layer\n",
             s.certified, s.decided_exactly, fmt::join(s.exact_layers, ", "), s.error_bound.back());
}

template <class Scalar>
void print_summary(const problem& p, const model<Scalar>& m, const trajectory<Scalar>& t, const std::string& engine) {
  fmt::print("{} tokens in R^{}, alpha = {}, engine {}, {} layers\n", p.size(), p.dimension(), to_string(p.alpha),
             engine, t.depth());
  print_leaders(t);
  if (m.tau || m.V)
    fmt::print("clusters: not summarised (defined for hardmax M4 with V = I)\n");
  else
    print_clusters(t);
}

struct run {
  const simulate_options& opt;
  const problem& p;
  const simulation_plan& plan;
  std::string command_line;

  template <class Scalar>
  int operator()() const {
    const model<Scalar> m = model_of<Scalar>(p, plan.request.tie_tolerance);
    const bool show_progress = !opt.quiet && ::isatty(STDERR_FILENO);
    const auto progress = [&](index k) {
      if (show_progress) fmt::print(stderr, "\rlayer {}/{}", k, plan.request.depth);
      stop_if_interrupted();
    };
    certification_stats stats;
    const trajectory<Scalar> t = run_plan<Scalar>(plan, p, progress, &stats);
    if (show_progress) fmt::print(stderr, "\n");
    const bool certified = plan.request.engine.type == engine_spec::kind::certified;
    if (!opt.out.empty()) write(t, m, certified ? &stats : nullptr);
    if (!opt.quiet)
      fmt::print("attention sets: {}\n", plan.hull ? "convex hull (d = 2; exact decisions on the stored coordinates, "
                                                      "O(n log n) per layer)"
                                                    : "all pairs of scores (O(n^2) per layer)");
    if (!opt.quiet) print_summary(p, m, t, plan.request.engine.name());
    if (!opt.quiet && certified) print_certification(stats);
    return exit_code::ok;
  }

  template <class Scalar>
  void write(const trajectory<Scalar>& t, const model<Scalar>& m, const certification_stats* stats) const {
    const provenance source{command_line, plan.request.engine.name(), opt.config};
    write_atomically(opt.out, [&](std::ostream& out) {
      if (opt.format == "csv") return write_trajectory_csv(out, t);
      nlohmann::json doc = simulation_json(t, m, plan, source, stats);
      keep_selected(doc, opt, plan.request.depth);
      write_json_document(out, doc);
    });
  }
};

// Layers past K* from the L6 certificate's closed form (proofs-check/fast_forward_run.hpp).
int run_fast_forward_simulate(const simulate_options& opt, const problem& p, const simulation_plan& plan,
                              const std::string& command_line) {
  const bool show_progress = !opt.quiet && ::isatty(STDERR_FILENO);
  limit_search_limits limits;
  limits.max_bits = opt.max_bits;
  limits.max_memory_mb = opt.max_memory_mb;
  const bool through_k_star = !opt.every && opt.at.empty();
  if (show_progress) fmt::print(stderr, "searching for an L6 certificate within {} layers\n", opt.max_layers);
  const fast_forward_run run = run_fast_forward(plan, p, opt.config,
                                                selected_layers(plan.request.depth, opt.every,
                                                                std::vector<index>(opt.at.begin(), opt.at.end())),
                                                through_k_star, static_cast<index>(opt.max_layers), limits);
  const provenance source{command_line, plan.request.engine.name(), opt.config};
  if (!opt.out.empty())
    write_atomically(opt.out, [&](std::ostream& out) {
      if (opt.format == "csv") return write_fast_forward_csv(out, run);
      write_json_document(out, fast_forward_json(run, plan, p, source));
    });
  if (opt.quiet) return exit_code::ok;
  const limit_search& s = run.search;
  fmt::print("{} tokens in R^{}, alpha = {}, engine {}, {} layers by fast-forward\n", p.size(), p.dimension(),
             to_string(p.alpha), plan.request.engine.name(), plan.request.depth);
  fmt::print("{} certificate at K* = {}: layers 0..{} iterated, later layers from its closed form{}\n",
             to_string(*s.certificate.kind), s.K(), std::min(s.K(), plan.request.depth),
             run.rounding_bound ? fmt::format(" (every coordinate within {:.3g} of the exact layer)", *run.rounding_bound)
                                : " (exact)");
  fmt::print("layers kept: {}; leaders from K* on: {{{}}}\n", run.layers.size(), fmt::join(run.layers.back().leaders, ", "));
  return exit_code::ok;
}

bool fast_forward_wanted(const simulate_options& opt, const problem& p) {
  if (opt.fast_forward == "on") return true;
  if (opt.fast_forward == "off") return false;
  const long requested = opt.layers ? *opt.layers : p.layers ? static_cast<long>(*p.layers) : 0;
  return requested > max_layers_ever;
}

int run_simulate(const simulate_options& opt, const std::string& command_line) {
  simulation_request request;
  request.engine = parse_engine(opt.engine);
  const problem p = read_problem(opt.config);
  if (!opt.tie_tolerance.empty())
    request.tie_tolerance = parse_number(nlohmann::json(opt.tie_tolerance), "--tie-tolerance", "value");
  const bool fast_forward = fast_forward_wanted(opt, p);
  if (!fast_forward && opt.format == "csv" && (opt.every || !opt.at.empty()))
    throw CLI::ValidationError("--every/--at", "select layers of JSON output or of a fast-forward run; use --format json");
  request.depth = run_depth(p, opt.layers, opt.config, opt.limits, fast_forward ? max_fast_forward_layers : max_layers_ever);
  request.attention = opt.attention;
  request.growth = {opt.max_bits, opt.max_memory_mb * 1000000};
  request.max_memory_mb = opt.max_memory_mb;
  if (fast_forward) request.max_memory_mb = 0;  // only the kept layers are held
  const simulation_plan plan = plan_simulation(p, opt.config, std::move(request));
  if (fast_forward) return run_fast_forward_simulate(opt, p, plan, command_line);
  return with_engine(plan.request.engine, run{opt, p, plan, command_line});
}

}  // namespace

void add_simulate_command(CLI::App& app, const std::string& command_line) {
  auto opt = std::make_shared<simulate_options>();
  CLI::App* cmd = app.add_subcommand("simulate", "Run the layer map M4 (or M5/M6 as the file says) and write the trajectory");
  cmd->add_option("--config", opt->config, "Configuration file (JSON, docs/FORMAT.md)")->required();
  cmd->add_option("--engine", opt->engine, "exact | double | mpfr:BITS | certified")->capture_default_str();
  cmd->add_option("--layers", opt->layers,
                  "Number of layers K (overrides the file's \"layers\"); above 1000000 only by --fast-forward")
      ->check(CLI::Range(0L, max_fast_forward_layers));
  cmd->add_option("--fast-forward", opt->fast_forward,
                  "Layers past K* from the L6 certificate's closed form instead of iterating: auto (when --layers "
                  "exceeds 1000000), on, off")
      ->check(CLI::IsMember({"auto", "on", "off"}))
      ->capture_default_str();
  cmd->add_option("--max-layers", opt->max_layers, "Fast-forward: layer budget of the exact search for K*")
      ->check(CLI::Range(0L, 1000000L))
      ->capture_default_str();
  cmd->add_option("--every", opt->every, "Write only layers 0, E, 2E, ... and the last")->check(CLI::PositiveNumber);
  cmd->add_option("--at", opt->at, "Write only these layers (and the last); repeatable or comma-separated")
      ->delimiter(',')
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--out", opt->out, "Write the trajectory (layers 0..K) to this file, atomically");
  cmd->add_option("--format", opt->format, "Output format")->check(CLI::IsMember({"json", "csv"}))->capture_default_str();
  cmd->add_option("--tie-tolerance", opt->tie_tolerance,
                  "Floating engines: also attend to j with s_ij >= max - REL*|max| (off: exact ties, the paper's rule)");
  cmd->add_flag("--quiet", opt->quiet, "Print nothing on success");
  cmd->add_option("--attention", opt->attention,
                  "How attention sets are found: pairs (all scores; for double, rounded scores, bit-identical to "
                  "mpfr:53), hull (d = 2: convex hull, exact decisions on the stored coordinates), auto (hull for the "
                  "exact and double engines in the plane, else pairs)")
      ->check(CLI::IsMember({"auto", "hull", "pairs"}))
      ->capture_default_str();
  cmd->add_option("--max-bits", opt->max_bits, "Exact engine: stop if a coordinate needs more bits (0: no limit)")
      ->capture_default_str();
  cmd->add_option("--max-memory", opt->max_memory_mb,
                  "Trajectory memory in MB: the exact engine stops when its numbers exceed it; a floating run whose "
                  "estimate exceeds it is refused before it starts (0: no limit)")
      ->capture_default_str();
  add_run_limit_options(cmd, opt->limits);
  on_run(cmd, [opt, command_line] { return run_simulate(*opt, command_line); });
}

}  // namespace hardmax
