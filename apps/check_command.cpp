#include "apps/check_command.hpp"

#include "apps/exit_codes.hpp"
#include "apps/run_limits.hpp"
#include "io/atomic_file.hpp"
#include "io/json_layout.hpp"
#include "io/provenance.hpp"
#include "proofs-check/check_report.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>

namespace hardmax {
namespace {

struct check_options {
  std::string config;
  std::string engine = "exact";
  std::optional<long> layers;
  long max_layers = 200;
  bool json = false;
  std::string out;
  run_limits limits;
  limit_search_limits search;
};

int exit_status(check_status status) {
  switch (status) {
    case check_status::all_hold: return exit_code::ok;
    case check_status::precision_finding: return exit_code::precision_finding;
    case check_status::claim_failed: break;
  }
  return exit_code::claim_failed;
}

void print_table(const std::vector<claim_row>& rows, const provenance& source, index depth) {
  fmt::print("hardmax check: {} with engine {}, {} layers (claims as numbered in THEORY.md)\n\n", source.config,
             source.engine, depth);
  fmt::print("{:<6}{:<19}{}\n", "claim", "verdict", "evidence");
  for (const claim_row& r : rows) {
    fmt::print("{:<6}{:<19}{}\n", r.claim, to_string(r.outcome), r.summary);
    if (!r.witness.empty()) fmt::print("{:<25}witness: {}\n", "", r.witness);
  }
}

int run_check(const check_options& opt, const std::string& command_line) {
  const engine_spec engine = parse_engine(opt.engine);
  const problem p = read_problem(opt.config);
  const index depth = run_depth(p, opt.layers, opt.config, opt.limits);
  const general_options options = opt.search.options();
  const check_report report = check_configuration(p, opt.config, engine, depth, opt.max_layers, options);
  const provenance source{command_line, engine.name(), opt.config};
  if (!opt.out.empty())
    write_atomically(opt.out, [&](std::ostream& out) { write_json_document(out, check_json(report, source)); });
  if (opt.json)
    write_json_document(std::cout, check_json(report, source));
  else
    print_table(report.rows, source, depth);
  return exit_status(report.status);
}

}  // namespace

void add_check_command(CLI::App& app, const std::string& command_line) {
  auto opt = std::make_shared<check_options>();
  CLI::App* cmd = app.add_subcommand("check", "Check every claim of THEORY.md (L1-L6) on a configuration, with evidence");
  cmd->add_option("--config", opt->config, "Configuration file (JSON, docs/FORMAT.md)")->required();
  cmd->add_option("--engine", opt->engine, "exact | double | mpfr:BITS | certified: the engine whose trajectory is checked")
      ->capture_default_str();
  cmd->add_option("--layers", opt->layers, "Number of layers K (overrides the file's \"layers\")")
      ->check(CLI::Range(0L, 1000000L));
  cmd->add_option("--max-layers", opt->max_layers, "Layer budget for the L6 certificate")
      ->check(CLI::Range(0L, 1000000L))
      ->capture_default_str();
  add_limit_search_options(cmd, opt->search);
  add_run_limit_options(cmd, opt->limits);
  cmd->add_flag("--json", opt->json, "Print the report as JSON instead of a table");
  cmd->add_option("--out", opt->out, "Also write the JSON report to this file, atomically");
  cmd->footer(
      "Exit status: 0 every claim holds; 1 a claim fails or L6 is not certified within the budget; 2 bad input;\n"
      "4 a floating engine's trajectory violates a claim that the exact trajectory satisfies (a precision finding);\n"
      "5 an exact layer of the L6 search exceeds --max-bits or --max-memory. D4 at the limit is information, never\n"
      "a failure of L5 (THEORY.md L5).");
  on_run(cmd, [opt, command_line] { return run_check(*opt, command_line); });
}

}  // namespace hardmax
