#include "apps/limit_command.hpp"

#include "apps/exit_codes.hpp"
#include "apps/interruption.hpp"
#include "apps/run_limits.hpp"
#include "io/atomic_file.hpp"
#include "io/config_file.hpp"
#include "io/json_layout.hpp"
#include "io/point_text.hpp"
#include "io/provenance.hpp"
#include "io/trajectory_output.hpp"
#include "proofs-check/limit_search.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <unistd.h>

#include <iostream>
#include <memory>

namespace hardmax {
namespace {

struct limit_options {
  std::string config;
  long max_layers = 200;
  bool json = false;
  std::string out;
  run_limits limits;
};

nlohmann::json limit_json(const limit_search& s, const provenance& source, index max_layers) {
  nlohmann::json doc = source.to_json();
  doc["certified"] = s.certified;
  doc["max_layers"] = max_layers;
  if (!s.certified) {
    doc["layers_examined"] = s.layers_tried;
    doc["last_failure"] = {{"layer", s.certificate.layer}, {"condition", std::string(1, s.certificate.failure->condition)},
                           {"token", s.certificate.failure->token}, {"description", s.certificate.failure->describe()}};
    return doc;
  }
  doc["K"] = s.K();
  doc["limit"] = to_json(s.limit());
  nlohmann::json clusters = nlohmann::json::array();
  for (const cluster& c : s.clusters)
    clusters.push_back({{"point", to_json(s.limit())[static_cast<std::size_t>(c.representative)]},
                        {"members", c.members},
                        {"leader", c.holds_leader},
                        {"face", s.certificate.pattern[static_cast<std::size_t>(c.representative)]}});
  doc["clusters"] = clusters;
  doc["clustered_equilibrium"] = s.is_clustered_equilibrium();
  doc["certificate"] = {{"ties_checked", s.certificate.ties_checked},
                        {"quadratics_checked", s.certificate.quadratics_checked},
                        {"zero_at_zero", s.certificate.zero_at_zero},
                        {"interior_vertices", s.certificate.interior_vertices},
                        {"pattern", s.certificate.pattern}};
  return doc;
}

void print_limit(const limit_search& s, const std::string& config, index max_layers) {
  if (!s.certified) {
    fmt::print("{}: NOT certified: no L6 certificate in layers 0..{} (budget --max-layers {}).\n", config,
               s.layers_tried - 1, max_layers);
    fmt::print("The condition that failed last, at layer {}: {}\n", s.certificate.layer, s.certificate.failure->describe());
    return;
  }
  fmt::print("{}: certified at K* = {} (L6): the attention pattern of layer {} never changes again.\n", config, s.K(), s.K());
  fmt::print("exact limit Z* (tokens numbered from 0):\n");
  for (index i = 0; i < s.limit().rows(); ++i) fmt::print("  {:>3}  {}\n", i, point_text(s.limit(), i));
  fmt::print("clusters:\n");
  for (const cluster& c : s.clusters)
    fmt::print("  {}  tokens {{{}}}  {}\n", point_text(s.limit(), c.representative), fmt::join(c.members, ", "),
               c.holds_leader ? "leader" : "not a leader (a mean of leaders on a common face)");
  if (const auto& v = s.equilibrium_violation)
    fmt::print("FINDING: Z* is not a clustered equilibrium (D4, THEORY.md L5): limit token {} at {} attends at Z* to\n"
               "tokens {{{}}}, whose mean is {}. M4 is discontinuous at Z*, so its limit need not be a fixed point\n"
               "(docs/THEOREMS.md).\n",
               v->token, point_text(s.limit(), v->token), fmt::join(v->attention, ", "),
               point_text(point(v->mean), 0));
  else
    fmt::print("Z* is a clustered equilibrium (D4, L5).\n");
}

int run_limit(const limit_options& opt, const std::string& command_line) {
  const problem p = read_problem(opt.config);
  if (p.tau || p.V)
    throw input_error(opt.config, p.tau ? "tau" : "V",
                      "L6 is stated for hardmax M4 with V = I; the softmax variant and value matrices have no certificate");
  require_within(p, opt.limits, opt.config);
  const bool show_progress = !opt.json && ::isatty(STDERR_FILENO);
  const limit_search s = find_limit(model_of<rational>(p), {p.Z0}, opt.max_layers, [&](index k) {
    if (show_progress) fmt::print(stderr, "\rexamining layer {}", k);
    stop_if_interrupted();
  });
  if (show_progress) fmt::print(stderr, "\n");
  const provenance source{command_line, "exact", opt.config};
  if (!opt.out.empty())
    write_atomically(opt.out, [&](std::ostream& out) { write_json_document(out, limit_json(s, source, opt.max_layers)); });
  if (opt.json)
    write_json_document(std::cout, limit_json(s, source, opt.max_layers));
  else
    print_limit(s, opt.config, opt.max_layers);
  return s.certified ? exit_code::ok : exit_code::claim_failed;
}

}  // namespace

void add_limit_command(CLI::App& app, const std::string& command_line) {
  auto opt = std::make_shared<limit_options>();
  CLI::App* cmd = app.add_subcommand("limit", "Find K* and the exact limit configuration with its clusters (L6, L5)");
  cmd->add_option("--config", opt->config, "Configuration file (JSON, docs/FORMAT.md)")->required();
  cmd->add_option("--max-layers", opt->max_layers, "Layer budget: examine layers 0..N for a certificate")
      ->check(CLI::Range(0L, 1000000L))
      ->capture_default_str();
  add_run_limit_options(cmd, opt->limits);
  cmd->add_flag("--json", opt->json, "Print JSON instead of text");
  cmd->add_option("--out", opt->out, "Also write the JSON to this file, atomically");
  cmd->footer("Exit status: 0 certified; 1 no certificate within the budget (a finding: the last failing condition\n"
              "is printed); 2 bad input. Always exact: rational arithmetic, ties by exact equality.");
  on_run(cmd, [opt, command_line] { return run_limit(*opt, command_line); });
}

}  // namespace hardmax
